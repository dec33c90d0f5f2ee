"""The judging engine: `judge(checklist, answers) -> Verdict`, pure and deterministic.

The model, in the order a jurist reasons (docs/judging.md explains it for officers):

1. **Gates** decide. A stop rules a form out (or requires legal review); a legal flag names the
   forms it blocks. Which questions are gates, and in which order, is checklist data.
2. **Fit**: weights choose among the forms the gates leave, with the checklist's margin.
3. **Firm only when it holds.** A verdict is firm when it stays the same whatever each open
   ("osäker" or unanswered) question turns out to be, alone and in combination; likely when it
   survives every single open answer but not every combination; otherwise `oklart`, with the
   open question that could flip it named first. An "osäker" gate answer that could rule out
   the leading form always gives `oklart`.
4. **The lean follows the gates**: an undecided verdict never leans towards a form a fired
   stop or flag rules out, and leans the way a gate says when one of its questions fired or
   could fire (a purchase gate: upphandling).

The numbers (margin, tolerated open critical questions) and the gates come from the
checklist, not from here. `what_would_change()` finds the smallest sets of one or two answer
changes that give each other outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from operator import attrgetter
from typing import Any

from .checklist import Answer, Checklist, Outcome, Question, outcome_value


class Firmness(StrEnum):
    FIRM = "firm"  # holds whatever the open questions turn out to be
    LIKELY = "likely"  # holds for every single open answer, not every combination
    UNDECIDED = "undecided"  # outcome is oklart


class Cause(StrEnum):
    """Why a verdict is `oklart`."""

    LEGAL_REVIEW = "legal_review"  # an answer requires legal review
    CONFLICTING_STOPS = "conflicting_stops"
    ALL_EXCLUDED = "all_excluded"
    LEGAL_FLAG = "legal_flag"  # a flagged answer blocks the leading outcome
    TOO_MANY_OPEN = "too_many_open"
    SMALL_MARGIN = "small_margin"
    GATE_UNSURE = "gate_unsure"  # "osäker" on a gate question that could rule out the lead
    OPEN_COULD_FLIP = "open_could_flip"  # one open answer would change the outcome


@dataclass(frozen=True, slots=True)
class Reason:
    """One answer's weight towards (positive) or against (negative) an outcome."""

    question_id: str
    question: str
    answer: Answer
    outcome: str
    weight: int
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StopHit:
    question_id: str
    question: str
    answer: Answer
    rule: str  # "exclude" | "require"
    outcome: str
    text: str
    sources: tuple[str, ...]
    gate: str | None = None


@dataclass(frozen=True, slots=True)
class FlagHit:
    question_id: str
    question: str
    answer: Answer
    text: str
    toward: tuple[str, ...]  # the forms the flag does not block
    sources: tuple[str, ...]
    blocks: tuple[str, ...] = ()
    gate: str | None = None


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    question_id: str
    question: str
    status: str  # "unanswered" | "unsure"
    critical: bool


@dataclass(frozen=True, slots=True)
class Flip:
    """One open answer that would change the outcome, and to what."""

    question_id: str
    answer: Answer
    outcome: str


@dataclass(frozen=True, slots=True)
class FirmnessCheck:
    """How firmness was established: `exact` (every combination of the open answers was
    covered), `bounded` (too many combinations: not proven firm, so at most likely) or
    `skipped` (judge(advise=False))."""

    method: str
    open: int  # open questions at the top level
    branches: int  # combinations of open condition questions searched one by one

    def to_dict(self) -> dict[str, object]:
        return {"method": self.method, "open": self.open, "branches": self.branches}


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: str
    firmness: Firmness
    scores: dict[str, int]
    reasons: tuple[Reason, ...]
    stops: tuple[StopHit, ...]
    flags: tuple[FlagHit, ...]
    open_questions: tuple[OpenQuestion, ...]
    excluded: frozenset[str]
    causes: tuple[Cause, ...] = ()
    #: Where an `oklart` leans, when the answers point somewhere (None otherwise).
    lean: str | None = None
    #: Open questions that would make the lean firm if answered in its favour.
    settle: tuple[str, ...] = ()
    #: Lead of the winner (or lean) over the runner-up, in points.
    lead: int = 0
    applicable: tuple[str, ...] = field(default=())
    #: Open answers that would each change the outcome (the first is named first).
    flips: tuple[Flip, ...] = ()
    #: Open question ids, most able to change the verdict first.
    open_ranked: tuple[str, ...] = ()
    check: FirmnessCheck = FirmnessCheck("skipped", 0, 0)
    #: Extra next steps that given answers add for this outcome (or its lean).
    advice: tuple[str, ...] = ()
    #: Organisation perspective: open kommun-only questions (unanswered or "osäker"), in
    #: checklist order. They are not open questions of the verdict: they never make it
    #: `oklart`; they are the points to bring to the kommun.
    ask_kommun: tuple[str, ...] = ()
    #: The kommun's answers (to `ask_kommun` questions) that would each change the outcome:
    #: while there are any, the verdict is at most likely (it depends on the kommun).
    kommun_flips: tuple[Flip, ...] = ()

    @property
    def open_critical(self) -> tuple[OpenQuestion, ...]:
        return tuple(q for q in self.open_questions if q.critical)

    @property
    def blocked(self) -> frozenset[str]:
        """Forms a fired flag blocks (a verdict for them needs legal review first)."""
        return frozenset(o for f in self.flags for o in f.blocks)

    def reasons_for(self, outcome: str) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.outcome == outcome and r.weight > 0)

    def reasons_against(self, outcome: str) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.outcome == outcome and r.weight < 0)

    def to_dict(self) -> dict[str, object]:
        """Stable, JSON-ready form (used by `judge --json` and reports). Keys are only ever
        added, never renamed: other systems read it."""
        return {
            "outcome": outcome_value(self.outcome),
            "firmness": self.firmness.value,
            "lean": outcome_value(self.lean) if self.lean else None,
            "lead": self.lead,
            "causes": [c.value for c in self.causes],
            "scores": {outcome_value(o): s for o, s in self.scores.items()},
            "excluded": sorted(outcome_value(o) for o in self.excluded),
            "blocked": sorted(outcome_value(o) for o in self.blocked),
            "reasons": [
                {
                    "question_id": r.question_id,
                    "question": r.question,
                    "answer": r.answer.value,
                    "outcome": outcome_value(r.outcome),
                    "weight": r.weight,
                    "reason": r.text,
                    "sources": list(r.sources),
                }
                for r in self.reasons
            ],
            "stops": [
                {
                    "question_id": s.question_id,
                    "question": s.question,
                    "answer": s.answer.value,
                    "rule": s.rule,
                    "outcome": outcome_value(s.outcome),
                    "reason": s.text,
                    "sources": list(s.sources),
                    "gate": s.gate,
                }
                for s in self.stops
            ],
            "flags": [
                {
                    "question_id": f.question_id,
                    "question": f.question,
                    "answer": f.answer.value,
                    "reason": f.text,
                    "toward": [outcome_value(o) for o in f.toward],
                    "blocks": [outcome_value(o) for o in f.blocks],
                    "sources": list(f.sources),
                    "gate": f.gate,
                }
                for f in self.flags
            ],
            "open_questions": [
                {
                    "question_id": q.question_id,
                    "question": q.question,
                    "status": q.status,
                    "critical": q.critical,
                }
                for q in self.open_questions
            ],
            "open_ranked": list(self.open_ranked),
            "flips": [
                {
                    "question_id": f.question_id,
                    "answer": f.answer.value,
                    "outcome": outcome_value(f.outcome),
                }
                for f in self.flips
            ],
            "settle": list(self.settle),
            "firmness_check": self.check.to_dict(),
            "advice": list(self.advice),
            # Organisation perspective only (issue 14): the kommun's verdicts keep their keys.
            **(
                {
                    "ask_kommun": list(self.ask_kommun),
                    "kommun_flips": [
                        {
                            "question_id": f.question_id,
                            "answer": f.answer.value,
                            "outcome": str(f.outcome),
                        }
                        for f in self.kommun_flips
                    ],
                }
                if self.ask_kommun
                else {}
            ),
        }


# --------------------------------------------------------------------------- the plan
#
# judge() runs on every keypress and once per file when sessions are listed, so everything
# that depends only on the checklist is worked out once per checklist: the summed score
# change, the Reason/StopHit/FlagHit objects (immutable, so verdicts can share them) and the
# conditions as plain tuples. judge() then only walks the questions and picks up what each
# answer contributes.


@dataclass(frozen=True, slots=True)
class _Choice:
    """What choosing one answer to one question contributes to a verdict."""

    deltas: tuple[int, ...]  # score change per outcome, in `checklist.scored_outcomes` order
    reasons: tuple[Reason, ...]
    stops: tuple[StopHit, ...]
    excludes: frozenset[str]
    requires: frozenset[str]
    flag: FlagHit | None
    blocks: frozenset[str]  # what the flag blocks (empty without a flag)
    advice: tuple[tuple[str, frozenset[str]], ...]
    settles: tuple[tuple[str, Answer], ...]
    #: It fires a stop or a flag (a gate answer that decides something). Stored, not a
    #: property: the flip test asks for every open answer of every judged file.
    decides: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "decides", bool(self.stops) or self.flag is not None)

    def breaks(self, outcome: str) -> bool:
        """Choosing this answer alone rules `outcome` out, blocks it, or requires another."""
        if outcome in self.excludes or outcome in self.blocks:
            return True
        return any(r is not outcome for r in self.requires)


_NO_EFFECTS: dict[int, _Choice] = {}


def _no_effect(n: int) -> _Choice:
    """The shared choice that changes nothing, for a score vector of length n."""
    c = _NO_EFFECTS.get(n)
    if c is None:
        c = _NO_EFFECTS[n] = _Choice(
            deltas=(0,) * n,
            reasons=(),
            stops=(),
            excludes=frozenset(),
            requires=frozenset(),
            flag=None,
            blocks=frozenset(),
            advice=(),
            settles=(),
        )
    return c


#: (question id, `is`, `is_not`): the fields of a Clause, in the tuples Clause.holds uses.
_Clause = tuple[str, tuple[Answer, ...], tuple[Answer, ...]]
_UNSURE = Answer.UNSURE
_ANSWER_TYPE = frozenset({Answer})
_STEP_ID = attrgetter("id")


@dataclass(frozen=True, slots=True)
class _Step:
    question: Question
    id: str
    critical: bool
    gate: str | None
    all_of: tuple[_Clause, ...] | None  # None: shown unconditionally
    any_of: tuple[_Clause, ...]
    #: Conditions repeat (many questions share "the organisation qualifies"): equal ones
    #: share a slot, so each is evaluated once per judge(). -1: evaluate every time.
    slot: int
    choices: dict[Answer, _Choice]
    #: The answers that can be true (yes/no as offered); "osäker" is not a fact.
    options: tuple[Answer, ...]
    #: Its answer changes what else is shown or settled, so it is searched branch by branch.
    controller: bool
    #: Some condition reads its answer (only such answers are kept for conditions).
    read: bool
    #: Questions whose showing (or settled answer) may follow from this one's answer.
    dependents: frozenset[str]
    #: It settles other answers, or is settled by one: derived states are rebuilt in full.
    settle_linked: bool
    #: Some answer of it settles other answers.
    settles: bool
    unanswered: OpenQuestion
    unsure: OpenQuestion
    #: Organisation perspective and a kommun-only question: never open (see judge()).
    ask_kommun: bool = False


def _shown(step: _Step, effective: Mapping[str, object]) -> bool:
    """Condition.holds on the precomputed clause tuples (a clause fails when `is` is given
    and the answer is not in it, or `is_not` is given and the answer is in it)."""
    if step.all_of is None:
        return True
    for qid, is_, is_not in step.all_of:
        a = effective.get(qid)
        if (is_ and a not in is_) or (is_not and a in is_not):
            return False
    if not step.any_of:
        return True
    for qid, is_, is_not in step.any_of:
        a = effective.get(qid)
        if not ((is_ and a not in is_) or (is_not and a in is_not)):
            return True
    return False


def _choice(q: Question, a: Answer, scored: tuple[str, ...], index: dict[str, int]) -> _Choice:
    eff = q.effects(a)
    if not (eff.signals or eff.stops or eff.flag or eff.advice or eff.settles):
        return _no_effect(len(scored))  # most "osäker" answers: nothing names the question
    deltas = [0] * len(scored)
    reasons = []
    for s in eff.signals:
        o = s.outcome  # canonical already (the loader interns outcome ids)
        deltas[index[o]] += s.weight
        reasons.append(Reason(q.id, q.text, a, o, s.weight, eff.signal_reason(s), q.sources))
    stops = tuple(
        StopHit(q.id, q.text, a, st.rule, st.outcome, eff.signal_reason(st), q.sources, q.gate)
        for st in eff.stops
    )
    flag = None
    blocks: frozenset[str] = frozenset()
    if eff.flag is not None:
        blocks = frozenset(eff.flag.blocked_in(scored))
        flag = FlagHit(
            q.id,
            q.text,
            a,
            eff.flag.reason,
            eff.flag.allowed_in(scored),
            q.sources,
            tuple(o for o in scored if o in blocks),
            q.gate,
        )
    return _Choice(
        deltas=tuple(deltas),
        reasons=tuple(reasons),
        stops=stops,
        excludes=frozenset(st.outcome for st in eff.stops if st.rule == "exclude"),
        requires=frozenset(st.outcome for st in eff.stops if st.rule != "exclude"),
        flag=flag,
        blocks=blocks,
        advice=tuple((ad.text, frozenset(ad.outcomes)) for ad in eff.advice),
        settles=tuple(eff.settles.items()),
    )


def _steps(checklist: Checklist) -> tuple[tuple[_Step, ...], int]:
    """The steps, and how many distinct shared conditions they have."""

    def clauses(items: tuple[Any, ...]) -> tuple[_Clause, ...]:
        return tuple((c.question, c.is_, c.is_not) for c in items)

    questions = checklist.questions
    scored, index = checklist.scored_outcomes, checklist.outcome_index
    position = {q.id: i for i, q in enumerate(questions)}
    unique_ids = len(position) == len(questions)
    referenced = {r for q in questions if q.show_if for r in q.show_if.questions()}
    settling = {q.id for q in questions for a in q.answers if q.effects(a).settles}
    settled_ids = {t for q in questions for a in q.answers for t in q.effects(a).settles}
    direct: dict[str, set[str]] = {}
    for q in questions:
        for r in q.show_if.questions() if q.show_if else ():
            direct.setdefault(r, set()).add(q.id)
        for a in q.answers:
            direct.setdefault(q.id, set()).update(q.effects(a).settles)

    def dependents(qid: str) -> frozenset[str]:
        seen: set[str] = set()
        todo = list(direct.get(qid, ()))
        while todo:
            d = todo.pop()
            if d not in seen:
                seen.add(d)
                todo += direct.get(d, ())
        return frozenset(seen)

    slots: dict[tuple[tuple[_Clause, ...], tuple[_Clause, ...]], int] = {}
    steps = []
    org = checklist.perspective == "organisation"
    for i, q in enumerate(questions):
        cond = q.show_if
        all_of: tuple[_Clause, ...] | None = None
        any_of: tuple[_Clause, ...] = ()
        slot = -1
        if cond is not None:
            all_of, any_of = clauses(cond.all), clauses(cond.any)
            # A condition's value can be reused only while the answers it reads cannot
            # change: true when it reads only earlier questions and no id occurs twice.
            # Checklists loaded from files are checked for that; generated ones may not be.
            later = len(questions)
            if unique_ids and all(position.get(r, later) < i for r in cond.questions()):
                slot = slots.setdefault((all_of, any_of), len(slots))
        options = tuple(a for a in q.answers if a is not _UNSURE) or (_UNSURE,)
        steps.append(
            _Step(
                question=q,
                id=q.id,
                critical=q.critical or q.gate is not None,
                gate=q.gate,
                all_of=all_of,
                any_of=any_of,
                slot=slot,
                choices={a: _choice(q, a, scored, index) for a in Answer},
                options=options,
                controller=q.id in referenced or q.id in settling,
                read=q.id in referenced,
                dependents=dependents(q.id),
                settle_linked=q.id in settling or q.id in settled_ids,
                settles=q.id in settling,
                unanswered=OpenQuestion(q.id, q.text, "unanswered", q.critical),
                unsure=OpenQuestion(q.id, q.text, "unsure", q.critical),
                ask_kommun=org and q.kommun_only,
            )
        )
    return tuple(steps), len(slots)


_PLANS: dict[int, tuple[Checklist, tuple[tuple[_Step, ...], int]]] = {}
_MAX_PLANS = 32  # checklists are few in the app; tests make many, so the cache is bounded


def _plan(checklist: Checklist) -> tuple[tuple[_Step, ...], int]:
    """The steps for a checklist, built on first use. Checklists are frozen, so a plan never
    goes stale; holding the checklist itself keeps its id from being reused."""
    hit = _PLANS.get(id(checklist))
    if hit is not None and hit[0] is checklist:
        return hit[1]
    plan = _steps(checklist)
    while len(_PLANS) >= _MAX_PLANS:
        _PLANS.pop(next(iter(_PLANS)), None)
    _PLANS[id(checklist)] = (checklist, plan)
    return plan


def applicable_questions(checklist: Checklist, answers: Mapping[str, Answer]) -> list[Question]:
    """Questions whose condition holds, in order. A hidden question counts as unanswered
    for the conditions after it, so hiding cascades correctly. (The judging state works
    this out in the same pass as the sums: one implementation of what is shown.)"""
    return [step.question for step in _State(checklist, _normalise(answers)).shown]


# --------------------------------------------------------------------------- one state


def _normalise(answers: Mapping[str, Any]) -> dict[str, Answer]:
    if set(map(type, answers.values())) <= _ANSWER_TYPE:
        return dict(answers)  # as sessions hold them: copied in C, not checked one by one
    out: dict[str, Answer] = {}
    for k, a in answers.items():
        if a is None:
            continue
        out[k] = a if a.__class__ is Answer else Answer(a)  # plain strings are accepted too
    return out


class _State:
    """Everything the answers contribute, before any rule is applied."""

    __slots__ = (
        "answers",
        "asked",
        "blocked",
        "effective",
        "excluded",
        "flags",
        "open",
        "open_critical",
        "reasons",
        "required",
        "scores",
        "shown",
        "stops",
        "taken",
        "unanswered",
    )

    def __init__(self, checklist: Checklist, answers: dict[str, Answer]) -> None:
        # One pass works out what is shown (the only place that does) and adds up what the
        # answers contribute (judge() and glance() run this for every file the sessions
        # list has not indexed, so the loop is kept tight). Answers settled by another
        # answer are rare: only then are the sums done again, over the shown questions.
        steps, n_slots = _plan(checklist)
        n = len(checklist.scored_outcomes)
        effective: dict[str, Answer] = {}
        known: list[bool | None] = [None] * n_slots
        shown: list[_Step] = []
        open_steps: list[_Step] = []
        asked: list[_Step] = []
        taken: list[tuple[_Step, _Choice]] = []
        show = shown.append
        take = taken.append
        get = answers.get
        settling = False
        unanswered = 0
        for step in steps:
            if step.all_of is not None:
                slot = step.slot
                if slot < 0:
                    if not _shown(step, effective):
                        continue
                else:
                    holds = known[slot]
                    if holds is None:
                        holds = known[slot] = _shown(step, effective)
                    if not holds:
                        continue
            show(step)
            a = get(step.id)
            if a is None:
                unanswered += 1
                # The organisation cannot know a kommun-only answer: a point for the
                # kommun, not an open question (issue 14).
                (asked if step.ask_kommun else open_steps).append(step)
                continue
            if step.read:
                effective[step.id] = a
            if a is _UNSURE:
                if step.ask_kommun:
                    asked.append(step)
                    continue
                open_steps.append(step)
            c = step.choices[a]
            take((step, c))
            if step.settles and a is not _UNSURE and c.settles:
                settling = True
        settled: dict[str, Answer] = {}
        if settling:
            for step in shown:
                a = answers.get(step.id)
                if step.settles and a is not None and a is not _UNSURE:
                    for qid, value in step.choices[a].settles:
                        if answers.get(qid) in (None, _UNSURE):
                            settled[qid] = value
        if settled:
            # Settled answers count as that answer; what is shown follows the answers as
            # given, so only the open, asked and taken lists are made again.
            open_steps, asked, taken = [], [], []
            for step in shown:
                a = settled.get(step.id) or answers.get(step.id)
                if step.ask_kommun and (a is None or a is _UNSURE):
                    asked.append(step)
                    continue
                if a is None:
                    open_steps.append(step)
                    continue
                if a is _UNSURE:
                    open_steps.append(step)
                taken.append((step, step.choices[a]))
        scores = [0] * n
        reasons: list[Reason] = []
        stops: list[StopHit] = []
        flags: list[FlagHit] = []
        excluded: set[str] = set()
        required: set[str] = set()
        blocked: set[str] = set()
        for _, c in taken:
            if c.reasons:
                d = c.deltas
                if n == 3:  # the built-in set, unrolled: this runs per answer
                    scores[0] += d[0]
                    scores[1] += d[1]
                    scores[2] += d[2]
                else:
                    for i in range(n):
                        scores[i] += d[i]
                reasons += c.reasons
            if c.decides:  # most answers rule nothing in or out
                if c.stops:
                    excluded |= c.excludes
                    required |= c.requires
                    stops += c.stops
                if c.flag is not None:
                    flags.append(c.flag)
                    blocked |= c.blocks
        self.answers = answers
        self.effective = effective  # answers of shown questions that conditions read
        self.asked = asked
        self.shown = shown
        self.scores = scores
        self.reasons = reasons
        self.stops = stops
        self.flags = flags
        self.open = open_steps
        self.open_critical = sum(1 for s in open_steps if s.critical)
        self.taken = taken
        self.unanswered = unanswered  # shown questions without an answer (osäker is one)
        self.excluded = excluded
        self.required = required
        self.blocked = blocked


# Not frozen: frozen dataclasses set each field through object.__setattr__, and the flip
# test makes several of these per judged file. Treat as read-only.
@dataclass(slots=True)
class _Base:
    """The outcome by the rules alone (stops, margin, flags, open critical count)."""

    outcome: str
    causes: tuple[Cause, ...]
    top: str | None  # the leading form (also when the outcome is oklart)
    lead: int
    by_rule: bool  # decided by a `require` stop or a single remaining form
    candidates: tuple[str, ...]


def _base(
    checklist: Checklist,
    scores: list[int],
    excluded: set[str] | frozenset[str],
    required: set[str] | frozenset[str],
    blocked: set[str] | frozenset[str],
    open_critical: int,
) -> _Base:
    if Outcome.OKLART in required:
        return _Base(Outcome.OKLART, (Cause.LEGAL_REVIEW,), None, 0, True, ())
    if len(required) > 1 or required & excluded:
        return _Base(Outcome.OKLART, (Cause.CONFLICTING_STOPS,), None, 0, True, ())
    scored = checklist.scored_outcomes
    candidates = tuple(o for o in scored if o not in excluded) if excluded else scored
    if not candidates:
        return _Base(Outcome.OKLART, (Cause.ALL_EXCLUDED,), None, 0, True, ())
    index = checklist.outcome_index
    if required:
        top = next(iter(required))
    else:
        top = candidates[0]
        for o in candidates[1:]:
            if scores[index[o]] > scores[index[top]]:
                top = o
    top_score = scores[index[top]]
    others = [scores[index[o]] for o in candidates if o is not top]
    lead = top_score - max(others) if others else top_score
    by_rule = bool(required) or len(candidates) == 1
    causes: list[Cause] = []
    margin = checklist.judging.margin
    # A weighted verdict needs the margin and at least one answer speaking for it.
    if not by_rule and (lead < max(margin, 1) or top_score <= 0):
        causes.append(Cause.SMALL_MARGIN)
    if top in blocked:
        causes.append(Cause.LEGAL_FLAG)
    if open_critical > checklist.judging.max_open_critical:
        causes.append(Cause.TOO_MANY_OPEN)
    outcome = Outcome.OKLART if causes else top
    return _Base(outcome, tuple(causes), top, lead, by_rule, candidates)


def _base_of(checklist: Checklist, state: _State) -> _Base:
    return _base(
        checklist, state.scores, state.excluded, state.required, state.blocked, state.open_critical
    )


_Counts = dict[str, dict[str, int]]


def _add(counts: _Counts, c: _Choice, sign: int) -> None:
    if not c.stops and c.flag is None:
        return  # most answers rule nothing out: nothing to count
    for key, items in (("x", c.excludes), ("r", c.requires), ("b", c.blocks)):
        table = counts[key]
        for o in items:
            table[o] = table.get(o, 0) + sign


def _present(table: dict[str, int]) -> frozenset[str]:
    return frozenset(o for o, n in table.items() if n > 0)


_DEPENDENTS: dict[int, tuple[Checklist, dict[str, tuple[_Step, ...]]]] = {}


def _dependent_steps(checklist: Checklist) -> dict[str, tuple[_Step, ...]]:
    """Per question, the steps whose showing may follow from its answer, in order."""
    hit = _DEPENDENTS.get(id(checklist))
    if hit is not None and hit[0] is checklist:
        return hit[1]
    steps, _ = _plan(checklist)
    # By position, not by scanning every step per step (quadratic: 10,000 questions took
    # 16 s here).
    position = {d.id: i for i, d in enumerate(steps)}
    table = {
        s.id: tuple(steps[i] for i in sorted(position[x] for x in s.dependents if x in position))
        for s in steps
    }
    while len(_DEPENDENTS) >= _MAX_PLANS:
        _DEPENDENTS.pop(next(iter(_DEPENDENTS)), None)
    _DEPENDENTS[id(checklist)] = (checklist, table)
    return table


class _Light:
    """What the rules need of a state (sums, counts, open questions), cheap to derive for
    one more answer: only the questions whose showing depends on it are looked at again.
    Used where many nearby answer sets are judged (firmness, what would change)."""

    __slots__ = (
        "_open_critical",
        "_open_ids",
        "_sets",
        "answers",
        "counts",
        "effective",
        "open",
        "scores",
        "shown_ids",
        "taken",
    )

    answers: dict[str, Answer]
    counts: _Counts
    effective: dict[str, Answer]  # answers of shown questions (at least those conditions read)
    open: list[_Step]
    scores: list[int]
    shown_ids: set[str]
    taken: dict[str, _Choice]

    def __init__(self) -> None:
        self._sets: tuple[frozenset[str], ...] | None = None
        self._open_ids: set[str] | None = None
        self._open_critical: int | None = None

    def open_ids(self) -> set[str]:
        """The ids of `open` (worked out once per state; treat as read-only)."""
        if self._open_ids is None:
            self._open_ids = {s.id for s in self.open}
        return self._open_ids

    def sets(self) -> tuple[frozenset[str], ...]:
        """Excluded, required and blocked outcomes (worked out once per state)."""
        if self._sets is None:
            c = self.counts
            self._sets = (_present(c["x"]), _present(c["r"]), _present(c["b"]))
        return self._sets

    @classmethod
    def of(cls, state: _State) -> _Light:
        light = cls()
        light.answers = state.answers
        light.scores = list(state.scores)
        counts: _Counts = {"x": {}, "r": {}, "b": {}}
        light.counts = counts
        light.taken = {step.id: c for step, c in state.taken}
        if state.stops or state.flags:  # most answer sets rule nothing in or out
            for _, c in state.taken:
                if c.decides:
                    _add(counts, c, 1)
        light.shown_ids = set(map(_STEP_ID, state.shown))
        light.effective = state.effective  # shared: lights copy it before any change
        light.open = list(state.open)
        return light

    @property
    def open_critical(self) -> int:
        """Open critical questions (worked out once per state; `open` is never changed
        once a light is made)."""
        if self._open_critical is None:
            self._open_critical = sum(1 for s in self.open if s.critical)
        return self._open_critical

    def rules(self, checklist: Checklist) -> _Base:
        excluded, required, blocked = self.sets()
        return _base(checklist, self.scores, excluded, required, blocked, self.open_critical)

    def derive(self, checklist: Checklist, step: _Step, answer: Answer) -> _Light:
        answers = {**self.answers, step.id: answer}
        if step.settle_linked:
            return _Light.of(_State(checklist, answers))
        new = _Light()
        new.answers = answers
        new.scores = list(self.scores)
        new.counts = {k: dict(v) for k, v in self.counts.items()}
        new.taken = dict(self.taken)
        new.shown_ids = self.shown_ids
        new.effective = self.effective
        open_ids = {s.id for s in self.open}
        hidden: set[str] = set()
        revealed: list[_Step] = []
        if step.id in self.shown_ids:
            old = new.taken.pop(step.id, None)
            if old is not None:
                _retake(new, old, -1)
            choice = step.choices[answer]
            new.taken[step.id] = choice
            _retake(new, choice, 1)
            if answer is _UNSURE and not step.ask_kommun:
                open_ids.add(step.id)
            else:
                open_ids.discard(step.id)
            dependents = _dependent_steps(checklist)[step.id]
            if dependents:
                shown_ids = set(self.shown_ids)
                effective = dict(self.effective)
                effective[step.id] = answer
                for d in dependents:
                    was = d.id in shown_ids
                    now = _shown(d, effective)
                    if was != now and d.settle_linked:
                        # A question that settles others (or is settled) comes or goes.
                        return _Light.of(_State(checklist, answers))
                    if was and not now:
                        shown_ids.discard(d.id)
                        effective.pop(d.id, None)
                        hidden.add(d.id)
                        gone = new.taken.pop(d.id, None)
                        if gone is not None:
                            _retake(new, gone, -1)
                        open_ids.discard(d.id)
                    elif now and not was:
                        shown_ids.add(d.id)
                        revealed.append(d)
                        a = answers.get(d.id)
                        if a is not None:
                            effective[d.id] = a
                            c = d.choices[a]
                            new.taken[d.id] = c
                            _retake(new, c, 1)
                        if (a is None or a is _UNSURE) and not d.ask_kommun:
                            open_ids.add(d.id)
                new.shown_ids = shown_ids
                new.effective = effective
            else:
                new.effective = {**self.effective, step.id: answer}
        new.open = [s for s in self.open if s.id in open_ids and s.id not in hidden]
        listed = {s.id for s in new.open}
        if step.id in open_ids and step.id not in listed:
            new.open.append(step)
        new.open += [d for d in revealed if d.id in open_ids and d.id not in listed]
        return new


def _retake(light: _Light, c: _Choice, sign: int) -> None:
    for i in range(len(c.deltas)):
        light.scores[i] += sign * c.deltas[i]
    _add(light.counts, c, sign)


def _answer_rules(checklist: Checklist, light: _Light, step: _Step, answer: Answer) -> _Base:
    """The rules' outcome with one more answer: from the sums when the answer changes
    nothing else; otherwise on a derived state."""
    if step.controller or step.settle_linked:
        return _rules_after(checklist, light, step, answer)
    old = light.taken.get(step.id)
    c = step.choices[answer]
    if old is not None and old.decides:
        counts = {k: dict(v) for k, v in light.counts.items()}
        _add(counts, old, -1)
        excluded, required, blocked = (
            _present(counts["x"]),
            _present(counts["r"]),
            _present(counts["b"]),
        )
    else:
        excluded, required, blocked = light.sets()
    scores = [
        light.scores[i] + c.deltas[i] - (old.deltas[i] if old else 0) for i in range(len(c.deltas))
    ]
    return _base(
        checklist,
        scores,
        excluded | c.excludes if c.excludes else excluded,
        required | c.requires if c.requires else required,
        blocked | c.blocks if c.blocks else blocked,
        light.open_critical - (1 if step.critical and any(s is step for s in light.open) else 0),
    )


def _flips(
    checklist: Checklist, light: _Light, outcome: str, *, first_only: bool = False
) -> list[Flip]:
    """Open answers that would each change the rules' outcome (with `first_only`, the first
    one found: enough to know the outcome)."""
    flips: list[Flip] = []
    for step in light.open:
        for a in step.options:
            after = _answer_rules(checklist, light, step, a)
            if after.outcome is not outcome:
                flips.append(Flip(step.id, a, after.outcome))
                if first_only:
                    return flips
    return flips


def _shift(scores: list[int], changed: list[tuple[_Choice, int]], c: _Choice, sign: int) -> None:
    """Add (sign 1) or take back (-1) an answer's points; note it if it rules anything."""
    if c.reasons:
        d = c.deltas
        for i in range(len(d)):
            scores[i] += sign * d[i]
    if c.decides:
        changed.append((c, sign))


def _rules_after(checklist: Checklist, light: _Light, step: _Step, answer: Answer) -> _Base:
    """The rules' outcome with one more answer to a condition question, from the sums: what
    `light.derive(...).rules(...)` gives, without building the derived state (no copy of the
    answers, taken answers or counts unless a stop or flag comes or goes). The flip test
    makes this call for every open answer of every judged session; the sessions list judges
    thousands of files cold."""
    if step.id not in light.shown_ids:
        return light.rules(checklist)  # a hidden question's answer counts for nothing
    open_ids = light.open_ids()
    # Settling (a registration that proves other answers) is worked out on a rebuilt state,
    # except for an open question that settles nothing: it is open, so no answer settles it
    # now, and answering it cannot make one do so unless a question that settles comes or
    # goes (then the loop below rebuilds).
    if step.settles or (step.settle_linked and step.id not in open_ids):
        return light.derive(checklist, step, answer).rules(checklist)
    scores = list(light.scores)
    changed: list[tuple[_Choice, int]] = []
    open_critical = light.open_critical
    old = light.taken.get(step.id)
    if old is not None:
        _shift(scores, changed, old, -1)
    _shift(scores, changed, step.choices[answer], 1)
    if step.critical:  # it is open after the answer only when the answer is "osäker"
        open_critical += (answer is _UNSURE and not step.ask_kommun) - (step.id in open_ids)
    dependents = _dependent_steps(checklist)[step.id]
    if dependents:
        shown_ids = light.shown_ids
        effective = dict(light.effective)
        effective[step.id] = answer
        # A shared condition reads only questions before the first step that has it, and
        # dependents come in order: its value holds for the others (as in _State).
        known: dict[int, bool] = {}
        for d in dependents:
            was = d.id in shown_ids
            slot = d.slot
            held = known.get(slot) if slot >= 0 else None
            now = _shown(d, effective) if held is None else held
            if slot >= 0:
                known[slot] = now
            if was == now:
                continue
            if d.settle_linked:
                return light.derive(checklist, step, answer).rules(checklist)
            if was:
                effective.pop(d.id, None)
                gone = light.taken.get(d.id)
                if gone is not None:
                    _shift(scores, changed, gone, -1)
                if d.id in open_ids and d.critical:
                    open_critical -= 1
            else:
                a = light.answers.get(d.id)
                if a is not None:
                    effective[d.id] = a
                    _shift(scores, changed, d.choices[a], 1)
                if (a is None or a is _UNSURE) and d.critical and not d.ask_kommun:
                    open_critical += 1
    if changed:
        counts = {k: dict(v) for k, v in light.counts.items()}
        for c, sign in changed:
            _add(counts, c, sign)
        excluded, required, blocked = (
            _present(counts["x"]),
            _present(counts["r"]),
            _present(counts["b"]),
        )
    else:
        excluded, required, blocked = light.sets()
    return _base(checklist, scores, excluded, required, blocked, open_critical)


def _any_flip(checklist: Checklist, light: _Light, outcome: str, base: _Base | None = None) -> bool:
    """Whether some single open answer changes the rules' outcome (not oklart): the test
    `judge()` makes with its flips, cheapest questions first (one flip is enough). `base`:
    the light's rules, when the caller has them already."""
    if base is None:
        base = light.rules(checklist)
    margin = max(checklist.judging.margin, 1)
    index = checklist.outcome_index
    o = index[outcome]
    rivals = [index[r] for r in base.candidates if r is not outcome]
    scores = light.scores
    for step in light.open:
        if step.controller:
            continue
        old = light.taken.get(step.id)
        if old is not None and old.decides:
            if any(
                _answer_rules(checklist, light, step, a).outcome is not outcome
                for a in step.options
            ):
                return True
            continue
        od = old.deltas if old is not None else None
        for a in step.options:
            c = step.choices[a]
            if c.decides:
                if _answer_rules(checklist, light, step, a).outcome is not outcome:
                    return True
                continue
            # Nothing ruled out or in changes, and an answer only closes an open question:
            # a form decided by rule stays; a weighted one stays while it keeps its margin
            # over every rival and at least one point (what _base requires).
            if base.by_rule:
                continue
            d = c.deltas
            top = scores[o] + d[o] - (od[o] if od else 0)
            if top <= 0:
                return True
            for r in rivals:
                if top - (scores[r] + d[r] - (od[r] if od else 0)) < margin:
                    return True
    return any(
        _answer_rules(checklist, light, step, a).outcome is not outcome
        for step in light.open
        if step.controller
        for a in step.options
    )


def _unsure_gate(light: _Light, outcome: str) -> bool:
    """An "osäker" gate answer one of whose true answers would rule the outcome out."""
    return any(
        step.gate is not None
        and light.answers.get(step.id) is _UNSURE
        and any(step.choices[a].breaks(outcome) for a in step.options)
        for step in light.open
    )


def _outcome(checklist: Checklist, light: _Light) -> str:
    """The outcome judge() gives, without the reasons: the rules, then firm-only-when-it-
    holds for single open answers."""
    outcome = light.rules(checklist).outcome
    if outcome is Outcome.OKLART:
        return outcome
    if _unsure_gate(light, outcome) or _any_flip(checklist, light, outcome):
        return Outcome.OKLART
    return outcome


# --------------------------------------------------------------------------- firmness

#: Combinations of open condition questions searched one by one before giving up on proving
#: firmness (then the verdict is at most likely).
_BRANCH_BUDGET = 64


def _holds_everywhere(
    checklist: Checklist, answers: dict[str, Answer], outcome: str, budget: list[int]
) -> bool | None:
    """True when every way of answering the open questions (yes or no each, including
    questions those answers would show) gives `outcome`; False when one does not; None
    when the search ran out of budget. Open questions that no condition reads are covered
    at once, from the sums (scores add up, stops and flags are sets); the others are
    searched branch by branch."""
    state = _State(checklist, answers)
    for step in state.open:
        if step.controller and len(step.options) > 1:
            if budget[0] <= 0:
                return None
            for a in step.options:
                budget[0] -= 1
                held = _holds_everywhere(checklist, {**answers, step.id: a}, outcome, budget)
                if held is not True:
                    return held
            return True
    # No open question changes what is shown: every one is answered independently.
    index = checklist.outcome_index
    fixed = [0] * len(index)
    excluded: set[str] = set()
    required: set[str] = set()
    blocked: set[str] = set()
    open_ids = {s.id for s in state.open}
    for step, c in state.taken:
        if step.id in open_ids:
            continue  # an "osäker" answer is replaced by the truth in every combination
        for i in range(len(fixed)):
            fixed[i] += c.deltas[i]
        excluded |= c.excludes
        required |= c.requires
        blocked |= c.blocks
    options = [[step.choices[a] for a in step.options] for step in state.open]
    if outcome in excluded or outcome in blocked or any(r is not outcome for r in required):
        return False
    if any(c.breaks(outcome) for choices in options for c in choices):
        return False
    if outcome in required:
        return True  # decided by rule, and nothing open can contradict it
    margin = max(checklist.judging.margin, 1)
    o = index[outcome]
    for rival in checklist.scored_outcomes:
        if rival is outcome or rival in excluded:
            continue
        r = index[rival]
        worst_lead = fixed[o] - fixed[r]
        lowest = fixed[o]
        alive = True
        for choices in options:
            feasible = [c for c in choices if rival not in c.excludes and outcome not in c.requires]
            if not feasible:
                alive = False  # every answer rules the rival out (or decides by rule)
                break
            worst_lead += min(c.deltas[o] - c.deltas[r] for c in feasible)
            lowest += min(c.deltas[o] for c in feasible)
        if alive and (worst_lead < margin or lowest <= 0):
            return False
    return True


# --------------------------------------------------------------------------- judging


def judge(checklist: Checklist, answers: Mapping[str, Answer], *, advise: bool = True) -> Verdict:
    """Judge answers (question id -> Answer) against a checklist. Unknown ids are ignored
    here; callers report them (see `session.unknown_questions`).

    `advise=False` skips what only a person reading the verdict needs (the search that
    proves firmness, the settling questions, the ranking of open questions, all but the
    first flip, and so a lean that rests on the flips): for callers that show only the
    outcome, such as the sessions list. The outcome and its causes are the same."""
    given = _normalise(answers)
    state = _State(checklist, given)
    base = _base_of(checklist, state)
    causes = list(base.causes)
    outcome = base.outcome
    flips: list[Flip] = []

    if outcome is not Outcome.OKLART and state.open:
        # Firm only when it holds: first every single open answer.
        light = _Light.of(state)
        # The sessions list (advise=False) needs the outcome only: the first flip settles it.
        flips = _flips(checklist, light, outcome, first_only=not advise)
        if _unsure_gate(light, outcome):
            causes.append(Cause.GATE_UNSURE)
        if flips:
            causes.append(Cause.OPEN_COULD_FLIP)
        if causes:
            outcome = Outcome.OKLART

    open_qs = tuple(
        step.unsure if given.get(step.id) is _UNSURE else step.unanswered for step in state.open
    )
    scores = dict(zip(checklist.scored_outcomes, state.scores, strict=True))
    lean = _lean(checklist, state, base, flips) if outcome is Outcome.OKLART else None

    firmness = Firmness.UNDECIDED
    check = FirmnessCheck("skipped", len(state.open), 0)
    if outcome is not Outcome.OKLART:
        if not state.open:
            firmness, check = Firmness.FIRM, FirmnessCheck("exact", 0, 0)
        elif not advise:
            firmness = Firmness.LIKELY  # not searched: never claimed firm without proof
        else:
            budget = [_BRANCH_BUDGET]
            held = _holds_everywhere(checklist, given, outcome, budget)
            used = _BRANCH_BUDGET - budget[0]
            if held is None:
                firmness, check = Firmness.LIKELY, FirmnessCheck("bounded", len(state.open), used)
            else:
                firmness = Firmness.FIRM if held else Firmness.LIKELY
                check = FirmnessCheck("exact", len(state.open), used)

    kommun_flips: list[Flip] = []
    if state.asked and outcome is not Outcome.OKLART:
        # Honest about what the organisation cannot know: the kommun's answers that would
        # change the outcome. They do not make it oklart, but it is then at most likely.
        light = _Light.of(state)
        for step in state.asked:
            for a in step.options:
                after = _answer_rules(checklist, light, step, a)
                if after.outcome is not outcome:
                    kommun_flips.append(Flip(step.id, a, after.outcome))
                    if not advise:
                        break
            if kommun_flips and not advise:
                break
        if kommun_flips and firmness is Firmness.FIRM:
            firmness = Firmness.LIKELY

    settle: tuple[str, ...] = ()
    ranked: tuple[str, ...] = ()
    if advise:
        index = checklist.outcome_index
        target = outcome if outcome is not Outcome.OKLART else lean
        ranked = _rank_open(state, target, -1 if target is None else index[target], flips)
        if lean is not None:
            settle = _settling_questions(checklist, state, base, lean, flips)
    advice = _advice(state, outcome if outcome is not Outcome.OKLART else lean)
    return Verdict(
        outcome=outcome,
        firmness=firmness,
        scores=scores,
        reasons=tuple(state.reasons),
        stops=tuple(state.stops),
        flags=tuple(state.flags),
        open_questions=open_qs,
        excluded=frozenset(state.excluded),
        causes=tuple(causes),
        lean=lean,
        settle=settle,
        lead=base.lead,
        applicable=tuple(step.id for step in state.shown),
        flips=tuple(flips),
        open_ranked=ranked,
        check=check,
        advice=advice,
        ask_kommun=tuple(step.id for step in state.asked),
        kommun_flips=tuple(kommun_flips),
    )


class Glance:
    """What a list of sessions shows of a verdict: the outcome, how many questions apply and
    how many of those have an answer ("osäker" counts). The list needs only the counts, so
    the ids are put together only when asked for."""

    __slots__ = ("_shown", "answered", "outcome")

    def __init__(self, outcome: str, shown: list[_Step], answered: int) -> None:
        self.outcome = outcome
        self._shown = shown
        self.answered = answered

    @property
    def applicable(self) -> tuple[str, ...]:
        return tuple(map(_STEP_ID, self._shown))

    @property
    def count(self) -> int:
        """len(applicable)"""
        return len(self._shown)


def prepare(checklist: Checklist) -> None:
    """Fill every cache judging this checklist fills on first use (its plan, which questions
    depend on which, the checklist's cached properties), so that a forked helper judging
    with it starts from filled caches (see forked.py)."""
    for name, value in vars(type(checklist)).items():
        if isinstance(value, cached_property):
            getattr(checklist, name)
    _plan(checklist)
    _dependent_steps(checklist)


def glance(checklist: Checklist, answers: Mapping[str, Answer]) -> Glance:
    """`judge(checklist, answers).outcome` and `.applicable`, and nothing else: no reasons,
    lean, advice or firmness search. For the sessions list, which judges every file when
    it has no index (tests/core/test_engine_glance.py checks it always agrees with judge)."""
    given = _normalise(answers)
    state = _State(checklist, given)
    base = _base_of(checklist, state)
    outcome = base.outcome
    if outcome is not Outcome.OKLART and state.open:
        light = _Light.of(state)
        if _unsure_gate(light, outcome) or _any_flip(checklist, light, outcome, base):
            outcome = Outcome.OKLART
    return Glance(outcome, state.shown, len(state.shown) - state.unanswered)


def _lean(checklist: Checklist, state: _State, base: _Base, flips: list[Flip]) -> str | None:
    """Where an undecided verdict leans: never a form a stop rules out or a flag blocks; the
    way a gate says when one of its questions fired, or could fire and is why the verdict is
    undecided (answered "osäker", or the one answer that would flip it); otherwise the form
    with the most points, if it leads and no gate question not yet answered could rule it
    out."""
    if Outcome.OKLART in state.required or not state.taken:
        return None  # legal review, or nothing answered yet: nothing to lean on
    scored, index = checklist.scored_outcomes, checklist.outcome_index
    allowed = [o for o in scored if o not in state.excluded and o not in state.blocked]
    if not allowed:
        return None
    gate_lean = {g.id: g.lean for g in checklist.gates if g.lean is not None}
    if gate_lean:
        fired = {s.gate for s in state.stops if s.gate is not None}
        fired |= {f.gate for f in state.flags if f.gate is not None}
        flip_ids = {f.question_id for f in flips}
        for step in state.open:
            if step.gate is not None and (
                step.id in flip_ids
                or (
                    state.answers.get(step.id) is _UNSURE
                    and any(step.choices[a].decides for a in step.options)
                )
            ):
                fired.add(step.gate)
        for gate in checklist.gates:  # in the checklist's order
            lean = gate_lean.get(gate.id)
            if gate.id in fired and lean is not None and lean in allowed:
                return lean
    if len(state.required) == 1:
        (req,) = state.required
        return req if req in allowed else None
    best = max(allowed, key=lambda o: (state.scores[index[o]], -index[o]))
    best_score = state.scores[index[best]]
    # A form only blocked (not ruled out) that has more points is where the answers point:
    # leaning elsewhere would read as a recommendation the answers do not make.
    blocked_ahead = any(
        state.scores[index[o]] >= best_score
        for o in scored
        if o in state.blocked and o not in state.excluded
    )
    if blocked_ahead:
        return None
    # Points say little while a gate question not yet reached could still rule the form out.
    if any(
        step.gate is not None
        and step.id not in state.answers
        and any(step.choices[a].breaks(best) for a in step.options)
        for step in state.open
    ):
        return None
    rivals = [state.scores[index[o]] for o in allowed if o is not best]
    if rivals and best_score > max(rivals):
        return best
    if not rivals and best_score > 0:
        return best  # the only form left, and the answers speak for it
    return None


def _impact(step: _Step, target: str | None, t: int) -> int:
    """How much one open question could move the verdict: a gate answer that would rule
    the target out or block it counts most; otherwise the largest swing in points."""
    if target is None:
        return max((abs(d) for a in step.options for d in step.choices[a].deltas), default=0) + (
            100 if any(step.choices[a].decides for a in step.options) else 0
        )
    swing = 0
    for a in step.options:
        c = step.choices[a]
        if c.breaks(target):
            return 1000
        for i in range(len(c.deltas)):
            if i != t:
                swing = max(swing, abs(c.deltas[i] - c.deltas[t]))
    return swing + (100 if any(step.choices[a].decides for a in step.options) else 0)


def _rank_open(state: _State, target: str | None, t: int, flips: list[Flip]) -> tuple[str, ...]:
    flip_ids = {f.question_id for f in flips}
    order = {step.id: i for i, step in enumerate(state.open)}
    keyed = sorted(
        state.open,
        key=lambda s: (s.id not in flip_ids, -_impact(s, target, t), order[s.id]),
    )
    return tuple(s.id for s in keyed)


def _settling_questions(
    checklist: Checklist, state: _State, base: _Base, lean: str, flips: list[Flip]
) -> tuple[str, ...]:
    """Open questions that, answered in the lean's favour, would bring it closer to firm:
    the ones that could flip it first, then enough open critical ones to get within the
    tolerance, then the ones whose best answer gains the lean the most points until the
    margin is reached. An estimate; the verdict is always recomputed."""
    picked: list[str] = []
    for f in flips:
        if f.question_id not in picked:
            picked.append(f.question_id)
    # An open question one of whose answers rules the lean out must be answered before the
    # lean can hold at all.
    for step in state.open:
        if step.id not in picked and any(step.choices[a].breaks(lean) for a in step.options):
            picked.append(step.id)
    # Then the open gate questions that decide something either way: the case turns on them.
    for step in state.open:
        if (
            step.id not in picked
            and step.gate is not None
            and any(step.choices[a].decides for a in step.options)
        ):
            picked.append(step.id)
    extra_open_critical = state.open_critical - checklist.judging.max_open_critical
    deficit = 0 if base.by_rule else checklist.judging.margin - base.lead
    index = checklist.outcome_index
    lean_at = index[lean]
    rivals_at = [
        index[o] for o in checklist.scored_outcomes if o not in state.excluded and o is not lean
    ]
    gains: list[tuple[int, int, str]] = []
    for idx, step in enumerate(state.open):
        best = 0
        for a in step.options:
            c = step.choices[a]
            if c.breaks(lean):
                continue
            rival = max((c.deltas[i] for i in rivals_at), default=0)
            best = max(best, c.deltas[lean_at] - max(rival, 0))
        gains.append((best, idx, step.id))
        if step.critical and extra_open_critical > 0:
            extra_open_critical -= 1
            deficit -= best
            if step.id not in picked:
                picked.append(step.id)
    for best, _idx, qid in sorted(gains, key=lambda g: (-g[0], g[1])):
        if deficit <= 0 or best <= 0:
            break
        if qid not in picked:
            picked.append(qid)
            deficit -= best
    return tuple(picked)


def _advice(state: _State, outcome: str | None) -> tuple[str, ...]:
    out: list[str] = []
    for _step, c in state.taken:
        for text, outcomes in c.advice:
            if (not outcomes or (outcome is not None and outcome in outcomes)) and text not in out:
                out.append(text)
    return tuple(out)


# --------------------------------------------------------------------------- what would change


@dataclass(frozen=True, slots=True)
class Change:
    question_id: str
    before: Answer | None  # None: unanswered
    after: Answer


@dataclass(frozen=True, slots=True)
class WhatWouldChange:
    """For each outcome other than the verdict's: the smallest sets of one or two answer
    changes that give it (empty: no single change or pair does)."""

    current: str
    by_outcome: dict[str, tuple[tuple[Change, ...], ...]]

    def to_dict(self) -> dict[str, object]:
        return {
            outcome_value(o): [
                [
                    {
                        "question_id": ch.question_id,
                        "from": ch.before.value if ch.before else None,
                        "to": ch.after.value,
                    }
                    for ch in changes
                ]
                for changes in sets
            ]
            for o, sets in self.by_outcome.items()
        }


def apply_changes(answers: Mapping[str, Answer], changes: Iterable[Change]) -> dict[str, Answer]:
    out = _normalise(answers)
    for ch in changes:
        out[ch.question_id] = ch.after
    return out


#: How many change sets to give per outcome (the smallest first; the rest are alike).
_MAX_SETS = 3


def what_would_change(
    checklist: Checklist, answers: Mapping[str, Answer], *, limit: int = _MAX_SETS
) -> WhatWouldChange:
    """The smallest sets of one or two answer changes (to yes or no, on questions that
    apply now) that give each other outcome. Every single change is judged; pairs are
    searched only for outcomes no single change reaches. Nothing is judged afresh: a change
    to a question nothing else depends on is its difference in the sums (scores add up, stops
    and flags are counted per outcome); any other change derives the state anew from the one
    before, looking again only at the questions whose showing depends on the changed answer."""
    given = _normalise(answers)
    state = _State(checklist, given)
    base = _Light.of(state)
    current = _outcome(checklist, base)
    steps = {s.id: s for s in state.shown}
    changes: list[Change] = []
    for step in state.shown:
        before = given.get(step.id)
        for a in step.options:
            if a is not before:
                changes.append(Change(step.id, before, a))
    space = _Space(checklist, base, steps, changes)
    found: dict[str, list[tuple[Change, ...]]] = {
        o: [] for o in checklist.outcome_ids if o is not current
    }
    for i, ch in enumerate(changes):
        got = space.single(i)
        if got is not current and len(found[got]) < limit:
            found[got].append((ch,))
    for target in [o for o, sets in found.items() if not sets]:
        _pairs(space, target, found[target], limit)
    return WhatWouldChange(current, {o: tuple(sets) for o, sets in found.items()})


def _simple(step: _Step) -> bool:
    """A change to this question alters nothing but its own contribution."""
    return not step.controller and not step.settle_linked


class _Space:
    """The changes around one state, with derived states built only when needed."""

    def __init__(
        self, checklist: Checklist, base: _Light, steps: dict[str, _Step], changes: list[Change]
    ) -> None:
        self.checklist = checklist
        self.base = base
        self.steps = steps
        self.changes = changes
        self.closed = not base.open  # no open question: no flips to check
        self._after: list[_Light | None] = [None] * len(changes)

    def step(self, i: int) -> _Step:
        return self.steps[self.changes[i].question_id]

    def after(self, i: int) -> _Light:
        light = self._after[i]
        if light is None:
            light = self._after[i] = self.base.derive(
                self.checklist, self.step(i), self.changes[i].after
            )
        return light

    def single(self, i: int) -> str:
        step = self.step(i)
        if self.closed and _simple(step):
            return _answer_rules(self.checklist, self.base, step, self.changes[i].after).outcome
        return _outcome(self.checklist, self.after(i))

    def pair(self, i: int, j: int, target: str) -> bool:
        """Whether changes i and j together give `target` (False when j's question is hidden
        by i: then the pair is change i alone)."""
        first, second = self.step(i), self.step(j)
        a1, a2 = self.changes[i].after, self.changes[j].after
        if self.closed and _simple(first) and _simple(second):
            got = _two_answers_rules(self.checklist, self.base, (first, a1), (second, a2))
            return got is target
        one = self.after(i)
        if second.id not in one.shown_ids:
            return False
        if not one.open and _simple(second):
            return _answer_rules(self.checklist, one, second, a2).outcome is target
        # `_outcome` gives the rules' outcome or oklart, so the rules alone settle every pair
        # but those they decide for the target (or, when the target is oklart, decide at all):
        # only those need a derived state and the flip test.
        rules = _rules_after(self.checklist, one, second, a2).outcome
        if rules is not target and target is not Outcome.OKLART:
            return False
        if rules is Outcome.OKLART:
            return True
        return _outcome(self.checklist, one.derive(self.checklist, second, a2)) is target

    def helps(self, i: int, ob_base: tuple[int, int, int], target: str) -> bool:
        step = self.step(i)
        if not _simple(step):
            return _helps(self.checklist, self.base, ob_base, self.after(i), target)
        old = self.base.taken.get(step.id)
        new = step.choices[self.changes[i].after]
        was_open = any(s is step for s in self.base.open)
        return _choice_helps(self.checklist, old, new, target, was_open)


def _two_answers_rules(checklist: Checklist, light: _Light, *changes: tuple[_Step, Answer]) -> str:
    """The rules' outcome with two simple changes on a state with no open question."""
    counts = {k: dict(v) for k, v in light.counts.items()}
    scores = list(light.scores)
    for step, answer in changes:
        old = light.taken.get(step.id)
        new = step.choices[answer]
        if old is not None:
            _add(counts, old, -1)
            for i in range(len(scores)):
                scores[i] -= old.deltas[i]
        _add(counts, new, 1)
        for i in range(len(scores)):
            scores[i] += new.deltas[i]
    return _base(
        checklist,
        scores,
        _present(counts["x"]),
        _present(counts["r"]),
        _present(counts["b"]),
        0,
    ).outcome


def _choice_helps(
    checklist: Checklist, old: _Choice | None, new: _Choice, target: str, was_open: bool
) -> bool:
    """`_helps` for a change that alters only its own question's contribution."""
    if target is Outcome.OKLART:
        return True
    if new.breaks(target) and not (old is not None and old.breaks(target)):
        return False  # it puts something in the way itself
    if new.breaks(target):
        return False
    if old is not None and old.breaks(target):
        return True  # lifts something in the way
    if new.excludes - (old.excludes if old is not None else frozenset()):
        return True  # rules a rival out
    if target in new.requires:
        return True
    t = checklist.outcome_index[target]
    d_old = old.deltas if old is not None else (0,) * len(new.deltas)
    if new.deltas[t] > d_old[t]:
        return True
    for i in range(len(d_old)):
        if i != t and new.deltas[t] - new.deltas[i] > d_old[t] - d_old[i]:
            return True
    return was_open


def _obstacles(light: _Light, target: str) -> tuple[int, int, int]:
    """How many answers rule the target out, block it, or require another outcome."""
    c = light.counts
    return (
        c["x"].get(target, 0),
        c["b"].get(target, 0),
        sum(n for o, n in c["r"].items() if o is not target and n > 0),
    )


def _helps(
    checklist: Checklist,
    before: _Light,
    ob_before: tuple[int, int, int],
    after: _Light,
    target: str,
) -> bool:
    """Whether a change (the states before and after it, so that questions it shows or
    hides count) moves anything towards `target`: it lifts a stop or flag in the way, rules
    a rival out, gains the target points, or closes an open question. A change that puts
    something in the target's way itself is never part of a smallest pair: while its
    question is shown the target is out, and if the other change hides it, that change
    alone gives the same."""
    if target is Outcome.OKLART:
        return True
    ob_after = _obstacles(after, target)
    if any(a > b for a, b in zip(ob_after, ob_before, strict=True)):
        return False
    if ob_after != ob_before:
        return True
    x_before, x_after = before.counts["x"], after.counts["x"]
    scored = checklist.scored_outcomes
    if any(x_after.get(o, 0) > x_before.get(o, 0) for o in scored if o is not target):
        return True  # rules a rival out
    if after.counts["r"].get(target, 0) > before.counts["r"].get(target, 0):
        return True  # decides by rule
    t = checklist.outcome_index[target]
    if after.scores[t] > before.scores[t]:
        return True
    for i in range(len(after.scores)):
        if i != t and after.scores[t] - after.scores[i] > before.scores[t] - before.scores[i]:
            return True
    # Closing an open question helps; so does one that leaves as many open but fewer
    # critical ones (too many open critical questions keep every form from being given).
    return len(after.open) < len(before.open) or after.open_critical < before.open_critical


def _clears(step: _Step, obstacles: frozenset[str]) -> frozenset[str]:
    """The obstacles a change to this question could remove: its own, and any it hides."""
    own = {step.id} if step.id in obstacles else set()
    return frozenset(own) | (step.dependents & obstacles)


def _in_the_way(light: _Light, target: str) -> frozenset[str]:
    """The questions standing in the target's way: an answer that rules it out, blocks it or
    requires another outcome, or an open question one of whose answers would (while it is
    open, the flip test keeps the target from being given)."""
    taken = frozenset(qid for qid, c in light.taken.items() if c.decides and c.breaks(target))
    return taken | frozenset(
        step.id for step in light.open if any(step.choices[a].breaks(target) for a in step.options)
    )


def _pairs(space: _Space, target: str, found: list[tuple[Change, ...]], limit: int) -> None:
    """Pairs that give `target`, which no single change gives. Only changes that help (see
    `_helps`) are paired, and only pairs that can remove every question standing in the
    target's way (by changing or hiding it) are judged."""
    base = space.base
    ob_base = _obstacles(base, target) if target is not Outcome.OKLART else (0, 0, 0)
    useful = [i for i in range(len(space.changes)) if space.helps(i, ob_base, target)]
    obstacles: frozenset[str] = frozenset()
    if target is not Outcome.OKLART:
        obstacles = _in_the_way(base, target)
    none: frozenset[str] = frozenset()
    cover = {i: _clears(space.step(i), obstacles) if obstacles else none for i in useful}
    for n, i in enumerate(useful):
        if len(found) >= limit:
            return
        rest = obstacles - cover[i]
        first = space.step(i)
        # What is still in the way after the first change stays there unless the second
        # changes it or can hide or settle it: whether a question shows, and what it counts
        # as, follows only from its answer and those of the questions it depends on. Only
        # where the state after the first change is built already (for its single).
        left = none
        if target is not Outcome.OKLART and not (space.closed and _simple(first)):
            left = _in_the_way(space.after(i), target)
        for j in useful[n + 1 :]:
            second = space.step(j)
            if second is first or not rest <= cover[j]:
                continue
            if left and not all(q == second.id or q in second.dependents for q in left):
                continue
            if space.pair(i, j, target):
                found.append((space.changes[i], space.changes[j]))
                if len(found) >= limit:
                    return
