"""The verdict, as the core's verdict view gives it: the outcome and how firm it is, what
decides it, the open questions that matter most, what would change it, the next steps; then
every reason per form and a legend. Keys 1–9 preview one "what would change" option (the new
verdict at once, nothing saved); Esc goes back to the real one."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from ...assessment import Assessment
from ...engine import apply_changes
from ...i18n import tr
from ...verdict_view import MAX_OPEN, ChangeOption, VerdictView, build_view
from ..widgets.title_bar import TitleBar
from .base import AppScreen


class _Items:
    """Collects headed lists of items whose wrapped lines stay indented under their mark."""

    def __init__(self) -> None:
        self.parts: list[RenderableType] = []

    def heading(self, title: str) -> None:
        self.parts.append(Text("\n" + title, style="bold underline"))

    def text(self, text: str, style: str = "") -> None:
        self.parts.append(Text(text, style=style))

    def item(self, mark: str, body: Text, width: int = 5) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=width, justify="right")
        grid.add_column(ratio=1)
        grid.add_row(Text(mark, style="bold"), body)
        self.parts.append(grid)


def _asked(question: str, answer: str) -> Text:
    return Text(tr("view.asked", question=question, answer=answer), style="italic")


def _entry(text: str, question: str, answer: str) -> Text:
    body = Text(text + "\n")
    body.append_text(_asked(question, answer))
    return body


def view_head(view: VerdictView, label_style: str = "bold reverse") -> Text:
    """Outcome, firmness, why undecided, lean and progress: the top of the screen."""
    head = Text()
    head.append(f" {view.headline} ", style=label_style)
    head.append("\n" + view.firmness + "\n")
    if view.causes:
        head.append(f"{tr('verdict.why_undecided')}: " + "; ".join(view.causes) + ".\n")
    if view.lean:
        head.append(view.lean + "\n", style="bold")
    head.append(tr("view.progress", answered=view.answered, total=view.applicable))
    return head


def _org_part(out: _Items, view: VerdictView) -> None:
    """The organisation's own check: what the kommun's answers could change, the questions
    to bring, what to prepare and whom to contact."""
    if view.depends:
        out.text("\n" + view.depends, style="bold")
    if view.ask_kommun:
        out.heading(tr("org.questions_intro"))
        for p in view.ask_kommun:
            body = Text(p.question + " ")
            body.append(f"({p.status})", style="italic")
            if p.effect:
                body.append(" " + p.effect, style="bold")
            out.item(p.mark, body)
    out.heading(tr("org.prepare_heading"))
    for item in view.prepare:
        out.item("–", Text(item))
    out.heading(tr("org.contact_heading"))
    for line in view.contact:
        out.item("", Text(line))


def view_body(view: VerdictView, options: list[ChangeOption], flip_hint: bool = False) -> Group:
    """Everything below the head, in the view's order (`flip_hint`: say that `f` goes to
    these questions, before → after)."""
    out = _Items()
    if view.gates:
        out.heading(tr("view.gates"))
        for g in view.gates:
            body = Text(g.title + " ", style="bold")
            body.append(g.status)
            out.item(g.mark, body)
    out.text("\n" + view.explanation)
    if view.decisive:
        out.heading(tr("view.decisive"))
        for f in view.decisive:
            out.item(f.mark, _entry(f.text, f.question, f.answer))
    if view.open_points:
        out.heading(tr("verdict.open"))
        for p in view.open_points[:MAX_OPEN]:
            body = Text(f"{p.question} ", style="")
            body.append(f"({p.status}) ", style="italic")
            body.append(p.effect, style="bold")
            out.item(p.mark, body)
        if len(view.open_points) > MAX_OPEN:
            out.text("      " + tr("view.more_open", n=len(view.open_points) - MAX_OPEN))
    if view.changes:
        out.heading(tr("view.what_would_change"))
        for c in view.changes:
            if c.steps and c in options:
                out.item(f"[{options.index(c) + 1}]", Text(c.text))
            else:
                out.item("–", Text(c.text))
        if options:
            out.text(tr("result.preview_hint", n=len(options)), style="italic")
        if flip_hint:
            out.text(tr("result.flip_hint"), style="italic")
    out.heading(tr("verdict.next_steps"))
    for i, step in enumerate(view.next_steps, 1):
        out.item(f"{i}.", Text(step))
    if view.perspective == "organisation":
        _org_part(out, view)
    out.heading(tr("view.all_reasons"))
    for form in view.forms:
        status = f" ({form.status})" if form.status else ""
        out.text(f"\n{form.label}: {form.score:+d} {tr('report.points').lower()}{status}", "bold")
        lines = (*form.stops, *form.for_, *form.against)
        if not lines:
            out.text("      " + tr("verdict.no_reasons"))
        for r in lines:
            out.item(r.mark, _entry(r.text, r.question, r.answer))
    out.text(
        "\n" + tr("view.legend") + ": " + "; ".join(f"{m} {t}" for m, t in view.legend),
        style="dim",
    )
    out.text("\n" + view.disclaimer, style="italic")
    return Group(*out.parts)


class ResultScreen(AppScreen[None]):
    BINDINGS = [
        Binding("e", "export", tr("result.export")),
        Binding("g", "app.review", tr("q.review")),
        Binding("b", "decision", tr("cmd.decision")),
        Binding("u", "handoff", tr("cmd.handoff")),
        Binding("l", "app.glossary", tr("q.glossary"), show=False),
        # Not in the footer (full already at 100 columns): the hint under "what would change"
        # and the key sheet name it.
        Binding("f", "flip", tr("result.flip"), show=False),
        Binding("escape", "back", tr("key.back")),
        *(Binding(str(n), f"preview({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment
        self.shown_outcome: str | None = None
        self.options: list[ChangeOption] = []
        #: The option being previewed (1-based), or 0 for the real verdict.
        self.previewing = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="result-scroll"):
            yield Static(id="result-preview", classes="hint")
            yield Static(id="result-outcome")
            yield Static(id="result-exported", classes="hint")
            yield Static(id="result-body")
        yield Footer()

    def on_mount(self) -> None:
        self.render_verdict()
        self.query_one("#result-scroll").focus()  # arrow keys and PgDn scroll at once

    def on_screen_resume(self) -> None:
        self.previewing = 0
        self.render_verdict()

    def render_verdict(self) -> None:
        from ... import catalog, profile

        a = self.assessment
        c = a.checklist
        view = build_view(c, a.session.answers, a.verdict, profile=profile.current())
        # Only options that change something can be previewed ("no change gives X" cannot).
        self.options = [o for o in view.changes if o.steps][:9]
        head = view_head(view)
        if self.shown_outcome is not None and self.shown_outcome != view.outcome:
            before = (
                tr("org.label." + self.shown_outcome)
                if view.perspective == "organisation"
                else c.outcome(self.shown_outcome).label
            )
            after = view.label
            head.append("\n" + tr("result.changed", before=before, after=after), style="bold")
        self.shown_outcome = str(view.outcome)
        if profile.current().has_kommun or catalog.riktlinje_expired(c):
            head.append("\n" + "\n".join(catalog.basis_lines(c)), style="italic")
        self.query_one("#result-preview", Static).update("")
        self.query_one("#result-outcome", Static).update(head)
        flip = bool(view.changes or view.open_points)
        self.query_one("#result-body", Static).update(view_body(view, self.options, flip))

    def action_preview(self, n: int) -> None:
        """Show the verdict as it would be with option n's answers; nothing is saved."""
        if not 1 <= n <= len(self.options):
            return
        option = self.options[n - 1]
        a = self.assessment
        answers = apply_changes(a.session.answers, (s.change for s in option.steps))
        view = build_view(a.checklist, answers)
        self.previewing = n
        banner = Text(tr("result.preview_banner", change=option.text), style="bold reverse")
        self.query_one("#result-preview", Static).update(banner)
        self.query_one("#result-outcome", Static).update(view_head(view, "bold underline"))
        self.query_one("#result-body", Static).update(view_body(view, []))
        self.query_one("#result-scroll", VerticalScroll).scroll_home(animate=False)

    def action_flip(self) -> None:
        """Before → after: go to one of the questions that would change or settle the
        verdict (the one being previewed, if any), answer it, see both verdicts."""
        from .flip import FlipScreen

        start = None
        if self.previewing and self.options[self.previewing - 1].steps:
            start = self.options[self.previewing - 1].steps[0].question_id
        self.app.push_screen(FlipScreen(self.assessment, start))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The decision is the kommun's; the hand-off is the organisation's (issue 14).
        org = self.assessment.session.perspective == "organisation"
        if action == "decision":
            return not org
        if action == "handoff":
            return org
        return True

    def action_decision(self) -> None:
        self.app.action_decision()

    def action_handoff(self) -> None:
        self.app.action_handoff()

    def action_export(self) -> None:
        self.app.action_export("html")  # says where through `exported`

    def exported(self, path: Path) -> None:
        # Stays on screen (a notification fades): the officer needs the path to attach it.
        # The latest export, whatever its format (HTML by key, Markdown/JSON by palette).
        self.query_one("#result-exported", Static).update(
            Text(tr("msg.exported", path=self.app.shown_path(path)), style="bold")
        )

    def action_back(self) -> None:
        if self.previewing:
            self.previewing = 0
            self.render_verdict()
            return
        self.app.go_back()
