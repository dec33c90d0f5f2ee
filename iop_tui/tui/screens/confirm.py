"""A yes/no question as a modal; dismisses with True or False."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ...i18n import tr


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("j,y", "answer(True)", tr("confirm.yes")),
        Binding("n,escape", "answer(False)", tr("confirm.no")),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{tr('confirm.yes')} (j)", variant="error", id="yes")
                yield Button(f"{tr('confirm.no')} (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe choice is the default

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class UnsavedScreen(ModalScreen[str]):
    """Asked before leaving a read-only session that holds changes: they exist nowhere else.
    Dismisses with "copy", "discard" or "cancel"."""

    BINDINGS = [
        Binding("k", "choose('copy')", tr("unsaved.copy")),
        Binding("l", "choose('discard')", tr("unsaved.discard")),
        Binding("escape,a", "choose('cancel')", tr("unsaved.cancel")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-box", classes="dialog"):
            yield Static(tr("unsaved.heading"), classes="heading")
            yield Static(tr("unsaved.body"), markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{tr('unsaved.copy')} (k)", variant="primary", id="copy")
                yield Button(f"{tr('unsaved.discard')} (l)", variant="error", id="discard")
                yield Button(f"{tr('unsaved.cancel')} (a)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#copy", Button).focus()  # the choice that loses nothing

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
