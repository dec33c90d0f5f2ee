"""Properties of judge() that must hold for any checklist and any answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from iop_tui.checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome
from iop_tui.engine import judge

from .strategies import answers_for, checklists

FAST = settings(max_examples=60, deadline=None)


@st.composite
def case(draw: st.DrawFn) -> tuple[Checklist, dict[str, Answer]]:
    c = draw(checklists())
    return c, draw(answers_for(c))


@FAST
@given(case())
def test_same_answers_same_verdict(cs) -> None:
    c, answers = cs
    assert judge(c, answers) == judge(c, dict(reversed(list(answers.items()))))


@FAST
@given(case())
def test_firm_verdict_names_a_reason(cs) -> None:
    c, answers = cs
    v = judge(c, answers)
    if v.outcome is not Outcome.OKLART:
        assert v.reasons_for(v.outcome) or v.stops


@FAST
@given(case())
def test_excluding_stop_is_never_overridden(cs) -> None:
    c, answers = cs
    v = judge(c, answers)
    fired = {s.outcome for s in v.stops if s.rule == "exclude"}
    assert v.outcome not in fired
    assert fired == set(v.excluded)


@FAST
@given(case(), st.data())
def test_answering_in_favour_never_lowers_that_score(cs, data) -> None:
    c, answers = cs
    # Questions no condition depends on: answering them cannot hide other questions.
    referenced = {ref for q in c.questions if q.show_if for ref in q.show_if.questions()}
    before = judge(c, answers)
    open_ids = [qid for qid in before.applicable if qid not in answers and qid not in referenced]
    if not open_ids:
        return
    qid = data.draw(st.sampled_from(open_ids))
    q = c.question(qid)
    for answer in q.answers:
        after = judge(c, {**answers, qid: answer})
        for o in SCORED_OUTCOMES:
            gain = sum(s.weight for s in q.effects(answer).signals if s.outcome == o)
            if gain > 0:
                assert after.scores[o] >= before.scores[o] + gain


@FAST
@given(case())
def test_hidden_answers_do_not_count(cs) -> None:
    c, answers = cs
    v = judge(c, answers)
    visible = {qid: a for qid, a in answers.items() if qid in v.applicable}
    assert judge(c, visible).scores == v.scores
