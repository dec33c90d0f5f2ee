"""Where the shipped checklists and example cases live, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .checklist import Checklist, load_checklist
from .errors import IopError, SessionError, shorten

_PACKAGE = Path(__file__).resolve().parent


def checklists_dir() -> Path:
    """`iop_tui/checklists` in a wheel (copied there at build time), else the checkout's
    top-level `checklists/` (editable installs and running from source)."""
    installed = _PACKAGE / "checklists"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "checklists"


def examples_dir() -> Path:
    return checklists_dir() / "examples"


@cache
def installed() -> dict[str, Checklist]:
    """Every installed checklist by id (loaded and validated once per process)."""
    result: dict[str, Checklist] = {}
    for path in sorted(checklists_dir().glob("*.toml")):
        c = load_checklist(path)
        result[c.id] = c
    return result


def get(checklist_id: str) -> Checklist:
    try:
        return installed()[checklist_id]
    except KeyError:
        known = ", ".join(sorted(installed())) or "none"
        # The id may come from a damaged session file: quote it short and escaped.
        raise IopError(
            f"checklist {shorten(checklist_id)} is not installed (installed: {known})"
        ) from None


def examples() -> list[Path]:
    return sorted(examples_dir().glob("*.toml"))


def is_example(path: Path) -> bool:
    """True for a shipped example case. Those always open as a fresh copy (saved as a new
    session on the first change): the shipped file itself is never written."""
    return path.resolve().parent == examples_dir().resolve()


def opens_as_copy(path: Path) -> bool:
    """True when opening `path` must open a fresh copy instead of the file itself: a shipped
    example (installed, or in a checkout's `checklists/examples/` however iop-tui was
    installed) or a file this user may not write. Nothing is ever written next to it, not
    even a lock file."""
    import os
    import stat

    if is_example(path):
        return True
    where = path.resolve().parent
    if where.name == "examples" and where.parent.name == "checklists":
        return True
    # The owner's write bit too: root may write anything, but a file made read-only
    # (chmod a-w, a handed-out example) says "do not change me".
    return not all(os.access(p, os.W_OK) and p.stat().st_mode & stat.S_IWUSR for p in (path, where))


def for_session(checklist_id: str, origin: object) -> Checklist:
    """The installed checklist a session refers to; the error (a SessionError: one line)
    names the session file."""
    try:
        return get(checklist_id)
    except IopError as exc:
        raise SessionError(f"{origin}: {exc}") from None
