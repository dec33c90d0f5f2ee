"""Checks an author runs on a checklist beyond the schema: can every outcome be reached,
and do the embedded scenarios give the verdicts they promise?

The reachability search is bounded so that `check` stays roughly linear in the number of
questions: a greedy start built from each answer's own effects is tried first (one `judge`
call), then coordinate ascent from a few more starts, with a budget of `judge` calls that
shrinks as the checklist grows (every call costs time proportional to its size)."""

from __future__ import annotations

import itertools
import random

from .checklist import Answer, Checklist, Outcome, Question, outcome_value
from .engine import judge


def _distance(checklist: Checklist, answers: dict[str, Answer], target: str) -> int:
    """How far `answers` are from giving `target` (0 = they give it). Used to climb."""
    v = judge(checklist, answers, advise=False)
    if v.outcome == target:
        return 0
    if target == Outcome.OKLART:
        return 1 + max(0, v.lead)
    scored = checklist.scored_outcomes
    penalty = 0
    if target in v.excluded:
        penalty += 1000
    penalty += 100 * sum(1 for s in v.stops if s.rule == "require" and s.outcome != target)
    penalty += 100 * sum(1 for f in v.flags if target in f.blocks)
    # Open questions one of whose answers would rule the target out keep it undecided.
    for q in v.open_questions:
        question = checklist.question(q.question_id)
        for a in question.answers:
            eff = question.effects(a)
            if a is not Answer.UNSURE and (
                any(st.outcome == target or st.rule == "require" for st in eff.stops)
                or (eff.flag is not None and target in eff.flag.blocked_in(scored))
            ):
                penalty += 10
                break
    over = len(v.open_critical) - checklist.judging.max_open_critical
    penalty += 10 * max(0, over)
    rivals = [v.scores[o] for o in scored if o != target and o not in v.excluded]
    gap = (max(rivals) if rivals else 0) + max(checklist.judging.margin, 1) - v.scores[target]
    return penalty + max(gap, 0) + 1


#: Question evaluations (judge calls times questions) one target's search may spend.
SEARCH_BUDGET = 100_000


class _Budget:
    def __init__(self, calls: int) -> None:
        self.left = calls


def _local_gain(question: Question, answer: Answer, target: str, scored: tuple[str, ...]) -> int:
    """How much one answer, on its own, favours `target` over its rivals."""
    eff = question.effects(answer)
    gain = 0
    for st in eff.stops:
        if st.rule == "exclude" and st.outcome == target:
            gain -= 1_000_000
        elif st.rule == "require":
            gain += 1_000 if st.outcome == target else -1_000_000
    if eff.flag is not None and target in eff.flag.blocked_in(scored):
        gain -= 10_000
    for sig in eff.signals:
        gain += 3 * sig.weight if sig.outcome == target else -sig.weight
    return gain


def _greedy(checklist: Checklist, target: str) -> dict[str, Answer]:
    """Every question answered with the firm option that, by its own effects, favours
    `target` most; "osäker" (which leaves the question open) only when every firm option
    rules `target` out or blocks it."""
    if target == Outcome.OKLART:
        return {}
    answers: dict[str, Answer] = {}
    scored = checklist.scored_outcomes
    for q in checklist.questions:
        firm = [a for a in q.answers if a is not Answer.UNSURE]
        best = max(firm, key=lambda a: _local_gain(q, a, target, scored)) if firm else Answer.UNSURE
        if (
            firm
            and Answer.UNSURE in q.answers
            and _local_gain(q, best, target, scored)
            <= -10_000
            < _local_gain(q, Answer.UNSURE, target, scored)
        ):
            best = Answer.UNSURE
        answers[q.id] = best
    return answers


def _suspects_first(
    checklist: Checklist, answers: dict[str, Answer], budget: _Budget
) -> list[Question]:
    """The questions in climbing order: first those the verdict names (open questions, stops,
    flags), which are the likeliest to stand in the way, then the rest."""
    budget.left -= 1
    v = judge(checklist, answers, advise=False)
    named = dict.fromkeys(
        [q.question_id for q in v.open_questions]
        + [s.question_id for s in v.stops]
        + [f.question_id for f in v.flags]
    )
    first = [checklist.question(qid) for qid in named if checklist.has_question(qid)]
    return first + [q for q in checklist.questions if q.id not in named]


def _climb(
    checklist: Checklist, answers: dict[str, Answer], target: str, budget: _Budget
) -> dict[str, Answer]:
    """Coordinate ascent: change one answer at a time while it brings `target` closer,
    until the budget of `judge` calls is spent."""
    if budget.left <= 0:
        return answers
    budget.left -= 1
    best = _distance(checklist, answers, target)
    improved = True
    while improved and best:
        improved = False
        for q in _suspects_first(checklist, answers, budget):
            for a in (*q.answers, None):
                if budget.left <= 0:
                    return answers
                budget.left -= 1
                trial = dict(answers)
                if a is None:
                    trial.pop(q.id, None)
                else:
                    trial[q.id] = a
                d = _distance(checklist, trial, target)
                if d < best:
                    answers, best, improved = trial, d, True
    return answers


def find_answers_for(
    checklist: Checklist, target: str, restarts: int = 20
) -> dict[str, Answer] | None:
    """Some set of answers that gives `target`, or None if the search found none. The search
    tries a greedy start, then climbs from all-yes, all-no and seeded random starts, so
    `check` is repeatable; it stops when its budget of `judge` calls is spent."""
    greedy = _greedy(checklist, target)
    if judge(checklist, greedy, advise=False).outcome == target:
        return greedy
    budget = _Budget(max(8, SEARCH_BUDGET // max(1, len(checklist.questions))))
    rng = random.Random(f"{checklist.id}:{outcome_value(target)}")
    fixed: list[dict[str, Answer]] = [
        greedy,
        {},
        {q.id: Answer.YES for q in checklist.questions},
        {q.id: Answer.NO for q in checklist.questions},
    ]
    randoms = ({q.id: rng.choice(q.answers) for q in checklist.questions} for _ in range(restarts))
    starts = itertools.chain(fixed, randoms)
    for start in starts:
        if budget.left <= 0:
            break
        answers = _climb(checklist, start, target, budget)
        if judge(checklist, answers, advise=False).outcome == target:
            return answers
    return None


def unreachable_outcomes(checklist: Checklist) -> list[str]:
    return [o for o in checklist.outcome_ids if find_answers_for(checklist, o) is None]


def scenario_failures(checklist: Checklist) -> list[str]:
    """One line per embedded scenario whose verdict differs from what it expects."""
    failures = []
    for sc in checklist.scenarios:
        got = judge(checklist, sc.answers).outcome
        if got is not sc.expect:
            failures.append(
                f"scenario '{sc.name}': expected {outcome_value(sc.expect)}, "
                f"got {outcome_value(got)}"
            )
    return failures
