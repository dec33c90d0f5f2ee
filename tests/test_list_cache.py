"""The session list's cache table (list_cache.py): used only while its key matches the file,
the installed checklist and this code; everything else judges the answers again."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import catalog, list_cache, listing, store
from iop_tui.assessment import Assessment
from iop_tui.checklist import Answer
from iop_tui.errors import SessionError
from iop_tui.listing import cached_entry, describe, list_sessions, quick_entry

IOP_EXAMPLE = next(p for p in catalog.examples() if p.name.startswith("01-"))


@pytest.fixture
def checklist():
    return catalog.get("bollebygd")


def _saved(tmp_path: Path, checklist) -> Path:
    """An example saved the way the app saves a session."""
    session = store.load(IOP_EXAMPLE)
    session.record_checklist(checklist)
    return store.create(tmp_path / "sessions", session, checklist).path


def test_the_app_saves_the_table_and_the_list_uses_it_without_judging(
    tmp_path: Path, checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    title = 'Läxhjälp "Kom" \\ igen'  # escapes in the file: decoded without tomllib
    with Assessment.new(checklist, tmp_path / "sessions", title=title) as a:
        for q in checklist.questions:
            a.answer(q.id, Answer.YES)
        a.save()
        path = a.path
    assert path is not None
    data = path.read_bytes()
    assert b"\n[cache]\n" in data
    expected = describe(path)
    assert expected.outcome is not None and not expected.damaged

    def no_judging(*args: object, **kwargs: object) -> object:
        raise AssertionError("judged although the cache was valid")

    monkeypatch.setattr(listing, "judge", no_judging)
    assert list_sessions(path.parent) == [expected]


def test_a_hand_edited_answer_is_judged_again(tmp_path: Path, checklist) -> None:
    path = _saved(tmp_path, checklist)
    before = describe(path)
    assert before.outcome == "iop"
    # Ruling out what makes it an IOP: the cache table still says "iop".
    text = path.read_text(encoding="utf-8")
    edited = text.replace('org_vinstutdelning = "no"', 'org_vinstutdelning = "yes"')
    assert edited != text and 'outcome = "iop"' in edited
    path.write_text(edited, encoding="utf-8")
    after = describe(path)
    assert after.outcome != "iop"
    assert cached_entry(path, path.read_bytes()) is None
    assert list_sessions(path.parent) == [after]


def test_an_edited_table_is_not_believed(tmp_path: Path, checklist) -> None:
    path = _saved(tmp_path, checklist)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('outcome = "iop"', 'outcome = "upphandling"'), "utf-8")
    assert cached_entry(path, path.read_bytes()) is None
    [entry] = list_sessions(path.parent)
    assert entry.outcome == "iop"


def test_another_checklist_or_code_does_not_match_the_key(
    tmp_path: Path, checklist, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _saved(tmp_path, checklist)
    data = path.read_bytes()
    assert list_cache.verified(checklist, data) is not None
    # The same checklist with another threshold may well give other verdicts.
    changed = checklist.model_copy(
        update={"judging": checklist.judging.model_copy(update={"margin": 99})}
    )
    assert list_cache.verified(changed, data) is None
    # A change to the engine (or any module that decides an entry) gives another key too.
    monkeypatch.setattr(list_cache, "_HASHERS", {})
    monkeypatch.setattr(list_cache, "code_hash", lambda: "other code")
    assert list_cache.verified(checklist, data) is None
    # ... and then the quick reader judges the file, with the same result as the full one.
    assert quick_entry(path, data) == describe(path)


def test_the_full_reader_drops_the_table(tmp_path: Path, checklist) -> None:
    path = _saved(tmp_path, checklist)
    session = store.load(path)
    assert "cache" not in session.model_dump()
    assert b"[cache]" not in session.to_toml().encode()
    body = path.read_bytes().split(b"\n[cache]\n")[0]
    bad = body.replace(b"schema = 1\n", b"schema = 1\ncache = 3\n", 1)
    path.write_bytes(bad)
    with pytest.raises(SessionError, match="cache: must be a table"):
        store.load(path)


def test_no_table_for_answers_the_checklist_lacks(tmp_path: Path, checklist) -> None:
    session = store.load(IOP_EXAMPLE)
    session.answers["gammal_fraga"] = Answer.YES
    data = store.encode(session, tmp_path / "s.toml", checklist)
    assert b"[cache]" not in data  # the list must name the unknown question: judged each time


@pytest.mark.parametrize(
    "old, new",
    [
        ("answered = ", "answered = 0"),  # a leading zero: not TOML
        ("\n[cache]\n", "\n[cache]\nextra = 1\n"),
        ('key = "', 'key = "0'),
    ],
)
def test_a_malformed_table_makes_the_readers_agree(
    tmp_path: Path, checklist, old: str, new: str
) -> None:
    path = _saved(tmp_path, checklist)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    data = path.read_bytes()
    assert cached_entry(path, data) is None
    quick = quick_entry(path, data)
    assert quick is None or quick == describe(path)
    assert list_sessions(path.parent) == [describe(path)]
