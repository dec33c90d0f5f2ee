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
    label = (
        tr("org.label." + str(verdict.outcome))
        if checklist.perspective == "organisation"
        else checklist.outcome(verdict.outcome).label
    )
    text.append(label, style=label_style)
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
        labels = {o: outcome_label(checklist, o) for o in checklist.scored_outcomes}
        # A declared label may be too long for a column beside it: then the score first.
        wide = any(len(label) > 16 for label in labels.values())
        for o, label in labels.items():
            mark = " ✗" if o in verdict.excluded else ""
            score = verdict.scores[o]
            line = f"{score:+3d}  {label}" if wide else f"{label:<16} {score:+4d}"
            text.append(f"{line}{mark}\n")
        if verdict.excluded:
            text.append(tr("panel.excluded_legend") + "\n", style="dim")
        text.append(tr("panel.open_critical", n=len(verdict.open_critical)) + "\n")
        if verdict.ask_kommun:  # the organisation's own check: what it will ask the kommun
            text.append(tr("panel.ask_kommun", n=len(verdict.ask_kommun)) + "\n")
        self.update(text)
