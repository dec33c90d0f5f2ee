"""Example cases for trainers: each opens as a fresh copy; the shipped file never changes."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ... import catalog, store
from ...errors import IopError
from ...i18n import tr
from ..widgets.title_bar import TitleBar
from .base import AppScreen


class ExamplesScreen(AppScreen[None]):
    BINDINGS = [
        Binding("escape", "back", tr("key.back")),
        Binding("q", "app.quiz", tr("quiz.key")),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(tr("examples.heading"), classes="heading")
        yield Static(tr("examples.hint"), classes="hint")
        options = []
        for path in catalog.examples():
            try:
                title = store.load(path).meta.title or path.stem
            except IopError as exc:
                title = str(exc)
            options.append(Option(Text(title), id=str(path)))
        yield OptionList(*options, id="examples-list")
        yield Footer()

    @on(OptionList.OptionSelected, "#examples-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        from pathlib import Path

        if event.option_id:
            self.app.open_example(Path(event.option_id))

    def action_back(self) -> None:
        self.app.go_back()
