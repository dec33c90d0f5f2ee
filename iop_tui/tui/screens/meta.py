"""Modal form for an assessment's details: title, organisation, assessor, diarienummer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ...i18n import tr
from ...session import normalise_orgnr, orgnr_problem
from .base import form_tab_bindings

if TYPE_CHECKING:
    from ...checklist import Checklist

FIELDS = (
    "title",
    "organisation",
    "organisationsnummer",
    "forvaltning",
    "assessor",
    "diarienummer",
)

Result = tuple["Checklist", dict[str, str]] | None


class MetaScreen(ModalScreen[Result]):
    AUTO_FOCUS = "#title"
    BINDINGS = [
        Binding("escape", "cancel", tr("meta.cancel")),
        Binding("ctrl+s", "submit", tr("meta.save")),
        *form_tab_bindings(),
    ]

    def __init__(
        self,
        checklists: list[Checklist],
        *,
        chosen: Checklist | None = None,
        meta: dict[str, str] | None = None,
        editing: bool = False,
    ) -> None:
        super().__init__()
        self.checklists = checklists
        self.chosen = chosen or checklists[0]
        self.meta = meta or {}
        self.editing = editing

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="meta-box", classes="dialog", can_focus=False):
            yield Static(tr("meta.heading"), classes="heading")
            yield Static(tr("meta.hint"), classes="hint")
            if len(self.checklists) > 1 and not self.editing:
                yield Label(tr("meta.checklist"))
                yield Select(
                    [(f"{c.title} ({c.version})", c.id) for c in self.checklists],
                    value=self.chosen.id,
                    allow_blank=False,
                    id="checklist",
                )
            for name in FIELDS:
                yield Label(tr(f"meta.{name}"))
                yield Input(self.meta.get(name, ""), id=name, compact=True)
            yield Static("", id="meta-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(
                    tr("meta.save" if self.editing else "meta.start"), variant="primary", id="ok"
                )
                yield Button(tr("meta.cancel"), id="cancel")

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        # Enter moves on; Enter in the last field submits, so the form is keyboard-fast.
        if event.input.id == FIELDS[-1]:
            self.action_submit()
        else:
            self.focus_next()

    @on(Button.Pressed, "#ok")
    def action_submit(self) -> None:
        chosen = self.chosen
        if self.query("#checklist"):
            value = self.query_one("#checklist", Select).value
            chosen = next(c for c in self.checklists if c.id == value)
        values = {name: self.query_one(f"#{name}", Input).value.strip() for name in FIELDS}
        problem = orgnr_problem(values["organisationsnummer"])
        if problem is not None:  # checked with its check digit before anything is saved
            self.query_one("#meta-error", Static).update(tr(problem))
            self.query_one("#organisationsnummer", Input).focus()
            return
        values["organisationsnummer"] = normalise_orgnr(values["organisationsnummer"])
        self.dismiss((chosen, values))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def pending(self) -> tuple[Checklist, dict[str, str]] | None:
        """What is typed, when it differs from what the dialog opened with (None: nothing
        new, or the form is not built yet). For a signal, which cannot ask: an
        organisationsnummer that is not valid yet keeps its previous value."""
        try:
            values = {name: self.query_one(f"#{name}", Input).value.strip() for name in FIELDS}
            chosen = self.chosen
            if self.query("#checklist"):
                value = self.query_one("#checklist", Select).value
                chosen = next((c for c in self.checklists if c.id == value), chosen)
        except NoMatches:
            return None
        if orgnr_problem(values["organisationsnummer"]) is not None:
            values["organisationsnummer"] = self.meta.get("organisationsnummer", "")
        else:
            values["organisationsnummer"] = normalise_orgnr(values["organisationsnummer"])
        if all(values[name] == (self.meta.get(name) or "") for name in FIELDS):
            return None
        return chosen, values
