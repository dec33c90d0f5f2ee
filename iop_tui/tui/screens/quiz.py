"""Quiz for a workshop: the example cases without their answer ("(förväntat: …)" is cut from
the title). The trainer opens a case, the room votes, then `v` reveals the verdict and the
factors that decided it. Nothing is opened or saved: the shipped examples are only read."""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ... import catalog, store
from ...errors import IopError
from ...i18n import tr
from ..widgets.title_bar import TitleBar
from .base import AppScreen

#: The answer the example's author put in its title, e.g. "(förväntat: oklart, juridisk
#: prövning)"; "expected" too, for an English example.
_EXPECTED = re.compile(r"\s*\((?:förväntat|expected):[^)]*\)", re.IGNORECASE)


def quiz_title(title: str) -> str:
    """The title without the answer in it."""
    return _EXPECTED.sub("", title).strip()


class QuizScreen(AppScreen[None]):
    BINDINGS = [
        Binding("v,space", "reveal", tr("quiz.reveal")),
        Binding("escape", "back", tr("key.back")),
    ]

    def __init__(self) -> None:
        super().__init__(id="quiz-screen")
        self.case: Path | None = None
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(tr("quiz.heading"), classes="heading")
        yield Static(tr("quiz.hint"), id="quiz-hint", classes="hint")
        options = []
        for n, path in enumerate(catalog.examples(), 1):
            try:
                title = quiz_title(store.load(path).meta.title) or path.stem
            except IopError as exc:
                title = str(exc)
            options.append(Option(Text(f"{n}. {title}"), id=str(path)))
        yield OptionList(*options, id="quiz-list")
        with VerticalScroll(id="quiz-case"):
            yield Static(id="quiz-facts")
            yield Static(id="quiz-answer")
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self.case is not None and not self.revealed
        return True

    @on(OptionList.OptionSelected, "#quiz-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self.show_case(Path(event.option_id))

    def show_case(self, path: Path) -> None:
        try:
            session = store.load(path)
            checklist = catalog.for_session(session.checklist, path)
        except IopError as exc:
            self.app.notify(tr("msg.open_failed", error=exc), severity="error", timeout=8)
            return
        self.case, self.revealed = path, False
        facts = Text()
        facts.append(quiz_title(session.meta.title) + "\n", style="bold")
        if session.meta.organisation:
            facts.append(tr("quiz.organisation", name=session.meta.organisation) + "\n")
        facts.append("\n" + tr("quiz.facts") + "\n", style="bold underline")
        notes = Table.grid(padding=(0, 1))
        notes.add_column(width=2)
        notes.add_column(ratio=1)
        # The motiveringar, in the checklist's order: the case as the assessor saw it.
        for q in checklist.questions:
            note = session.notes.get(q.id, "").strip()
            if note:
                notes.add_row("•", Text(note))
        self.query_one("#quiz-facts", Static).update(Group(facts, notes))
        self.query_one("#quiz-answer", Static).update(Text("\n" + tr("quiz.vote"), "bold"))
        self.add_class("showing")
        self.query_one("#quiz-case", VerticalScroll).scroll_home(animate=False)
        self.query_one("#quiz-case").focus()
        self.refresh_bindings()

    def action_reveal(self) -> None:
        from ...verdict_view import build_view

        if self.case is None or self.revealed:
            return
        session = store.load(self.case)
        checklist = catalog.for_session(session.checklist, self.case)
        view = build_view(checklist, session.answers)
        out = Text()
        out.append("\n" + tr("quiz.answer"), style="bold underline")
        out.append("\n")
        out.append(f" {view.headline} ", style="bold reverse")
        out.append("\n" + view.firmness)
        if view.lean:
            out.append("\n" + view.lean, style="bold")
        why = Table.grid(padding=(0, 1))
        why.add_column(width=4, justify="right")
        why.add_column(ratio=1)
        for f in view.decisive:
            why.add_row(Text(f.mark, style="bold"), Text(f.text))
        heading = Text("\n" + tr("quiz.why"), style="bold underline")
        answer = self.query_one("#quiz-answer", Static)
        answer.update(Group(out, heading, why))
        # The answer at the top of the view: a case with many facts would hide it below.
        self.call_after_refresh(
            self.query_one("#quiz-case", VerticalScroll).scroll_to_widget,
            answer,
            top=True,
            animate=False,
        )
        self.revealed = True
        self.refresh_bindings()

    def action_back(self) -> None:
        if self.case is not None:
            # Back to the list, on the case just shown: ↓ Enter is the next one.
            self.case, self.revealed = None, False
            self.remove_class("showing")
            self.query_one("#quiz-list", OptionList).focus()
            self.refresh_bindings()
            return
        self.app.go_back()
