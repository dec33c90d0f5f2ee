"""The `[cache]` table at the end of a session file the app saves: what the session list
shows of it (outcome and progress), so that listing need not judge every file again.

Derived data is never trusted as such. The table ends with a key: a SHA-256 over this
code, the checklist the verdict was computed with, and every byte of the file before the key
line. The list uses the table only when the key matches the file as it is now and the
checklist as it is installed now; a file edited by hand, a changed checklist or a new version
of the engine all give another key, and the file is read and judged as if the table were not
there. Nothing else reads the table: opening, `iop-tui judge` and reports always judge the
answers (the full reader drops the table).

The key protects against staleness, not against forgery: someone who wants the list to show
another outcome can as easily change the answers. What the app acts on is recomputed.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .checklist import Checklist
    from .session import Session

#: Bump when the table's layout or the meaning of its fields changes.
FORMAT = 1
_KEY_PREFIX = b'key = "'
#: The key line: `key = "<64 hex digits>"` and its newline.
KEY_LINE_LENGTH = len(_KEY_PREFIX) + 64 + 2
# The table exactly as block() writes it, up to the key itself.
_TABLE = re.compile(
    rb'\n\[cache\]\noutcome = "([a-z]+)"\nanswered = (0|[1-9][0-9]{0,5})\n'
    rb'applicable = (0|[1-9][0-9]{0,5})\nkey = "'
)


@cache
def code_hash() -> str:
    """The modules that decide what the list shows: a changed engine or schema (even without
    a new version number, as while developing) must not reuse verdicts computed by the old."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in (
        "list_cache.py",
        "listing.py",
        "engine.py",
        "session.py",
        "store.py",
        "checklist.py",
    ):
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    return h.hexdigest()


_CHECKLIST_HASHES: dict[int, tuple[Checklist, str]] = {}


def checklist_hash(c: Checklist) -> str:
    """Everything a checklist says, hashed (once per loaded checklist object)."""
    hit = _CHECKLIST_HASHES.get(id(c))
    if hit is None or hit[0] is not c:
        hit = (c, hashlib.sha256(c.model_dump_json().encode()).hexdigest())
        _CHECKLIST_HASHES[id(c)] = hit
    return hit[1]


_HASHERS: dict[int, tuple[Checklist, hashlib._Hash]] = {}


def _hasher(c: Checklist) -> hashlib._Hash:
    """A SHA-256 already fed with what the key depends on besides the file (copied per use)."""
    hit = _HASHERS.get(id(c))
    if hit is None or hit[0] is not c:
        seed = f"iop-tui cache {FORMAT}\n{__version__}\n{code_hash()}\n{checklist_hash(c)}\n"
        hit = (c, hashlib.sha256(seed.encode()))
        _HASHERS[id(c)] = hit
    return hit[1]


def _key(c: Checklist, covered: bytes | memoryview) -> bytes:
    h = _hasher(c).copy()
    h.update(covered)
    return h.hexdigest().encode("ascii")


def block(checklist: Checklist, session: Session, body: bytes) -> bytes:
    """The table to append to `body` (the file's bytes as Session.to_toml() wrote them), or
    nothing when the list could not use it: a session for another checklist, or one with
    answers or notes for questions the checklist lacks (the list names those)."""
    from .engine import judge

    if session.checklist != checklist.id or session.unknown_questions(checklist):
        return b""
    verdict = judge(checklist, session.answers, advise=False)
    answered = sum(q in session.answers for q in verdict.applicable)
    table = (
        f'\n[cache]\noutcome = "{verdict.outcome.value}"\nanswered = {answered}\n'
        f"applicable = {len(verdict.applicable)}\n"
    ).encode("ascii")
    return table + _KEY_PREFIX + _key(checklist, body + table) + b'"\n'


def verified(checklist: Checklist, data: bytes) -> tuple[str, int, int] | None:
    """(outcome, answered, applicable) from the file's table when its key matches this file
    and this checklist; None otherwise (no table, another form, or anything changed)."""
    cut = len(data) - KEY_LINE_LENGTH
    start = data.rfind(b"\n[cache]\n", 0, cut)
    if start < 0 or data[-2:] != b'"\n':
        return None
    m = _TABLE.fullmatch(data, start, cut + len(_KEY_PREFIX))
    if m is None:
        return None
    # The key covers every byte before its line; a key that is not even hex digits simply
    # never equals the digest.
    h = _hasher(checklist).copy()
    h.update(memoryview(data)[:cut])
    if h.hexdigest().encode("ascii") != data[cut + len(_KEY_PREFIX) : -2]:
        return None
    outcome, answered, applicable = m.groups()
    return outcome.decode("ascii"), int(answered), int(applicable)
