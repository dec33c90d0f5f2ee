"""The judging model's legal structure, stated as properties and checked by brute force:
gates decide, a verdict is firm only when it holds for every way the open questions can turn
out, the lean never points at a form that is ruled out, and every "what would change" entry
does what it claims."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from iop_tui.checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome
from iop_tui.engine import (
    Firmness,
    applicable_questions,
    apply_changes,
    judge,
    what_would_change,
)

from . import engine_reference as reference
from .strategies import answers_for, checklists, make_checklist, mostly_answered

PROPS = settings(max_examples=80, deadline=None)


@st.composite
def case(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    c = draw(checklists(max_questions=8, gates=True))
    return c, draw(st.one_of(answers_for(c), mostly_answered(c)))


@st.composite
def weighed_case(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    """Weights only, most questions answered: where firm and likely part (each open answer
    alone keeps the lead, several together may not)."""
    n = draw(st.integers(3, 9))
    scored = [o.value for o in SCORED_OUTCOMES]

    def signals() -> list[dict]:
        return [
            {"outcome": draw(st.sampled_from(scored)), "weight": draw(st.integers(1, 3))}
            for _ in range(draw(st.integers(0, 2)))
        ]

    questions = [
        {
            "id": f"q{i}",
            "text": "t",
            "help": "h",
            "sources": ["s"],
            "yes": {"reason": "r", "signals": signals()},
            "no": {"reason": "r", "signals": signals()},
        }
        for i in range(n)
    ]
    c = make_checklist(questions, margin=draw(st.integers(1, 4)), max_open_critical=3)
    return c, draw(mostly_answered(c))


def truths(c: Checklist, qid: str) -> list[Answer]:
    return [a for a in c.question(qid).answers if a is not Answer.UNSURE]


def completions(c: Checklist, answers: dict[str, Answer]) -> Iterator[dict[str, Answer]]:
    """Every way the open questions can turn out (yes or no each), including questions those
    answers would show: plain brute force, independent of the engine's search."""
    open_ids = [
        q.id for q in applicable_questions(c, answers) if answers.get(q.id) in (None, Answer.UNSURE)
    ]
    if not open_ids:
        yield answers
        return
    first = open_ids[0]
    for a in truths(c, first):
        yield from completions(c, {**answers, first: a})


@PROPS
@given(case())
def test_firm_exactly_when_every_completion_agrees(cs) -> None:
    assert_firm_exactly_when_every_completion_agrees(*cs)


@settings(max_examples=400, deadline=None)
@given(weighed_case())
def test_firm_exactly_when_every_completion_agrees_weights_only(cs) -> None:
    assert_firm_exactly_when_every_completion_agrees(*cs)


def test_likely_and_firm_by_hand() -> None:
    # iop 4 ahead, margin 3; two open questions each worth +1 to föreningsbidrag.
    def q(i: int, yes: list[dict]) -> dict:
        return {
            "id": f"q{i}",
            "text": "t",
            "help": "h",
            "sources": ["s"],
            "yes": {"reason": "r", "signals": yes},
        }

    def checklist(lead: int) -> Checklist:
        questions = [
            q(0, [{"outcome": "iop", "weight": lead}]),
            q(1, [{"outcome": "foreningsbidrag", "weight": 1}]),
            q(2, [{"outcome": "foreningsbidrag", "weight": 1}]),
        ]
        return make_checklist(questions, margin=3, max_open_critical=3)

    likely = judge(checklist(4), {"q0": Answer.YES})
    assert (likely.outcome, likely.firmness) == (Outcome.IOP, Firmness.LIKELY)
    firm = judge(checklist(5), {"q0": Answer.YES})
    assert (firm.outcome, firm.firmness) == (Outcome.IOP, Firmness.FIRM)
    flipped = judge(checklist(3), {"q0": Answer.YES})
    assert flipped.outcome is Outcome.OKLART and flipped.lean is Outcome.IOP
    assert [f.question_id for f in flipped.flips] == ["q1", "q2"]


def assert_firm_exactly_when_every_completion_agrees(c: Checklist, answers: dict) -> None:
    v = judge(c, answers)
    if v.outcome is Outcome.OKLART:
        return
    agree = all(judge(c, done).outcome is v.outcome for done in completions(c, answers))
    if v.firmness is Firmness.FIRM:
        assert agree
    elif v.check.method == "exact":
        assert not agree  # an exact search that says "likely" found a combination that flips


@PROPS
@given(st.one_of(case(), weighed_case()))
def test_a_verdict_survives_every_single_open_answer(cs) -> None:
    c, answers = cs
    v = judge(c, answers)
    if v.outcome is Outcome.OKLART:
        return
    for q in v.open_questions:
        for a in truths(c, q.question_id):
            # The rules alone (the straightforward oracle) on one more answer.
            assert reference.judge(c, {**answers, q.question_id: a}).outcome is v.outcome


@PROPS
@given(case())
def test_gates_decide_and_the_lean_follows(cs) -> None:
    """One generated case, four properties (generating checklists is the slow part)."""
    c, answers = cs
    v = judge(c, answers)
    # An "osäker" gate answer that could rule out the leading form is never a verdict.
    for q in v.open_questions:
        question = c.question(q.question_id)
        if question.gate is None or q.status != "unsure":
            continue
        for a in truths(c, q.question_id):
            eff = question.effects(a)
            ruled_out = {st.outcome for st in eff.stops if st.rule == "exclude"}
            if eff.flag is not None:
                ruled_out |= set(eff.flag.blocked)
            assert v.outcome not in ruled_out, (q.question_id, a)
    # The lean is never a form a fired stop or flag rules out.
    if v.lean is not None:
        assert v.lean not in v.excluded
        assert v.lean not in v.blocked
    # A fired gate rules its forms out; a flag blocks what it names.
    for s in v.stops:
        if s.rule == "exclude":
            assert v.outcome is not s.outcome
    for f in v.flags:
        assert v.outcome not in f.blocks
    # Passing a gate never raises a score (the loader refuses such data).
    for question in c.questions:
        if question.gate is None:
            continue
        for a in question.answers:
            eff = question.effects(a)
            if not eff.stops and eff.flag is None:
                assert all(sig.weight <= 0 for sig in eff.signals)


@settings(max_examples=40, deadline=None)
@given(case())
def test_what_would_change_does_what_it_says(cs) -> None:
    c, answers = cs
    w = what_would_change(c, answers)
    current = judge(c, answers).outcome
    assert w.current is current
    singles = {}
    for qid in judge(c, answers).applicable:
        for a in truths(c, qid):
            if answers.get(qid) is not a:
                singles[(qid, a)] = judge(c, {**answers, qid: a}).outcome
    for target, sets in w.by_outcome.items():
        assert target is not current
        for changes in sets:
            assert judge(c, apply_changes(answers, changes)).outcome is target
            if len(changes) == 2:
                # No smaller change does: no single change gives this outcome.
                assert target not in singles.values()
        if not sets or len(sets[0]) == 2:
            assert target not in singles.values()
        else:
            assert target in singles.values()
