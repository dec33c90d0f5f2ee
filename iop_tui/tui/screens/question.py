"""One question at a time. The screen updates in place (no screen per question): switching
screens costs 50 ms in Textual and each pushed screen stays in memory."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, OptionList, ProgressBar, Static, TextArea
from textual.widgets.option_list import Option

from ...assessment import Assessment
from ...checklist import Answer
from ...i18n import tr
from ..widgets.answer_list import AnswerList
from ..widgets.title_bar import TitleBar
from ..widgets.verdict_panel import VerdictPanel
from .base import AppScreen

KEYS = {Answer.YES: "j", Answer.NO: "n", Answer.UNSURE: "o"}
NOTE_SAVE_DELAY = 0.4  # seconds of no typing before a note is saved


class QuestionScreen(AppScreen[None]):
    BINDINGS = [
        Binding("j,y", "answer('yes')", tr("q.answer_yes")),
        Binding("n", "answer('no')", tr("q.answer_no")),
        Binding("o,u", "answer('unsure')", tr("q.answer_unsure")),
        Binding("left", "prev", tr("q.prev"), key_display="←"),
        Binding("right", "next", tr("q.next"), key_display="→"),
        Binding("h", "toggle_help", tr("q.help"), show=False),
        Binding("slash", "app.search", tr("q.search"), show=False),
        Binding("pageup", "scroll_text(-1)", tr("q.scroll_up"), show=False),
        Binding("pagedown", "scroll_text(1)", tr("q.scroll_down"), show=False),
        Binding("g", "app.review", tr("q.review")),
        Binding("r", "app.result", tr("q.result")),
        Binding("t", "terms", tr("q.terms"), show=False),
        Binding("k", "sources", tr("q.sources"), show=False),
        Binding("l", "app.glossary", tr("q.glossary"), show=False),
        Binding("m", "note", tr("q.note"), show=False),
        Binding("p", "toggle_panel", tr("q.panel"), show=False),
        Binding("i", "app.edit_meta", tr("q.meta"), show=False),
        Binding("escape", "back", tr("key.back"), show=False),
    ]

    def __init__(self, assessment: Assessment, qid: str, *, from_review: bool = False) -> None:
        super().__init__()
        self.assessment = assessment
        self.qid = qid
        #: Opened from the review to change one answer: answering goes back there.
        self.from_review = from_review
        self.help_visible = True
        self._note_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="q-body"):
            # Where we are, and what one answers with, always stay on screen (80x24 with the
            # panel on included): only the question's text, help and references scroll
            # (PageUp/PageDown). Plain Verticals (scrolling by CSS): VerticalScroll binds
            # left/right, which would shadow previous/next question.
            with Vertical(id="q-main"):
                yield Static(id="q-progress-text")
                yield ProgressBar(id="q-progress", show_eta=False)
                with Vertical(id="q-scroll"):
                    yield Static(id="q-text")
                    yield Static(id="q-help")
                    yield Static(id="q-refs", classes="muted")
                yield AnswerList(
                    *(
                        Option(f"\\[{KEYS[a]}] {tr('answer.' + a.value)}", id=a.value)
                        for a in Answer
                    ),
                    id="q-answers",
                )
                yield Static(id="q-current")
                # Officers write paragraphs: Enter is a new line, Esc ends the note.
                yield TextArea(
                    id="q-note",
                    soft_wrap=True,
                    compact=True,
                    tab_behavior="focus",
                    placeholder=tr("q.note_placeholder"),
                )
                yield Static(tr("q.hint"), classes="hint", id="q-hint")
            yield VerdictPanel(id="q-panel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#q-panel").display = self.app.size.width >= 100
        self._fit_footer(self.app.size.width)
        self.show(self.qid)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_footer(event.size.width)

    def _fit_footer(self, width: int) -> None:
        # This screen has the most keys: below 100 columns the last ones (Avsluta among
        # them) would be cut off, so the palette's key (Ctrl+P still works) makes room.
        self.query_one(Footer).show_command_palette = width >= 100

    def on_screen_resume(self) -> None:
        # Back from review/result/meta: answers may have changed elsewhere.
        self.show(self.qid)

    # ------------------------------------------------------------------ rendering

    def show(self, qid: str) -> None:
        self.flush()
        a = self.assessment
        ids = [q.id for q in a.applicable]
        if qid not in ids:
            qid = ids[a.index_of(qid)]
        self.qid = qid
        q = a.checklist.question(qid)
        sections = a.checklist.sections
        section = a.checklist.section_of(qid)
        n, total = a.position(qid)
        line = Text()
        line.append(tr("q.progress", n=n, total=total, answered=a.answered_count), style="bold")
        line.append("   ")
        section_no = sections.index(section) + 1
        line.append(
            tr("q.section", n=section_no, total=len(sections), title=section.title), style="italic"
        )
        self.query_one("#q-progress-text", Static).update(line)
        self.query_one("#q-progress", ProgressBar).update(total=total, progress=a.answered_count)
        text = Text(q.text, style="bold")
        if q.kommun_only and a.checklist.perspective == "organisation":
            # Not an open point for the organisation: a question to bring to the kommun.
            text.append("\n" + tr("org.question_kommun_only"), style="italic")
        elif q.critical:
            text.append("\n" + tr("q.critical"), style="italic")
        self.query_one("#q-text", Static).update(text)
        help_widget = self.query_one("#q-help", Static)
        help_widget.update(Text(q.help) if self.help_visible else Text(tr("q.help_hidden")))
        answers = self.query_one("#q-answers", OptionList)
        current = a.answer_of(qid)
        answers.highlighted = list(Answer).index(current) if current else 0
        self._show_current(current, a.session.from_organisation(qid))
        note = self.query_one("#q-note", TextArea)
        if note.text != a.note_of(qid):
            with note.prevent(TextArea.Changed):
                note.load_text(a.note_of(qid))
        refs = []
        if q.terms:
            refs.append(
                tr("q.terms_line", terms=", ".join(a.checklist.term(t).term for t in q.terms))
                + " (t)"
            )
        if q.sources and a.checklist.perspective == "organisation":
            # A layperson has no use for source codes: how many, and where to read them.
            refs.append(tr("org.sources_line", n=len(q.sources)) + " (k)")
        elif q.sources:
            refs.append(tr("q.sources_line", sources=", ".join(q.sources)) + " (k)")
        if self.from_review:
            refs.append(tr("q.back_to_review"))
        self.query_one("#q-refs", Static).update(Text("\n".join(refs)))
        self.query_one("#q-panel", VerdictPanel).show(
            a.checklist, a.verdict, answered=bool(a.session.answers)
        )
        self.query_one("#q-scroll", Vertical).scroll_home(animate=False)
        if not isinstance(self.focused, TextArea):
            answers.focus()

    def _show_current(self, current: Answer | None, from_org: bool = False) -> None:
        label = (
            tr("q.your_answer", answer=tr("answer." + current.value))
            if current
            else tr("q.no_answer")
        )
        line = Text(label, style="bold")
        if current and from_org:
            # A hand-off: the organisation's answer until the officer answers it.
            line.append(f"  ({tr('handoff.mark')})", style="bold reverse")
            line.append("\n" + tr("handoff.mark_hint"), style="italic")
        self.query_one("#q-current", Static).update(line)

    # ------------------------------------------------------------------ answering

    @on(OptionList.OptionSelected, "#q-answers")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_answer(event.option_id or "yes")

    def action_answer(self, value: str) -> None:
        answer = Answer(value)
        a = self.assessment
        qid = self.qid
        self.app.guarded(lambda: a.answer(qid, answer))
        if self.from_review:
            self.app.action_review()  # pops this screen: the review is right under it
            return
        following = a.next_id(qid)
        if following is None:
            self.show(qid)
            self.app.action_review()
        else:
            self.show(following)

    def action_prev(self) -> None:
        prev = self.assessment.prev_id(self.qid)
        if prev is not None:
            # Paging away from the question the review sent us to: an ordinary walk now.
            self.from_review = False
            self.show(prev)

    def action_next(self) -> None:
        self.from_review = False
        following = self.assessment.next_id(self.qid)
        if following is None:
            self.app.action_review()
        else:
            self.show(following)

    # ------------------------------------------------------------------ notes

    def action_note(self) -> None:
        note = self.query_one("#q-note", TextArea)
        note.focus()
        note.move_cursor(note.document.end)

    @on(TextArea.Changed, "#q-note")
    def note_typed(self) -> None:
        if self._note_timer is not None:
            self._note_timer.stop()
        self._note_timer = self.set_timer(NOTE_SAVE_DELAY, self.flush)

    def action_scroll_text(self, pages: int) -> None:
        scroll = self.query_one("#q-scroll", Vertical)
        if pages < 0:
            scroll.scroll_page_up(animate=False)
        else:
            scroll.scroll_page_down(animate=False)

    def flush(self) -> None:
        """Save a note still being typed (called before moving away and on quit)."""
        if self._note_timer is not None:
            self._note_timer.stop()
            self._note_timer = None
        if not self.is_mounted:
            return
        value = self.query_one("#q-note", TextArea).text
        a, qid = self.assessment, self.qid
        if a.note_changed(qid, value):
            self.app.guarded(lambda: a.note(qid, value))

    # ------------------------------------------------------------------ extras

    def action_toggle_help(self) -> None:
        self.help_visible = not self.help_visible
        self.show(self.qid)

    def action_toggle_panel(self) -> None:
        panel = self.query_one("#q-panel")
        panel.display = not panel.display

    def action_terms(self) -> None:
        from .info import InfoScreen

        c = self.assessment.checklist
        q = c.question(self.qid)
        body = Text()
        for tid in q.terms:
            term = c.term(tid)
            body.append(term.term + "\n", style="bold")
            body.append(term.definition + "\n\n")
        if not q.terms:
            body.append(tr("q.no_terms"))
        self.app.push_screen(InfoScreen(tr("q.terms_title"), body))

    def action_sources(self) -> None:
        from .info import InfoScreen

        c = self.assessment.checklist
        body = Text()
        for sid in c.question(self.qid).sources:
            src = c.source(sid)
            body.append(f"{sid}  {src.title}\n", style="bold")
            if src.url:
                body.append(src.url + "\n")
            if src.note:
                body.append(src.note + "\n")
            body.append("\n")
        self.app.push_screen(InfoScreen(tr("q.sources_title"), body))

    def action_back(self) -> None:
        if isinstance(self.focused, TextArea):
            self.flush()
            self.query_one("#q-answers", OptionList).focus()  # Esc leaves the note first
            return
        self.flush()
        self.app.go_back()
