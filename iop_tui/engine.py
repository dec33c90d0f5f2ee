"""The judging engine: `judge(checklist, answers) -> Verdict`, pure and deterministic.

Policy (domain brief, section B): stops first, then legal flags, then weights with a
margin; `oklart` whenever the answers do not carry a firm verdict. The numbers (margin,
tolerated open critical questions) come from the checklist, not from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

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


def applicable_questions(checklist: Checklist, answers: Mapping[str, Answer]) -> list[Question]:
    """Questions whose condition holds, in order. A hidden question counts as unanswered
    for the conditions after it, so hiding cascades correctly."""
    effective: dict[str, Answer] = {}
    shown: list[Question] = []
    for q in checklist.questions:
        if q.show_if is None or q.show_if.holds(effective):
            shown.append(q)
            a = answers.get(q.id)
            if a is not None:
                effective[q.id] = a
    return shown


def judge(checklist: Checklist, answers: Mapping[str, Answer]) -> Verdict:
    """Judge answers (question id -> Answer) against a checklist. Unknown ids are ignored
    here; callers report them (see `session.unknown_questions`)."""
    shown = applicable_questions(checklist, answers)
    scores = dict.fromkeys(SCORED_OUTCOMES, 0)
    reasons: list[Reason] = []
    stops: list[StopHit] = []
    flags: list[FlagHit] = []
    open_qs: list[OpenQuestion] = []
    excluded: set[Outcome] = set()
    required: set[Outcome] = set()

    for q in shown:
        a = answers.get(q.id)
        if a is not None and not isinstance(a, Answer):
            a = Answer(a)  # plain "yes"/"no"/"unsure" strings are accepted too
        if a is None or a is Answer.UNSURE:
            open_qs.append(OpenQuestion(q.id, q.text, "unsure" if a else "unanswered", q.critical))
        if a is None:
            continue
        eff = q.effects(a)
        for s in eff.signals:
            o = Outcome(s.outcome)
            scores[o] += s.weight
            reasons.append(Reason(q.id, q.text, a, o, s.weight, eff.signal_reason(s), q.sources))
        for st in eff.stops:
            (excluded if st.rule == "exclude" else required).add(st.outcome)
            stops.append(
                StopHit(q.id, q.text, a, st.rule, st.outcome, eff.signal_reason(st), q.sources)
            )
        if eff.flag is not None:
            toward = tuple(Outcome(t) for t in eff.flag.toward)
            flags.append(FlagHit(q.id, q.text, a, eff.flag.reason, toward, q.sources))

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
            applicable=tuple(q.id for q in shown),
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
    if leaning is not None and Cause.LEGAL_FLAG not in causes:
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
    shown: list[Question],
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
    for idx, q in enumerate(shown):
        if answers.get(q.id) not in (None, Answer.UNSURE):
            continue
        best = 0
        for a in q.answers:
            eff = q.effects(a)
            if any(s.rule == "exclude" and s.outcome == lean for s in eff.stops):
                continue
            if eff.flag is not None and lean.value not in eff.flag.toward:
                continue
            gain = sum(s.weight for s in eff.signals if s.outcome == lean)
            rival = max(
                (
                    sum(s.weight for s in eff.signals if s.outcome == o)
                    for o in candidates
                    if o != lean
                ),
                default=0,
            )
            best = max(best, gain - max(rival, 0))
        gains.append((best, idx, q.id))
        if q.critical and extra_open_critical > 0:
            picked.append(q.id)
            extra_open_critical -= 1
            deficit -= best
    for best, _idx, qid in sorted(gains, key=lambda g: (-g[0], g[1])):
        if deficit <= 0 or best <= 0:
            break
        if qid not in picked:
            picked.append(qid)
            deficit -= best
    order = {q.id: i for i, q in enumerate(shown)}
    return tuple(sorted(picked, key=order.__getitem__))
