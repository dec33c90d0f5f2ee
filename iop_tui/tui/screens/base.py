"""The one surface between the full screens and the app.

Screens send intent to the app through `self.app`, typed here as `IopApp`: every call a
screen makes into the app is checked by mypy (a misspelt or removed app method, a wrong
argument, a coroutine left unawaited). The app calls back into screens only through the two
hooks declared here, never by probing for attributes.

Kept to Textual and typing imports only: the start screen is built on it, and start-up time
is what users notice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding
from textual.screen import Screen

if TYPE_CHECKING:
    from pathlib import Path

    from textual import getters

    from ..app import IopApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A full screen of iop-tui (modal dialogs stay plain `ModalScreen`s: they only dismiss
    with a value and never call the app)."""

    if TYPE_CHECKING:
        # Only for the type checker: at run time Textual's own property returns the running
        # app, which is always an IopApp for these screens.
        app = getters.app(IopApp)

    def flush(self) -> None:
        """Save anything this screen still holds (e.g. a note being typed). The app calls it
        before the screen goes and before the open session is saved on leaving or closed."""

    def exported(self, path: Path) -> None:
        """A report of the open session was just written to `path` (the result screen keeps
        the latest path on screen, whichever way the export was asked for)."""

    def session_closed(self) -> None:
        """The app has just closed the open session and this screen is on top again (the
        sessions list refreshes, since progress and outcome may have changed)."""


def form_tab_bindings() -> list[Binding]:
    """Tab and Shift+Tab for a dialog with several fields. Priority: focus moves at once, in
    the order keys arrive. Without it Tab travels through the field's own queue first, and
    keys typed right after it (fast typing, a paste, a script) are already on their way to
    the field being left."""
    return [
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]
