from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop_tui import store
from iop_tui.checklist import Answer
from iop_tui.errors import SessionError
from iop_tui.session import Meta, Session, parse_session

GOOD = """schema = 1
checklist = "mini"
created = 2026-01-01T10:00:00Z
updated = 2026-01-01T10:05:00Z
[meta]
title = "Läxhjälp"
[answers]
profit = "no"
shared = "yes"
[notes]
shared = "Båda behövs."
"""


def test_round_trip(tmp_path: Path, mini) -> None:
    s = Session.new(mini, title="Åäö – test", assessor="Eva")
    s.set_answer("profit", Answer.NO)
    s.set_note("profit", 'Stadgar §3 säger "ingen vinst" <ok>')
    path = tmp_path / "s.toml"
    store.atomic_write(path, s.to_toml().encode())
    back = store.load(path)
    assert back == s
    assert back.checklist_version == "1"


def test_hand_written_session_without_version(mini) -> None:
    s = parse_session(GOOD, "x.toml")
    assert s.checklist_version is None
    assert s.answers == {"profit": Answer.NO, "shared": Answer.YES}
    assert s.meta == Meta(title="Läxhjälp")


def test_unknown_question_ids_are_reported(mini) -> None:
    s = parse_session(GOOD.replace('shared = "yes"', 'shared = "yes"\nghost = "no"'), "x")
    assert s.unknown_questions(mini) == ["ghost"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("   \n", "the file is empty"),
        ("schema = 1\nchecklist = ", "invalid TOML"),
        ("a\x00b", "binary"),
        ('checklist = "mini"', "no 'schema' field"),
        ('schema = "1"\nchecklist = "x"', "'schema' must be a number"),
        ('schema = 2\nchecklist = "x"', "newer iop-tui"),
        ('schema = 0\nchecklist = "x"', "unknown session schema 0"),
        ('schema = 1\nchecklist = "x"\n[answers]\nq = "kanske"', "answers.q: answer must be yes"),
        ('schema = 1\nchecklist = "x"\nanswers = 3', "answers:"),
        ('schema = 1\nchecklist = "x"\nextra = 3', "extra: unknown field"),
        ("schema = 1", "checklist: required field is missing"),
    ],
)
def test_damaged_sessions_give_one_line_errors(text: str, message: str) -> None:
    with pytest.raises(SessionError) as exc:
        parse_session(text, "bad.toml")
    line = str(exc.value)
    assert line.startswith("bad.toml: ") and message in line and "\n" not in line


def test_reading_never_modifies(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(GOOD)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    store.load(path)
    store.Handle.open(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_too_large_and_not_utf8(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as f:
        f.truncate(50_000_000)
    with pytest.raises(SessionError, match="too large"):
        store.load(big)
    latin = tmp_path / "latin.toml"
    latin.write_bytes(GOOD.encode("latin-1"))
    with pytest.raises(SessionError, match="not UTF-8"):
        store.load(latin)


def test_create_is_private_and_never_overwrites(tmp_path: Path, mini) -> None:
    d = tmp_path / "sessions"
    s = Session.new(mini, title="Läxhjälp")
    h1 = store.create(d, s)
    h2 = store.create(d, s)
    assert h1.path.name == "läxhjälp.toml" and h2.path.name == "läxhjälp-2.toml"
    assert stat.S_IMODE(h1.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(d.stat().st_mode) == 0o700
    assert not [p for p in d.iterdir() if p.name.startswith(".")]  # no temp files left


def test_save_refuses_when_file_changed_on_disk(tmp_path: Path, mini) -> None:
    s = Session.new(mini, title="x")
    h = store.create(tmp_path, s)
    h.path.write_text(h.path.read_text() + "\n# edited elsewhere\n")
    s.set_answer("profit", Answer.YES)
    with pytest.raises(store.ConflictError):
        store.save(h, s)
    assert "edited elsewhere" in h.path.read_text()
    store.save(h, s, force=True)
    assert store.load(h.path).answers == {"profit": Answer.YES}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_safe_stem(title: str) -> None:
    stem = store.safe_stem(title)
    assert stem and len(stem) <= store.MAX_STEM
    assert "/" not in stem and "\\" not in stem and ".." not in stem and "." not in stem
    assert all(ch.isprintable() for ch in stem)


def test_safe_stem_keeps_swedish_letters() -> None:
    assert store.safe_stem("Läxhjälp på Öxabäck/../etc") == "läxhjälp-på-öxabäck-etc"
    assert store.safe_stem("\x1b[31m") == "31m"
    assert store.safe_stem("..") == "bedomning"


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IOP_TUI_DATA_DIR", str(tmp_path / "env"))
    assert store.data_dir() == tmp_path / "env"
    assert store.data_dir(tmp_path / "opt") == tmp_path / "opt"
    monkeypatch.delenv("IOP_TUI_DATA_DIR")
    assert "iop-tui" in str(store.data_dir())


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True),
        st.sampled_from(list(Answer)),
        max_size=10,
    ),
    st.dictionaries(
        st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True),
        st.text(min_size=1).filter(str.strip),
        max_size=5,
    ),
    st.text(max_size=50),
)
def test_store_round_trip_property(answers, notes, title) -> None:
    s = Session(checklist="mini", answers=answers, notes=notes, meta=Meta(title=title))
    assert parse_session(s.to_toml(), "x") == s


def test_atomic_write_leaves_no_temp_on_failure(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "s.toml"
    target.write_text(GOOD)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        store.atomic_write(target, b"new")
    assert target.read_text() == GOOD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]


def test_dates_and_local_times_read_as_utc_and_save_back_the_same() -> None:
    # Found by tests/core/test_loader_properties.py: a bare date loaded as a naive datetime and
    # was written back as a local time, so the value changed on a round trip.
    s = parse_session('schema = 1\nchecklist = "x"\ncreated = 2026-03-02\n', "x")
    assert s.created == dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    assert parse_session(s.to_toml(), "x") == s
    s = parse_session('schema = 1\nchecklist = "x"\nupdated = 2026-03-02T09:40:00\n', "x")
    assert s.updated.tzinfo is not None
