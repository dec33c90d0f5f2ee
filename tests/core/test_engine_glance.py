"""`engine.glance` (the sessions list's verdict) always agrees with `judge`: same outcome,
same applicable questions, on the shipped checklists and on random answer sets, including
"osäker" and unanswered questions and the ones that show or settle others."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_tui import catalog, engine
from iop_tui.checklist import Answer, Checklist, Outcome
from iop_tui.store import load

from .test_judging_model import case, weighed_case

CHECKLISTS = catalog.installed()


@st.composite
def answer_sets(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    checklist = CHECKLISTS[draw(st.sampled_from(sorted(CHECKLISTS)))]
    # The organisation's view: kommun-only questions left open are points for the kommun,
    # never open questions (issue 14): the shortcuts must agree there too.
    checklist = checklist.for_perspective(draw(st.sampled_from(["kommun", "organisation"])))
    answers: dict[str, Answer] = {}
    for q in checklist.questions:
        # Mostly answered, some unsure, some open: the mix where flips and gates matter.
        a = draw(st.sampled_from([*q.answers, None, None]))
        if a is not None:
            answers[q.id] = a
    return checklist, answers


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets())
def test_glance_agrees_with_judge(case: tuple[Checklist, dict[str, Answer]]) -> None:
    checklist, answers = case
    verdict = engine.judge(checklist, answers, advise=False)
    seen = engine.glance(checklist, answers)
    assert seen.outcome is verdict.outcome
    assert seen.applicable == verdict.applicable
    # what the sessions list shows as progress
    assert seen.count == len(verdict.applicable)
    assert seen.answered == sum(qid in answers for qid in verdict.applicable)


def test_glance_agrees_on_every_example_with_each_answer_opened() -> None:
    """Each example with one answer taken back at a time: the single-flip cases judge()
    turns into oklart, and the ones it keeps."""
    checklist = catalog.get("bollebygd")
    kept = changed = 0
    for path in catalog.examples():
        answers = dict(load(path).answers)
        for qid in list(answers):
            fewer = {k: v for k, v in answers.items() if k != qid}
            verdict = engine.judge(checklist, fewer)
            assert engine.glance(checklist, fewer).outcome is verdict.outcome, (path.name, qid)
            if verdict.outcome is engine.judge(checklist, answers).outcome:
                kept += 1
            else:
                changed += 1
    assert kept and changed  # both kinds of case were exercised


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets())
def test_rules_from_the_sums_equal_the_rules_of_the_derived_state(
    case: tuple[Checklist, dict[str, Answer]],
) -> None:
    """The shortcut every flip test takes for a condition question gives exactly what
    building the derived state would: for every question (open, answered, hidden) and
    every answer it offers."""
    checklist, answers = case
    light = engine._Light.of(engine._State(checklist, engine._normalise(answers)))
    steps, _ = engine._plan(checklist)
    for step in steps:
        for a in step.question.answers:
            quick = engine._rules_after(checklist, light, step, a)
            assert quick == light.derive(checklist, step, a).rules(checklist), (step.id, a)


@settings(max_examples=80, deadline=None)
@given(st.one_of(case(), weighed_case()))
def test_glance_agrees_with_judge_on_generated_checklists(
    cs: tuple[Checklist, dict[str, Answer]],
) -> None:
    """Generated checklists (gates, conditions, weights near the margin): the shortcut for a
    plain question must give the same outcome as judge() at every margin edge."""
    checklist, answers = cs
    assert engine.glance(checklist, answers).outcome is engine.judge(checklist, answers).outcome


def test_glance_agrees_in_the_organisation_view_without_the_kommuns_answers() -> None:
    """The organisation cannot answer the kommun-only questions: left open, they are points
    for the kommun, and the verdict may stay decided (issue 14). glance must agree."""
    checklist = catalog.get("bollebygd").for_perspective("organisation")
    kommun_only = {q.id for q in checklist.questions if q.kommun_only}
    decided = 0
    for path in catalog.examples():
        answers = {k: v for k, v in load(path).answers.items() if k not in kommun_only}
        verdict = engine.judge(checklist, answers)
        assert engine.glance(checklist, answers).outcome is verdict.outcome, path.name
        decided += verdict.outcome is not Outcome.OKLART and bool(verdict.ask_kommun)
    assert decided  # some stay decided although the kommun's answers are missing


def test_rules_from_the_sums_when_an_open_registration_would_settle_answers() -> None:
    """The registration question settles the organisation criteria: answering it while it
    is open must count the settled answers (a rebuilt state), while answering an open
    criterion it would settle may take the shortcut. Every example, each criterion made
    unsure in turn (which shows the registration question), registration left open."""
    checklist = catalog.get("bollebygd")
    settler = next(q for q in checklist.questions if any(q.effects(a).settles for a in q.answers))
    targets = {t for a in settler.answers for t in settler.effects(a).settles}
    steps, _ = engine._plan(checklist)
    differs = 0
    for path in catalog.examples():
        base = {k: v for k, v in load(path).answers.items() if k != settler.id}
        for target in sorted(targets):
            answers = {**base, target: Answer.UNSURE}
            light = engine._Light.of(engine._State(checklist, answers))
            for step in steps:
                for a in step.question.answers:
                    quick = engine._rules_after(checklist, light, step, a)
                    full = light.derive(checklist, step, a).rules(checklist)
                    assert quick == full, (path.name, target, step.id, a)
            registered = next(a for a in settler.answers if settler.effects(a).settles)
            step = next(s for s in steps if s.id == settler.id)
            settled = light.derive(checklist, step, registered)
            differs += settled.open_critical < light.open_critical  # the criterion settled
    assert differs  # the cases where settling matters were reached
