"""The verdict: outcome in plain words, firmness, reasons for and against each outcome with
their sources, stops, legal flags, open points and next steps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...assessment import Assessment
from ...checklist import SCORED_OUTCOMES
from ...engine import Verdict
from ...i18n import tr
from ..widgets.verdict_panel import verdict_summary


class ResultScreen(Screen[None]):
    BINDINGS = [
        Binding("g", "app.review", tr("q.review")),
        Binding("escape", "back", tr("key.back")),
    ]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment
        self.shown_outcome: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="result-scroll"):
            yield Static(id="result-outcome")
            yield Static(id="result-body")
        yield Footer()

    def on_mount(self) -> None:
        self.render_verdict()

    def on_screen_resume(self) -> None:
        self.render_verdict()

    def render_verdict(self) -> None:
        a = self.assessment
        v = a.verdict
        c = a.checklist
        head = Text(
            tr("result.outcome", label=c.outcome(v.outcome).label) + "\n", style="bold reverse"
        )
        head.append_text(verdict_summary(c, v))
        if self.shown_outcome is not None and self.shown_outcome != v.outcome.value:
            head.append(
                tr(
                    "result.changed",
                    before=c.outcome(self.shown_outcome).label,
                    after=c.outcome(v.outcome).label,
                )
                + "\n",
                style="bold",
            )
        head.append(tr("result.question_count", answered=a.answered_count, total=len(a.applicable)))
        self.shown_outcome = v.outcome.value
        self.query_one("#result-outcome", Static).update(head)
        self.query_one("#result-body", Static).update(self.body(a, v))

    @staticmethod
    def body(a: Assessment, v: Verdict) -> Text:
        c = a.checklist
        out = Text()

        def heading(title: str) -> None:
            out.append("\n" + title + "\n", style="bold underline")

        out.append("\n" + c.outcome(v.outcome).explanation + "\n")
        if v.stops:
            heading(tr("verdict.stops"))
            for s in v.stops:
                rule = tr("rule." + s.rule, outcome=c.outcome(s.outcome).label)
                out.append(f"⛔ {rule}: ", style="bold")
                out.append(
                    f"{s.text}\n   [{s.question_id}] {s.question} "
                    f"({tr('result.source')}: {', '.join(x.upper() for x in s.sources)})\n"
                )
        if v.flags:
            heading(tr("verdict.flags"))
            for f in v.flags:
                out.append(f"⚖ {f.text}\n   [{f.question_id}] {f.question}\n")
        for o in SCORED_OUTCOMES:
            label = c.outcome(o).label
            for title, items in (
                (tr("verdict.for", outcome=label), v.reasons_for(o)),
                (tr("verdict.against", outcome=label), v.reasons_against(o)),
            ):
                if not items:
                    continue
                heading(title)
                for r in items:
                    out.append(f"{r.weight:+d} ", style="bold")
                    out.append(
                        f"{r.text}\n   [{r.question_id}] {r.question} "
                        f"({tr('result.source')}: "
                        f"{', '.join(x.upper() for x in r.sources)})\n"
                    )
        if not v.reasons and not v.stops:
            out.append("\n" + tr("verdict.no_reasons") + "\n")
        if v.open_questions:
            heading(tr("verdict.open"))
            for q in v.open_questions:
                mark = "!" if q.critical else "·"
                out.append(f"{mark} [{q.question_id}] ({tr('status.' + q.status)}) {q.question}\n")
        heading(tr("verdict.next_steps"))
        for i, step in enumerate(c.outcome(v.outcome).next_steps, 1):
            out.append(f"{i}. {step}\n")
        out.append("\n" + tr("verdict.disclaimer") + "\n", style="italic")
        return out

    def action_back(self) -> None:
        self.app.pop_screen()
