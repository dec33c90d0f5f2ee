"""Asked when a save would overwrite a session file that changed on disk since it was read
(another program, another app instance, a colleague on a shared drive)."""

from __future__ import annotations

from typing import Literal

from textual.binding import Binding

from ...i18n import tr
from .confirm import ChoiceScreen

Choice = Literal["overwrite", "copy", "cancel"]


class ConflictScreen(ChoiceScreen):
    """Dismisses with a Choice."""

    BINDINGS = [
        Binding("s", "choose('overwrite')", tr("conflict.overwrite")),
        Binding("k", "choose('copy')", tr("conflict.copy")),
        Binding("escape,a", "choose('cancel')", tr("conflict.cancel")),
    ]
    BOX_ID = "conflict-box"
    HEADING = tr("conflict.heading")
    CHOICES = (
        ("copy", tr("conflict.copy"), "k", "primary"),
        ("overwrite", tr("conflict.overwrite"), "s", "error"),
        ("cancel", tr("conflict.cancel"), "a", "default"),
    )

    def __init__(self, path: str, *, deleted: bool = False) -> None:
        super().__init__()
        self.path = path
        self.deleted = deleted
        if deleted:
            # Gone, not changed: say so, and "overwrite" would bring the file back.
            self.HEADING = tr("conflict.deleted_heading")
            self.CHOICES = (
                ("copy", tr("conflict.copy"), "k", "primary"),
                ("overwrite", tr("conflict.restore"), "s", "warning"),
                ("cancel", tr("conflict.cancel"), "a", "default"),
            )

    def body(self) -> str:
        return tr("conflict.deleted_body" if self.deleted else "conflict.body", path=self.path)
