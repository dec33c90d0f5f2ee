"""Session files carry nothing derived. Earlier versions ended each saved file with a
`[cache]` table for the sessions list (outcome, progress, a key); such files still load, the
table is never believed, and the next save leaves it out. Saving judges nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import catalog, engine, listing, store
from iop_tui.assessment import Assessment
from iop_tui.checklist import Answer
from iop_tui.errors import SessionError
from iop_tui.listing import describe, list_sessions, quick_entry

from .test_listing import legacy_cache_table

IOP_EXAMPLE = next(p for p in catalog.examples() if p.name.startswith("01-"))


def _legacy_file(directory: Path, outcome: str = "upphandling") -> Path:
    """Example 01 (an IOP) saved as an earlier version would, with a table that lies."""
    session = store.load(IOP_EXAMPLE)
    session.record_checklist(catalog.get("bollebygd"))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "gammal.toml"
    path.write_bytes(store.encode(session, path) + legacy_cache_table(outcome))
    return path


def test_an_old_file_with_the_table_loads_and_is_judged(tmp_path: Path) -> None:
    path = _legacy_file(tmp_path / "sessions")
    session = store.load(path)
    assert "cache" not in session.model_dump()
    entry = describe(path)
    assert entry.outcome == "iop" and not entry.damaged  # the answers, not the table
    assert quick_entry(path, path.read_bytes()) == entry  # still the quick path
    assert list_sessions(path.parent) == [entry]


def test_the_next_save_drops_the_table(tmp_path: Path) -> None:
    path = _legacy_file(tmp_path / "sessions")
    before = store.load(path)
    with Assessment.open(path, path.parent) as a:
        a.answer("org_juridisk_person", Answer.UNSURE)
    text = path.read_text(encoding="utf-8")
    assert "[cache]" not in text and "key = " not in text
    after = store.load(path)
    assert after.answers == {**before.answers, "org_juridisk_person": Answer.UNSURE}
    assert after.notes == before.notes and after.meta == before.meta


def test_the_app_never_writes_the_table(tmp_path: Path) -> None:
    checklist = catalog.get("bollebygd")
    with Assessment.new(checklist, tmp_path / "sessions", title="Ny") as a:
        for q in checklist.questions:
            a.answer(q.id, Answer.YES)
        path = a.path
    assert path is not None
    assert path.read_bytes() == store.load(path).to_toml().encode("utf-8")


def test_saving_judges_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_judging(*args: object, **kwargs: object) -> object:
        raise AssertionError("the store judged a session")

    monkeypatch.setattr(engine, "judge", no_judging)
    monkeypatch.setattr(engine, "glance", no_judging)
    monkeypatch.setattr(listing, "glance", no_judging)
    session = store.load(IOP_EXAMPLE)
    handle = store.create(tmp_path / "sessions", session)
    session.set_answer("org_juridisk_person", Answer.NO)
    store.save(handle, session)
    assert store.load(handle.path).answers == session.answers


def test_a_cache_that_is_not_a_table_is_an_error(tmp_path: Path) -> None:
    path = _legacy_file(tmp_path / "sessions")
    body = path.read_bytes().split(b"\n[cache]\n")[0]
    path.write_bytes(body.replace(b"schema = 1\n", b"schema = 1\ncache = 3\n", 1))
    with pytest.raises(SessionError, match="cache: must be a table"):
        store.load(path)


@pytest.mark.parametrize(
    "old, new",
    [
        ("answered = ", "answered = 0"),  # a leading zero: not TOML
        ("\n[cache]\n", "\n[cache]\nextra = 1\n"),
        ('key = "', 'key = "0'),
    ],
)
def test_a_malformed_old_table_makes_the_readers_agree(tmp_path: Path, old: str, new: str) -> None:
    path = _legacy_file(tmp_path / "sessions")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    data = path.read_bytes()
    quick = quick_entry(path, data)
    assert quick is None or quick == describe(path)
    assert list_sessions(path.parent) == [describe(path)]
