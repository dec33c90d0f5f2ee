"""Warnings for checklist authors: `iop-tui check` prints them and still exits 0.

Each warning is one small function `(checklist, today) -> list[str]`, a line per finding that
starts with the id it concerns (a question, an outcome, a source). `AUTHOR_WARNINGS` is the
one place they are collected: add a function there and `check` prints its lines. Every
function is linear in the checklist's size: `check` must stay fast on 10,000 questions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from .checklist import Answer, Checklist, Clause, Condition, Outcome

#: What an answer can be for a clause: an answer option, or None (unanswered or not shown).
_Possible = dict[str, frozenset[Answer | None]]

#: A help text shorter than this says nothing a reader could use.
MIN_HELP_CHARS = 20


def _satisfiable(cond: Condition, possible: _Possible) -> bool:
    """Whether some answers, each one of its question's possible values, make `cond` hold.
    Questions are taken one by one (a clause reads one question), so this is exact for one
    condition and linear in its clauses."""
    by_question: dict[str, list[Clause]] = {}
    for clause in cond.all:
        by_question.setdefault(clause.question, []).append(clause)

    def values(qid: str) -> list[Answer | None]:
        """The values of `qid` that satisfy every `all` clause on it."""
        return [
            v
            for v in possible.get(qid, frozenset({None}))
            if all(c.holds(v) for c in by_question.get(qid, ()))
        ]

    if any(not values(qid) for qid in by_question):
        return False
    return not cond.any or any(any(c.holds(v) for v in values(c.question)) for c in cond.any)


def _offered(checklist: Checklist) -> _Possible:
    """Every question as if it were always shown: its answer options, or unanswered."""
    return {q.id: frozenset((*q.answers, None)) for q in checklist.questions}


def conditions_never_hold(checklist: Checklist, today: dt.date) -> list[str]:
    """A `show_if` that no answers can make true, even with every question shown (e.g. it
    asks for an answer the question does not offer, or for yes and not yes at once)."""
    possible = _offered(checklist)
    return [
        f"{q.id}: show_if can never hold (no answers to the questions it reads make it true)"
        for q in checklist.questions
        if q.show_if is not None and not _satisfiable(q.show_if, possible)
    ]


def questions_never_shown(checklist: Checklist, today: dt.date) -> list[str]:
    """A question whose condition could hold by itself, but that no path shows: it reads a
    question that is itself never shown. Conditions read only earlier questions (the loader
    checks that), so one pass in order decides it."""
    offered = _offered(checklist)
    possible = dict(offered)
    hidden: set[str] = set()
    found: list[str] = []
    for q in checklist.questions:
        cond = q.show_if
        if cond is None:
            continue
        if not _satisfiable(cond, possible):
            hidden.add(q.id)
            possible[q.id] = frozenset({None})  # never shown: never answered, as read
            if _satisfiable(cond, offered):  # else conditions_never_hold says it
                via = sorted({r for r in cond.questions() if r in hidden})
                found.append(
                    f"{q.id}: no path shows this question "
                    f"(its condition needs {', '.join(via)}, which is never shown)"
                )
    return found


def outcomes_nothing_points_to(checklist: Checklist, today: dt.date) -> list[str]:
    """A declared outcome (other than `oklart`, which rules reach) that no answer gives
    points to or requires."""
    pointed: set[str] = set()
    for q in checklist.questions:
        for answer in Answer:
            eff = q.effects(answer)
            pointed.update(s.outcome for s in eff.signals if s.weight > 0)
            pointed.update(s.outcome for s in eff.stops if s.rule == "require")
    return [
        f"outcome '{o}': nothing points to it (no answer gives it points or requires it)"
        for o in checklist.outcome_ids
        if o is not Outcome.OKLART and o not in pointed
    ]


def questions_without_help(checklist: Checklist, today: dt.date) -> list[str]:
    """Help that is empty, only repeats the question, or is too short to help anyone."""
    found = []
    for q in checklist.questions:
        text = q.help.strip()
        if len(text) < MIN_HELP_CHARS or text == q.text.strip():
            found.append(
                f"{q.id}: no real help text (write what the question means and how to "
                f"answer it; at least {MIN_HELP_CHARS} characters)"
            )
    return found


def sources_never_cited(checklist: Checklist, today: dt.date) -> list[str]:
    cited = {s for q in checklist.questions for s in q.sources}
    cited.update(a.source for a in checklist.amounts)
    return [
        f"source '{s.id}': never cited (no question or amount names it)"
        for s in checklist.sources
        if s.id not in cited
    ]


def terms_never_used(checklist: Checklist, today: dt.date) -> list[str]:
    used = {t for q in checklist.questions for t in q.terms}
    return [
        f"glossary term '{t.id}': never used (no question lists it in terms)"
        for t in checklist.glossary
        if t.id not in used
    ]


def riktlinje_expired(checklist: Checklist, today: dt.date) -> list[str]:
    until = checklist.riktlinje.valid_until
    if until is None or until >= today:
        return []
    return [
        f"riktlinje: its validity ended {until.isoformat()} "
        "(the app and every report say so; check whether a newer one replaces it)"
    ]


Warning = Callable[[Checklist, dt.date], list[str]]

#: Every author warning `check` prints, in this order. Add new ones here.
AUTHOR_WARNINGS: tuple[Warning, ...] = (
    conditions_never_hold,
    questions_never_shown,
    outcomes_nothing_points_to,
    questions_without_help,
    sources_never_cited,
    terms_never_used,
    riktlinje_expired,
)


def author_warnings(
    checklist: Checklist,
    today: dt.date | None = None,
    checks: Iterable[Warning] = AUTHOR_WARNINGS,
) -> list[str]:
    """Every warning line for a checklist that loaded without errors."""
    day = today or dt.date.today()
    return [line for check in checks for line in check(checklist, day)]
