"""The list of saved sessions, as the sessions screen and `iop-tui list` need it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import catalog
from .checklist import Checklist
from .engine import judge
from .errors import IopError, one_line
from .session import Session
from .store import load


@dataclass(frozen=True, slots=True)
class Entry:
    path: Path
    title: str = ""
    organisation: str = ""
    checklist: str = ""
    updated: dt.datetime | None = None
    answered: int = 0
    applicable: int = 0
    outcome: str | None = None
    error: str | None = None  # set when the file is damaged; the other fields are empty
    #: Answered or noted question ids the installed checklist lacks. Not damage: the file
    #: loads and is judged without them (they are kept, as `iop-tui judge` reports them).
    unknown: tuple[str, ...] = ()

    @property
    def damaged(self) -> bool:
        return self.error is not None


def describe(path: Path) -> Entry:
    """One list entry; a damaged file becomes an entry with its reason, never an exception.
    Reads the file and nothing else: no lock is taken, nothing is written."""
    try:
        session = load(path)
        checklist = catalog.for_session(session.checklist, path)
    except IopError as exc:
        return Entry(path=path, error=str(exc).removeprefix(f"{path}: "))
    try:
        return _entry(path, session, checklist)
    except Exception as exc:  # a bug must not hide the other sessions from the list
        return Entry(path=path, error=one_line(f"internal error: {type(exc).__name__}: {exc}"))


def _entry(path: Path, session: Session, checklist: Checklist) -> Entry:
    verdict = judge(checklist, session.answers)
    answered = sum(1 for qid in verdict.applicable if qid in session.answers)
    return Entry(
        path=path,
        title=session.meta.title,
        organisation=session.meta.organisation,
        checklist=session.checklist,
        updated=session.updated,
        answered=answered,
        applicable=len(verdict.applicable),
        outcome=verdict.outcome.value,
        unknown=tuple(session.unknown_questions(checklist)),
    )


def list_sessions(directory: Path) -> list[Entry]:
    """Every `*.toml` in the sessions directory, newest first, damaged ones last."""
    if not directory.is_dir():
        return []
    entries = [describe(p) for p in directory.glob("*.toml") if not p.name.startswith(".")]
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(
        entries, key=lambda e: (e.damaged, -(e.updated or epoch).timestamp(), e.path.name)
    )
