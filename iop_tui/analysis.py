"""Checks an author runs on a checklist beyond the schema: can every outcome be reached,
and do the embedded scenarios give the verdicts they promise?"""

from __future__ import annotations

import random

from .checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome
from .engine import applicable_questions, judge


def _greedy_answers(checklist: Checklist, target: Outcome) -> dict[str, Answer]:
    """Answer each shown question, in order, with the option that favours `target` most
    without ruling it out or raising a flag against it."""
    answers: dict[str, Answer] = {}
    for q in checklist.questions:
        if q.id not in {x.id for x in applicable_questions(checklist, answers)}:
            continue
        best: tuple[int, Answer] | None = None
        for a in q.answers:
            if a is Answer.UNSURE and q.critical:
                continue
            eff = q.effects(a)
            if any(
                (s.rule == "exclude" and s.outcome == target)
                or (s.rule == "require" and s.outcome != target)
                for s in eff.stops
            ):
                continue
            if eff.flag is not None and target.value not in eff.flag.toward:
                continue
            mine = sum(s.weight for s in eff.signals if s.outcome == target)
            rival = max(
                (sum(s.weight for s in eff.signals if s.outcome == o)
                 for o in SCORED_OUTCOMES if o != target),
                default=0,
            )
            bonus = 5 if any(s.rule == "exclude" for s in eff.stops) else 0
            value = mine - rival + bonus
            if best is None or value > best[0]:
                best = (value, a)
        if best is not None:
            answers[q.id] = best[1]
    return answers


def find_answers_for(checklist: Checklist, target: Outcome, tries: int = 2000) -> dict[str, Answer] | None:
    """Some set of answers that gives `target`, or None if none was found."""
    candidates: list[dict[str, Answer]] = [{}, {q.id: Answer.UNSURE for q in checklist.questions}]
    if target is not Outcome.OKLART:
        candidates.insert(0, _greedy_answers(checklist, target))
    for answers in candidates:
        if judge(checklist, answers).outcome is target:
            return answers
    rng = random.Random(f"{checklist.id}:{target.value}")  # seeded: `check` is repeatable
    for _ in range(tries):
        answers = {q.id: rng.choice(q.answers) for q in checklist.questions}
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
