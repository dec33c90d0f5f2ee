"""The verdict as plain text for a person (used by `iop-tui judge`)."""

from __future__ import annotations

from .checklist import SCORED_OUTCOMES, Checklist, Outcome
from .engine import Verdict
from .i18n import tr


def outcome_label(checklist: Checklist, outcome: Outcome) -> str:
    return checklist.outcome(outcome).label


def lean_line(checklist: Checklist, verdict: Verdict, *, brief: bool = False) -> str | None:
    """'Leaning IOP; firm once these 3 questions are answered: ...' for an undecided verdict."""
    if verdict.lean is None:
        return None
    lean = outcome_label(checklist, verdict.lean)
    if verdict.settle:
        n = len(verdict.settle)
        count = tr("verdict.settle_one") if n == 1 else tr("verdict.settle_many", n=n)
        if brief:
            return tr("verdict.lean_settle_brief", lean=lean, n=count)
        return tr("verdict.lean_settle", lean=lean, n=count, ids=", ".join(verdict.settle))
    return tr("verdict.lean", lean=lean)


def format_verdict(checklist: Checklist, verdict: Verdict, unknown: list[str] | None = None) -> str:
    out: list[str] = []
    label = outcome_label(checklist, verdict.outcome)
    out.append(f"{tr('verdict.outcome')}: {label}")
    out.append(f"{tr('verdict.firmness')}: {tr('firmness.' + verdict.firmness.value)}")
    if verdict.causes:
        out.append(
            f"{tr('verdict.why_undecided')}: "
            + "; ".join(tr("cause." + c.value) for c in verdict.causes)
        )
    lean = lean_line(checklist, verdict)
    if lean:
        out.append(lean)
    if verdict.stops:
        out += ["", f"{tr('verdict.stops')}:"]
        for s in verdict.stops:
            rule = tr("rule." + s.rule, outcome=outcome_label(checklist, s.outcome))
            out.append(f"  - [{s.question_id}] {rule}: {s.text}  ({', '.join(s.sources)})")
    if verdict.flags:
        out += ["", f"{tr('verdict.flags')}:"]
        for f in verdict.flags:
            out.append(f"  - [{f.question_id}] {f.text}  ({', '.join(f.sources)})")
    for o in SCORED_OUTCOMES:
        name = outcome_label(checklist, o)
        for heading, items in (
            (tr("verdict.for", outcome=name), verdict.reasons_for(o)),
            (tr("verdict.against", outcome=name), verdict.reasons_against(o)),
        ):
            if items:
                out += ["", f"{heading}:"]
                for r in items:
                    out.append(
                        f"  {r.weight:+d} [{r.question_id}] {r.text}  ({', '.join(r.sources)})"
                    )
    if not verdict.reasons and not verdict.stops:
        out += ["", tr("verdict.no_reasons")]
    if verdict.open_questions:
        out += ["", f"{tr('verdict.open')}:"]
        for q in verdict.open_questions:
            star = " *" if q.critical else ""
            out.append(f"  - [{q.question_id}] ({tr('status.' + q.status)}{star}) {q.question}")
    if unknown:
        out += ["", tr("verdict.unknown_ids", ids=", ".join(unknown))]
    out += ["", f"{tr('verdict.next_steps')}:"]
    out += [
        f"  {i}. {step}" for i, step in enumerate(checklist.outcome(verdict.outcome).next_steps, 1)
    ]
    out += ["", tr("verdict.disclaimer")]
    return "\n".join(out)
