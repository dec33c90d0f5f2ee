"""The key sheet (`?` or F1, on every screen): the keys of the screen it was opened from, in
the UI's language, and on screens that show verdict symbols what they mean. Textual's own
key panel is English and generic."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...i18n import tr

#: Key names as a Swedish keyboard user reads them.
NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "space": "Mellanslag",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "delete": "Del",
    "home": "Home",
    "end": "End",
    "question_mark": "?",
    "slash": "/",
}


def key_name(key: str) -> str:
    if key.startswith("ctrl+"):
        return "Ctrl+" + key_name(key[5:]).upper()
    return NAMES.get(key, key.upper() if key.startswith("f") and key[1:].isdigit() else key)


class KeysScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,enter,f1,question_mark", "close", tr("key.back"))]

    def __init__(
        self, keys: list[tuple[str, str]], legend: tuple[tuple[str, str], ...] = ()
    ) -> None:
        super().__init__()
        self.keys = keys
        self.legend = legend

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in self.keys:
            table.add_row(key, what)
        with VerticalScroll(id="keys-box", classes="dialog"):
            yield Static(tr("keys.heading"), classes="heading")
            yield Static(table, id="keys-table")
            if self.legend:
                legend = Table.grid(padding=(0, 2))
                legend.add_column(style="bold", no_wrap=True)
                legend.add_column()
                for mark, meaning in self.legend:
                    legend.add_row(mark, meaning)
                yield Static(Text("\n" + tr("view.legend"), style="bold"))
                yield Static(legend, id="keys-legend")
            yield Static(tr("keys.close"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
