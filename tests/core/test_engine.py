from __future__ import annotations

from iop_tui.checklist import Answer, Outcome
from iop_tui.engine import Cause, Firmness, judge

Y, N, U = Answer.YES, Answer.NO, Answer.UNSURE


#: Everything answered the way the IOP scenario needs, so nothing open can flip it.
IOP_CASE = {"profit": N, "shared": Y, "market": N, "own_activity": N, "individual": N}


def test_clear_iop(mini) -> None:
    v = judge(mini, IOP_CASE)
    assert v.outcome is Outcome.IOP
    assert v.firmness is Firmness.FIRM
    assert v.scores[Outcome.IOP] == 6
    assert {r.question_id for r in v.reasons_for(Outcome.IOP)} == {"profit", "shared", "market"}
    assert not v.open_questions


def test_open_question_that_could_rule_out_the_lead_gives_oklart(mini) -> None:
    # own_activity = yes would exclude IOP; individual = yes would require legal review.
    v = judge(mini, {"profit": N, "shared": Y, "market": N})
    assert v.outcome is Outcome.OKLART
    assert Cause.OPEN_COULD_FLIP in v.causes
    assert v.lean is Outcome.IOP
    assert {f.question_id for f in v.flips} == {"own_activity", "individual"}
    assert set(v.open_ranked[:2]) == {"own_activity", "individual"}


def test_stop_beats_weights(mini) -> None:
    # Profit distribution rules out IOP however strongly everything else points there.
    v = judge(mini, {"profit": Y, "shared": Y, "market": N, "individual": N})
    assert Outcome.IOP in v.excluded
    assert v.outcome is Outcome.UPPHANDLING  # the only outcome left
    assert [s.question_id for s in v.stops] == ["profit", "profit"]


def test_require_oklart_always_wins(mini) -> None:
    v = judge(mini, {**IOP_CASE, "individual": Y})
    assert v.outcome is Outcome.OKLART
    assert v.causes == (Cause.LEGAL_REVIEW,)


def test_all_excluded_is_oklart(mini) -> None:
    v = judge(mini, {"profit": Y, "own_activity": Y, "market": N, "shared": N, "individual": N})
    # profit excludes iop + fb, own_activity excludes iop: upphandling left, so not all excluded
    assert v.outcome is Outcome.UPPHANDLING


def test_flag_blocks_disagreeing_verdict_only(mini) -> None:
    # market=yes is flagged toward upphandling: it blocks IOP...
    v = judge(mini, {**IOP_CASE, "market": Y, "market_size": N})
    assert v.outcome is Outcome.OKLART
    assert Cause.LEGAL_FLAG in v.causes
    # ...but not an upphandling verdict (refinement of rule 2 in the domain brief).
    v = judge(mini, {"profit": Y, "shared": N, "market": Y, "market_size": N, "individual": N})
    assert v.outcome is Outcome.UPPHANDLING


def test_flag_without_direction_blocks_everything(mini) -> None:
    v = judge(mini, {"profit": Y, "shared": N, "market": Y, "market_size": Y})
    assert v.outcome is Outcome.OKLART and Cause.LEGAL_FLAG in v.causes


def test_too_many_open_critical_gives_oklart_with_lean(mini) -> None:
    v = judge(mini, {"shared": Y, "own_activity": N})
    assert v.outcome is Outcome.OKLART
    assert Cause.TOO_MANY_OPEN in v.causes
    assert v.lean is Outcome.IOP
    # Answering the settling questions in the lean's favour makes it firm.
    assert set(v.settle) <= {"profit", "market", "market_size", "individual"} and v.settle
    settled = {"shared": Y, "own_activity": N, **dict.fromkeys(v.settle, N)}
    assert judge(mini, settled).outcome is Outcome.IOP


def test_unsure_on_critical_counts_as_open(mini) -> None:
    v = judge(mini, {**IOP_CASE, "market": U})
    # market unsure: "yes" would flag the IOP verdict for legal review, so it is not IOP
    assert v.outcome is Outcome.OKLART and Cause.OPEN_COULD_FLIP in v.causes
    assert [(q.question_id, q.status) for q in v.open_critical] == [("market", "unsure")]
    assert v.lean is Outcome.IOP


def test_likely_when_single_answers_hold_but_not_every_combination(mini) -> None:
    # shared unsure: yes keeps IOP at 6, no drops it to 0 (lead over fb's 1 gone).
    v = judge(mini, {**IOP_CASE, "shared": U})
    assert v.outcome is Outcome.OKLART  # a single answer flips it
    # With the market question settled the other way too, one unsure soft point holds.
    v = judge(mini, {**IOP_CASE})
    assert v.firmness is Firmness.FIRM and v.check.method == "exact"


def test_small_margin(mini) -> None:
    v = judge(mini, {"profit": N, "shared": N, "market": N, "own_activity": N, "individual": N})
    # iop 1-3+2 = 0, fb 1: lead 1 < 3
    assert v.outcome is Outcome.OKLART and v.causes == (Cause.SMALL_MARGIN,)


def test_hidden_question_kept_but_not_judged(mini) -> None:
    answers = {**IOP_CASE, "market_size": Y}
    v = judge(mini, answers)
    assert "market_size" not in v.applicable
    assert v.outcome is Outcome.IOP and not v.flags  # its flag does not fire while hidden
    answers["market"] = U
    v = judge(mini, answers)
    assert "market_size" in v.applicable and v.flags  # back when the condition holds again


def test_nothing_answered(mini) -> None:
    v = judge(mini, {})
    assert v.outcome is Outcome.OKLART and v.lean is None
    assert len(v.open_questions) == len(v.applicable)


def test_to_dict_is_json_ready(mini) -> None:
    import json

    d = judge(mini, IOP_CASE).to_dict()
    assert json.loads(json.dumps(d))["outcome"] == "iop"
    assert {"outcome", "firmness", "reasons", "open_questions"} <= d.keys()
