"""Shared helpers for driving the real app with Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from iop_tui import catalog, store
from iop_tui.checklist import Answer
from iop_tui.session import Session
from iop_tui.tui.app import IopApp
from iop_tui.tui.screens.question import KEYS, QuestionScreen

SIZE = (100, 30)


def make_app(data_dir: Path, **kwargs) -> IopApp:
    return IopApp(store.sessions_dir(data_dir), **kwargs)


def example(stem: str) -> Session:
    return store.load(catalog.examples_dir() / f"{stem}.toml")


def write_session(directory: Path, name: str, session: Session) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(session.to_toml(), encoding="utf-8")
    return path


async def answer_by_keys(pilot: Pilot, answers: dict[str, Answer], limit: int = 80) -> int:
    """Answer every question shown with its letter key (→ skips ones not in `answers`)
    until the app leaves the question screen. Returns the number of keys pressed."""
    app = pilot.app
    pressed = 0
    while isinstance(app.screen, QuestionScreen) and pressed < limit:
        answer = answers.get(app.screen.qid)
        await pilot.press(KEYS[answer] if answer else "right")
        pressed += 1
    return pressed


def screen_text(app: IopApp) -> str:
    """All text the current screen's Static widgets show (for assertions on wording)."""
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))
