"""The glossary: every term the checklist explains, in one list (issue 14). A layperson
meets words like "uteslutande" or "HFD 2020 ref. 15"; `t` on a question shows that
question's terms, this screen shows them all. Type to filter."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ...checklist import Checklist
from ...i18n import tr


def glossary_text(checklist: Checklist, query: str = "") -> Text:
    """Every term with its definition, alphabetically; those matching `query` only."""
    words = query.lower().split()
    body = Text()
    terms = sorted(checklist.glossary, key=lambda t: t.term.lower())
    shown = 0
    for term in terms:
        haystack = f"{term.term} {term.definition} {' '.join(term.words)}".lower()
        if words and not all(w in haystack for w in words):
            continue
        shown += 1
        body.append(term.term + "\n", style="bold")
        body.append(term.definition + "\n\n")
    if not shown:
        body.append(tr("glossary.empty"))
    return body


class GlossaryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", tr("key.back"))]
    AUTO_FOCUS = "#glossary-filter"  # typing filters at once

    def __init__(self, checklist: Checklist) -> None:
        super().__init__()
        self.checklist = checklist

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="info-box", classes="dialog"):
            yield Static(tr("glossary.title"), classes="heading")
            yield Input(placeholder=tr("glossary.filter"), id="glossary-filter")
            yield Static(glossary_text(self.checklist), id="glossary-body")
            yield Static(tr("key.back") + ": Esc", classes="hint")

    @on(Input.Changed, "#glossary-filter")
    def filter(self, event: Input.Changed) -> None:
        self.query_one("#glossary-body", Static).update(glossary_text(self.checklist, event.value))

    def action_close(self) -> None:
        self.dismiss(None)
