"""The sessions list: the quick reader agrees with the full reader (tomllib + pydantic) on
every file, and the index never changes what is listed, only how fast."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_tui import catalog, forked, listing, store
from iop_tui.checklist import Answer
from iop_tui.listing import Entry, describe, list_sessions, quick_entry
from iop_tui.session import Meta, Session

EXAMPLES = catalog.examples()
BOLLEBYGD_IDS = [q.id for q in catalog.get("bollebygd").questions]

#: Damaged (or merely unusual) session files; each must be listed exactly as the full
#: reader describes it.
ODD_FILES = {
    "empty": b"",
    "blank": b"  \n\n",
    "binary": b"\x00\x01\x02schema = 1",
    "not-utf8": b'schema = 1\nchecklist = "bollebygd"\ntitle = "\xff"\n',
    "bad-toml": b"schema = ",
    "no-schema": b'checklist = "bollebygd"\n',
    "newer": b'schema = 2\nchecklist = "bollebygd"\n',
    "schema-text": b'schema = "1"\nchecklist = "bollebygd"\n',
    "unknown-checklist": (
        b'schema = 1\nchecklist = "nope"\ncreated = 2026-01-01T00:00:00Z\n'
        b"updated = 2026-01-01T00:00:00Z\n"
    ),
    "empty-checklist": (
        b'schema = 1\nchecklist = ""\ncreated = 2026-01-01T00:00:00Z\n'
        b"updated = 2026-01-01T00:00:00Z\n"
    ),
    "bad-answer": b'schema = 1\nchecklist = "bollebygd"\n[answers]\nx = "kanske"\n',
    "extra-field": b'schema = 1\nchecklist = "bollebygd"\nextra = 3\n',
    "bad-escape": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[meta]\ntitle = "a\\qb"\n'
    ),
    "surrogate-escape": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[meta]\ntitle = "a\\ud800"\n'
    ),
    "repeated-answer": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[answers]\nx = "yes"\nx = "no"\n'
    ),
    "repeated-note": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[notes]\nx = "a"\nx = "b"\n'
    ),
    "repeated-escaped-note": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[notes]\nx = "a\\n"\nx = "b"\n'
    ),
    "30-february": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-02-30T00:00:00Z\n'
        b"updated = 2026-01-01T00:00:00Z\n"
    ),
    "unknown-meta": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[meta]\nowner = "x"\n'
    ),
    "meta-other-order": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[meta]\norganisation = "O"\ntitle = "T"\n'
    ),
    "repeated-meta": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[meta]\ntitle = "T"\ntitle = "U"\n'
    ),
    "bad-escape-in-assessor": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[meta]\ntitle = "T"\nassessor = "a\\qb"\n'
    ),
    "no-dates": b'schema = 1\nchecklist = "bollebygd"\n',
    "local-dates": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T10:00:00\n'
        b"updated = 2026-01-01 11:00:00.5\n"
    ),
    "offset-dates": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T10:00:00-02:30\n'
        b"updated = 2026-01-01t11:00:00+01:00\n"
    ),
    "crlf": (
        b'schema = 1\r\nchecklist = "bollebygd"\r\ncreated = 2026-01-01T00:00:00Z\r\n'
        b'updated = 2026-01-01T00:00:00Z\r\n\r\n[answers]\r\norg_juridisk_person = "yes"\r\n'
    ),
    "comments": (
        b'# hand-written\nschema = 1\nchecklist = "bollebygd"  # which one\n'
        b"created = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n"
    ),
    "quoted-title": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b'updated = 2026-01-01T00:00:00Z\n\n[meta]\ntitle = "Ett \\"IOP\\" \\\\ \\u00e5"\n'
    ),
    "date-as-text": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = "2026-01-01T00:00:00Z"\n'
        b'updated = "2026-01-01T00:00:00Z"\n'
    ),
    "no-final-newline": (
        b'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        b"updated = 2026-01-01T00:00:00Z"
    ),
}


def legacy_cache_table(outcome: str, answered: int = 3, applicable: int = 34) -> bytes:
    """The `[cache]` table earlier versions of the app ended each saved session with."""
    return (
        f'\n[cache]\noutcome = "{outcome}"\nanswered = {answered}\n'
        f'applicable = {applicable}\nkey = "{"0" * 64}"\n'
    ).encode("ascii")


def _write(directory: Path, name: str, data: bytes) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(data)
    return path


def _stable(entries: list[Entry]) -> list[Entry]:
    """Entries to compare across two reads: a file without dates is read as saved "now",
    which moves on between the reads (seen as a one-second difference, now and then)."""
    return [
        dataclasses.replace(e, updated=None) if e.path.name == "no-dates.toml" else e
        for e in entries
    ]


def _original_listing(directory: Path) -> list[Entry]:
    """What list_sessions() returned before the quick reader and the index: every file
    through the full reader."""
    entries = [describe(p) for p in directory.glob("*.toml") if not p.name.startswith(".")]
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(
        entries, key=lambda e: (e.damaged, -(e.updated or epoch).timestamp(), e.path.name)
    )


# --------------------------------------------------------------------------- quick reader


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_quick_reader_reads_every_example_like_the_full_reader(path: Path) -> None:
    entry = quick_entry(path, path.read_bytes())
    assert entry is not None  # the examples are in the app's own form: the quick path
    assert entry == describe(path)


@pytest.mark.parametrize("name", sorted(ODD_FILES))
def test_odd_files_are_listed_as_the_full_reader_says(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / "sessions", f"{name}.toml", ODD_FILES[name])
    full = describe(path)
    quick = quick_entry(path, path.read_bytes())
    assert quick is None or _stable([quick]) == _stable([full])
    assert _stable(list_sessions(tmp_path / "sessions")) == _stable([full])
    # and again, from the index
    assert _stable(list_sessions(tmp_path / "sessions")) == _stable([full])


def test_damaged_files_are_listed_with_their_reason(tmp_path: Path) -> None:
    d = tmp_path / "sessions"
    for name, data in ODD_FILES.items():
        _write(d, f"{name}.toml", data)
    listed = list_sessions(d)
    assert _stable(listed) == _stable(_original_listing(d))
    damaged = {e.path.stem: e.error for e in listed if e.damaged}
    assert damaged["bad-toml"].startswith("invalid TOML")
    assert "answer must be yes, no or unsure" in damaged["bad-answer"]
    assert "checklist 'nope' is not installed" in damaged["unknown-checklist"]
    assert {"quoted-title", "crlf", "comments", "local-dates"}.isdisjoint(damaged)


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_ids = st.sampled_from(BOLLEBYGD_IDS) | st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    meta=st.fixed_dictionaries(
        {}, optional={k: _text for k in ("title", "organisation", "assessor", "diarienummer")}
    ),
    answers=st.dictionaries(_ids, st.sampled_from(list(Answer)), max_size=45),
    notes=st.dictionaries(_ids, _text.filter(str.strip), max_size=5),
    version=st.none() | _text,
    seconds=st.integers(0, 10**9),
    # The app records the installed checklist's fingerprints; older or hand-edited files
    # may have none or other ones.
    prints=st.none() | st.just("installed") | st.dictionaries(_ids, _text, max_size=5),
    legacy=st.none() | st.sampled_from(["iop", "upphandling", "oklart"]),
)
def test_sessions_the_app_writes_take_the_quick_path(
    tmp_path_factory: pytest.TempPathFactory,
    meta: dict[str, str],
    answers: dict[str, Answer],
    notes: dict[str, str],
    version: str | None,
    seconds: int,
    prints: str | dict[str, str] | None,
    legacy: str | None,
) -> None:
    when = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)
    session = Session(
        checklist="bollebygd",
        checklist_version=version,
        created=when,
        updated=when,
        meta=Meta(**meta),
        answers=answers,
        notes=notes,
    )
    if prints == "installed":
        session.record_checklist(catalog.get("bollebygd"))
    elif prints:
        session.fingerprints = prints
    data = store.encode(session, Path("s.toml"))
    assert b"[cache]" not in data
    if legacy:  # as earlier versions saved it: a table the list must not believe
        data += legacy_cache_table(legacy)
    path = _write(tmp_path_factory.mktemp("s"), "s.toml", data)
    full = describe(path)
    quick = quick_entry(path, data)
    assert quick is not None
    assert quick == full


_TRICKY = [
    *"\"\\\n\r\t #=[]'.,:-_+0123456789TZtzyesnoun{}",
    *["\x00", "\x7f", "\x85", "å", "€", "😀"],
    # what the quick reader counts and cuts at: a string must never hide another line
    *[' = "', '"\n', ' = "\n', 'x = "y"\n', "\\\\", '\\"', "\\u00e5"],
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    example=st.sampled_from(EXAMPLES),
    with_prints=st.booleans(),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "replace"]),
            st.floats(0, 1),
            st.sampled_from(_TRICKY) | st.characters(codec="utf-8", exclude_categories=("Cs",)),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_random_edits_never_make_the_readers_disagree(
    tmp_path_factory: pytest.TempPathFactory,
    example: Path,
    with_prints: bool,
    edits: list[tuple[str, float, str]],
) -> None:
    text = example.read_text(encoding="utf-8")
    if with_prints:  # as the app saves it (checklist version, wording), and as earlier
        # versions did: with the list's `[cache]` table at the end
        session = store.load(example)
        session.record_checklist(catalog.get("bollebygd"))
        data = store.encode(session, example) + legacy_cache_table("upphandling")
        text = data.decode("utf-8")
    for kind, where, char in edits:
        i = int(where * len(text))
        if kind == "insert":
            text = text[:i] + char + text[i:]
        elif kind == "delete":
            text = text[:i] + text[i + 1 :]
        else:
            text = text[:i] + char + text[i + 1 :]
    path = _write(tmp_path_factory.mktemp("e"), "e.toml", text.encode("utf-8"))
    full = describe(path)
    data = path.read_bytes()
    quick = quick_entry(path, data)
    assert quick is None or quick == full
    assert list_sessions(path.parent) == [full]


_BODY_CHARS = st.sampled_from([*'ab"\\ntu0e5\t ', "å", "\\u00e5", "\\\\", '\\"'])


@settings(max_examples=300, deadline=None)
@given(body=st.lists(_BODY_CHARS, max_size=12).map("".join))
def test_string_bodies_decode_as_tomllib_decodes_them(body: str) -> None:
    """The quick reader undoes the escapes the app writes itself; anything else is tomllib's."""
    if re.fullmatch(listing._BODY, body) is None:
        return  # not a string body the quick reader's patterns would hand over
    try:
        expected: str | None = tomllib.loads(f'v = "{body}"')["v"]
    except tomllib.TOMLDecodeError:
        expected = None
    assert listing._string(body) == expected


# Lines built as the app writes them, then spoiled now and then: a string holding a newline,
# a quote or ` = "`, a key holding a space or a quote, a line without its closing quote.
_KEY = st.sampled_from(["a", "b", "k_1", "x-y", "a b", 'a"', ""])
_BODY_PART = st.sampled_from(["v", "å", " ", "\t", " = ", "\n", '"', ' = "', '"\nk = "', ""])
_LINE = st.tuples(_KEY, st.lists(_BODY_PART, max_size=4).map("".join), st.booleans())


@settings(max_examples=500, deadline=None)
@given(rows=st.lists(_LINE, min_size=1, max_size=5))
def test_lines_are_counted_as_the_full_pattern_matches_them(
    rows: list[tuple[str, str, bool]],
) -> None:
    """Without escapes or control characters, counting quotes and newlines after the simple
    pattern accepts exactly the lines the full pattern accepts, and reads them as tomllib."""
    lines = "".join(k + ' = "' + body + ('"' if closed else "") + "\n" for k, body, closed in rows)
    full = listing._LINES_RE.fullmatch(lines) is not None
    assert listing._plain(lines) == full
    try:
        table: dict[str, object] | None = tomllib.loads(lines)
    except tomllib.TOMLDecodeError:
        table = None
    if full:  # then only a repeated key makes it invalid TOML
        assert listing._table(lines) == table
        assert listing._keys(lines) == (None if table is None else list(table))
    else:
        assert listing._table(lines) is None and listing._keys(lines) is None


# --------------------------------------------------------------------------- the index


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    d = tmp_path / "data" / "sessions"
    for p in EXAMPLES:
        _write(d, p.name, p.read_bytes())
    _write(d, "broken.toml", b"schema = ")
    _write(d, ".hidden.toml", b"not listed")
    (d / "notes.txt").write_text("not a session")
    return d


def test_warm_listing_equals_cold_and_the_original(sessions: Path) -> None:
    cold = list_sessions(sessions)
    assert listing.index_path(sessions).is_file()
    warm = list_sessions(sessions)
    assert cold == warm == _original_listing(sessions)
    assert len(cold) == len(EXAMPLES) + 1 and cold[-1].damaged


def test_index_is_private_and_beside_the_sessions(sessions: Path) -> None:
    list_sessions(sessions)
    index = listing.index_path(sessions)
    assert index.parent == sessions.parent
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert not [p for p in sessions.iterdir() if "index" in p.name]


def test_warm_listing_reads_no_unchanged_file(sessions: Path, monkeypatch) -> None:
    list_sessions(sessions)

    def no_reading(path: Path, where: str | None = None) -> object:
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(listing, "_read_entry", no_reading)
    assert list_sessions(sessions) == _original_listing(sessions)


def test_changed_added_and_removed_files_are_seen(sessions: Path) -> None:
    list_sessions(sessions)
    first = sessions / EXAMPLES[0].name
    session = store.load(first)
    session.meta.title = "Ändrad"
    session.answers.clear()
    before = first.stat()
    store.atomic_write(first, session.to_toml().encode())
    (sessions / EXAMPLES[1].name).unlink()
    _write(sessions, "new.toml", EXAMPLES[2].read_bytes())
    listed = list_sessions(sessions)
    assert listed == _original_listing(sessions)
    changed = next(e for e in listed if e.path == first)
    assert changed.title == "Ändrad" and changed.answered == 0
    # Same size and mtime as before, but a new file (inode): still read again.
    store.atomic_write(first, EXAMPLES[0].read_bytes())
    os.utime(first, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert list_sessions(sessions) == _original_listing(sessions)


@pytest.mark.parametrize(
    "index",
    [
        b"",
        b"\x00garbage",
        b'{"stamp": ',
        b"[]",
        b'{"stamp": 1, "entries": []}',
        b"CHECKSUM-WRONG",
        b"CHECKSUM-RIGHT-NOT-MARSHAL",
        b"NOT-A-DICT",
        b"STAMP-ENTRIES-5",
        b"STAMP-ENTRIES-LIST",
        b"STAMP-ENTRIES-WRONG-TYPES",
        b"STAMP-ENTRIES-BAD-DATE",
        '{"stamp": "\u00e5"}'.encode(),
    ],
)
def test_a_damaged_index_is_ignored_and_rebuilt(sessions: Path, index: bytes) -> None:
    list_sessions(sessions)
    path = listing.index_path(sessions)
    raw = path.read_bytes()
    good = listing.decode_index(raw)
    assert isinstance(good, dict)
    if index == b"CHECKSUM-WRONG":  # one bit flipped in the rows: a torn or damaged file
        index = raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:]
    elif index == b"CHECKSUM-RIGHT-NOT-MARSHAL":
        payload = b"\xff\x00 not marshal"
        index = listing.INDEX_MAGIC + hashlib.sha256(payload).digest() + payload
    elif index == b"NOT-A-DICT":
        index = listing.encode_index([good["stamp"], good["entries"]])
    elif index.startswith(b"STAMP-"):
        broken = dict(good)
        entries = {name: list(row) for name, row in good["entries"].items()}
        for row in entries.values():
            if index == b"STAMP-ENTRIES-5":
                row[:] = [5]
            elif index == b"STAMP-ENTRIES-LIST":
                row.append("extra")
            elif index == b"STAMP-ENTRIES-WRONG-TYPES":
                row[4] = 42  # title
            else:
                row[7] = "yesterday"  # updated
        broken["entries"] = entries if index != b"STAMP-ENTRIES-5" else {"x": 5, **entries}
        index = listing.encode_index(broken)
    path.write_bytes(index)
    assert list_sessions(sessions) == _original_listing(sessions)
    rebuilt = listing.decode_index(path.read_bytes())
    assert isinstance(rebuilt, dict) and rebuilt["stamp"] == good["stamp"]
    assert list_sessions(sessions) == _original_listing(sessions)


def test_an_index_for_other_code_or_checklists_is_ignored(sessions: Path) -> None:
    list_sessions(sessions)
    path = listing.index_path(sessions)
    data = listing.decode_index(path.read_bytes())
    assert isinstance(data, dict)
    data["stamp"] = "written by another version"
    for row in data["entries"].values():
        row[10] = "upphandling"  # a verdict that other code might have given
    path.write_bytes(listing.encode_index(data))
    assert list_sessions(sessions) == _original_listing(sessions)


def test_listing_works_when_the_index_cannot_be_written(sessions: Path) -> None:
    listing.index_path(sessions).mkdir()  # neither readable as a file nor replaceable
    assert list_sessions(sessions) == _original_listing(sessions)
    assert list_sessions(sessions) == _original_listing(sessions)
    assert not [p for p in sessions.parent.iterdir() if p.name.endswith(".tmp")]


def test_missing_or_empty_directory(tmp_path: Path) -> None:
    assert list_sessions(tmp_path / "nothing") == []
    (tmp_path / "sessions").mkdir()
    assert list_sessions(tmp_path / "sessions") == []
    assert not listing.index_path(tmp_path / "sessions").exists()


def test_a_directory_named_like_a_session_is_listed_as_damaged(tmp_path: Path) -> None:
    d = tmp_path / "sessions"
    (d / "odd.toml").mkdir(parents=True)
    [entry] = list_sessions(d)
    assert entry.damaged and entry == describe(d / "odd.toml")


def test_a_changed_checklist_rereads_only_its_own_sessions(
    tmp_path: Path, mini, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = tmp_path / "sessions"
    bollebygd = catalog.get("bollebygd")
    monkeypatch.setattr(catalog, "installed", lambda: {"bollebygd": bollebygd, mini.id: mini})
    for p in EXAMPLES[:3]:
        _write(d, p.name, p.read_bytes())
    for i in range(2):
        _write(d, f"mini-{i}.toml", Session.new(mini, title=f"Mini {i}").to_toml().encode())
    _write(d, "broken.toml", b"schema = ")
    assert list_sessions(d) == _original_listing(d)

    read: list[str] = []
    real = listing._read_entry

    def counting(path: Path, where: str | None = None) -> object:
        read.append(path.name)
        return real(path, where)

    monkeypatch.setattr(listing, "_read_entry", counting)
    assert list_sessions(d) == _original_listing(d)
    assert read == []  # warm: nothing read
    # A new version of the mini checklist (another margin may give other verdicts).
    changed = mini.model_copy(
        update={"version": "9", "judging": mini.judging.model_copy(update={"margin": 99})}
    )
    monkeypatch.setattr(catalog, "installed", lambda: {"bollebygd": bollebygd, mini.id: changed})
    assert list_sessions(d) == _original_listing(d)
    # Its sessions, and the damaged file (its message may name the installed checklists).
    assert sorted(read) == ["broken.toml", "mini-0.toml", "mini-1.toml"]


# --------------------------------------------------------------------------- helpers


@pytest.mark.skipif(not forked.AVAILABLE, reason="helpers need fork (Linux)")
@pytest.mark.parametrize("processes", [2, 3])
def test_helpers_list_exactly_what_one_process_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int
) -> None:
    d = tmp_path / "sessions"
    for copy in range(4):
        for p in EXAMPLES:
            _write(d, f"{copy}-{p.name}", p.read_bytes())
    for name, data in ODD_FILES.items():  # damaged or unusual: the full reader, here only
        _write(d, f"{name}.toml", data)
    serial = list_sessions(d)
    listing.index_path(d).unlink()

    monkeypatch.setattr(listing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(listing, "CHUNK_FILES", 4)
    monkeypatch.setattr(forked, "processes", lambda: processes)
    here: list[str] = []
    real = listing._read_entry

    def slow_here(path: Path, where: str | None = None) -> object:
        here.append(path.name)
        time.sleep(0.01)  # so that the helpers claim chunks whatever the machine's speed
        return real(path, where)

    monkeypatch.setattr(listing, "_read_entry", slow_here)
    # Forked while another thread runs, as in the app (Textual's own threads).
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        listed = list_sessions(d)
    finally:
        stop.set()
        other.join()
    assert _stable(listed) == _stable(serial) == _stable(_original_listing(d))
    total = len(serial)
    assert len(here) < total  # the helpers' rows were used...
    full_reader = {e.path.name for e in serial if quick_entry(e.path, e.path.read_bytes()) is None}
    assert full_reader and full_reader <= set(here)  # ...and the full reader ran here
    here.clear()
    assert _stable(list_sessions(d)) == _stable(serial)  # and the index they made is sound
    assert here == []


@pytest.mark.skipif(not forked.AVAILABLE, reason="helpers need fork (Linux)")
def test_a_helper_row_with_an_error_is_read_again_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = tmp_path / "sessions"
    for copy in range(3):
        for p in EXAMPLES:
            _write(d, f"{copy}-{p.name}", p.read_bytes())
    serial = list_sessions(d)
    listing.index_path(d).unlink()
    monkeypatch.setattr(listing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(listing, "CHUNK_FILES", 4)
    monkeypatch.setattr(forked, "processes", lambda: 2)
    real_rows = listing._quick_rows

    def failing_rows(directory: Path, items):  # type: ignore[no-untyped-def]
        # As a helper whose judging failed (an "internal error" entry) would send them.
        rows = real_rows(directory, items)
        return [
            None if r is None else [*r[:11], "internal error: MemoryError", *r[12:]] for r in rows
        ]

    monkeypatch.setattr(listing, "_quick_rows", failing_rows)
    here: list[str] = []
    real = listing._read_entry

    def slow_here(path: Path, where: str | None = None) -> object:
        here.append(path.name)
        time.sleep(0.01)
        return real(path, where)

    monkeypatch.setattr(listing, "_read_entry", slow_here)
    assert list_sessions(d) == serial
    assert len(here) == len(serial)  # every file the helper "failed" on was read here


def test_caches_are_warmed_before_the_helpers_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = tmp_path / "sessions"
    for p in EXAMPLES:
        _write(d, p.name, p.read_bytes())
    monkeypatch.setattr(listing, "PARALLEL_FROM", 1)
    monkeypatch.setattr(forked, "processes", lambda: 2)
    order: list[str] = []
    real_warm, real_start = listing._warm, forked.Shared.start

    def warm() -> None:
        order.append("warm")
        real_warm()

    def start(self):  # type: ignore[no-untyped-def]
        order.append("start")
        real_start(self)

    monkeypatch.setattr(listing, "_warm", warm)
    monkeypatch.setattr(forked.Shared, "start", start)
    list_sessions(d)
    assert order == ["warm", "start"]


_HELPERS_WORK_AFTER_WARMING = """
import json, os, sys
from pathlib import Path
from iop_tui import catalog, engine, listing

d = Path(sys.argv[1])
items = sorted(os.scandir(d), key=lambda i: i.name)
listing._warm()

def caches():
    return (
        len(engine._PLANS), len(engine._DEPENDENTS), listing._fingerprint_blocks.cache_info(),
        [sorted(vars(c)) for c in catalog.installed().values()],
    )

imports = []
sys.addaudithook(lambda event, args: imports.append(args[0]) if event == "import" else None)
before = caches()
rows = listing._quick_rows(d, items)
print(json.dumps({
    "imports": imports, "same": caches() == before, "rows": sum(r is not None for r in rows)
}))
"""


def test_after_warming_a_helpers_work_imports_nothing_and_fills_no_cache(
    tmp_path: Path,
) -> None:
    d = tmp_path / "sessions"
    for p in EXAMPLES:
        _write(d, p.name, p.read_bytes())
    for name, data in ODD_FILES.items():
        _write(d, f"{name}.toml", data)
    done = subprocess.run(
        [sys.executable, "-c", _HELPERS_WORK_AFTER_WARMING, str(d)],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(done.stdout)
    assert got["imports"] == [] and got["same"] and got["rows"] >= len(EXAMPLES)
