"""Asked before "Spara som ny fil": the copy's title (default "… (kopia)"), and which file is
open now, so that two identical rows never appear in the list and nobody works on in a copy
without knowing it. Dismisses with the new title, or None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...i18n import tr


class CopyScreen(ModalScreen[str | None]):
    AUTO_FOCUS = "Input"
    BINDINGS = [Binding("escape", "cancel", tr("meta.cancel"))]

    def __init__(self, title: str, current_file: str) -> None:
        super().__init__()
        self.default_title = tr("copy.default", title=title) if title else tr("copy.untitled")
        self.current_file = current_file

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-box", classes="dialog"):
            yield Static(tr("copy.heading"), classes="heading")
            yield Static(tr("copy.body", file=self.current_file), markup=False, id="copy-body")
            yield Label(tr("meta.title"))
            yield Input(self.default_title, id="copy-title", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(tr("copy.save"), variant="primary", id="ok")
                yield Button(tr("meta.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        title = self.query_one("#copy-title", Input).value.strip()
        self.dismiss(title or self.default_title)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
