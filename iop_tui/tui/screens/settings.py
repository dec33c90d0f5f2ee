"""Modal form for the kommun profile: kommun, förvaltning or nämnd, the riktlinje the kommun
follows, whom to ask, and the checklist new assessments start with; and the UI language.
Shown on the first run (skippable: "no kommun chosen" is a valid state) and from the
palette ("Inställningar")."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from ... import catalog
from ...i18n import language, tr
from ...preferences import LANGUAGES
from ...profile import Profile
from .base import form_tab_bindings

TEXT_FIELDS = (
    "kommun",
    "forvaltning",
    "riktlinje_title",
    "riktlinje_reference",
    "riktlinje_date",
    "contact",
)


class SettingsScreen(ModalScreen[Profile | None]):
    """Dismisses with the profile to save (the skip button gives an empty one on the first
    run), or None when cancelled."""

    AUTO_FOCUS = "Input"
    BINDINGS = [
        Binding("escape", "cancel", tr("settings.cancel")),
        Binding("ctrl+s", "submit", tr("settings.save")),
        *form_tab_bindings(),
    ]

    def __init__(self, current: Profile, *, first_run: bool = False) -> None:
        super().__init__()
        self.current = current
        self.first_run = first_run
        #: The UI language chosen here (the app saves and applies it when the dialog closes
        #: with a profile).
        self.language = language()

    def compose(self) -> ComposeResult:
        checklists = catalog.installed()
        default = self.current.default_checklist
        with VerticalScroll(id="settings-box", classes="dialog", can_focus=False):
            yield Static(tr("settings.heading"), classes="heading")
            yield Static(tr("settings.hint"), classes="hint")
            yield Label(tr("settings.language"))
            yield Select(
                [(tr(f"lang.{lang}"), lang) for lang in LANGUAGES],
                value=self.language,
                allow_blank=False,
                id="language",
            )
            for name in TEXT_FIELDS:
                yield Label(tr(f"settings.{name}"))
                yield Input(getattr(self.current, name), id=name, compact=True)
            yield Label(tr("settings.default_checklist"))
            yield Select(
                [(f"{c.title} ({c.id})", c.id) for c in checklists.values()],
                value=default if default in checklists else catalog.default_id(),
                allow_blank=False,
                id="default_checklist",
            )
            yield Static(id="settings-error", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(tr("settings.save"), variant="primary", id="ok")
                yield Button(
                    tr("settings.skip" if self.first_run else "settings.cancel"), id="cancel"
                )

    @on(Input.Submitted)
    def next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#ok")
    def action_submit(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}
        date = values["riktlinje_date"].strip()
        if date:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                self.query_one("#settings-error", Static).update(tr("settings.bad_date"))
                self.query_one("#riktlinje_date", Input).focus()
                return
        chosen = self.query_one("#default_checklist", Select).value
        values["default_checklist"] = chosen if isinstance(chosen, str) else ""
        lang = self.query_one("#language", Select).value
        self.language = lang if isinstance(lang, str) else self.language
        self.dismiss(self.current.with_values(**values))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        # On the first run, skipping saves an empty profile: the app does not ask again.
        # The language chosen still counts: it is the one thing a newcomer may need first.
        lang = self.query_one("#language", Select).value
        if self.first_run and isinstance(lang, str):
            self.language = lang
        self.dismiss(Profile() if self.first_run else None)
