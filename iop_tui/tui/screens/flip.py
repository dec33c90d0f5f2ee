"""Before → after, for a demo in front of a room: the questions that would change or settle
the verdict (from the result screen), one chosen, answered, and the verdict before and after
side by side on one screen. The answer is a real one (saved like any other); Esc goes back
to the result, which then says what changed."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...assessment import Assessment
from ...checklist import Answer
from ...i18n import tr
from ...verdict_view import VerdictView, build_view
from ..widgets.title_bar import TitleBar
from .base import AppScreen


@dataclass(frozen=True)
class Target:
    question_id: str
    #: The answer that would change the verdict, or None for an open point (any answer may
    #: settle it).
    suggested: Answer | None
    outcome_label: str
    label: str


def targets(view: VerdictView) -> list[tuple[str, list[Target]]]:
    """The items of the result screen that name a question, by section, each question once
    per suggested answer: the single answers that would change the verdict, then the open
    points."""
    seen: set[tuple[str, Answer | None]] = set()
    change: list[Target] = []
    # Only a change that alone gives the outcome: one answer of a pair does not (it may keep
    # the verdict, or give a third outcome, listed as its own single change if it does).
    for option in view.changes:
        if len(option.steps) != 1:
            continue
        for step in option.steps:
            key = (step.question_id, step.change.after)
            if key in seen:
                continue
            seen.add(key)
            label = tr(
                "flip.option_change",
                question=step.question,
                after=step.after,
                outcome=option.outcome_label,
            )
            change.append(Target(step.question_id, step.change.after, option.outcome_label, label))
    settle: list[Target] = []
    asked = {qid for qid, _ in seen}  # a question listed above, with its answer, once is enough
    for p in view.open_points:
        if p.question_id in asked:
            continue
        asked.add(p.question_id)
        label = tr("flip.option_open", question=p.question, status=p.status)
        settle.append(Target(p.question_id, None, "", f"{p.mark} {label}"))
    sections = [("flip.section_change", change), ("flip.section_settle", settle)]
    return [(tr(key), items) for key, items in sections if items]


def _verdict_cell(view: VerdictView, style: str) -> Text:
    out = Text()
    out.append(f" {view.headline} ", style=style)
    out.append("\n" + view.firmness)
    if view.lean:
        out.append("\n" + view.lean, style="bold")
    return out


class FlipScreen(AppScreen[None]):
    BINDINGS = [
        Binding("j,y", "answer('yes')", tr("q.answer_yes")),
        Binding("n", "answer('no')", tr("q.answer_no")),
        Binding("o,u", "answer('unsure')", tr("q.answer_unsure")),
        Binding("escape", "back", tr("key.back")),
    ]

    def __init__(self, assessment: Assessment, start: str | None = None) -> None:
        super().__init__()
        self.assessment = assessment
        a = assessment
        self.before = build_view(a.checklist, a.session.answers, a.verdict)
        self.sections = targets(self.before)
        self.targets = [t for _, items in self.sections for t in items]
        self._start = start

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(tr("flip.heading"), classes="heading")
        yield Static(id="flip-verdicts")
        options: list[Option] = []
        n = 0
        for heading, items in self.sections:
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            for t in items:
                options.append(Option(Text(t.label), id=str(n)))
                n += 1
        yield OptionList(*options, id="flip-targets")
        yield Static(id="flip-question")
        yield Static(tr("flip.hint"), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one("#flip-targets", OptionList)
        if self.targets:
            first = next((i for i, t in enumerate(self.targets) if t.question_id == self._start), 0)
            listing.highlighted = listing.get_option_index(str(first))
        listing.focus()
        self.render_all()

    @property
    def current(self) -> Target | None:
        listing = self.query_one("#flip-targets", OptionList)
        index = listing.highlighted
        if index is None:
            return None
        option_id = listing.get_option_at_index(index).id
        return self.targets[int(option_id)] if option_id is not None else None

    @on(OptionList.OptionHighlighted, "#flip-targets")
    def moved(self) -> None:
        self.render_question()

    @on(OptionList.OptionSelected, "#flip-targets")
    def chosen(self) -> None:
        t = self.current
        if t is not None and t.suggested is not None:
            self.action_answer(t.suggested.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":
            return self.current is not None
        return True

    def action_answer(self, value: str) -> None:
        t = self.current
        if t is None:
            return
        a = self.assessment
        self.app.guarded(lambda: a.answer(t.question_id, Answer(value)))
        self.render_all()

    def render_all(self) -> None:
        self.render_verdicts()
        self.render_question()

    def render_verdicts(self) -> None:
        a = self.assessment
        after = build_view(a.checklist, a.session.answers, a.verdict)
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(ratio=1)
        grid.add_column(width=1)
        grid.add_column(ratio=1)
        grid.add_row(
            Text(tr("flip.before"), style="bold"), Text(""), Text(tr("flip.after"), style="bold")
        )
        changed = after.outcome != self.before.outcome
        grid.add_row(
            _verdict_cell(self.before, "bold underline"),
            Text("→", style="bold"),
            _verdict_cell(after, "bold reverse" if changed else "bold underline"),
        )
        if changed:
            line = Text(
                tr("flip.changed", before=self.before.label, after=after.label), style="bold"
            )
        else:
            line = Text(tr("flip.same"), style="italic")
        parts: list[RenderableType] = [grid, Text(""), line]
        self.query_one("#flip-verdicts", Static).update(Group(*parts))

    def render_question(self) -> None:
        t = self.current
        if t is None:
            self.query_one("#flip-question", Static).update(Text(tr("flip.nothing")))
            return
        a = self.assessment
        q = a.checklist.question(t.question_id)
        current = a.answer_of(t.question_id)
        answer = tr("answer." + current.value) if current is not None else tr("answer.none")
        out = Text(q.text + "\n", style="bold")
        out.append(tr("flip.current", answer=answer))
        if t.suggested is not None:
            after = tr("answer." + t.suggested.value)
            out.append("   " + tr("flip.suggested", after=after, outcome=t.outcome_label))
        self.query_one("#flip-question", Static).update(out)
        self.refresh_bindings()

    def action_back(self) -> None:
        self.app.go_back()
