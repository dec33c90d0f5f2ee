"""'Kontrollera dina svar': every applicable question with its answer and note; Enter jumps
to a question, and answering it comes straight back here."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...assessment import Assessment
from ...i18n import count, tr
from ...report import local_time
from ..widgets.title_bar import TitleBar
from .base import AppScreen


class ReviewScreen(AppScreen[None]):
    BINDINGS = [
        Binding("r", "app.result", tr("q.result")),
        Binding("l", "app.glossary", tr("q.glossary"), show=False),
        Binding("escape", "back", tr("key.back")),
    ]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(tr("review.heading"), classes="heading")
        yield Static(id="review-summary", classes="hint")
        yield OptionList(id="review-list")
        yield Static(tr("review.hint"), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.render_list()

    def on_screen_resume(self) -> None:
        self.render_list()

    def render_list(self) -> None:
        a = self.assessment
        total, answered = len(a.applicable), a.answered_count
        self.query_one("#review-summary", Static).update(
            Text(
                tr(
                    "review.summary",
                    total=count(total, "count.applies"),
                    answered=count(answered, "count.answered"),
                    missing=count(total - answered, "count.unanswered"),
                )
            )
        )
        # The answer history, per question, oldest first (it never changes the verdict).
        history: dict[str, list[str]] = {}
        for c in a.session.answer_history():
            key = "history.line_by" if c.by else "history.line"
            history.setdefault(c.question_id, []).append(
                tr(
                    key,
                    at=local_time(c.at),
                    old=tr("answer." + c.old.value) if c.old else "–",
                    new=tr("answer." + c.new.value) if c.new else "–",
                    by=c.by,
                )
            )
        options: list[Option] = []
        section = None
        first_open: int | None = None
        for n, q in enumerate(a.applicable, 1):
            s = a.checklist.section_of(q.id)
            if s is not section:
                section = s
                options.append(Option(Text(s.title, style="bold underline"), disabled=True))
            answer = a.answer_of(q.id)
            line = Text(q.text)
            line.append("\n→ ")
            if answer is None:
                line.append(tr("review.unanswered"), style="bold reverse")
                if first_open is None:
                    first_open = len(options)
            else:
                line.append(tr("answer." + answer.value), style="bold")
                if a.session.from_organisation(q.id):
                    line.append(f"  ({tr('handoff.mark')})", style="italic reverse")
            note = a.note_of(q.id)
            if note:
                line.append(f"   ({tr('q.note')}: {note})", style="italic")
            changes = history.get(q.id)
            if changes:
                line.append(f"\n{tr('review.history')}: ", style="dim")
                line.append("; ".join(changes), style="dim")
            # A grid keeps wrapped lines indented under the question, not under its number.
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=3, justify="right")
            grid.add_column(ratio=1)
            grid.add_row(f"{n}.", line)
            options.append(Option(grid, id=q.id))
        lst = self.query_one("#review-list", OptionList)
        # Keep the question, not the row number: an answer can add or hide questions above.
        keep = lst.highlighted_option.id if lst.highlighted_option is not None else None
        lst.set_options(options)
        if keep is not None and any(o.id == keep for o in options):
            lst.highlighted = lst.get_option_index(keep)
        else:
            lst.highlighted = first_open if first_open is not None else 1
        lst.focus()

    @on(OptionList.OptionSelected, "#review-list")
    def jump(self, event: OptionList.OptionSelected) -> None:
        from .question import QuestionScreen

        qid = event.option_id
        if qid is None:
            return
        # On top of the review, not instead of it: answering (or Esc) comes back here with
        # this question still selected.
        self.app.push_screen(QuestionScreen(self.assessment, qid, from_review=True))

    def action_back(self) -> None:
        self.app.go_back()
