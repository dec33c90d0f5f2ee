"""The optimised judge() (a plan built once per checklist) gives exactly the verdicts of the
straightforward one it replaced (tests/engine_reference.py, kept verbatim as the oracle)."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iop_tui import catalog, store
from iop_tui.checklist import Answer, Checklist
from iop_tui.engine import applicable_questions, judge

from . import engine_reference as reference
from .strategies import answers_for, checklists


@st.composite
def case(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    c = draw(checklists(max_questions=12))
    return c, draw(answers_for(c))


@settings(max_examples=150, deadline=None)
@given(case(), st.booleans())
def test_same_verdict_as_reference(cs, plain_strings: bool) -> None:
    c, answers = cs
    given_answers: dict[str, object] = (
        {k: v.value for k, v in answers.items()} if plain_strings else dict(answers)
    )
    verdict = judge(c, given_answers)  # type: ignore[arg-type]
    assert verdict == reference.judge(c, given_answers)  # type: ignore[arg-type]
    # Without advice, the same verdict except for the settling questions.
    brief = judge(c, given_answers, advise=False)  # type: ignore[arg-type]
    assert brief == dataclasses.replace(verdict, settle=())
    assert applicable_questions(c, answers) == reference.applicable_questions(c, answers)


def test_same_verdicts_on_the_shipped_checklist() -> None:
    checklist = catalog.get("bollebygd")
    ids = [q.id for q in checklist.questions]
    rng = random.Random(6)
    for path in catalog.examples():
        answers = dict(store.load(path).answers)
        for _ in range(30):
            assert judge(checklist, answers) == reference.judge(checklist, answers)
            for qid in rng.sample(ids, 3):  # wander away from the example, step by step
                choice = rng.choice([*Answer, None])
                if choice is None:
                    answers.pop(qid, None)
                else:
                    answers[qid] = choice
    assert judge(checklist, {}) == reference.judge(checklist, {})


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
    assert judge(copy, answers) == judge(mini, answers) == reference.judge(mini, answers)
