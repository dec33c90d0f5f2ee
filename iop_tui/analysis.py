"""Checks an author runs on a checklist beyond the schema: can every outcome be reached,
and do the embedded scenarios give the verdicts they promise?"""

from __future__ import annotations

import random

from .checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome
from .engine import judge


def _distance(checklist: Checklist, answers: dict[str, Answer], target: Outcome) -> int:
    """How far `answers` are from giving `target` (0 = they give it). Used to climb."""
    v = judge(checklist, answers, advise=False)
    if v.outcome is target:
        return 0
    if target is Outcome.OKLART:
        return 1 + max(0, v.lead)
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
                any(st.outcome is target or st.rule == "require" for st in eff.stops)
                or (eff.flag is not None and target in eff.flag.blocked)
            ):
                penalty += 10
                break
    over = len(v.open_critical) - checklist.judging.max_open_critical
    penalty += 10 * max(0, over)
    rivals = [v.scores[o] for o in SCORED_OUTCOMES if o != target and o not in v.excluded]
    gap = (max(rivals) if rivals else 0) + max(checklist.judging.margin, 1) - v.scores[target]
    return penalty + max(gap, 0) + 1


def _climb(checklist: Checklist, answers: dict[str, Answer], target: Outcome) -> dict[str, Answer]:
    """Coordinate ascent: change one answer at a time while it brings `target` closer."""
    best = _distance(checklist, answers, target)
    improved = True
    while improved and best:
        improved = False
        for q in checklist.questions:
            for a in (*q.answers, None):
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
    checklist: Checklist, target: Outcome, restarts: int = 20
) -> dict[str, Answer] | None:
    """Some set of answers that gives `target`, or None if the search found none. The search
    climbs from all-yes, all-no and seeded random starts, so `check` is repeatable."""
    rng = random.Random(f"{checklist.id}:{target.value}")
    starts: list[dict[str, Answer]] = [
        {},
        {q.id: Answer.YES for q in checklist.questions},
        {q.id: Answer.NO for q in checklist.questions},
    ]
    starts += [{q.id: rng.choice(q.answers) for q in checklist.questions} for _ in range(restarts)]
    for start in starts:
        answers = _climb(checklist, start, target)
        if judge(checklist, answers).outcome is target:
            return answers
    return None


def unreachable_outcomes(checklist: Checklist) -> list[Outcome]:
    return [o for o in Outcome if find_answers_for(checklist, o) is None]


def scenario_failures(checklist: Checklist) -> list[str]:
    """One line per embedded scenario whose verdict differs from what it expects."""
    failures = []
    for sc in checklist.scenarios:
        got = judge(checklist, sc.answers).outcome
        if got is not sc.expect:
            failures.append(f"scenario '{sc.name}': expected {sc.expect.value}, got {got.value}")
    return failures
