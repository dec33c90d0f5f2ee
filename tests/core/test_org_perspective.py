"""Issue 14: the organisation's own check. Perspective texts and next steps, the kommun-only
rule in the engine, the hand-off round trip, change notes, readability in `check`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop_tui import cli, store
from iop_tui.catalog import checklists_dir
from iop_tui.changes import changes_since
from iop_tui.checklist import Answer, Checklist, Outcome, load_checklist, parse_checklist
from iop_tui.compare import compare_sessions
from iop_tui.engine import Cause, Firmness, judge
from iop_tui.errors import ChecklistError
from iop_tui.handoff import build_underlag, export, receive, render_underlag
from iop_tui.profile import Profile
from iop_tui.readability import check as readability
from iop_tui.readability import lix
from iop_tui.report import render
from iop_tui.session import Session, parse_session
from iop_tui.verdict_view import build_view

BOLLEBYGD = checklists_dir() / "bollebygd.toml"
EXAMPLES = checklists_dir() / "examples"


@pytest.fixture(scope="module")
def kommun() -> Checklist:
    return load_checklist(BOLLEBYGD)


@pytest.fixture(scope="module")
def org(kommun: Checklist) -> Checklist:
    return kommun.for_perspective("organisation")


def iop_answers(checklist: Checklist) -> dict[str, Answer]:
    """The läxhjälp example's answers (a firm IOP in the kommun's perspective)."""
    return dict(store.load(EXAMPLES / "01-laxhjalp-iop.toml").answers)


# --------------------------------------------------------------------------- texts


def test_perspective_switches_question_texts(kommun: Checklist, org: Checklist) -> None:
    q_k, q_o = (
        kommun.question("initiativ_detaljreglering"),
        org.question("initiativ_detaljreglering"),
    )
    assert q_k.org is not None and q_o.text == q_k.org.text != q_k.text
    assert q_o.help == q_k.org.help != q_k.help
    # Same wording identity: saved sessions are not told a question was reworded.
    assert q_o.fingerprint() == q_k.fingerprint()
    # No org text: the shared one is used.
    mini = _mini()
    assert mini.for_perspective("organisation").question("q").text == mini.question("q").text
    assert org.perspective == "organisation" and kommun.perspective == "kommun"
    assert kommun.for_perspective("kommun") is kommun


def test_perspective_switches_next_steps(kommun: Checklist, org: Checklist) -> None:
    answers = iop_answers(kommun)
    profile = Profile(kommun="Bollebygds kommun", contact="Anna Berg, 033-123")
    k = build_view(kommun, answers, profile=profile)
    o = build_view(org, answers, profile=profile)
    assert k.next_steps == kommun.outcome(k.outcome).next_steps
    assert not set(o.next_steps) & set(k.next_steps)
    assert k.perspective == "kommun" and not (k.prepare or k.contact or k.ask_kommun)
    assert o.perspective == "organisation"
    assert any("stadgar" in p for p in o.prepare) and any("budget" in p for p in o.prepare)
    assert o.contact == ("Kontakta Anna Berg, 033-123.",)
    # Without a profile contact: the förvaltning for the area and the contact centre.
    generic = build_view(org, answers, profile=Profile())
    assert "kontaktcenter" in generic.contact[0]


# --------------------------------------------------------------------------- the rule


def test_open_kommun_only_question_is_a_point_for_the_kommun_not_oklart(
    kommun: Checklist, org: Checklist
) -> None:
    answers = iop_answers(kommun)
    answers.pop("initiativ_detaljreglering")  # the organisation cannot know what the kommun wants
    k = judge(kommun, answers)
    assert k.outcome is Outcome.OKLART and Cause.OPEN_COULD_FLIP in k.causes
    o = judge(org, answers)
    assert o.outcome is Outcome.IOP
    assert "initiativ_detaljreglering" in o.ask_kommun
    assert all(q.question_id != "initiativ_detaljreglering" for q in o.open_questions)
    # Honest: the kommun's answer could change it, so it is not firm.
    assert any(f.question_id == "initiativ_detaljreglering" for f in o.kommun_flips)
    assert o.firmness is Firmness.LIKELY
    view = build_view(org, answers)
    assert "på en fråga kan ändra" in view.depends
    assert view.ask_kommun[0].question_id == "initiativ_detaljreglering"
    # "Osäker" from the organisation is the same as not knowing.
    assert (
        judge(org, {**answers, "initiativ_detaljreglering": Answer.UNSURE}).outcome is Outcome.IOP
    )


_RULE_CAUSES = {Cause.TOO_MANY_OPEN, Cause.GATE_UNSURE, Cause.OPEN_COULD_FLIP}


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_kommun_only_questions_never_make_oklart_on_their_own(
    kommun: Checklist, org: Checklist, data: st.DataObject
) -> None:
    """Every other question that applies answered yes or no; the kommun-only ones open
    (unanswered or "osäker"): the organisation's verdict is never oklart because of an open
    question, and it is never stricter than the kommun's. (The checklists are the module's,
    loaded once: loading them for every example was most of this test's time.)"""
    answers: dict[str, Answer] = {}
    for q in kommun.questions:
        if q.kommun_only:
            choice = data.draw(st.sampled_from([None, Answer.UNSURE]), label=q.id)
        else:
            choice = data.draw(st.sampled_from([Answer.YES, Answer.NO]), label=q.id)
        if choice is not None:
            answers[q.id] = choice
    v = judge(org, answers)
    kommun_only = {q.id for q in kommun.questions if q.kommun_only}
    assert not set(v.causes) & _RULE_CAUSES
    assert not {q.question_id for q in v.open_questions} & kommun_only
    assert not {f.question_id for f in v.flips} & kommun_only
    if v.outcome is Outcome.OKLART:
        assert judge(kommun, answers).outcome is Outcome.OKLART


# --------------------------------------------------------------------------- sessions


def test_old_files_load_as_kommun_and_kommun_files_stay_as_they_were() -> None:
    text = (EXAMPLES / "01-laxhjalp-iop.toml").read_text(encoding="utf-8")
    s = parse_session(text, "x")
    assert s.perspective == "kommun" and s.handoff.from_organisation == []
    out = s.to_toml()
    assert "perspective" not in out and "[handoff]" not in out
    s.perspective = "organisation"
    assert parse_session(s.to_toml(), "y").perspective == "organisation"


def _org_session(checklist: Checklist) -> Session:
    s = Session.new(checklist, title="Kvinnojouren utvecklar stödet", organisation="Kvinnojouren")
    s.perspective = "organisation"
    s.set_answer("org_juridisk_person", Answer.YES)
    s.set_answer("utmaning_gemensam", Answer.YES)
    s.set_answer("initiativ_detaljreglering", Answer.UNSURE)
    s.set_note("org_juridisk_person", "Ideell förening sedan 1982.\nStadgar bifogas.")
    s.set_note("utmaning_gemensam", "Våld i nära relationer.")
    return s


def test_handoff_round_trip_keeps_and_marks_every_answer_and_note(
    kommun: Checklist, tmp_path: Path
) -> None:
    org_session = _org_session(kommun)
    paths = export(kommun, org_session, tmp_path, user=Profile())
    assert [p.suffix for p in paths] == [".toml", ".md", ".html"]
    sent = store.load(paths[0])
    officer = receive(sent, source=paths[0].name)
    # Saved and read back: nothing lost, every answer marked.
    path = tmp_path / "officer.toml"
    path.write_text(officer.to_toml(), encoding="utf-8")
    back = store.load(path)
    assert back.perspective == "kommun"
    assert back.answers == org_session.answers and back.notes == org_session.notes
    assert sorted(back.handoff.from_organisation) == sorted(org_session.answers)
    assert back.handoff.source == paths[0].name
    assert all(back.from_organisation(qid) for qid in org_session.answers)
    # The same answer confirms it; another changes it; either way it is the officer's.
    back.set_answer("org_juridisk_person", Answer.YES)
    back.set_answer("utmaning_gemensam", Answer.NO)
    assert not back.from_organisation("org_juridisk_person")
    assert not back.from_organisation("utmaning_gemensam")
    assert back.from_organisation("initiativ_detaljreglering")
    again = parse_session(back.to_toml(), "z")
    assert again.handoff.from_organisation == ["initiativ_detaljreglering"]
    # The report shows the mark.
    report = render(kommun, again, "md", long=True)
    assert "uppgett av organisationen" in report
    # The compare shows where the two differ.
    cmp = compare_sessions(sent, again, kommun.for_perspective("organisation"), kommun, ["A", "B"])
    differing = {r.question_id for r in cmp.rows if r.differs}
    assert differing == {"utmaning_gemensam"}


def test_underlag_names_the_questions_for_the_kommun(kommun: Checklist) -> None:
    s = _org_session(kommun)
    u = build_underlag(kommun, s, session_file="x.toml", user=Profile())
    md, html = render_underlag(u, "md"), render_underlag(u, "html")
    asked = kommun.for_perspective("organisation").question("initiativ_detaljreglering").text
    for text in (md, html):
        assert "Underlag till kommunen" in text and "x.toml" in text
        assert "Kvinnojouren" in text
    assert asked in md
    assert "Stadgar bifogas." in md  # the notes go along
    assert "<script" not in html


def test_receive_refuses_a_kommun_session(kommun: Checklist) -> None:
    from iop_tui.errors import SessionError

    with pytest.raises(SessionError):
        receive(Session.new(kommun), source="k.toml")


# --------------------------------------------------------------------------- checklist


def test_change_notes_tell_sessions_saved_against_the_older_version(kommun: Checklist) -> None:
    s = store.load(EXAMPLES / "01-laxhjalp-iop.toml")
    s.checklist_version = "2.0"
    told = changes_since(s, kommun).describe()
    assert "marknad_kommunen_annars_kopt" in told and "org_demokratisk_uppbyggnad" in told
    s.checklist_version = kommun.version
    assert changes_since(s, kommun).notes == ()


MINI = """
id = "mini"
title = "Mini"
version = "1"
kommun = "K"
[riktlinje]
title = "R"
[readability]
max_lix = {limit}
[[sources]]
id = "s"
title = "S"
[[glossary]]
id = "anbud"
term = "Anbud"
definition = "Ett erbjudande."
{outcomes}
[[sections]]
id = "a"
title = "A"
[[sections.questions]]
id = "q"
text = "Ska organisationen lämna anbud?"
help = "Kort hjälp."
sources = ["s"]
{extra}
"""
OUTCOMES = "\n".join(
    f'[[outcomes]]\nid = "{o}"\nlabel = "{o}"\nexplanation = "x"\nnext_steps = ["y"]'
    for o in ("iop", "foreningsbidrag", "upphandling", "oklart")
)


def _mini(limit: int = 90, extra: str = "") -> Checklist:
    return parse_checklist(MINI.format(limit=limit, outcomes=OUTCOMES, extra=extra))


def test_readability_reports_a_text_over_the_limit_and_a_term_without_entry() -> None:
    problems = readability(_mini(limit=20))
    kinds = {(p.question_id, p.field, p.kind) for p in problems}
    assert ("q", "text", "lix") in kinds  # "Ska organisationen lämna anbud?" is LIX 29
    assert ("q", "text", "term") in kinds  # "anbud" without the entry on the question
    fixed = readability(_mini(limit=60, extra='terms = ["anbud"]'))
    assert fixed == []
    assert lix("Ska organisationen lämna anbud?") == 29


def test_check_command_reports_readability_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mini.toml"
    path.write_text(MINI.format(limit=20, outcomes=OUTCOMES, extra=""), encoding="utf-8")
    assert cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "LIX 29 is over the checklist's limit 20" in err
    assert "'anbud' needs a glossary entry" in err


def test_org_table_must_say_something() -> None:
    with pytest.raises(ChecklistError, match="org: give 'text' or 'help'"):
        _mini(extra="org = {}")


def test_shipped_bollebygd_is_plain_enough() -> None:
    assert readability(load_checklist(BOLLEBYGD)) == []
