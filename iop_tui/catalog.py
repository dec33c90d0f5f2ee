"""Where the shipped checklists and example cases live, installed or in a checkout, and the
user's own checklists (in the config directory, or given with `--checklist PATH`).

Texts are filled with the user's kommun from the profile (`{kommunen}`), in the UI's language
where the checklist has a translation. A broken user
checklist is reported (`problems()`: file, line, problem) and left out, never fatal.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from . import profile
from .checklist import Checklist, load_checklist
from .errors import ChecklistError, IopError, SessionError, shorten
from .i18n import language

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


#: Checklist files given on the command line (`--checklist PATH`), offered beside the rest.
_extra_paths: list[Path] = []


def add_path(path: Path) -> None:
    """Offer the checklist file at `path` too (from `--checklist PATH`)."""
    if path not in _extra_paths:
        _extra_paths.append(path)
        reload()


def reload() -> None:
    """Forget the loaded checklists (after the profile or the user's files changed)."""
    _load.cache_clear()


@cache
def _load(
    kommun: tuple[tuple[str, str], ...], extra: tuple[Path, ...], lang: str
) -> tuple[dict[str, Checklist], dict[str, str], tuple[str, ...]]:
    values = dict(kommun)
    result: dict[str, Checklist] = {}
    origin: dict[str, str] = {}
    for path in sorted(checklists_dir().glob("*.toml")):
        c = load_checklist(path, values, lang)  # a broken shipped checklist is a bug: raise
        result[c.id] = c
        origin[c.id] = "shipped"
    problems: list[str] = []
    user_dir = profile.user_checklists_dir()
    user = sorted(user_dir.glob("*.toml")) if user_dir.is_dir() else []
    for path in (*user, *extra):
        try:
            c = load_checklist(path, values, lang)
        except ChecklistError as exc:
            problems += exc.problems
            continue
        if c.id in result:
            problems.append(f"{path}: id '{c.id}' is already used by another checklist; skipped")
            continue
        result[c.id] = c
        origin[c.id] = str(path)
    return result, origin, tuple(problems)


_keyed: tuple[profile.Profile | None, tuple[tuple[str, str], ...]] = (None, ())


def _key() -> tuple[tuple[str, str], ...]:
    global _keyed
    p = profile.current()
    if _keyed[0] is not p:  # listing calls installed() per row: keep this cheap
        _keyed = (p, tuple(sorted(profile.placeholders(p).items())))
    return _keyed[1]


def installed() -> dict[str, Checklist]:
    """Every available checklist by id: shipped, then the user's own (loaded and validated
    once per process and profile)."""
    return _load(_key(), tuple(_extra_paths), language())[0]


def origin(checklist_id: str) -> str:
    """ "shipped", or the path of the user's file the checklist came from."""
    return _load(_key(), tuple(_extra_paths), language())[1].get(checklist_id, "")


def problems() -> tuple[str, ...]:
    """Problems with the user's checklist files (those files are left out)."""
    return _load(_key(), tuple(_extra_paths), language())[2]


def default_id() -> str:
    """The checklist a new assessment starts with: the profile's choice if it is available,
    else the first one."""
    chosen = profile.current().default_checklist
    available = installed()
    return chosen if chosen in available else next(iter(available))


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


def riktlinje_expired(checklist: Checklist, today: dt.date | None = None) -> bool:
    end = checklist.riktlinje.valid_until
    return end is not None and end < (today or dt.date.today())


def basis_lines(checklist: Checklist, today: dt.date | None = None) -> list[str]:
    """Whose criteria these are, the user's own kommun, and an expired riktlinje: what the
    app says where a checklist is used (the reports say the same)."""
    from .i18n import tr

    lines = [tr("basis.criteria", kommun=checklist.kommun, title=checklist.riktlinje.title)]
    p = profile.current()
    lines.append(tr("basis.user", kommun=p.kommun) if p.has_kommun else tr("basis.no_kommun"))
    if riktlinje_expired(checklist, today):
        end = checklist.riktlinje.valid_until
        assert end is not None
        lines.append(tr("basis.expired", kommun=checklist.kommun, end=end.isoformat()))
    return lines
