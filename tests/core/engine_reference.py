"""The judging engine as it was before it was optimised (iop_tui/engine.py at 1f7c54c),
kept as an oracle for the rules alone (stops, margin, flags, open critical count): the
current engine adds firmness, gates and lean on top, and tests/core/test_engine_plan.py checks
that the optimised rules give what this straightforward version gives. Only change since:
flags name what they block (`allowed` is the old `toward`). Not used by the app."""

# ruff: noqa

from __future__ import annotations

from collections.abc import Mapping

from iop_tui.checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome, Question
from iop_tui.engine import (
    Cause,
    FlagHit,
    Firmness,
    OpenQuestion,
    Reason,
    StopHit,
    Verdict,
)


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
            toward = tuple(eff.flag.allowed)
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
            if eff.flag is not None and lean not in eff.flag.allowed:
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
