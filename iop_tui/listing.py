"""The list of saved sessions, as the sessions screen and `iop-tui list` need it.

Listing must stay fast with thousands of sessions, so it works in three tiers:

1. An index next to the sessions directory (`sessions-index.bin`) remembers each file's
   entry (title, organisation, progress, outcome) under its name, keyed by the file's
   (mtime_ns, ctime_ns, size, inode), the checklist it names (id and a hash of everything
   that checklist says, version included) and the program (version and a hash of the
   modules that decide an entry). A file whose key is unchanged is not read again. The index
   is only a cache: it is written atomically, private (0600), ignored and rebuilt when it is
   damaged, unreadable or written by other code, and never written when the directory above
   is not writable. See docs/adr/0005-listing-index.md.
2. A changed or new file is read once and parsed by a quick reader that accepts only the
   plain subset of TOML the app writes (`key = "text"`, dates, `schema = 1`, its tables),
   checks every rule of the session schema and judges the answers (`engine.glance`: the
   outcome only). With 1,000 or more files to read, forked helper processes share this on
   Linux (forked.py, docs/adr/0007-parallel-cold-listing.md).
3. Anything outside that subset (escapes, comments after headers, unknown fields, damage of
   any kind) goes to the full reader (tomllib + pydantic, `store.decode`), which is the
   authority on what a session is and words every error. So the quick reader can only ever
   say "valid, and here are the fields" for files the full reader reads the same way;
   tests/core/test_listing.py checks that on the examples, damaged files and random edits.

Session files themselves carry nothing for the list: what it needs lives in the index.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import marshal
import os
import re
import stat
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, catalog, forked
from .checklist import Answer, Checklist
from .engine import glance, prepare
from .errors import IopError, one_line
from .session import in_range
from .store import MAX_SESSION_BYTES, tighten_private_dir

if TYPE_CHECKING:
    from .session import Session

#: Bump when the index layout or the meaning of its fields changes.
INDEX_FORMAT = 4
INDEX_SUFFIX = "-index.bin"
#: The index file starts with this, then a SHA-256 of the rest, then the rest (marshal).
INDEX_MAGIC = b"iop-tui sessions index\n"
_ROW_LENGTH = 14  # the file's key (4 numbers), then the entry's 10 fields (see _row)
_ROW_CHECKLIST, _ROW_ERROR = 6, 11
#: What a damaged file's row depends on: its message may name the installed checklists.
_ANY_CHECKLIST = "*"


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# building 10,000 entries cost more than hashing their files. Treat entries as read-only.
@dataclass(slots=True)
class Entry:
    path: Path
    title: str = ""
    organisation: str = ""
    diarienummer: str = ""  # what an officer searches the list for
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


def list_sessions(directory: Path) -> list[Entry]:
    """Every `*.toml` in the sessions directory, newest first, damaged ones last."""
    # Listing allocates many small objects and no reference cycles: the cyclic garbage
    # collector would only rescan the whole heap (large in the app) over and over.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _list_sessions(directory)
    finally:
        if was_enabled:
            gc.enable()


def _list_sessions(directory: Path) -> list[Entry]:
    try:
        with os.scandir(directory) as scan:
            items = [i for i in scan if i.name.endswith(".toml") and not i.name.startswith(".")]
    except OSError:  # no such directory (nothing saved yet), or not a directory
        return []
    if not items:
        return []
    tighten_private_dir(directory)
    stamp = _stamp()
    keys = _checklist_keys()
    old, old_keys = _read_index(directory, stamp)
    # Rows may be reused only for checklists that are exactly as they were when the rows
    # were written: an updated checklist makes only its own sessions be read again.
    # (A tuple: a handful of checklists, and membership needs no hashing of what a row holds.)
    same = tuple(dep for dep, key in keys.items() if old_keys.get(dep) == key)
    rows: dict[str, list[Any]] = {}
    keyed: list[tuple[bool, float, str, Entry]] = []
    reading: list[os.DirEntry[str]] = []
    for item in items:
        name = item.name
        row = old.get(name)
        if not (
            type(row) is list
            and len(row) == _ROW_LENGTH
            # What the row was computed with: the checklist the file names, or for a damaged
            # file the installed set (its message may list them).
            and (row[_ROW_CHECKLIST] if row[_ROW_ERROR] is None else _ANY_CHECKLIST) in same
        ):
            reading.append(item)
            continue
        try:
            st = item.stat()
        except OSError:
            reading.append(item)  # vanished or unreadable: the full reader says which
            continue
        entry = None
        if (
            row[0] == st.st_mtime_ns
            and row[1] == st.st_ctime_ns
            and row[2] == st.st_size
            and row[3] == st.st_ino
        ):
            entry = _from_row(_child(directory, name), row)
        if entry is None:
            reading.append(item)
            continue
        rows[name] = row
        keyed.append(_sort_key(name, entry))
    changed = False
    for name, entry, new_row in _read_all(directory, reading):
        if new_row is not None:
            rows[name] = new_row
            changed = True
        keyed.append(_sort_key(name, entry))
    if changed or rows.keys() != old.keys() or keys != old_keys:
        _write_index(directory, stamp, keys, rows)
    keyed.sort()
    return [k[3] for k in keyed]


def _sort_key(name: str, entry: Entry) -> tuple[bool, float, str, Entry]:
    """Newest first, damaged last; names are unique, so entries are never compared."""
    when = -entry.updated.timestamp() if entry.updated is not None else _NEVER
    return entry.error is not None, when, name, entry


#: Below this many files to read, helper processes cost more than they save (forking and
#: sending the rows back take ~20 ms; reading and judging 1,000 files ~150 ms).
PARALLEL_FROM = 1000
#: Files per chunk the processes claim (about 10 ms of work: small enough to even out).
CHUNK_FILES = 64


def _read_all(
    directory: Path, items: list[os.DirEntry[str]]
) -> list[tuple[str, Entry, list[Any] | None]]:
    """(name, entry, index row or None) for every item, read and judged. With many files
    and more than one CPU, forked helpers share the work (forked.py): they take the files
    the quick reader accepts and leave the rest to this process, which alone runs the full
    reader and builds every entry."""
    n = forked.processes() if len(items) >= PARALLEL_FROM else 1
    if n > 1:
        _warm()
    shared = forked.Shared(items, partial(_quick_rows, directory), n, CHUNK_FILES)
    out: list[tuple[str, Entry, list[Any] | None]] = []
    try:
        shared.start()
        for chunk in shared.mine():
            out += [(i.name, *_read_entry(_child(directory, i.name), i.path)) for i in chunk]
        for chunk, rows in shared.theirs():
            for item, row in zip(chunk, rows or [None] * len(chunk), strict=True):
                path = _child(directory, item.name)
                # A helper's row for a file it could not judge (an "internal error" entry:
                # a helper may have failed where this process would not) is not taken.
                taken = type(row) is list and len(row) == _ROW_LENGTH and row[_ROW_ERROR] is None
                entry = _from_row(path, row) if taken else None
                if entry is None:  # the full reader's file, or the helper failed
                    entry, row = _read_entry(path, item.path)
                out.append((item.name, entry, row))
    finally:
        shared.close()
    return out


def _warm() -> None:
    """Fill, before forking, every cache a helper's work would otherwise fill on first use
    (some take locks, or hash through OpenSSL): see forked.py."""
    _fingerprint_suffixes()
    for checklist in catalog.installed().values():
        prepare(checklist)


def _quick_rows(directory: Path, items: Sequence[os.DirEntry[str]]) -> list[list[Any] | None]:
    """A helper's work (see forked.py: plain Python over memory and file reads only)."""
    return [_quick_row(_child(directory, i.name), i.path) for i in items]


def _join(directory: Path, name: str) -> Path:
    return directory / name


# `directory / name` for a name read from the directory itself (one part, no separators).
# pathlib's `/` parses and normalises the name again; its own directory walker skips that
# with a private helper, and so do we where it exists: otherwise building the paths is a
# tenth of a cold listing. tests/test_listing.py checks both give the same paths.
_child: Callable[[Path, str], Path] = getattr(Path, "_make_child_relpath", _join)


_NEVER = -dt.datetime.min.replace(tzinfo=dt.UTC).timestamp()


# --------------------------------------------------------------------------- one file


def describe(path: Path) -> Entry:
    """One list entry by the full reader; a damaged file becomes an entry with its reason,
    never an exception. Reads the file and nothing else: no lock is taken, nothing is written."""
    from .store import load

    return _described(path, lambda: load(path))


def _described(path: Path, read: Callable[[], Session]) -> Entry:
    try:
        session = read()
        checklist = catalog.for_session(session.checklist, path)
    except IopError as exc:
        return Entry(path=path, error=str(exc).removeprefix(f"{path}: "))
    return _entry(
        path,
        checklist,
        session.answers,
        session.notes,
        session.meta.title,
        session.meta.organisation,
        session.checklist,
        session.updated,
        session.meta.diarienummer,
    )


def _entry(
    path: Path,
    checklist: Checklist,
    answers: dict[str, Answer],
    noted: Iterable[str],
    title: str,
    organisation: str,
    checklist_id: str,
    updated: dt.datetime,
    diarienummer: str = "",
) -> Entry:
    try:
        verdict = glance(checklist, answers)  # the list shows the outcome only
        ids = checklist.question_ids
        unknown: list[str] = []
        if not (answers.keys() <= ids and ids.issuperset(noted)):
            unknown = [q for q in dict.fromkeys([*answers, *noted]) if q not in ids]
    except Exception as exc:  # a bug must not hide the other sessions from the list
        return Entry(path=path, error=one_line(f"internal error: {type(exc).__name__}: {exc}"))
    return Entry(
        path=path,
        title=title,
        organisation=organisation,
        diarienummer=diarienummer,
        checklist=checklist_id,
        updated=updated,
        answered=verdict.answered,
        applicable=verdict.count,
        outcome=str(verdict.outcome),
        unknown=tuple(unknown),
    )


# Non-blocking: opening a FIFO (or a device) for reading would otherwise wait forever for a
# writer; for regular files the flag changes nothing.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


def _read_entry(path: Path, where: str | None = None) -> tuple[Entry, list[Any] | None]:
    """Read a file once: its entry, and its index row (None: do not remember it). `where`:
    the same path as a string, when the caller has it (a directory scan does)."""
    got = _read_bytes(path if where is None else where)
    if got is None:
        return describe(path), None  # the full reader words the error
    data, st = got
    entry = quick_entry(path, data) or _full_entry(path, data)
    return entry, _keyed_row(st, entry)


def _quick_row(path: Path, where: str) -> list[Any] | None:
    """The index row of a file the quick reader takes; None for every other file (the full
    reader must see it) and for one that could not be read whole."""
    got = _read_bytes(where)
    if got is None:
        return None
    data, st = got
    entry = quick_entry(path, data)
    return None if entry is None else _keyed_row(st, entry)


def _keyed_row(st: os.stat_result, e: Entry) -> list[Any]:
    """An index row: the file's key (see _list_sessions), then the entry's fields."""
    return [st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, *_row(e)]


def _read_bytes(where: Path | str) -> tuple[bytes, os.stat_result] | None:
    """A regular file's bytes and the status of the open file (so the key describes exactly
    these bytes: the app replaces files by rename, which gives a new inode); None when it
    cannot be opened or read, is not a regular file, is too large or changed while read."""
    try:
        fd = os.open(where, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_SESSION_BYTES:
            return None
        data = os.read(fd, st.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return (data, st) if len(data) == st.st_size else None


def _full_entry(path: Path, data: bytes) -> Entry:
    """describe(), on bytes already read."""
    from .store import decode

    return _described(path, lambda: decode(data, path))


# --------------------------------------------------------------------------- quick reader

# A basic string's body: no quote, backslash, newline or other control character TOML
# forbids in strings (every ASCII control but tab, so also CR: CRLF files go the slow way),
# except a backslash escape (decoded and checked by tomllib, below). Everything outside
# strings is matched by classes without control characters, so a file the pattern accepts
# holds none where TOML forbids them. Written so that the common case is one tight loop.
_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]'
_BODY = rf"{_PLAIN}*(?:\\[^\x00-\x08\x0a-\x1f\x7f]{_PLAIN}*)*"
_LINES = rf'(?:[A-Za-z0-9_-]+ = "{_BODY}"\n)*'
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9:.]+(?:[Zz]|[+-][0-9]{2}:[0-9]{2})?"
_COUNT = "(?:0|[1-9][0-9]{0,5})"  # a TOML integer: no leading zeros
_LINES_RE = re.compile(_LINES)
#: The control characters TOML forbids in strings: every ASCII control but tab and newline
#: (so also CR: CRLF files go the slow way). _quick_fields turns away a file holding any.
_FORBIDDEN_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
# For text already known to hold no forbidden control character and no backslash, a string
# body is simply "no quote": regex's own fast loop for a single excluded character, several
# times quicker than the class above. A body may then still span lines; _plain() checks
# that none does by counting (notes are most of a file, so this is most of its reading).
_PLAIN_LINES = re.compile(r'(?:[A-Za-z0-9_-]+ = "[^"]*"\n)*')
#: The file exactly as Session.to_toml() writes it (and the shipped examples are written):
#: the fields in their order, one space around `=`, then the tables meta, answers, notes,
#: fingerprints, each after one empty line. Strings hold no newline, so an empty line only
#: ever separates tables: the reader splits the file there and checks each part with its
#: own pattern (the answers by looking their lines up), never scanning a part twice.
_HEADER = re.compile(
    rf"schema = 1\n"
    rf'checklist = "({_BODY})"\n'
    rf'(?:checklist_version = "({_BODY})"\n)?'
    rf"created = ({_DATE})\n"
    rf"updated = ({_DATE})"
)
_ANSWER_ROW = re.compile(r'[A-Za-z0-9_-]+ = "(?:yes|no|unsure)"')
# The `[cache]` table older versions of the app wrote (outcome, progress, a key), last: never
# read; the full reader drops it, and so does this one. The next save leaves it out.
_LEGACY_CACHE = re.compile(
    rf'outcome = "[a-z]+"\nanswered = {_COUNT}\napplicable = {_COUNT}\nkey = "[0-9a-f]{{64}}"'
)
#: The tables in the order the app writes them (a table may be left out, never repeated).
_TABLE_ORDER = {"[meta]": 1, "[answers]": 2, "[notes]": 3, "[fingerprints]": 4, "[cache]": 5}
# TOML's offset/local date-time (as tomllib reads it), limited to microseconds.
_DATETIME = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]"
    r"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,6}))?"
    r"(?:([Zz])|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))?"
)
_META_ORDER = ("title", "organisation", "assessor", "diarienummer")  # as Meta declares them
_META_KEYS = frozenset(_META_ORDER)
#: The [meta] lines in the order Session.to_toml() writes them (empty ones left out).
_META_IN_ORDER = re.compile("".join(f'(?:{key} = "({_BODY})"\n)?' for key in _META_ORDER))
_META_PLAIN = re.compile("".join(f'(?:{key} = "([^"]*)"\n)?' for key in _META_ORDER))
_ANSWERS = {f'{a.value}"': a for a in Answer}  # keyed by the value as split off a line
#: `id = "answer"` lines already seen, parsed (bounded: ids come from files).
_ANSWER_LINES: dict[str, tuple[str, Answer]] = {}
_ANSWER_LINES_MAX = 50_000


def _answer_line(line: str) -> tuple[str, Answer]:
    """(question id, answer) from a line the pattern matched as `id = "yes|no|unsure"`."""
    qid, _, value = line.partition(' = "')
    parsed = (qid, _ANSWERS[value])
    if len(_ANSWER_LINES) < _ANSWER_LINES_MAX:
        _ANSWER_LINES[line] = parsed
    return parsed


def quick_entry(path: Path, data: bytes) -> Entry | None:
    """The entry for a valid session file in the form the app writes, or None when the
    full reader must decide (any other form, and every kind of damage)."""
    fields = _quick_fields(data)
    if fields is None:
        return None
    checklist_id, updated, (title, organisation, diarienummer), answers, noted = fields
    checklist = catalog.installed().get(checklist_id)
    if checklist is None:
        return None  # the full reader names the installed checklists
    return _entry(
        path, checklist, answers, noted, title, organisation, checklist_id, updated, diarienummer
    )


def _quick_fields(
    data: bytes,
) -> tuple[str, dt.datetime, tuple[str, str, str], dict[str, Answer], list[str]] | None:
    # The app ends a file with the [fingerprints] table of the checklist it was saved
    # against: recognised by one comparison, and only what is before it is read.
    known_prints = False
    for suffix in _fingerprint_suffixes():
        if data.endswith(suffix):
            data = data[: len(data) - len(suffix)]
            known_prints = True
            break
    # One pass in C over the bytes for the control characters TOML forbids (UTF-8 never
    # uses these bytes inside a longer character): what follows checks only structure.
    if len(data.translate(None, _FORBIDDEN_BYTES)) != len(data):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    end = len(text)
    if not text.endswith("\n", 0, end):
        return None
    parts = text[: end - 1].split("\n\n")
    header = _HEADER.fullmatch(parts[0])
    if header is None:
        return None
    checklist_id, version, created, updated = header.groups()
    checklist_id = _string(checklist_id)
    if not checklist_id or (version is not None and _string(version) is None):
        return None
    when = _datetime(updated)
    if when is None or _datetime(created) is None:
        return None
    meta: tuple[str, str, str] = ("", "", "")
    answers: dict[str, Answer] = {}
    notes: list[str] = []
    last = 0
    for part in parts[1:]:
        name, newline, rows = part.partition("\n")
        order = _TABLE_ORDER.get(name, 0)
        # In order, each once; nothing after the fingerprints recognised above.
        if order <= last or (known_prints and order > 3) or (newline and not rows):
            return None
        last = order
        if not rows:
            if order == 5:
                return None  # the legacy table was never written empty
            continue  # an empty table, as the app writes one
        if order == 2:
            got_answers = _answers(rows)
            if got_answers is None:
                return None
            answers = got_answers
        elif order == 1:
            got_meta = _meta(f"{rows}\n")
            if got_meta is None:
                return None
            meta = got_meta
        elif order == 3:
            # Notes are listed only by their question ids, but a damaged one makes a
            # damaged file.
            got_notes = _keys(f"{rows}\n")
            if got_notes is None:
                return None
            notes = got_notes
        elif order == 4:
            prints = f"{rows}\n"
            if prints not in _fingerprint_blocks() and _table(prints) is None:
                return None
        elif _LEGACY_CACHE.fullmatch(rows) is None:
            return None
    return checklist_id, when, meta, answers, notes


def _answers(rows: str) -> dict[str, Answer] | None:
    """The [answers] table's rows (without the last newline) as a dict; None if a row is
    not `id = "yes|no|unsure"` or an id repeats (invalid TOML)."""
    lines = rows.split("\n")
    # The same few lines (three per question) recur in every file: looked up (straight
    # into the dict), and only when a line was not seen before are the lines matched and
    # split.
    try:
        answers = dict(map(_ANSWER_LINES.__getitem__, lines))
    except KeyError:
        if not all(map(_ANSWER_ROW.fullmatch, lines)):
            return None
        answers = dict([_answer_line(line) for line in lines])
    return answers if len(answers) == len(lines) else None


@cache
def _fingerprint_blocks() -> frozenset[str]:
    """The [fingerprints] table exactly as the app writes it for each installed checklist.
    A file whose table is one of these needs no further check (its keys are the checklist's
    question ids, so none repeats): a string comparison instead of parsing 40 lines."""
    return frozenset(
        "".join(f'{q.id} = "{q.fingerprint()}"\n' for q in c.questions)
        for c in catalog.installed().values()
    )


@cache
def _fingerprint_suffixes() -> tuple[bytes, ...]:
    """The end of a file the app saved against an installed checklist."""
    return tuple(f"\n[fingerprints]\n{block}".encode() for block in _fingerprint_blocks())


def _string(body: str) -> str | None:
    """A basic string's value from its body; escapes are decoded by tomllib itself, so they
    mean exactly what they mean to the full reader (None where tomllib rejects them)."""
    if "\\" not in body:
        return body
    # The escapes the app writes (quote and backslash) are read here: escapes pair from the
    # left, so cutting at each escaped backslash first leaves only escaped quotes in the pieces.
    pieces = [piece.replace('\\"', '"') for piece in body.split("\\\\")]
    if not any("\\" in piece for piece in pieces):
        return "\\".join(pieces)
    try:
        value = tomllib.loads(f'v = "{body}"')["v"]
    except tomllib.TOMLDecodeError:
        return None
    return value if isinstance(value, str) else None


def _plain(lines: str) -> bool:
    """Whether text with no backslash (and, as _quick_fields checks, no forbidden control
    character) is `key = "text"` lines, each ending in a newline. The pattern's strings
    hold no quote, so each line it matched has two: as many lines as half the quotes means
    no string spans a line."""
    return _PLAIN_LINES.fullmatch(lines) is not None and _one_line_each(lines)


def _one_line_each(lines: str) -> bool:
    """For lines a `[^"]*` pattern matched (two quotes each): no string spans a line."""
    return 2 * lines.count("\n") == lines.count('"')


def _table(lines: str | None) -> dict[str, str] | None:
    """`key = "text"` lines (each ending in a newline) as a dict; None if a line is not of
    that form, a key repeats or a string does not decode."""
    if not lines:
        return {}
    if "\\" in lines:
        if _LINES_RE.fullmatch(lines) is None:
            return None
        try:
            table = tomllib.loads(lines)  # decodes escapes, rejects repeated keys
        except tomllib.TOMLDecodeError:
            return None
        return table if all(type(v) is str for v in table.values()) else None
    if not _plain(lines):
        return None
    rows = lines[:-1].split("\n")
    table = {k: v[:-1] for k, v in (row.split(' = "', 1) for row in rows)}
    return table if len(table) == len(rows) else None


def _meta(lines: str | None) -> tuple[str, str, str] | None:
    """(title, organisation, diarienummer) from the [meta] table's lines; None if any field
    is not one the schema knows, repeats, or does not decode. The app's own order is read
    directly."""
    if not lines:
        return "", "", ""
    escaped = "\\" in lines
    m = _META_IN_ORDER.fullmatch(lines) if escaped else _META_PLAIN.fullmatch(lines)
    if m is not None and not escaped and not _one_line_each(lines):
        m = None  # a string spans lines (see _plain): _table turns it away
    if m is None:
        table = _table(lines)
        if table is None or not table.keys() <= _META_KEYS:
            return None
        return table.get("title", ""), table.get("organisation", ""), table.get("diarienummer", "")
    title, organisation, assessor, diarienummer = m.groups()
    if escaped and _string(assessor or "") is None:
        return None
    title, organisation = _string(title or ""), _string(organisation or "")
    diarienummer = _string(diarienummer or "")
    if title is None or organisation is None or diarienummer is None:
        return None
    return title, organisation, diarienummer


def _keys(lines: str | None) -> list[str] | None:
    """The keys of `key = "text"` lines (each ending in a newline); None if a line is not
    of that form, a key repeats or a string does not decode. Cheaper than _table() where
    the values are not needed."""
    if not lines:
        return []
    if "\\" in lines:
        table = _table(lines)
        return None if table is None else list(table)
    if not _plain(lines):
        return None
    keys = [row.partition(' = "')[0] for row in lines[:-1].split("\n")]
    return keys if len(set(keys)) == len(keys) else None


def _datetime(value: str) -> dt.datetime | None:
    """A TOML date-time as tomllib reads it; local times are UTC, as parse_session has it."""
    m = _DATETIME.fullmatch(value)
    if m is None:
        return None
    # The pattern admits only TOML's forms; within them the C parser reads the same moment
    # four times faster than the fields below (which stay for anything it declines).
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        pass
    else:
        parsed = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)
        # Out of range: the full reader says why the file is damaged.
        return parsed if in_range(parsed) else None
    year, month, day, hour, minute, second, fraction, zulu, sign, off_h, off_m = m.groups()
    if zulu or not sign:
        tz = dt.UTC
    else:
        factor = 1 if sign == "+" else -1
        tz = dt.timezone(dt.timedelta(hours=factor * int(off_h), minutes=factor * int(off_m)))
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    try:
        moment = dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
        )
    except ValueError:  # e.g. 30 February
        return None
    return moment if in_range(moment) else None


# --------------------------------------------------------------------------- the index


def index_path(directory: Path) -> Path:
    """Beside the sessions directory, not in it: the directory holds sessions only."""
    return directory.parent / f"{directory.name}{INDEX_SUFFIX}"


def _row(e: Entry) -> list[Any]:
    return [
        e.title,
        e.organisation,
        e.checklist,
        e.updated.isoformat() if e.updated else None,
        e.answered,
        e.applicable,
        e.outcome,
        e.error,
        list(e.unknown),
        e.diarienummer,  # last: added later, the other fields keep their places
    ]


def _from_row(path: Path, row: list[Any]) -> Entry | None:
    """An entry from an index row; None when the row is not what this code writes."""
    try:
        (
            _,
            _,
            _,
            _,
            title,
            organisation,
            checklist,
            updated,
            answered,
            applicable,
            outcome,
            error,
            unknown,
            diarienummer,
        ) = row
        entry = Entry(
            path=path,
            title=title,
            organisation=organisation,
            diarienummer=diarienummer,
            checklist=checklist,
            updated=dt.datetime.fromisoformat(updated) if updated is not None else None,
            answered=answered,
            applicable=applicable,
            outcome=outcome,
            error=error,
            unknown=tuple(unknown),
        )
    except (TypeError, ValueError):
        return None
    # Types as _row() writes them; anything else means someone else's file.
    if not (
        type(title) is type(organisation) is type(diarienummer) is type(checklist) is str
        and type(answered) is type(applicable) is int
        and (outcome is None or type(outcome) is str)
        and (error is None or type(error) is str)
        and type(unknown) is list
        # (Almost always empty: then no generator is made, ~0.2 µs less per row.)
        and (not unknown or all(type(u) is str for u in unknown))
    ):
        return None
    return entry


def encode_index(data: dict[str, Any] | list[Any]) -> bytes:
    """The index file's bytes. marshal, not JSON: it writes and reads the rows of 10,000
    sessions about ten times faster, and the cold listing spent an eighth of its time on
    JSON. marshal trusts its input, so the checksum in front makes sure it only ever sees
    bytes this function wrote (a torn or damaged file fails the checksum); the file is as
    private as the sessions themselves (0600, beside the 0700 sessions folder)."""
    payload = marshal.dumps(data, 4)
    return INDEX_MAGIC + hashlib.sha256(payload).digest() + payload


def decode_index(raw: bytes) -> object | None:
    """What encode_index() was given, or None for any other bytes."""
    head = len(INDEX_MAGIC)
    payload = raw[head + 32 :]
    if raw[:head] != INDEX_MAGIC or hashlib.sha256(payload).digest() != raw[head : head + 32]:
        return None
    try:
        data: object = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):  # cannot happen after the checksum, but cheap
        return None
    return data


def _read_index(directory: Path, stamp: str) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """The remembered rows by file name and the checklist keys they were made with; empty
    when there is no usable index (missing, damaged, or written by other code)."""
    raw = _read_index_bytes(index_path(directory))
    if raw is None:  # missing, unreadable, not a regular file, or too large
        return {}, {}
    data = decode_index(raw)
    if not isinstance(data, dict) or data.get("stamp") != stamp:
        return {}, {}
    rows, keys = data.get("entries"), data.get("checklists")
    if not isinstance(rows, dict) or not isinstance(keys, dict):
        return {}, {}
    # Each row is checked where it is used (_from_row); a bad row is just read again.
    return rows, keys


#: An index of 10,000 sessions is about 2 MB; anything far larger is not ours.
MAX_INDEX_BYTES = 256 * 1024 * 1024


def _read_index_bytes(path: Path) -> bytes | None:
    """The index file's bytes, only if it is a regular file (a FIFO would block forever, a
    symlink to /dev/zero read without end) of at most MAX_INDEX_BYTES; else None."""
    try:
        fd = os.open(path, _OPEN_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except OSError:  # missing, unreadable, or a symlink
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_INDEX_BYTES:
            return None
        chunks = []
        left = st.st_size + 1
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        return data if len(data) <= st.st_size else None  # grew while read: rebuild
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_index(
    directory: Path, stamp: str, keys: dict[str, str], rows: dict[str, list[Any]]
) -> None:
    """Replace the index atomically. Best effort: a listing never fails for its cache. No
    fsync: after a crash a torn index is detected (its checksum fails) and rebuilt, so
    durability would cost time for nothing."""
    target = index_path(directory)
    body = encode_index({"stamp": stamp, "checklists": keys, "entries": rows})
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:  # mkstemp makes it 0600: titles are private
            f.write(body)
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _stamp() -> str:
    """What every remembered entry depends on besides its file and its checklist: the index
    format, the program's version and code, and Python's marshal format. An index with
    another stamp is ignored."""
    parts = [
        f"format {INDEX_FORMAT}",
        f"iop-tui {__version__}",
        # marshal's format may differ between Python versions
        f"python {sys.version_info[0]}.{sys.version_info[1]} marshal {marshal.version}",
        code_hash(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _checklist_keys() -> dict[str, str]:
    """A key per installed checklist (by id), and one for the installed set as a whole."""
    keys = {c.id: checklist_hash(c) for c in catalog.installed().values()}
    keys[_ANY_CHECKLIST] = hashlib.sha256(
        "\n".join(f"{k} {v}" for k, v in sorted(keys.items())).encode()
    ).hexdigest()
    return keys


@cache
def code_hash() -> str:
    """The modules that decide what the list shows: a changed engine or schema (even without
    a new version number, as while developing) must not reuse entries computed by the old."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in ("listing.py", "engine.py", "session.py", "store.py", "checklist.py"):
        with contextlib.suppress(OSError):
            h.update((here / name).read_bytes())
    return h.hexdigest()


_CHECKLIST_HASHES: dict[int, tuple[Checklist, str]] = {}


def checklist_hash(c: Checklist) -> str:
    """Everything a checklist says (its version included), hashed once per loaded object."""
    hit = _CHECKLIST_HASHES.get(id(c))
    if hit is None or hit[0] is not c:
        hit = (c, hashlib.sha256(c.model_dump_json().encode()).hexdigest())
        _CHECKLIST_HASHES[id(c)] = hit
    return hit[1]
