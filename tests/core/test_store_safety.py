"""Saving safely: private rights whatever the umask, safe and bounded file names, new files
that never overwrite and never appear half-written, and stale temp files cleaned up."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop_tui import store
from iop_tui.checklist import Answer
from iop_tui.errors import SessionError
from iop_tui.listing import list_sessions
from iop_tui.session import Session
from iop_tui.store import MAX_SESSION_BYTES

NAME_MAX = 255  # bytes, on ext4, btrfs, xfs, APFS, NTFS (in UTF-16 units there)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0)  # the worst case: every new file and directory world-writable
    try:
        yield
    finally:
        os.umask(old)


# --------------------------------------------------------------------------- rights


def test_private_even_with_permissive_umask(tmp_path: Path, mini, permissive_umask) -> None:
    d = tmp_path / "data" / "sessions"
    s = Session.new(mini, title="Läxhjälp")
    h = store.create(d, s)
    assert mode(d) == 0o700
    assert mode(h.path) == 0o600
    s.set_answer("profit", Answer.NO)
    store.save(h, s)
    assert mode(h.path) == 0o600


def test_existing_wide_sessions_dir_is_tightened(tmp_path: Path, mini) -> None:
    d = tmp_path / "sessions"
    d.mkdir(mode=0o755)
    d.chmod(0o755)
    store.create(d, Session.new(mini, title="x"))
    assert mode(d) == 0o700


def test_saving_elsewhere_leaves_that_folders_rights_alone(tmp_path: Path, mini) -> None:
    # `iop-tui open ~/Documents/x.toml`: saving must not chmod ~/Documents.
    docs = tmp_path / "Documents"
    docs.mkdir()
    docs.chmod(0o755)
    path = docs / "x.toml"
    path.write_text(Session.new(mini).to_toml())
    path.chmod(0o644)
    h, s = store.Handle.open(path)
    s.set_answer("profit", Answer.YES)
    store.save(h, s)
    assert mode(docs) == 0o755
    assert mode(path) == 0o600  # the session itself becomes private once we write it


# --------------------------------------------------------------------------- names


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_safe_stem_properties(title: str) -> None:
    stem = store.safe_stem(title)
    assert stem and len(stem) <= store.MAX_STEM
    assert len(stem.encode("utf-8")) <= store.MAX_STEM_BYTES
    assert not set(stem) & set('/\\:*?"<>|.\x00')
    assert all(ch.isprintable() and not ch.isspace() for ch in stem)
    assert not stem.startswith("-")
    assert stem.split(".")[0] not in store._RESERVED


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Läxhjälp på Öxabäck", "läxhjälp-på-öxabäck"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\Windows\\system32", "windows-system32"),
        ("C:\\Users\\eva", "c-users-eva"),
        (".hidden", "hidden"),
        ("...", "bedomning"),
        ("", "bedomning"),
        ("a\nb\tc\x00d\x1b[2J", "a-b-c-d-2j"),
        ("Läx\u00adhjälp\u200d", "läxhjälp"),
        ("CON", "con-bedomning"),
        ("nul", "nul-bedomning"),
        ("Com1", "com1-bedomning"),
        ("LPT9", "lpt9-bedomning"),
        ("console", "console"),
        # decomposed (NFD) letters, as macOS hands them over, are composed first
        ("La\u0308xhja\u0308lp", "läxhjälp"),
    ],
)
def test_safe_stem_examples(title: str, stem: str) -> None:
    assert store.safe_stem(title) == stem


@pytest.mark.parametrize("char", ["å", "漢", "𝔄"])  # 2, 3 and 4 bytes in UTF-8
def test_long_multibyte_titles_fit_the_file_system(tmp_path: Path, mini, char: str) -> None:
    title = char * 300
    stem = store.safe_stem(title)
    assert len(stem.encode()) <= store.MAX_STEM_BYTES
    # The file, its temp files and its lock file can all really be created.
    s = Session.new(mini, title=title)
    handles = [store.create(tmp_path, s) for _ in range(3)]
    for h in handles:
        assert len(h.path.name.encode()) < NAME_MAX
        store.save(h, s)
        assert len(store.hidden_name(h.path, ".lock").name.encode()) <= NAME_MAX


def test_very_long_existing_name_can_still_be_saved(tmp_path: Path, mini) -> None:
    # A hand-named file near the 255-byte limit: the temp name is cut, not refused.
    path = tmp_path / ("ä" * 123 + ".toml")
    assert len(path.name.encode()) == 251
    path.write_text(Session.new(mini).to_toml())
    h, s = store.Handle.open(path)
    s.set_answer("profit", Answer.NO)
    store.save(h, s)
    assert store.load(path).answers == {"profit": Answer.NO}


def test_collisions_never_overwrite(tmp_path: Path, mini) -> None:
    sessions = [Session.new(mini, title="Läxhjälp", assessor=f"nr {i}") for i in range(12)]
    paths = [store.create(tmp_path, s).path for s in sessions]
    assert len(set(paths)) == 12
    assert paths[0].name == "läxhjälp.toml" and paths[11].name == "läxhjälp-12.toml"
    for s, p in zip(sessions, paths, strict=True):
        assert store.load(p).meta.assessor == s.meta.assessor


def test_dangling_symlink_is_not_written_through(tmp_path: Path, mini) -> None:
    target = tmp_path / "elsewhere.toml"
    (tmp_path / "x.toml").symlink_to(target)
    h = store.create(tmp_path, Session.new(mini, title="x"))
    assert h.path.name == "x-2.toml"
    assert not target.exists()


def test_create_exclusive_never_replaces(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"theirs")
    assert store.create_exclusive(path, b"ours") is False
    assert path.read_bytes() == b"theirs"
    assert store.create_exclusive(tmp_path / "b.toml", b"ours") is True
    assert (tmp_path / "b.toml").read_bytes() == b"ours"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "b.toml"]  # no temp


def test_create_exclusive_without_hard_links(tmp_path: Path, monkeypatch) -> None:
    def no_links(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # what FAT answers

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "a.toml"
    assert store.create_exclusive(path, b"one") is True
    assert store.create_exclusive(path, b"two") is False
    assert path.read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml"]


# --------------------------------------------------------------------------- temp files


def _temp(directory: Path, name: str, age: float) -> Path:
    p = directory / name
    p.write_text("half a save")
    t = time.time() - age
    os.utime(p, (t, t))
    return p


def test_stale_temp_files_of_the_saved_file_are_removed(tmp_path: Path, mini) -> None:
    h = store.create(tmp_path, Session.new(mini, title="s"))
    old = store.STALE_TEMP_SECONDS + 60
    stale = _temp(tmp_path, ".s.toml.abcd1234.tmp", old)
    fresh = _temp(tmp_path, ".s.toml.efgh5678.tmp", 5)  # maybe a save in progress
    other = _temp(tmp_path, ".t.toml.abcd1234.tmp", old)  # another session's
    lookalike = _temp(tmp_path, ".s.toml.x.toml.abcd1234.tmp", old)  # of "s.toml.x.toml"
    assert store.stale_temp_files(h.path) == [stale]
    store.save(h, store.load(h.path), force=True)
    assert not stale.exists()
    assert fresh.exists() and other.exists() and lookalike.exists()
    # Listing never shows temp files, stale or not, and never deletes anything.
    assert [e.path.name for e in list_sessions(tmp_path)] == ["s.toml"]
    assert fresh.exists() and other.exists()


def test_a_session_too_large_to_read_back_is_not_saved(tmp_path: Path, mini) -> None:
    s = Session.new(mini, title="stor")
    h = store.create(tmp_path, s)
    before = h.path.read_bytes()
    s.set_note("profit", "x" * MAX_SESSION_BYTES)
    with pytest.raises(SessionError, match=r"cannot save: .* shorten the notes"):
        store.save(h, s)
    assert h.path.read_bytes() == before
    with pytest.raises(SessionError, match="cannot save"):
        store.create(tmp_path, s)
    assert [p.name for p in tmp_path.iterdir()] == [h.path.name]


def test_symlinked_session_is_saved_where_it_points(tmp_path: Path, mini) -> None:
    real = tmp_path / "synced" / "s.toml"
    real.parent.mkdir()
    real.write_text(Session.new(mini).to_toml())
    link = tmp_path / "sessions" / "s.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    h, s = store.Handle.open(link)
    s.set_answer("profit", Answer.YES)
    store.save(h, s)
    assert link.is_symlink()  # not replaced by a copy
    assert store.load(real).answers == {"profit": Answer.YES}
    s.set_answer("profit", Answer.NO)
    store.save(h, s)  # and the conflict check still sees our own save
    assert store.load(real).answers == {"profit": Answer.NO}
    assert [p.name for p in link.parent.iterdir()] == ["s.toml"]  # no temp left there
