"""Asked when a save would overwrite a session file that changed on disk since it was read
(another program, another app instance, a colleague on a shared drive)."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...i18n import tr

Choice = Literal["overwrite", "copy", "cancel"]


class ConflictScreen(ModalScreen[Choice]):
    BINDINGS = [
        Binding("s", "choose('overwrite')", tr("conflict.overwrite")),
        Binding("k", "choose('copy')", tr("conflict.copy")),
        Binding("escape,a", "choose('cancel')", tr("conflict.cancel")),
    ]

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-box", classes="dialog"):
            yield Static(tr("conflict.heading"), classes="heading")
            yield Static(tr("conflict.body", path=self.path), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{tr('conflict.copy')} (k)", variant="primary", id="copy")
                yield Button(f"{tr('conflict.overwrite')} (s)", variant="error", id="overwrite")
                yield Button(f"{tr('conflict.cancel')} (a)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()  # the choice that loses nothing

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)
