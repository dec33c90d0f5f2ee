"""Receive an organisation's hand-off (issue 14) without leaving the app: asks for the path
of the session file the organisation sent. Dismisses with that path, or None."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...i18n import tr


class ReceiveScreen(ModalScreen[Path | None]):
    AUTO_FOCUS = "Input"
    BINDINGS = [Binding("escape", "cancel", tr("meta.cancel"))]

    def compose(self) -> ComposeResult:
        with Vertical(id="receive-box", classes="dialog"):
            yield Static(tr("receive.heading"), classes="heading")
            yield Static(tr("receive.body"), id="receive-body")
            yield Label(tr("receive.path"))
            yield Input(id="receive-path", compact=True, placeholder="…-till-kommunen.toml")
            yield Static("", id="receive-error")
            with Horizontal(classes="buttons"):
                yield Button(tr("receive.ok"), variant="primary", id="ok")
                yield Button(tr("meta.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        text = self.query_one("#receive-path", Input).value.strip().strip("'\"")
        if not text:
            self.query_one("#receive-error", Static).update(tr("receive.empty"))
            return
        self.dismiss(Path(text).expanduser())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
