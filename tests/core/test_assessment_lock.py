"""Assessment and the session lock: a second instance is told, read-only never writes, and
a save never overwrites a file that changed on disk since it was loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import catalog, lock, store
from iop_tui.assessment import Assessment
from iop_tui.checklist import Answer
from iop_tui.errors import LockedError, SessionError

from ..conftest import lock_held_elsewhere

SESSION = """schema = 1
checklist = "bollebygd"
[meta]
title = "Läxhjälp"
[answers]
org_vinstutdelning = "no"
"""


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    d = tmp_path / "sessions"
    d.mkdir()
    path = d / "laxhjalp.toml"
    path.write_text(SESSION)
    return path


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_open_holds_the_lock_until_close(saved: Path) -> None:
    a = Assessment.open(saved, saved.parent)
    assert a.locked and lock.lock_path(saved).exists()
    a.answer("org_juridisk_person", Answer.YES)
    a.close()
    assert not a.locked and not lock.lock_path(saved).exists()
    a.close()  # twice is harmless
    with Assessment.open(saved, saved.parent) as b:
        assert b.answer_of("org_juridisk_person") == Answer.YES
    assert not lock.lock_path(saved).exists()


def test_second_instance_is_told_and_may_open_read_only(saved: Path) -> None:
    with lock_held_elsewhere(saved) as other:
        with pytest.raises(LockedError) as exc:
            Assessment.open(saved, saved.parent)
        assert exc.value.pid == other.pid
        before = snapshot(saved)
        ro = Assessment.open(saved, saved.parent, read_only=True)
        assert ro.read_only and not ro.locked
        ro.answer("org_juridisk_person", Answer.NO)
        ro.note("org_juridisk_person", "ändrat i läsläge")
        ro.set_meta(title="Nytt")
        ro.save()
        ro.save(force=True)
        ro.close()
        assert ro.answer_of("org_juridisk_person") == Answer.NO  # kept in memory
        assert snapshot(saved) == before
        assert lock.holder(saved).pid == other.pid  # read-only did not touch the lock


def test_read_only_copy_can_be_saved_as_a_new_session(saved: Path) -> None:
    with lock_held_elsewhere(saved):
        before = snapshot(saved)
        ro = Assessment.open(saved, saved.parent, read_only=True)
        ro.answer("org_juridisk_person", Answer.YES)
        copy = ro.save_copy()
        assert copy != saved and copy.parent == saved.parent
        assert not ro.read_only and ro.locked and ro.path == copy
        assert store.load(copy).answers["org_juridisk_person"] == Answer.YES
        assert snapshot(saved) == before
        ro.close()


def test_damaged_file_leaves_no_lock_behind(saved: Path) -> None:
    saved.write_text("schema = ")
    before = snapshot(saved)
    with pytest.raises(SessionError, match="invalid TOML"):
        Assessment.open(saved, saved.parent)
    assert not lock.lock_path(saved).exists()
    assert snapshot(saved) == before


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no such file"):
        Assessment.open(tmp_path / "nope.toml", tmp_path)
    with pytest.raises(SessionError, match="no such file"):
        Assessment.open(tmp_path / "no-dir" / "nope.toml", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_save_refuses_when_the_file_changed_on_disk(saved: Path) -> None:
    a = Assessment.open(saved, saved.parent)
    edited = SESSION + 'org_juridisk_person = "unsure"\n'
    saved.write_text(edited)  # e.g. someone edited it by hand, ignoring the lock
    with pytest.raises(store.ConflictError, match="changed on disk"):
        a.answer("org_juridisk_person", Answer.YES)
    assert saved.read_text() == edited
    # The app asks; "save anyway" overwrites, deliberately.
    a.save(force=True)
    assert store.load(saved).answers["org_juridisk_person"] == Answer.YES
    a.close()


def test_conflict_can_be_resolved_by_saving_a_copy(saved: Path) -> None:
    a = Assessment.open(saved, saved.parent)
    saved.write_text(SESSION.replace("Läxhjälp", "Ändrad"))
    with pytest.raises(store.ConflictError):
        a.answer("org_juridisk_person", Answer.YES)
    copy = a.save_copy()
    assert store.load(saved).meta.title == "Ändrad"  # theirs kept
    assert store.load(copy).answers["org_juridisk_person"] == Answer.YES  # ours kept
    assert not lock.lock_path(saved).exists() and lock.lock_path(copy).exists()
    a.close()


def test_deleted_on_disk_is_a_conflict_too(saved: Path) -> None:
    a = Assessment.open(saved, saved.parent)
    saved.unlink()
    with pytest.raises(store.ConflictError, match="was deleted") as caught:
        a.answer("org_juridisk_person", Answer.YES)
    assert caught.value.deleted  # the app says "deleted", not "changed" (issue 17, item 17)
    assert not saved.exists()
    a.close()


def test_a_changed_file_is_not_called_deleted(saved: Path) -> None:
    a = Assessment.open(saved, saved.parent)
    saved.write_bytes(saved.read_bytes() + b"\n# edited\n")
    with pytest.raises(store.ConflictError, match="changed on disk") as caught:
        a.answer("org_juridisk_person", Answer.YES)
    assert not caught.value.deleted
    a.close()


def test_new_and_example_copies_lock_their_file_once_created(tmp_path: Path) -> None:
    d = tmp_path / "sessions"
    new = Assessment.new(catalog.get("bollebygd"), d, title="Ny")
    assert not new.locked and new.path is None
    new.answer("org_juridisk_person", Answer.YES)
    assert new.locked and lock.holder(new.path) is not None
    new.close()
    example = catalog.examples()[0]
    before = snapshot(example)
    ex = Assessment.from_example(example, d)
    ex.answer("org_juridisk_person", Answer.UNSURE)
    assert ex.path is not None and ex.path.parent == d and ex.locked
    ex.close()
    assert snapshot(example) == before
    assert not lock.lock_path(example).exists()
    assert sorted(p.name for p in d.iterdir() if p.name.startswith(".")) == []


def test_saving_after_close_takes_the_lock_again(saved: Path) -> None:
    a = Assessment.open(saved, saved.parent)
    a.close()
    with lock_held_elsewhere(saved):
        before = snapshot(saved)
        with pytest.raises(LockedError):
            a.answer("org_juridisk_person", Answer.YES)  # never write without the lock
        assert snapshot(saved) == before
    a.answer("org_juridisk_person", Answer.NO)
    assert a.locked
    a.close()


def test_the_same_process_may_open_a_session_twice(saved: Path) -> None:
    # The app may reopen a session it has open; the conflict check guards the two copies.
    a = Assessment.open(saved, saved.parent)
    b = Assessment.open(saved, saved.parent)
    a.answer("org_juridisk_person", Answer.YES)
    with pytest.raises(store.ConflictError):
        b.answer("org_juridisk_person", Answer.NO)
    a.close()
    assert lock.lock_path(saved).exists()
    b.close()
    assert not lock.lock_path(saved).exists()
