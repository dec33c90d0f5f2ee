"""The judging engine: `judge(checklist, answers) -> Verdict`, pure and deterministic.

Policy (domain brief, section B): stops first, then legal flags, then weights with a
margin; `oklart` whenever the answers do not carry a firm verdict. The numbers (margin,
tolerated open critical questions) come from the checklist, not from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome, Question


class Firmness(StrEnum):
    FIRM = "firm"  # no open critical point
    LIKELY = "likely"  # some open critical points, within what the checklist tolerates
    UNDECIDED = "undecided"  # outcome is oklart


class Cause(StrEnum):
    """Why a verdict is `oklart`."""

    LEGAL_REVIEW = "legal_review"  # an answer requires legal review
    CONFLICTING_STOPS = "conflicting_stops"
    ALL_EXCLUDED = "all_excluded"
    LEGAL_FLAG = "legal_flag"  # a flagged answer disagrees with the leading outcome
    TOO_MANY_OPEN = "too_many_open"
    SMALL_MARGIN = "small_margin"


@dataclass(frozen=True, slots=True)
class Reason:
    """One answer's weight towards (positive) or against (negative) an outcome."""

    question_id: str
    question: str
    answer: Answer
    outcome: Outcome
    weight: int
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StopHit:
    question_id: str
    question: str
    answer: Answer
    rule: str  # "exclude" | "require"
    outcome: Outcome
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FlagHit:
    question_id: str
    question: str
    answer: Answer
    text: str
    toward: tuple[Outcome, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    question_id: str
    question: str
    status: str  # "unanswered" | "unsure"
    critical: bool


@dataclass(frozen=True, slots=True)
class Verdict:
    outcome: Outcome
    firmness: Firmness
    scores: dict[Outcome, int]
    reasons: tuple[Reason, ...]
    stops: tuple[StopHit, ...]
    flags: tuple[FlagHit, ...]
    open_questions: tuple[OpenQuestion, ...]
    excluded: frozenset[Outcome]
    causes: tuple[Cause, ...] = ()
    #: Where an `oklart` leans, when the answers point somewhere (None otherwise).
    lean: Outcome | None = None
    #: Open questions that would make the lean firm if answered in its favour.
    settle: tuple[str, ...] = ()
    #: Lead of the winner (or lean) over the runner-up, in points.
    lead: int = 0
    applicable: tuple[str, ...] = field(default=())

    @property
    def open_critical(self) -> tuple[OpenQuestion, ...]:
        return tuple(q for q in self.open_questions if q.critical)

    def reasons_for(self, outcome: Outcome) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.outcome == outcome and r.weight > 0)

    def reasons_against(self, outcome: Outcome) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.outcome == outcome and r.weight < 0)

    def to_dict(self) -> dict[str, object]:
        """Stable, JSON-ready form (used by `judge --json` and reports)."""
        return {
            "outcome": self.outcome.value,
            "firmness": self.firmness.value,
            "lean": self.lean.value if self.lean else None,
            "lead": self.lead,
            "causes": [c.value for c in self.causes],
            "scores": {o.value: s for o, s in self.scores.items()},
            "excluded": sorted(o.value for o in self.excluded),
            "reasons": [
                {
                    "question_id": r.question_id,
                    "question": r.question,
                    "answer": r.answer.value,
                    "outcome": r.outcome.value,
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
                    "outcome": s.outcome.value,
                    "reason": s.text,
                    "sources": list(s.sources),
                }
                for s in self.stops
            ],
            "flags": [
                {
                    "question_id": f.question_id,
                    "question": f.question,
                    "answer": f.answer.value,
                    "reason": f.text,
                    "toward": [o.value for o in f.toward],
                    "sources": list(f.sources),
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
            "settle": list(self.settle),
        }


# --------------------------------------------------------------------------- the plan
#
# judge() runs on every keypress and once per file when sessions are listed, so everything
# that depends only on the checklist is worked out once per checklist: the summed score
# change, the Reason/StopHit/FlagHit objects (immutable, so verdicts can share them) and the
# conditions as plain tuples. judge() then only walks the questions and picks up what each
# answer contributes. The results are the same objects, by value, as building them anew.


@dataclass(frozen=True, slots=True)
class _Choice:
    """What choosing one answer to one question contributes to a verdict."""

    deltas: tuple[int, ...]  # score change per outcome, in SCORED_OUTCOMES order
    reasons: tuple[Reason, ...]
    stops: tuple[StopHit, ...]
    excludes: tuple[Outcome, ...]
    requires: tuple[Outcome, ...]
    flag: FlagHit | None


#: (question id, `is`, `is_not`): the fields of a Clause, in the tuples Clause.holds uses.
_Clause = tuple[str, tuple[Answer, ...], tuple[Answer, ...]]
_UNSURE = Answer.UNSURE


@dataclass(frozen=True, slots=True)
class _Step:
    question: Question
    id: str
    critical: bool
    all_of: tuple[_Clause, ...] | None  # None: shown unconditionally
    any_of: tuple[_Clause, ...]
    #: Conditions repeat (many questions share "the organisation qualifies"): equal ones
    #: share a slot, so each is evaluated once per judge(). -1: evaluate every time.
    slot: int
    choices: dict[Answer, _Choice]
    unanswered: OpenQuestion
    unsure: OpenQuestion


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


def _choice(q: Question, a: Answer) -> _Choice:
    eff = q.effects(a)
    deltas = [0] * len(SCORED_OUTCOMES)
    reasons = []
    for s in eff.signals:
        o = Outcome(s.outcome)
        deltas[SCORED_OUTCOMES.index(o)] += s.weight
        reasons.append(Reason(q.id, q.text, a, o, s.weight, eff.signal_reason(s), q.sources))
    stops = tuple(
        StopHit(q.id, q.text, a, st.rule, st.outcome, eff.signal_reason(st), q.sources)
        for st in eff.stops
    )
    flag = None
    if eff.flag is not None:
        toward = tuple(Outcome(t) for t in eff.flag.toward)
        flag = FlagHit(q.id, q.text, a, eff.flag.reason, toward, q.sources)
    return _Choice(
        deltas=tuple(deltas),
        reasons=tuple(reasons),
        stops=stops,
        excludes=tuple(st.outcome for st in eff.stops if st.rule == "exclude"),
        requires=tuple(st.outcome for st in eff.stops if st.rule != "exclude"),
        flag=flag,
    )


def _steps(checklist: Checklist) -> tuple[tuple[_Step, ...], int]:
    """The steps, and how many distinct shared conditions they have."""

    def clauses(items: tuple[Any, ...]) -> tuple[_Clause, ...]:
        return tuple((c.question, c.is_, c.is_not) for c in items)

    questions = checklist.questions
    position = {q.id: i for i, q in enumerate(questions)}
    unique_ids = len(position) == len(questions)
    slots: dict[tuple[tuple[_Clause, ...], tuple[_Clause, ...]], int] = {}
    steps = []
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
        steps.append(
            _Step(
                question=q,
                id=q.id,
                critical=q.critical,
                all_of=all_of,
                any_of=any_of,
                slot=slot,
                choices={a: _choice(q, a) for a in Answer},
                unanswered=OpenQuestion(q.id, q.text, "unanswered", q.critical),
                unsure=OpenQuestion(q.id, q.text, "unsure", q.critical),
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


def _applicable_steps(checklist: Checklist, answers: Mapping[str, Answer]) -> list[_Step]:
    steps, n_slots = _plan(checklist)
    effective: dict[str, object] = {}
    known: list[bool | None] = [None] * n_slots
    shown: list[_Step] = []
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
        shown.append(step)
        a = answers.get(step.id)
        if a is not None:
            effective[step.id] = a
    return shown


def applicable_questions(checklist: Checklist, answers: Mapping[str, Answer]) -> list[Question]:
    """Questions whose condition holds, in order. A hidden question counts as unanswered
    for the conditions after it, so hiding cascades correctly."""
    return [step.question for step in _applicable_steps(checklist, answers)]


# --------------------------------------------------------------------------- judging


def judge(checklist: Checklist, answers: Mapping[str, Answer], *, advise: bool = True) -> Verdict:
    """Judge answers (question id -> Answer) against a checklist. Unknown ids are ignored
    here; callers report them (see `session.unknown_questions`).

    `advise=False` skips working out which open questions would settle an undecided verdict
    (`settle` stays empty; everything else is the same): for callers that show only the
    outcome, such as the sessions list, where it is a twentieth of the time per file."""
    shown = _applicable_steps(checklist, answers)
    # One running total per scored outcome (iop, föreningsbidrag, upphandling).
    total_iop = total_fb = total_upph = 0
    reasons: list[Reason] = []
    stops: list[StopHit] = []
    flags: list[FlagHit] = []
    open_qs: list[OpenQuestion] = []
    excluded: set[Outcome] = set()
    required: set[Outcome] = set()

    for step in shown:
        a = answers.get(step.id)
        if a is None:
            open_qs.append(step.unanswered)
            continue
        if a.__class__ is not Answer:
            a = Answer(a)  # plain "yes"/"no"/"unsure" strings are accepted too
        if a is _UNSURE:
            open_qs.append(step.unsure)
        c = step.choices[a]
        if c.reasons:
            d_iop, d_fb, d_upph = c.deltas
            total_iop += d_iop
            total_fb += d_fb
            total_upph += d_upph
            reasons += c.reasons
        if c.stops:
            excluded.update(c.excludes)
            required.update(c.requires)
            stops += c.stops
        if c.flag is not None:
            flags.append(c.flag)
    scores = dict(zip(SCORED_OUTCOMES, (total_iop, total_fb, total_upph), strict=True))

    def verdict(
        outcome: Outcome,
        *,
        causes: tuple[Cause, ...] = (),
        lean: Outcome | None = None,
        lead: int = 0,
        settle: tuple[str, ...] = (),
    ) -> Verdict:
        n_open_critical = sum(1 for o in open_qs if o.critical)
        if outcome is Outcome.OKLART:
            firmness = Firmness.UNDECIDED
        else:
            firmness = Firmness.FIRM if n_open_critical == 0 else Firmness.LIKELY
        return Verdict(
            outcome=outcome,
            firmness=firmness,
            scores=scores,
            reasons=tuple(reasons),
            stops=tuple(stops),
            flags=tuple(flags),
            open_questions=tuple(open_qs),
            excluded=frozenset(excluded),
            causes=causes,
            lean=lean,
            settle=settle,
            lead=lead,
            applicable=tuple([step.id for step in shown]),
        )

    # 1. Stops. A stop beats any weight; contradictory stops are for a person to resolve.
    if Outcome.OKLART in required:
        return verdict(Outcome.OKLART, causes=(Cause.LEGAL_REVIEW,))
    if len(required) > 1 or required & excluded:
        return verdict(Outcome.OKLART, causes=(Cause.CONFLICTING_STOPS,))
    candidates = [o for o in SCORED_OUTCOMES if o not in excluded]
    if not candidates:
        return verdict(Outcome.OKLART, causes=(Cause.ALL_EXCLUDED,))

    # 2. Weights among what is left (ties resolved in the fixed outcome order).
    ranked = sorted(candidates, key=lambda o: -scores[o])
    top = next(iter(required)) if required else ranked[0]
    others = [scores[o] for o in candidates if o != top]
    lead = scores[top] - max(others) if others else scores[top]
    decided_by_rule = bool(required) or len(candidates) == 1

    causes: list[Cause] = []
    margin = checklist.judging.margin
    # A weighted verdict needs the margin and at least one answer speaking for it.
    if not decided_by_rule and (lead < max(margin, 1) or scores[top] <= 0):
        causes.append(Cause.SMALL_MARGIN)
    # 3. Legal flags block any verdict they do not agree with.
    if any(top not in f.toward for f in flags):
        causes.append(Cause.LEGAL_FLAG)
    # 4. Too many open critical points: never a confident guess.
    open_critical = [o for o in open_qs if o.critical]
    if len(open_critical) > checklist.judging.max_open_critical:
        causes.append(Cause.TOO_MANY_OPEN)

    if not causes:
        return verdict(top, lead=lead)
    leaning = top if (decided_by_rule or lead > 0) else None
    settle: tuple[str, ...] = ()
    if advise and leaning is not None and Cause.LEGAL_FLAG not in causes:
        settle = _settling_questions(
            checklist,
            shown,
            answers,
            leaning,
            candidates,
            0 if decided_by_rule else margin - lead,
            len(open_critical) - checklist.judging.max_open_critical,
        )
    return verdict(Outcome.OKLART, causes=tuple(causes), lean=leaning, lead=lead, settle=settle)


def _settling_questions(
    checklist: Checklist,
    shown: list[_Step],
    answers: Mapping[str, Answer],
    lean: Outcome,
    candidates: list[Outcome],
    deficit: int,
    extra_open_critical: int,
) -> tuple[str, ...]:
    """Open questions that, answered in the lean's favour, would make the verdict firm:
    enough open critical ones to get within tolerance, plus the ones whose best answer
    gains the most points over the rivals until the margin is reached. An estimate that
    ignores stops a future answer might add; the verdict is always recomputed."""
    picked: list[str] = []
    gains: list[tuple[int, int, str]] = []
    lean_at = SCORED_OUTCOMES.index(lean)
    rivals_at = [SCORED_OUTCOMES.index(o) for o in candidates if o != lean]
    for idx, step in enumerate(shown):
        if answers.get(step.id) not in (None, Answer.UNSURE):
            continue
        best = 0
        for a in step.question.answers:
            c = step.choices[a]
            if lean in c.excludes:
                continue
            if c.flag is not None and lean not in c.flag.toward:
                continue
            rival = max((c.deltas[i] for i in rivals_at), default=0)
            best = max(best, c.deltas[lean_at] - max(rival, 0))
        gains.append((best, idx, step.id))
        if step.critical and extra_open_critical > 0:
            picked.append(step.id)
            extra_open_critical -= 1
            deficit -= best
    for best, _idx, qid in sorted(gains, key=lambda g: (-g[0], g[1])):
        if deficit <= 0 or best <= 0:
            break
        if qid not in picked:
            picked.append(qid)
            deficit -= best
    order = {step.id: i for i, step in enumerate(shown)}
    return tuple(sorted(picked, key=order.__getitem__))
