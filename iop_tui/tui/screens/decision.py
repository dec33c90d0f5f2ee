"""Modal form for the decision part: ställningstagande (the form chosen), motivering,
beslutsfattare / godkänd av and datum; saved as a draft, or saved and fastställd."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...checklist import Outcome
from ...i18n import tr
from ...session import Decision
from .base import form_tab_bindings

#: (the decision, whether to make the assessment final), or None when cancelled.
Result = tuple[Decision, bool] | None


class DecisionScreen(ModalScreen[Result]):
    AUTO_FOCUS = "Select"
    BINDINGS = [
        Binding("escape", "cancel", tr("dlg.decision.cancel")),
        Binding("ctrl+s", "submit(False)", tr("dlg.decision.save")),
        *form_tab_bindings(),
    ]

    def __init__(self, decision: Decision, verdict_label: str, today: dt.date) -> None:
        super().__init__()
        self.decision = decision
        self.verdict_label = verdict_label
        self.today = today

    def compose(self) -> ComposeResult:
        d = self.decision
        with VerticalScroll(id="decision-box", classes="dialog", can_focus=False):
            yield Static(tr("dlg.decision.heading"), classes="heading")
            yield Static(tr("dlg.decision.hint", outcome=self.verdict_label), classes="hint")
            yield Label(tr("decision.form"))
            yield Select(
                [(tr(f"decision.form.{o.value}"), o.value) for o in Outcome],
                value=d.form.value if d.form is not None else Select.NULL,
                prompt=tr("dlg.decision.none"),
                id="form",
            )
            yield Label(tr("decision.motivering"))
            yield Input(d.motivering, id="motivering", compact=True)
            yield Label(tr("decision.decided_by"))
            yield Input(d.decided_by, id="decided_by", compact=True)
            yield Label(tr("dlg.decision.date_hint"))
            yield Input((d.date or self.today).isoformat(), id="date", compact=True)
            yield Static("", id="decision-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(tr("dlg.decision.save"), variant="primary", id="save")
                yield Button(tr("dlg.decision.finalise"), variant="warning", id="finalise")
                yield Button(tr("dlg.decision.cancel"), id="cancel")

    def _decision(self) -> Decision | None:
        value = self.query_one("#form", Select).value
        text = self.query_one("#date", Input).value.strip()
        try:
            date = dt.date.fromisoformat(text) if text else None
        except ValueError:
            self.query_one("#decision-error", Static).update(tr("dlg.decision.bad_date"))
            return None
        return Decision(
            form=Outcome(value) if isinstance(value, str) else None,
            motivering=self.query_one("#motivering", Input).value.strip(),
            decided_by=self.query_one("#decided_by", Input).value.strip(),
            date=date,
        )

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.action_submit(False)

    @on(Button.Pressed, "#finalise")
    def _finalise(self) -> None:
        self.action_submit(True)

    def action_submit(self, finalise: bool) -> None:
        decision = self._decision()
        if decision is not None:
            self.dismiss((decision, finalise))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
