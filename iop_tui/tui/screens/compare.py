"""The open assessment's answers judged under every installed checklist, side by side
(the same table as `iop-tui compare SESSION --checklists ...`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ...i18n import tr
from ..widgets.title_bar import TitleBar
from .base import AppScreen

if TYPE_CHECKING:
    from ...assessment import Assessment


class CompareScreen(AppScreen[None]):
    BINDINGS = [Binding("escape", "app.back", tr("key.back"))]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment

    def compose(self) -> ComposeResult:
        from ... import catalog
        from ...compare import compare_checklists, format_comparison

        a = self.assessment
        others = [c for c in catalog.installed().values() if c.id != a.checklist.id]
        result = compare_checklists(a.session.answers, [a.checklist, *others])
        yield TitleBar()
        with VerticalScroll(id="compare-scroll"):
            yield Static(tr("compare.heading"), classes="heading")
            yield Static(Text(format_comparison(result)), id="compare-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compare-scroll").focus()
