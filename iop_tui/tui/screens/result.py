"""The verdict: outcome in plain words, firmness, reasons for and against each outcome with
their sources, stops, legal flags, open points and next steps."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ...assessment import Assessment
from ...checklist import SCORED_OUTCOMES, Checklist
from ...engine import Verdict
from ...i18n import tr
from ..widgets.title_bar import TitleBar
from ..widgets.verdict_panel import verdict_summary
from .base import AppScreen


def _sources(ids: tuple[str, ...]) -> str:
    return f"({tr('result.source')}: {', '.join(ids)})" if ids else ""


class _Items:
    """Collects headed lists of items whose wrapped lines stay indented under their mark."""

    def __init__(self) -> None:
        self.parts: list[RenderableType] = []

    def heading(self, title: str) -> None:
        self.parts.append(Text("\n" + title, style="bold underline"))

    def text(self, text: str, style: str = "") -> None:
        self.parts.append(Text(text, style=style))

    def item(self, mark: str, body: Text) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, justify="right")
        grid.add_column(ratio=1)
        grid.add_row(Text(mark, style="bold"), body)
        self.parts.append(grid)


def _entry(lead: str, qid: str, question: str, sources: tuple[str, ...]) -> Text:
    body = Text(lead + "\n", style="bold")
    body.append(f"[{qid}] {question} ", style="")
    body.append(_sources(sources), style="italic")
    return body


def verdict_details(c: Checklist, v: Verdict) -> Group:
    """Everything below the headline; also used for the live review of changes."""
    out = _Items()
    out.text("\n" + c.outcome(v.outcome).explanation)
    if v.settle:
        out.heading(tr("verdict.settle_heading"))
        for qid in v.settle:
            out.item("?", Text(f"[{qid}] {c.question(qid).text}"))
    if v.stops:
        out.heading(tr("verdict.stops"))
        for s in v.stops:
            rule = tr("rule." + s.rule, outcome=c.outcome(s.outcome).label)
            out.item("⛔", _entry(f"{rule}: {s.text}", s.question_id, s.question, s.sources))
    if v.flags:
        out.heading(tr("verdict.flags"))
        for f in v.flags:
            out.item("⚖", _entry(f.text, f.question_id, f.question, f.sources))
    for o in SCORED_OUTCOMES:
        label = c.outcome(o).label
        for title, items in (
            (tr("verdict.for", outcome=label), v.reasons_for(o)),
            (tr("verdict.against", outcome=label), v.reasons_against(o)),
        ):
            if items:
                out.heading(title)
                for r in items:
                    out.item(f"{r.weight:+d}", _entry(r.text, r.question_id, r.question, r.sources))
    if not v.reasons and not v.stops:
        out.text("\n" + tr("verdict.no_reasons"))
    if v.open_questions:
        out.heading(tr("verdict.open"))
        for q in v.open_questions:
            body = Text(f"[{q.question_id}] ({tr('status.' + q.status)}) {q.question}")
            out.item("!" if q.critical else "·", body)
    out.heading(tr("verdict.next_steps"))
    for i, step in enumerate(c.outcome(v.outcome).next_steps, 1):
        out.item(f"{i}.", Text(step))
    out.text("\n" + tr("verdict.disclaimer"), style="italic")
    return Group(*out.parts)


class ResultScreen(AppScreen[None]):
    BINDINGS = [
        Binding("e", "export", tr("result.export")),
        Binding("g", "app.review", tr("q.review")),
        Binding("escape", "back", tr("key.back")),
    ]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment
        self.shown_outcome: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="result-scroll"):
            yield Static(id="result-outcome")
            yield Static(id="result-exported", classes="hint")
            yield Static(id="result-body")
        yield Footer()

    def on_mount(self) -> None:
        self.render_verdict()
        self.query_one("#result-scroll").focus()  # arrow keys and PgDn scroll at once

    def on_screen_resume(self) -> None:
        self.render_verdict()

    def render_verdict(self) -> None:
        a = self.assessment
        v = a.verdict
        c = a.checklist
        head = verdict_summary(c, v, label_style="bold reverse", brief=True)
        if self.shown_outcome is not None and self.shown_outcome != v.outcome.value:
            before, after = c.outcome(self.shown_outcome).label, c.outcome(v.outcome).label
            head.append(tr("result.changed", before=before, after=after) + "\n", style="bold")
        head.append(tr("result.question_count", answered=a.answered_count, total=len(a.applicable)))
        self.shown_outcome = v.outcome.value
        self.query_one("#result-outcome", Static).update(head)
        self.query_one("#result-body", Static).update(verdict_details(c, v))

    def action_export(self) -> None:
        path = self.app.action_export("html")
        if path is not None:
            # Stays on screen (a notification fades): the officer needs the path to attach it.
            self.query_one("#result-exported", Static).update(
                Text(tr("msg.exported", path=path), style="bold")
            )

    def action_back(self) -> None:
        self.app.go_back()
