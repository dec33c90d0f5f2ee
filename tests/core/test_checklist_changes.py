"""A session saved against an older checklist version opens with a notice of what changed
(questions added, removed, reworded); answers are kept by question id; the verdict is
recomputed against the installed checklist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iop_tui import catalog, store
from iop_tui.assessment import Assessment
from iop_tui.changes import changes_since
from iop_tui.checklist import Answer, Checklist, Outcome, parse_checklist
from iop_tui.cli import main
from iop_tui.engine import judge
from iop_tui.i18n import set_language
from iop_tui.session import parse_session

from ..conftest import FIXTURES

V1_TEXT = (FIXTURES / "mini.toml").read_text(encoding="utf-8")
NEW_QUESTION = """[[sections.questions]]
id = "new_q"
text = "Finns en skriftlig överenskommelse?"
help = "h"
sources = ["s1"]

"""


def v2_text() -> str:
    """Version 2: 'individual' removed, 'new_q' added, 'shared' reworded, 'market' gets a new
    help text only (not a rewording)."""
    start = V1_TEXT.index('[[sections.questions]]\nid = "individual"')
    end = V1_TEXT.index("[[scenarios]]")
    text = V1_TEXT[:start] + NEW_QUESTION + V1_TEXT[end:].replace(', individual = "no"', "")
    text = text.replace('version = "1"', 'version = "2"')
    text = text.replace('text = "Gemensam utmaning?"', 'text = "Finns en gemensam utmaning?"')
    return text.replace(
        'text = "Finns marknad?"\nhelp = "h"', 'text = "Finns marknad?"\nhelp = "Ny hjälp."'
    )


V1 = parse_checklist(V1_TEXT, "v1")
V2 = parse_checklist(v2_text(), "v2")
ANSWERS = {
    "profit": Answer.NO,
    "shared": Answer.YES,
    "market": Answer.NO,
    "own_activity": Answer.NO,
    "individual": Answer.YES,
}


def install(monkeypatch: pytest.MonkeyPatch, checklist: Checklist) -> None:
    monkeypatch.setattr(catalog, "installed", lambda: {checklist.id: checklist})


@pytest.fixture
def saved_v1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A session saved by the app against version 1."""
    install(monkeypatch, V1)
    with Assessment.new(V1, tmp_path / "sessions", title="Gammal") as a:
        for qid, answer in ANSWERS.items():
            a.answer(qid, answer)
        assert a.path is not None
        return a.path


def test_saved_file_records_version_and_fingerprints(saved_v1: Path) -> None:
    text = saved_v1.read_text()
    assert 'checklist_version = "1"' in text
    # [fingerprints] last, after what a person reads; nothing derived follows it
    assert "[cache]" not in text
    assert text.rstrip().splitlines()[-1].startswith("individual = ")
    session = store.load(saved_v1)
    assert session.fingerprints == {q.id: q.fingerprint() for q in V1.questions}
    assert not changes_since(session, V1).changed


def test_added_removed_reworded(saved_v1: Path) -> None:
    changes = changes_since(store.load(saved_v1), V2)
    assert changes.changed and changes.detailed
    assert (changes.old_version, changes.new_version) == ("1", "2")
    assert changes.added == ("new_q",)
    assert changes.removed == ("individual",)
    assert changes.reworded == ("shared",)  # 'market' only got a new help text
    text = changes.describe()
    assert "version 1 → 2" in text and "\n" not in text
    assert "Nya frågor (1): new_q." in text
    assert "Borttagna frågor (1): individual" in text
    assert "Omformulerade frågor (1): shared" in text
    assert "omräknad mot den installerade checklistan" in text


def test_judge_prints_the_notice_and_recomputes(
    saved_v1: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = (saved_v1.read_bytes(), saved_v1.stat().st_mtime_ns)
    assert judge(V1, ANSWERS).outcome == Outcome.OKLART  # 'individual' requires legal review
    install(monkeypatch, V2)
    code = main(["judge", "--json", str(saved_v1)])
    out, err = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    assert data["outcome"] == judge(V2, ANSWERS).outcome.value == "iop"
    assert data["checklist_version"] == "2"
    assert data["checklist_changes"]["removed"] == ["individual"]
    assert data["unknown_questions"] == ["individual"]  # kept, reported, not judged
    assert f"{saved_v1}: Checklistan mini har ändrats" in err
    code = main(["judge", str(saved_v1)])
    out, err = capsys.readouterr()
    assert code == 0 and "Borttagna frågor (1): individual" in err
    assert (saved_v1.read_bytes(), saved_v1.stat().st_mtime_ns) == before  # judging only reads


def test_open_keeps_answers_and_saving_moves_to_the_new_version(
    saved_v1: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    install(monkeypatch, V2)
    a = Assessment.open(saved_v1, saved_v1.parent)
    assert a.changes.changed and a.changes.removed == ("individual",)
    assert a.session.answers == ANSWERS  # every answer kept by question id
    assert a.verdict.outcome == judge(V2, ANSWERS).outcome
    a.answer("new_q", Answer.YES)
    assert a.changes.changed  # the notice stays for this session in the app
    a.close()
    session = store.load(saved_v1)
    assert session.checklist_version == "2"
    assert session.fingerprints == {q.id: q.fingerprint() for q in V2.questions}
    assert session.answers["individual"] == Answer.YES  # still kept
    with Assessment.open(saved_v1, saved_v1.parent) as again:
        assert not again.changes.changed
    assert main(["judge", str(saved_v1)]) == 0
    assert "har ändrats" not in capsys.readouterr().err


def test_files_without_fingerprints(monkeypatch: pytest.MonkeyPatch) -> None:
    base = 'schema = 1\nchecklist = "mini"\n[answers]\nprofit = "no"\n'
    old = parse_session(base.replace("[answers]", 'checklist_version = "1"\n[answers]'), "x")
    changes = changes_since(old, V2)
    assert changes.changed and not changes.detailed
    assert "går inte att se" in changes.describe() and "version 1" in changes.describe()
    same = parse_session(base.replace("[answers]", 'checklist_version = "2"\n[answers]'), "x")
    assert not changes_since(same, V2).changed
    unversioned = parse_session(base, "x")  # hand-written: nothing to compare with
    assert not changes_since(unversioned, V2).changed
    assert changes_since(unversioned, V2).describe() == ""


def test_reworded_without_a_new_version_number(saved_v1: Path) -> None:
    quiet = parse_checklist(
        V1_TEXT.replace('text = "Finns marknad?"', 'text = "Finns det en marknad?"'), "v1b"
    )
    changes = changes_since(store.load(saved_v1), quiet)
    assert changes.reworded == ("market",) and not changes.version_changed
    assert "(version 1) har ändrats" in changes.describe()


def test_notice_in_english(saved_v1: Path) -> None:
    set_language("en")
    try:
        text = changes_since(store.load(saved_v1), V2).describe()
    finally:
        set_language("sv")
    assert text.startswith("The checklist mini has changed") and "Removed questions" in text
