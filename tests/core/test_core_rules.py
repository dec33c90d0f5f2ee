"""Rules the app follows that live in the core, not in the Textual layer: deleting a session
respects locks, shipped examples open as copies, where reports go, what a blank note is."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import catalog, lock, store
from iop_tui.assessment import Assessment, delete_session
from iop_tui.checklist import Checklist
from iop_tui.errors import LockedError, SessionError
from iop_tui.session import Session, kept_note

from ..conftest import lock_held_elsewhere


def _saved(directory: Path, mini: Checklist, title: str = "x") -> Path:
    return store.create(directory, Session.new(mini, title=title)).path


def test_delete_removes_the_file_and_leaves_no_lock(tmp_path: Path, mini: Checklist) -> None:
    path = _saved(tmp_path, mini)
    delete_session(path)
    assert not path.exists()
    assert not lock.lock_path(path).exists()
    assert list(tmp_path.iterdir()) == []


def test_delete_refuses_a_session_open_in_another_instance(tmp_path: Path, mini: Checklist) -> None:
    path = _saved(tmp_path, mini)
    before = path.read_bytes()
    with lock_held_elsewhere(path) as other:
        with pytest.raises(LockedError) as caught:
            delete_session(path)
        assert caught.value.pid == other.pid
        assert path.read_bytes() == before
    delete_session(path)  # once the other instance let go
    assert not path.exists()


def test_delete_of_a_missing_file_is_a_session_error(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no such file"):
        delete_session(tmp_path / "borta.toml")


def test_shipped_examples_are_recognised_wherever_the_path_comes_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = catalog.examples()[0]
    assert catalog.is_example(example)
    monkeypatch.chdir(example.parent)
    assert catalog.is_example(Path(example.name))  # relative, as typed on the command line
    copy = tmp_path / example.name
    copy.write_bytes(example.read_bytes())
    assert not catalog.is_example(copy)


def test_reports_go_beside_the_sessions_folder(tmp_path: Path) -> None:
    sessions = store.sessions_dir(tmp_path)
    assert store.reports_dir(sessions) == tmp_path / "rapporter"


@pytest.mark.parametrize(
    ("typed", "kept"), [("", ""), ("   ", ""), ("\n\t ", ""), (" a ", " a "), ("Ja.", "Ja.")]
)
def test_a_blank_note_is_no_note(typed: str, kept: str, mini: Checklist, tmp_path: Path) -> None:
    assert kept_note(typed) == kept
    qid = mini.questions[0].id
    with Assessment.new(mini, tmp_path, title="Not") as a:
        a.note(qid, "tidigare")
        assert a.note_changed(qid, typed)
        a.note(qid, typed)
        assert (qid in a.session.notes) is bool(kept)
        assert a.note_of(qid) == kept
        assert not a.note_changed(qid, typed)
