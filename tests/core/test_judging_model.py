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


# Built once (see tests/core/strategies.py: a strategy built inside a draw is validated anew).
_SCORED = st.sampled_from([o.value for o in SCORED_OUTCOMES])


@st.composite
def weighed_case(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    """Weights only, most questions answered: where firm and likely part (each open answer
    alone keeps the lead, several together may not)."""
    n = draw(st.integers(3, 9))

    def signals() -> list[dict]:
        return [
            {"outcome": draw(_SCORED), "weight": draw(st.integers(1, 3))}
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


@settings(max_examples=250, deadline=None)
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


# 300, not fewer: at 150 a broken rule for pairs that give `oklart` only through the flip test
# went unnoticed (tried); at 300 it is caught.
@settings(max_examples=300, deadline=None)
@given(st.one_of(case(), weighed_case()))
def test_what_would_change_misses_no_pair(cs) -> None:
    assert_pairs_are_the_first_that_work(*cs)


def test_a_pair_through_an_open_gate_question() -> None:
    """Found by the property above: q0 "yes" closes the last open critical question but
    shows a non-critical open one (as many open as before), so it was not counted as
    helping, and the pair q0 yes + q4 yes (föreningsbidrag) was never tried."""
    flag = {"reason": "f", "blocks": ["iop"]}

    def q(i: int, yes: dict, no: dict, show: str | None = None, gate: bool = True) -> dict:
        d: dict = {
            "id": f"q{i}",
            "text": f"Fråga {i}?",
            "help": "h",
            "sources": ["s"],
            "critical": gate,
            "yes": {"reason": "r", **yes},
            "no": {"reason": "r", **no},
        }
        if gate:
            d["gate"] = "kontrakt"
        if show:
            qid, hidden_by = show.split("!=")
            d["show_if"] = {"all": [{"question": qid, "is_not": [hidden_by]}]}
        return d

    require_fb = {"stops": [{"rule": "require", "outcome": "foreningsbidrag"}], "flag": flag}
    c = make_checklist(
        [
            q(0, {"flag": flag}, {"flag": flag}),
            q(1, {"flag": flag}, {}),
            q(2, {"flag": flag}, {}, "q0!=yes"),
            q(3, {"flag": flag}, {"flag": flag}, "q2!=no", gate=False),
            q(4, require_fb, {"flag": flag}, "q0!=no"),
            q(5, {"flag": flag}, {}, gate=False),
            q(6, {"flag": flag}, {"flag": flag}, "q0!=yes"),
        ],
        margin=0,
        max_open_critical=0,
        gates=["kontrakt"],
    )
    U, N, Y = Answer.UNSURE, Answer.NO, Answer.YES
    answers = {"q0": U, "q1": N, "q2": N, "q3": U, "q4": N, "q5": N, "q6": N}
    assert judge(c, {**answers, "q0": Y, "q4": Y}).outcome is Outcome.FORENINGSBIDRAG
    assert what_would_change(c, answers).by_outcome[Outcome.FORENINGSBIDRAG]


def test_a_pair_whose_second_change_hides_what_the_first_leaves_in_the_way() -> None:
    # Open q3 (critical) could require iop, so upphandling needs it gone: q0 "yes" alone
    # leaves it in the way, and q1 "no" hides it.
    def q(i: int, yes: dict, no: dict) -> dict:
        return {"id": f"q{i}", "text": "t", "help": "h", "sources": ["s"], "yes": yes, "no": no}

    exclude = lambda o: {"reason": "r", "stops": [{"rule": "exclude", "outcome": o}]}  # noqa: E731
    block_iop = {"reason": "r", "flag": {"reason": "f", "blocks": ["iop"]}}
    questions = [
        {**q(0, exclude("iop"), block_iop), "critical": True},
        q(1, block_iop, exclude("foreningsbidrag")),
        q(2, block_iop, block_iop),
        {
            **q(3, {"reason": "r", "stops": [{"rule": "require", "outcome": "iop"}]}, {}),
            "critical": True,
            "show_if": {"all": [{"question": "q1", "is_not": ["no"]}]},
        },
    ]
    c = make_checklist(questions, margin=0, max_open_critical=0)
    w = what_would_change(c, {})
    assert [
        [(ch.question_id, ch.after) for ch in pair] for pair in w.by_outcome[Outcome.UPPHANDLING]
    ] == [[("q0", Answer.YES), ("q1", Answer.NO)]]
    assert_pairs_are_the_first_that_work(c, {})


def test_a_pair_that_gives_oklart_through_the_flip_test() -> None:
    # iop 3 to 0; q1 and q2 each take a point. With both, the rules still say iop (1 to 0),
    # but q3 "no" would tie it: only the flip test makes the pair oklart.
    def q(i: int, yes: list[dict], no: list[dict]) -> dict:
        return {
            "id": f"q{i}",
            "text": "t",
            "help": "h",
            "sources": ["s"],
            "yes": {"reason": "r", "signals": yes},
            "no": {"reason": "r", "signals": no},
        }

    iop = [{"outcome": "iop", "weight": 1}]
    questions = [
        q(0, iop, iop),
        q(1, [], iop),
        q(2, iop, []),
        q(3, iop, [{"outcome": "foreningsbidrag", "weight": 1}]),
    ]
    c = make_checklist(questions, margin=1, max_open_critical=3)
    answers = {"q0": Answer.NO, "q1": Answer.NO, "q2": Answer.YES, "q3": Answer.UNSURE}
    w = what_would_change(c, answers)
    assert [
        [(ch.question_id, ch.after) for ch in pair] for pair in w.by_outcome[Outcome.OKLART]
    ] == [[("q1", Answer.YES), ("q2", Answer.NO)]]
    assert_pairs_are_the_first_that_work(c, answers)


def assert_pairs_are_the_first_that_work(c: Checklist, answers: dict[str, Answer]) -> None:
    """The pair search prunes (changes that do not help, pairs that cannot clear what is in
    the way, pairs the rules alone leave undecided) without losing a pair: for an outcome no
    single change gives, the sets are the first pairs, in change order, that give it, found
    here by judging every pair."""
    w = what_would_change(c, answers)
    changes = [
        (qid, a)
        for qid in judge(c, answers).applicable
        for a in truths(c, qid)
        if answers.get(qid) is not a
    ]
    pairs = None
    for target, sets in w.by_outcome.items():
        if sets and len(sets[0]) == 1:
            continue
        if pairs is None:  # every pair judged once, for all the targets
            pairs = [
                ((q1, a1), (q2, a2), judge(c, {**answers, q1: a1, q2: a2}).outcome)
                for n, (q1, a1) in enumerate(changes)
                for q2, a2 in changes[n + 1 :]
                if q1 != q2
            ]
        expected = [(one, two) for one, two, outcome in pairs if outcome is target]
        got = [tuple((ch.question_id, ch.after) for ch in pair) for pair in sets]
        assert got == expected[: len(got)], target
        assert len(got) == min(len(expected), 3), target
