"""Find a question (`/` on the question screen, or the palette): type words, the questions
whose text or help hold all of them are listed, Enter goes there. Questions that do not
apply after the answers so far are listed too, marked, but cannot be chosen."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...assessment import Assessment
from ...i18n import tr

MAX_HITS = 50


def matches(assessment: Assessment, query: str) -> list[tuple[str, bool]]:
    """(question id, applies now) for every question whose text or help holds every word
    of `query` (case-insensitive), in checklist order."""
    words = query.casefold().split()
    if not words:
        return []
    applicable = {q.id for q in assessment.applicable}
    out = []
    for q in assessment.checklist.questions:
        haystack = f"{q.text} {q.help}".casefold()
        if all(w in haystack for w in words):
            out.append((q.id, q.id in applicable))
    return out


class SearchScreen(ModalScreen[str | None]):
    AUTO_FOCUS = "#search-input"
    BINDINGS = [
        Binding("escape", "cancel", tr("key.back")),
        Binding("down", "to_list", show=False),
    ]

    def __init__(self, assessment: Assessment) -> None:
        super().__init__()
        self.assessment = assessment

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="dialog"):
            yield Static(tr("search.heading"), classes="heading")
            yield Input(placeholder=tr("search.placeholder"), id="search-input", compact=True)
            yield OptionList(id="search-hits")
            yield Static(tr("search.hint"), id="search-count", classes="hint")

    @on(Input.Changed, "#search-input")
    def search(self, event: Input.Changed) -> None:
        hits = self.query_one("#search-hits", OptionList)
        hits.clear_options()
        found = matches(self.assessment, event.value)
        a = self.assessment
        for qid, applies in found[:MAX_HITS]:
            q = a.checklist.question(qid)
            label = Text()
            if applies:
                n, _ = a.position(qid)
                label.append(f"{n:>2}. ", style="bold")
            else:
                label.append(f"{tr('search.not_applicable')}: ", style="italic")
            label.append(q.text)
            hits.add_option(Option(label, id=qid, disabled=not applies))
        count = self.query_one("#search-count", Static)
        if event.value.strip():
            count.update(tr("search.count", n=len(found)))
        else:
            count.update(tr("search.hint"))
        if found and hits.highlighted is None:
            hits.highlighted = 0

    @on(Input.Submitted, "#search-input")
    def first(self) -> None:
        hits = self.query_one("#search-hits", OptionList)
        if hits.highlighted is not None:
            option = hits.get_option_at_index(hits.highlighted)
            if not option.disabled:
                self.dismiss(option.id)
            else:  # say why nothing happens
                self.query_one("#search-count", Static).update(tr("search.hidden"))

    @on(OptionList.OptionSelected, "#search-hits")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_id)

    def action_to_list(self) -> None:
        self.query_one("#search-hits", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
