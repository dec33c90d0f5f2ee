"""A yes/no question as a modal; dismisses with True or False."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...i18n import retranslate, tr


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


class ChoiceScreen(ModalScreen[str]):
    """A question with a few answers, each a button with its key in the label; the first is
    focused (subclasses list the choice that loses nothing first). Dismisses with the chosen
    id. Subclasses bind the keys to `choose('<id>')` and say what is asked."""

    BOX_ID = "choice-box"
    HEADING = ""
    #: (id, label, key, button variant)
    CHOICES: tuple[tuple[str, str, str, str], ...] = ()

    def body(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id=self.BOX_ID, classes="dialog"):
            yield Static(retranslate(self.HEADING), classes="heading")
            yield Static(self.body(), markup=False)
            with Horizontal(classes="buttons"):
                for choice, label, key, variant in self.CHOICES:
                    yield Button(f"{retranslate(label)} ({key})", variant=variant, id=choice)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query_one(f"#{self.CHOICES[0][0]}", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or self.CHOICES[-1][0])

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class UnsavedScreen(ChoiceScreen):
    """Asked before leaving a session whose changes exist nowhere else: it is read-only, or
    its last save failed or was refused (`error` says why). Dismisses with "copy",
    "elsewhere" (save a copy in a folder the user names), "discard" or "cancel"."""

    BINDINGS = [
        Binding("k", "choose('copy')", tr("unsaved.copy")),
        Binding("m", "choose('elsewhere')", tr("unsaved.elsewhere")),
        Binding("l", "choose('discard')", tr("unsaved.discard")),
        Binding("escape,a", "choose('cancel')", tr("unsaved.cancel")),
    ]
    BOX_ID = "unsaved-box"
    HEADING = tr("unsaved.heading")
    CHOICES = (
        ("copy", tr("unsaved.copy"), "k", "primary"),
        ("elsewhere", tr("unsaved.elsewhere"), "m", "default"),
        ("discard", tr("unsaved.discard"), "l", "error"),
        ("cancel", tr("unsaved.cancel"), "a", "default"),
    )

    def __init__(self, error: str | None = None) -> None:
        super().__init__()
        self.error = error

    def body(self) -> str:
        if self.error is not None:
            return tr("unsaved.body_failed", error=self.error)
        return tr("unsaved.body")


class FolderScreen(ModalScreen[Path | None]):
    """Asks for a folder to save a copy in (prefilled); dismisses with it, or None."""

    AUTO_FOCUS = "Input"
    BINDINGS = [Binding("escape", "cancel", tr("unsaved.cancel"))]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="folder-box", classes="dialog"):
            yield Static(tr("folder.heading"), classes="heading")
            yield Static(tr("folder.hint"), classes="hint")
            yield Input(str(self.suggested), id="folder", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(tr("folder.save"), variant="primary", id="ok")
                yield Button(tr("unsaved.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        text = self.query_one("#folder", Input).value.strip()
        self.dismiss(Path(text).expanduser() if text else None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
