"""One verdict view, rendered three times: the result screen, `iop-tui judge` and the
report templates all show what `build_view` gives, in the same order:

1. the outcome and its firmness in words (and, when undecided, why and where it leans);
2. the 3–5 decisive factors: gates that fired first, then the answers that separate the
   winner from the runner-up;
3. the open questions, those that could change the most first;
4. what would change the verdict (one or two answers, per other outcome);
5. the next steps (the outcome's, then those the answers add);
6. the full reasons per form, grouped, winner first; and a legend for every symbol.

Pure core: plain dataclasses of plain strings, no Textual, no Rich. No raw question ids or
source codes in the prose: questions are quoted by their text; ids stay in `question_id`
fields for a details column, and source codes resolve to titles.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .checklist import Answer, Checklist, Outcome
from .engine import (
    Change,
    FlagHit,
    Reason,
    StopHit,
    Verdict,
    WhatWouldChange,
    judge,
    what_would_change,
)
from .i18n import count, tr
from .profile import Profile

#: How many decisive factors the summary shows (the full reasons follow below it).
MAX_FACTORS = 5
#: Open questions named in the summary (all of them are in the full list).
MAX_OPEN = 5


@dataclass(frozen=True, slots=True)
class Factor:
    mark: str  # "⛔", "⚖", "+3"
    text: str  # the reason, in plain words
    question_id: str
    question: str
    answer: str  # "Ja" / "Nej" / "Osäker"


@dataclass(frozen=True, slots=True)
class GateLine:
    """One legal gate, in the order a jurist tests them, and where the answers leave it."""

    mark: str  # "✓" no obstacle, "⛔"/"⚖" decided by an answer, "?" open
    title: str
    status: str


@dataclass(frozen=True, slots=True)
class OpenPoint:
    mark: str  # "?" could flip the verdict, "!" critical, "·" other
    question_id: str
    question: str
    status: str  # "obesvarad" / "osäker"
    effect: str  # what answering it could do


@dataclass(frozen=True, slots=True)
class ChangeStep:
    question_id: str
    question: str
    before: str
    after: str
    change: Change


@dataclass(frozen=True, slots=True)
class ChangeOption:
    outcome: str
    outcome_label: str
    steps: tuple[ChangeStep, ...]  # empty: no single change or pair gives it
    text: str  # the whole option as one sentence


@dataclass(frozen=True, slots=True)
class ReasonLine:
    mark: str
    text: str
    question_id: str
    question: str
    answer: str
    sources: tuple[str, ...]  # titles


@dataclass(frozen=True, slots=True)
class FormReasons:
    outcome: str
    label: str
    score: int
    status: str  # "" / "utesluten" / "blockerad…" / "ledande"
    for_: tuple[ReasonLine, ...]
    against: tuple[ReasonLine, ...]
    stops: tuple[ReasonLine, ...]  # stops and flags that concern this form


@dataclass(frozen=True, slots=True)
class VerdictView:
    outcome: str
    label: str
    headline: str  # "Föreningsbidrag – fast bedömning"
    firmness: str  # the firmness in a sentence
    explanation: str
    causes: tuple[str, ...]
    lean: str  # "" or "Lutar åt upphandling."
    gates: tuple[GateLine, ...]
    decisive: tuple[Factor, ...]
    open_points: tuple[OpenPoint, ...]
    changes: tuple[ChangeOption, ...]
    next_steps: tuple[str, ...]
    forms: tuple[FormReasons, ...]
    legend: tuple[tuple[str, str], ...]
    disclaimer: str
    answered: int
    applicable: int
    #: "kommun" or "organisation" (the organisation's own check, issue 14).
    perspective: str = "kommun"
    #: Organisation perspective: the questions to bring to the kommun (the kommun-only ones
    #: still open, then the open ones), what the kommun's answers could change, what to
    #: prepare and whom to contact. Empty for the kommun.
    ask_kommun: tuple[OpenPoint, ...] = ()
    depends: str = ""
    prepare: tuple[str, ...] = ()
    contact: tuple[str, ...] = ()


def sentence(text: str) -> str:
    """Capitalise the first letter only (outcome labels are names: "IOP" stays "IOP")."""
    return text[:1].upper() + text[1:] if text else text


def _answer(a: Answer | None) -> str:
    return tr("answer." + a.value) if a is not None else tr("answer.none")


def _flip_text(checklist: Checklist, answer: Answer, outcome: str) -> str:
    if outcome is Outcome.OKLART:
        return tr("view.open_flips_unclear", answer=_answer(answer))
    return tr("view.open_flips", answer=_answer(answer), outcome=_short(checklist, outcome))


def _short(checklist: Checklist, outcome: str) -> str:
    """The outcome's short name for running text ("IOP", "föreningsbidrag"); a declared
    outcome's own label (a follow-up's "Fortsätta")."""
    return outcome_label(checklist, outcome, "inline")


def outcome_label(checklist: Checklist | None, outcome: str, kind: str = "short") -> str:
    """A built-in outcome's UI name (`outcome.short.*` / `outcome.inline.*`), else the
    label the checklist declares (its id when the checklist is not at hand): nothing here
    knows a checklist's own outcomes."""
    if outcome in _BUILTIN_VALUES:
        return tr(f"outcome.{kind}.{outcome}")
    if checklist is not None and any(o.id == outcome for o in checklist.outcomes):
        return checklist.outcome(outcome).label
    return outcome


_BUILTIN_VALUES = frozenset(o.value for o in Outcome)


def _source_titles(checklist: Checklist, ids: tuple[str, ...]) -> tuple[str, ...]:
    known = {s.id: s.title for s in checklist.sources}
    return tuple(known.get(i, i) for i in ids)


def stop_text(checklist: Checklist, s: StopHit) -> str:
    rule = tr("rule." + s.rule, outcome=_short(checklist, s.outcome))
    return f"{sentence(rule)}: {s.text}"


def _flag_text(checklist: Checklist, f: FlagHit) -> str:
    blocked = ", ".join(_short(checklist, o) for o in f.blocks)
    return f"{f.text} {tr('view.flag_blocks', forms=blocked)}"


def _runner_up(v: Verdict, target: str) -> str | None:
    # v.scores has the checklist's scored outcomes, in order
    others = [o for o in v.scores if o is not target and o not in v.excluded]
    return max(others, key=lambda o: v.scores[o]) if others else None


def _decisive(checklist: Checklist, v: Verdict, target: str | None) -> list[Factor]:
    out: list[Factor] = []
    gate_order = {g.id: i for i, g in enumerate(checklist.gates)}

    def order(h: StopHit | FlagHit) -> tuple[int, int]:
        return (gate_order.get(h.gate, len(gate_order)) if h.gate else len(gate_order) + 1, 0)

    hits: list[StopHit | FlagHit] = sorted((*v.stops, *v.flags), key=order)
    seen: set[str] = set()
    for h in hits:
        key = f"{h.question_id}:{type(h).__name__}"
        if key in seen:
            continue
        seen.add(key)
        if isinstance(h, StopHit):
            same = [s for s in v.stops if s.question_id == h.question_id]
            text = " ".join(stop_text(checklist, s) for s in same)
            out.append(Factor("⛔", text, h.question_id, h.question, _answer(h.answer)))
        else:
            out.append(
                Factor("⚖", _flag_text(checklist, h), h.question_id, h.question, _answer(h.answer))
            )
    if v.outcome is Outcome.OKLART:
        # Undecided: what keeps it open decides it, not the points.
        seen_q: set[str] = set()
        for f in v.flips:
            if f.question_id in seen_q:
                continue
            seen_q.add(f.question_id)
            q = checklist.question(f.question_id)
            status = next(o.status for o in v.open_questions if o.question_id == f.question_id)
            text = tr(
                "view.factor_open",
                status=tr("status." + status),
                effect=_flip_text(checklist, f.answer, f.outcome),
            )
            out.append(Factor("?", text, f.question_id, q.text, sentence(tr("status." + status))))
        # Open gate questions that could decide the case come next.
        for p in _open_points(checklist, v, target):
            question = checklist.question(p.question_id)
            if len(out) >= MAX_FACTORS or p.question_id in seen_q or question.gate is None:
                continue
            if any(
                question.effects(a).stops or question.effects(a).flag is not None
                for a in question.answers
                if a is not Answer.UNSURE
            ):
                seen_q.add(p.question_id)
                text = tr("view.factor_open", status=p.status, effect=p.effect)
                out.append(Factor("?", text, p.question_id, p.question, sentence(p.status)))
        leader = max(
            (o for o in checklist.scored_outcomes if o not in v.excluded),
            key=lambda o: v.scores[o],
            default=None,
        )
        if seen_q or target is None or target is not leader:
            return out[:MAX_FACTORS]
    if target is None:
        return out[:MAX_FACTORS]
    rival = _runner_up(v, target)
    per_question: dict[str, tuple[int, Reason]] = {}
    for r in v.reasons:
        if r.outcome is not target and r.outcome is not rival:
            continue
        sign = 1 if r.outcome is target else -1
        total, best = per_question.get(r.question_id, (0, r))
        if r.outcome is target and r.weight > 0:
            best = r
        per_question[r.question_id] = (total + sign * r.weight, best)
    ranked = sorted(
        (item for item in per_question.items() if item[1][0] > 0),
        key=lambda item: -item[1][0],
    )
    for _qid, (gain, r) in ranked:
        if len(out) >= MAX_FACTORS:
            break
        out.append(Factor(f"+{gain}", r.text, r.question_id, r.question, _answer(r.answer)))
    return out[:MAX_FACTORS]


def _gates(checklist: Checklist, v: Verdict) -> list[GateLine]:
    out: list[GateLine] = []
    open_ids = {q.question_id for q in v.open_questions}
    for gate in checklist.gates:
        stops = [s for s in v.stops if s.gate == gate.id]
        flags = [f for f in v.flags if f.gate == gate.id]
        waiting = [
            qid
            for qid in v.applicable
            if qid in open_ids and checklist.question(qid).gate == gate.id
        ]
        if stops:
            out.append(GateLine("⛔", gate.title, stops[0].text))
        elif flags:
            out.append(GateLine("⚖", gate.title, flags[0].text))
        elif waiting:
            n = len(waiting)
            status = tr("view.gate_open_one") if n == 1 else tr("view.gate_open", n=n)
            out.append(GateLine("?", gate.title, status))
        else:
            out.append(GateLine("✓", gate.title, tr("view.gate_passed")))
    return out


def _open_points(checklist: Checklist, v: Verdict, target: str | None) -> list[OpenPoint]:
    flip_of = {f.question_id: f for f in v.flips}
    status = {q.question_id: q for q in v.open_questions}
    order = v.open_ranked or tuple(q.question_id for q in v.open_questions)
    out: list[OpenPoint] = []
    for qid in order:
        q = status[qid]
        question = checklist.question(qid)
        if qid in flip_of:
            f = flip_of[qid]
            effect = _flip_text(checklist, f.answer, f.outcome)
            mark = "?"
        else:
            effect = _open_effect(checklist, question.id, target)
            mark = "!" if q.critical else "·"
        out.append(OpenPoint(mark, qid, q.question, tr("status." + q.status), effect))
    return out


def _open_effect(checklist: Checklist, qid: str, target: str | None) -> str:
    q = checklist.question(qid)
    for a in q.answers:
        if a is Answer.UNSURE:
            continue
        eff = q.effects(a)
        ruled = [s.outcome for s in eff.stops if s.rule == "exclude"]
        if target is not None and target in ruled:
            return tr("view.open_rules_out", answer=_answer(a), outcome=_short(checklist, target))
        if any(s.rule == "require" and s.outcome is Outcome.OKLART for s in eff.stops):
            return tr("view.open_legal", answer=_answer(a))
        if (
            eff.flag is not None
            and target is not None
            and target in eff.flag.blocked_in(checklist.scored_outcomes)
        ):
            return tr("view.open_legal", answer=_answer(a))
    for a in q.answers:
        if a is Answer.UNSURE:
            continue
        eff = q.effects(a)
        out_forms = {s.outcome for s in eff.stops if s.rule == "exclude"}
        blocked = (
            set(eff.flag.blocked_in(checklist.scored_outcomes)) - out_forms
            if eff.flag is not None
            else set()
        )
        parts = []
        for verb, forms in (("view.rules_out", out_forms), ("view.blocks", blocked)):
            if forms:
                names = [_short(checklist, o) for o in checklist.scored_outcomes if o in forms]
                parts.append(tr(verb, forms=tr("view.and").join(names)))
        if parts:
            return tr("view.answer_does", answer=_answer(a), what=tr("view.and").join(parts))
    swing = max(
        (abs(s.weight) for a in q.answers for s in q.effects(a).signals),
        default=0,
    )
    return tr("view.open_points", n=swing) if swing else tr("view.open_info")


def _change_options(checklist: Checklist, w: WhatWouldChange) -> list[ChangeOption]:
    out: list[ChangeOption] = []
    for outcome in checklist.outcome_ids:
        if outcome not in w.by_outcome:
            continue
        label = checklist.outcome(outcome).label
        sets = w.by_outcome[outcome]
        if not sets:
            out.append(ChangeOption(outcome, label, (), tr("view.change_none", outcome=label)))
            continue
        for changes in sets[:2]:
            steps = tuple(_step(checklist, ch) for ch in changes)
            parts = [
                tr("view.change_step", question=s.question, before=s.before, after=s.after)
                for s in steps
            ]
            text = tr("view.change_to", changes=tr("view.and").join(parts), outcome=label)
            out.append(ChangeOption(outcome, label, steps, text))
    return out


def _step(checklist: Checklist, ch: Change) -> ChangeStep:
    q = checklist.question(ch.question_id)
    return ChangeStep(ch.question_id, q.text, _answer(ch.before), _answer(ch.after), ch)


def _forms(checklist: Checklist, v: Verdict, target: str | None) -> list[FormReasons]:
    def line(r: Reason) -> ReasonLine:
        return ReasonLine(
            f"{r.weight:+d}",
            r.text,
            r.question_id,
            r.question,
            _answer(r.answer),
            _source_titles(checklist, r.sources),
        )

    scored = checklist.scored_outcomes
    order = sorted(
        scored,
        key=lambda o: (o is not target, o in v.excluded, -v.scores[o], scored.index(o)),
    )
    out: list[FormReasons] = []
    for o in order:
        if o in v.excluded:
            status = tr("report.excluded")
        elif o in v.blocked:
            status = tr("view.blocked")
        elif o is target and v.outcome is Outcome.OKLART:
            status = tr("view.leaning")
        elif o is target:
            status = tr("report.leading")
        else:
            status = ""
        stops = tuple(
            ReasonLine(
                "⛔",
                stop_text(checklist, s),
                s.question_id,
                s.question,
                _answer(s.answer),
                _source_titles(checklist, s.sources),
            )
            for s in v.stops
            if s.outcome is o
        ) + tuple(
            ReasonLine(
                "⚖",
                f.text,
                f.question_id,
                f.question,
                _answer(f.answer),
                _source_titles(checklist, f.sources),
            )
            for f in v.flags
            if o in f.blocks
        )
        out.append(
            FormReasons(
                o,
                checklist.outcome(o).label,
                v.scores[o],
                status,
                tuple(line(r) for r in v.reasons_for(o)),
                tuple(line(r) for r in v.reasons_against(o)),
                stops,
            )
        )
    return out


def legend() -> tuple[tuple[str, str], ...]:
    return tuple((mark, tr("legend." + key)) for mark, key in _LEGEND)


_LEGEND = (
    ("✓", "passed"),
    ("⛔", "stop"),
    ("⚖", "flag"),
    ("+n/−n", "points"),
    ("?", "flip"),
    ("!", "critical"),
    ("·", "other"),
)


def lean_brief(checklist: Checklist, v: Verdict) -> str:
    """ "Lutar åt IOP. 2 frågor kan avgöra." for the live panel and the result's headline."""
    if v.lean is None:
        return ""
    text = tr("view.lean", outcome=_short(checklist, v.lean))
    if v.settle:
        n = len(v.settle)
        count = tr("verdict.settle_one") if n == 1 else tr("verdict.settle_many", n=n)
        text += " " + sentence(tr("view.settle_brief", n=count))
    return text


def summary_dict(view: VerdictView) -> dict[str, object]:
    """The head of the view for `judge --json` (keys only ever added)."""
    return {
        "headline": view.headline,
        "firmness_text": view.firmness,
        "lean_text": view.lean,
        "decisive": [
            {"mark": f.mark, "text": f.text, "question_id": f.question_id, "answer": f.answer}
            for f in view.decisive
        ],
        "open_ranked": [
            {"question_id": p.question_id, "mark": p.mark, "effect": p.effect}
            for p in view.open_points
        ],
        "next_steps": list(view.next_steps),
    }


def firmness_sentence(v: Verdict) -> str:
    if v.firmness.value == "firm":
        return tr("view.firm_closed") if not v.open_questions else tr("view.firm_open")
    if v.firmness.value == "likely":
        return tr("view.likely")
    return tr("view.undecided")


def _org_steps(key: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in tr(key).split("|") if part.strip())


def org_contact(profile: Profile | None) -> tuple[str, ...]:
    """Whom the organisation contacts: the kommun profile's contact and förvaltning when
    set, otherwise the förvaltning responsible for the area and the contact centre."""
    p = profile or Profile()
    lines: list[str] = []
    if p.contact.strip():
        lines.append(tr("org.contact.profile", who=p.contact.strip()))
    if p.forvaltning.strip():
        lines.append(tr("org.contact.forvaltning", forvaltning=p.forvaltning.strip()))
    if not lines:
        kommun = p.kommun.strip() or tr("org.contact.kommun_default")
        lines.append(tr("org.contact.generic", kommun=kommun))
    return tuple(lines)


def _ask_points(checklist: Checklist, v: Verdict) -> tuple[OpenPoint, ...]:
    """The kommun-only questions still open, then the open ones: what to bring."""
    flips: dict[str, list[str]] = {}
    for f in v.kommun_flips:
        flips.setdefault(f.question_id, []).append(
            tr("org.flip", answer=_answer(f.answer).lower(), outcome=_short(checklist, f.outcome))
        )
    points = [
        OpenPoint(
            tr("org.mark"),  # K for kommun (M in English)
            qid,
            checklist.question(qid).text,
            tr("org.ask_kommun_status"),
            "; ".join(flips.get(qid, ())),
        )
        for qid in v.ask_kommun
    ]
    points += [
        OpenPoint("?", q.question_id, q.question, tr("org.open_status"), "")
        for q in v.open_questions
        if q.status == "unsure"  # an unanswered one is theirs to answer first
    ]
    return tuple(points)


def build_view(
    checklist: Checklist,
    answers: Mapping[str, Answer],
    verdict: Verdict | None = None,
    changes: WhatWouldChange | None = None,
    *,
    profile: Profile | None = None,
) -> VerdictView:
    """The verdict view for a set of answers (judged here unless a verdict is given). A
    checklist in the organisation perspective gives the organisation's texts and next
    steps; `profile` names whom it contacts."""
    v = verdict if verdict is not None else judge(checklist, answers)
    w = changes if changes is not None else what_would_change(checklist, answers)
    target = v.outcome if v.outcome is not Outcome.OKLART else v.lean
    label = checklist.outcome(v.outcome).label
    firmness = firmness_sentence(v)
    firm_word = tr("firmness." + v.firmness.value)
    lean = ""
    if v.lean is not None:
        lean = tr("view.lean", outcome=_short(checklist, v.lean))
    steps = list(checklist.outcome(v.outcome).next_steps)
    steps += [a for a in v.advice if a not in steps]
    answered = sum(1 for qid in v.applicable if answers.get(qid) not in (None, Answer.UNSURE))
    org: dict[str, object] = {}
    explanation = checklist.outcome(v.outcome).explanation
    if checklist.perspective == "organisation":
        # The organisation's words: what it means for them and what they do next; the
        # kommun's own steps (legal unit, tjänsteskrivelse) are not theirs to take.
        label = tr("org.label." + str(v.outcome))
        explanation = tr("org.meaning." + str(v.outcome))
        if v.outcome is Outcome.OKLART:
            firmness = tr("org.undecided")
        steps = list(_org_steps("org.next." + str(v.outcome)))
        depends = ""
        if v.kommun_flips:
            n = len({f.question_id for f in v.kommun_flips})
            depends = tr("org.depends", n=count(n, "org.questions"))
        elif v.ask_kommun:
            depends = tr("org.depends_none", n=count(len(v.ask_kommun), "org.questions"))
        org = {
            "perspective": "organisation",
            "ask_kommun": _ask_points(checklist, v),
            "depends": depends,
            "prepare": _org_steps("org.prepare"),
            "contact": org_contact(profile),
        }
    return VerdictView(
        outcome=v.outcome,
        label=label,
        headline=label if v.outcome is Outcome.OKLART else f"{label} – {firm_word}",
        firmness=firmness,
        explanation=explanation,
        causes=tuple(tr("cause." + c.value) for c in v.causes),
        lean=lean,
        gates=tuple(_gates(checklist, v)),
        decisive=tuple(_decisive(checklist, v, target)),
        open_points=tuple(_open_points(checklist, v, target)),
        changes=tuple(_change_options(checklist, w)),
        next_steps=tuple(steps),
        forms=tuple(_forms(checklist, v, target)),
        legend=legend(),
        disclaimer=tr("verdict.disclaimer"),
        answered=answered,
        applicable=len(v.applicable),
        **org,  # type: ignore[arg-type]
    )


def format_org(view: VerdictView) -> list[str]:
    """The organisation's part as text lines (empty for the kommun perspective)."""
    if view.perspective != "organisation":
        return []
    out: list[str] = []
    if view.depends:
        out += ["", view.depends]
    if view.ask_kommun:
        out += ["", f"{tr('org.questions_intro')}:"]
        for p in view.ask_kommun:
            effect = f" ({p.effect})" if p.effect else ""
            out.append(f"  {p.mark:>3} {p.question}{effect}")
    out += ["", f"{tr('org.prepare_heading')}:"]
    out += [f"  - {item}" for item in view.prepare]
    out += ["", f"{tr('org.contact_heading')}:"]
    out += [f"  {line}" for line in view.contact]
    return out


def format_view(view: VerdictView, unknown: list[str] | None = None) -> str:
    """The view as plain text for a terminal (`iop-tui judge`)."""
    out: list[str] = [view.headline, view.firmness]
    if view.causes:
        out.append(f"{tr('verdict.why_undecided')}: " + "; ".join(view.causes) + ".")
    if view.lean:
        out.append(view.lean)
    out.append(tr("view.progress", answered=view.answered, total=view.applicable))
    if view.gates:
        out += ["", f"{tr('view.gates')}:"]
        for g in view.gates:
            out.append(f"  {g.mark:>3} {g.title} {g.status}")
    if view.decisive:
        out += ["", f"{tr('view.decisive')}:"]
        for f in view.decisive:
            out.append(f"  {f.mark:>3} {f.text}")
            out.append(f"      ({tr('view.asked', question=f.question, answer=f.answer)})")
    if view.open_points:
        out += ["", f"{tr('verdict.open')}:"]
        for p in view.open_points[:MAX_OPEN]:
            out.append(f"  {p.mark:>3} {p.question} ({p.status}): {p.effect}")
        if len(view.open_points) > MAX_OPEN:
            out.append("      " + tr("view.more_open", n=len(view.open_points) - MAX_OPEN))
    if view.changes:
        out += ["", f"{tr('view.what_would_change')}:"]
        out += [f"  - {c.text}" for c in view.changes]
    out += ["", f"{tr('verdict.next_steps')}:"]
    out += [f"  {i}. {step}" for i, step in enumerate(view.next_steps, 1)]
    out += format_org(view)
    out += ["", f"{tr('view.all_reasons')}:"]
    for form in view.forms:
        status = f" ({form.status})" if form.status else ""
        out += ["", f"  {form.label}: {form.score:+d} {tr('report.points').lower()}{status}"]
        for r in (*form.stops, *form.for_, *form.against):
            out.append(f"  {r.mark:>5} {r.text}")
            out.append(f"        ({tr('view.asked', question=r.question, answer=r.answer)})")
    if unknown:
        out += ["", tr("verdict.unknown_ids", ids=", ".join(unknown))]
    out += ["", f"{tr('view.legend')}: " + "; ".join(f"{m} {t}" for m, t in view.legend)]
    out += ["", view.disclaimer]
    return "\n".join(out)
