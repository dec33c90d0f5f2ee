"""The optimised rules (a plan built once per checklist) give exactly what the
straightforward engine they replaced gave (tests/engine_reference.py, kept as the oracle):
the same scores, reasons, stops, flags and open questions, and the same outcome by the rules
alone. Firmness, flips and the lean are tested in test_judging_model.py."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop_tui import catalog, store
from iop_tui.checklist import Answer, Checklist
from iop_tui.engine import Verdict, _base_of, _State, applicable_questions, judge

from . import engine_reference as reference
from .strategies import answers_for, checklists


@st.composite
def case(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    c = draw(checklists(max_questions=12))
    return c, draw(answers_for(c))


@settings(max_examples=100, deadline=None)
@given(case(), st.booleans())
def test_same_verdict_as_reference(cs, plain_strings: bool) -> None:
    c, answers = cs
    given_answers: dict[str, object] = (
        {k: v.value for k, v in answers.items()} if plain_strings else dict(answers)
    )
    verdict = judge(c, given_answers)  # type: ignore[arg-type]
    assert_same(c, given_answers, verdict, reference.judge(c, given_answers))  # type: ignore[arg-type]
    # Without advice, the same outcome; only what a reader needs is left out.
    brief = judge(c, given_answers, advise=False)  # type: ignore[arg-type]
    assert brief.outcome == verdict.outcome and brief.causes == verdict.causes
    # Only the first flip is looked for (the outcome needs no more).
    assert set(brief.flips) <= set(verdict.flips) and bool(brief.flips) == bool(verdict.flips)
    assert applicable_questions(c, answers) == reference.applicable_questions(c, answers)


def _plain(hits: tuple) -> list[tuple]:
    return [(h.question_id, h.answer, getattr(h, "text", None)) for h in hits]


def assert_same(c: Checklist, answers: dict, verdict: Verdict, ref: Verdict) -> None:
    assert verdict.scores == ref.scores
    assert verdict.reasons == ref.reasons
    assert _plain(verdict.stops) == _plain(ref.stops)
    assert _plain(verdict.flags) == _plain(ref.flags)
    assert [f.toward for f in verdict.flags] == [f.toward for f in ref.flags]
    assert verdict.open_questions == ref.open_questions
    assert verdict.excluded == ref.excluded
    assert verdict.applicable == ref.applicable
    base = _base_of(c, _State(c, {k: Answer(v) for k, v in answers.items()}))
    assert base.outcome == ref.outcome
    if ref.outcome.value != "oklart":
        assert base.lead == ref.lead
    else:
        assert base.causes == ref.causes


def test_same_verdicts_on_the_shipped_checklist() -> None:
    checklist = catalog.get("bollebygd")
    ids = [q.id for q in checklist.questions]
    rng = random.Random(6)
    for path in catalog.examples():
        answers = dict(store.load(path).answers)
        for _ in range(30):
            assert_same(
                checklist, answers, judge(checklist, answers), reference.judge(checklist, answers)
            )
            for qid in rng.sample(ids, 3):  # wander away from the example, step by step
                choice = rng.choice([*Answer, None])
                if choice is None:
                    answers.pop(qid, None)
                else:
                    answers[qid] = choice
    assert_same(checklist, {}, judge(checklist, {}), reference.judge(checklist, {}))


def test_invalid_answer_fails_the_same_way(mini) -> None:
    qid = mini.questions[0].id
    with pytest.raises(ValueError):
        reference.judge(mini, {qid: "maybe"})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        judge(mini, {qid: "maybe"})  # type: ignore[dict-item]


def test_plan_is_rebuilt_for_another_checklist_object(mini) -> None:
    # A plan is cached per checklist object; an equal but distinct checklist still works.
    copy = mini.model_copy(deep=True)
    answers = {q.id: Answer.YES for q in mini.questions}
    assert judge(copy, answers) == judge(mini, answers)
    assert_same(mini, answers, judge(mini, answers), reference.judge(mini, answers))
