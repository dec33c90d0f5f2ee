"""The live verdict beside the questions: a trainer flips one answer and the room sees
what changes. Renders a Verdict; holds no state of its own."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...checklist import Checklist
from ...engine import Verdict
from ...i18n import tr
from ...verdict_view import lean_brief, outcome_label, sentence


def verdict_summary(
    checklist: Checklist, verdict: Verdict, label_style: str = "bold", *, brief: bool = False
) -> Text:
    text = Text()
    text.append(checklist.outcome(verdict.outcome).label, style=label_style)
    text.append("\n")
    # Each line starts a sentence: "Ingen säker bedömning", "• Svaren pekar inte …".
    text.append(sentence(tr("firmness." + verdict.firmness.value)) + "\n", style="italic")
    lean = lean_brief(checklist, verdict)
    if lean:
        text.append(lean + "\n")
    if verdict.causes:
        text.append("".join(f"• {sentence(tr('cause.' + c.value))}\n" for c in verdict.causes))
    return text


class VerdictPanel(Static):
    def show(self, checklist: Checklist, verdict: Verdict, *, answered: bool = True) -> None:
        text = Text()
        text.append(tr("panel.heading") + "\n", style="bold underline")
        if not answered:
            # Nothing to judge yet: "Oklart – ta hjälp av jurist" would alarm for nothing.
            text.append(tr("panel.not_yet") + "\n", style="bold")
            text.append(tr("panel.not_yet_hint"), style="italic")
            self.update(text)
            return
        text.append_text(verdict_summary(checklist, verdict, brief=True))
        text.append("\n" + tr("panel.scores") + "\n", style="bold")
        for o in checklist.scored_outcomes:
            mark = " ✗" if o in verdict.excluded else ""
            text.append(f"{outcome_label(checklist, o):<16} {verdict.scores[o]:+4d}{mark}\n")
        if verdict.excluded:
            text.append(tr("panel.excluded_legend") + "\n", style="dim")
        text.append(tr("panel.open_critical", n=len(verdict.open_critical)) + "\n")
        self.update(text)
