"""A modal that shows a piece of text (glossary terms, sources) and closes on Esc."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import tr


class InfoScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,enter", "close", tr("key.back")),
    ]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.heading = title
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="info-box", classes="dialog"):
            yield Static(self.heading, classes="heading")
            yield Static(self.body)
            yield Static(tr("key.back") + ": Esc", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
