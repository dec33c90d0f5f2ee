"""The open assessment's answers judged under every installed checklist, side by side
(the same table as `iop-tui compare SESSION --checklists ...`); and two saved sessions side
by side (`iop-tui compare A.toml B.toml`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
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
    from ...compare import Comparison


class CompareScreen(AppScreen[None]):
    BINDINGS = [Binding("escape", "app.back", tr("key.back"))]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment

    def compose(self) -> ComposeResult:
        from ... import catalog
        from ...compare import compare_checklists, format_comparison

        a = self.assessment
        # Only checklists that judge into the same outcomes: a follow-up and a first
        # assessment answer different questions.
        others = [
            c
            for c in catalog.installed().values()
            if c.id != a.checklist.id and c.outcome_ids == a.checklist.outcome_ids
        ]
        result = compare_checklists(a.session.answers, [a.checklist, *others])
        yield TitleBar()
        with VerticalScroll(id="compare-scroll"):
            yield Static(tr("compare.heading"), classes="heading")
            yield Static(Text(format_comparison(result)), id="compare-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compare-scroll").focus()


class SessionCompareScreen(AppScreen[None]):
    """Two saved sessions side by side (as `iop-tui compare A.toml B.toml`): both verdicts
    on top, then every question either asks, the rows whose answers differ highlighted."""

    BINDINGS = [Binding("escape", "app.back", tr("key.back"))]

    def __init__(self, comparison: Comparison, names: tuple[str, str]) -> None:
        super().__init__()
        self.comparison = comparison
        self.names = names

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="compare-scroll"):
            yield Static(tr("compare.sessions_heading"), classes="heading")
            yield Static(self._verdicts(), id="compare-verdicts")
            yield Static(self._table(), id="compare-body")
            yield Static(tr("compare.sessions_legend"), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#compare-scroll").focus()

    def _verdicts(self) -> Text:
        cmp = self.comparison
        text = Text()
        for name, col in zip(self.names, cmp.columns, strict=True):
            text.append(f"{name}: ", style="bold")
            text.append(col.label)
            text.append(f"  ({col.checklist.id})\n", style="dim")
        differing = sum(1 for r in cmp.rows if r.differs)
        key = "compare.sessions_differ" if cmp.verdicts_differ else "compare.same"
        text.append(tr(key) + " " + tr("compare.sessions_count", n=differing), style="italic")
        return text

    def _table(self) -> Table:
        table = Table(expand=True, box=None, pad_edge=False, show_edge=False)
        table.add_column("", width=1, no_wrap=True)
        for name in self.names:
            table.add_column(name, ratio=1, max_width=18, overflow="ellipsis", no_wrap=True)
        table.add_column(tr("compare.question"), ratio=4)
        for row in self.comparison.rows:
            style = "reverse" if row.differs else ""
            table.add_row("≠" if row.differs else "", *row.cells, row.text, style=style)
        return table
