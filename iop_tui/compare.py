"""Comparing: one set of answers judged under several checklists, or two sessions side by
side; and carrying an assessment over to another checklist.

Question ids shared across checklists mean the same question, so an answer given under one
checklist counts under every other checklist that asks it; questions a checklist asks that
were not answered are open there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .checklist import Answer, Checklist
from .engine import Verdict, applicable_questions, judge
from .i18n import tr
from .session import Meta, Session
from .verdict_view import build_view

#: A cell for a question a checklist does not ask at all.
NOT_ASKED = "-"


@dataclass(frozen=True, slots=True)
class Column:
    checklist: Checklist
    verdict: Verdict
    label: str  # the outcome label with its firmness, as the result screen heads it
    applicable: tuple[str, ...]  # the question ids that apply under these answers
    open: tuple[str, ...]  # of those, unanswered or "osäker"
    decisive: tuple[str, ...]  # question ids of the verdict's decisive factors


@dataclass(frozen=True, slots=True)
class Row:
    question_id: str
    text: str  # the question's wording (from the first checklist that asks it)
    cells: tuple[str, ...]  # per column: the answer in words, "öppen", or NOT_ASKED
    differs: bool  # the cells disagree (answers of two sessions; or open in some column)
    decisive: bool  # the question makes the difference between differing verdicts


@dataclass(frozen=True, slots=True)
class Comparison:
    headings: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    verdicts_differ: bool

    @property
    def difference(self) -> tuple[Row, ...]:
        """The questions that make the difference when the verdicts differ."""
        return tuple(r for r in self.rows if r.decisive) if self.verdicts_differ else ()

    def to_dict(self) -> dict[str, object]:
        return {
            "columns": [
                {
                    "heading": h,
                    "checklist": c.checklist.id,
                    "checklist_version": c.checklist.version,
                    "outcome": str(c.verdict.outcome),
                    "firmness": c.verdict.firmness.value,
                    "label": c.label,
                    "open": list(c.open),
                }
                for h, c in zip(self.headings, self.columns, strict=True)
            ],
            "verdicts_differ": self.verdicts_differ,
            "difference": [r.question_id for r in self.difference],
            "rows": [
                {
                    "question_id": r.question_id,
                    "question": r.text,
                    "cells": list(r.cells),
                    "differs": r.differs,
                }
                for r in self.rows
            ],
        }


def _column(checklist: Checklist, answers: Mapping[str, Answer]) -> Column:
    mine = {k: v for k, v in answers.items() if checklist.has_question(k)}
    verdict = judge(checklist, mine)
    view = build_view(checklist, mine, verdict)
    applicable = tuple(q.id for q in applicable_questions(checklist, mine))
    open_ = tuple(q for q in applicable if mine.get(q) in (None, Answer.UNSURE))
    return Column(
        checklist=checklist,
        verdict=verdict,
        label=view.headline,
        applicable=applicable,
        open=open_,
        decisive=tuple(f.question_id for f in view.decisive),
    )


def _cell(column: Column, answers: Mapping[str, Answer], qid: str) -> str:
    if not column.checklist.has_question(qid):
        return NOT_ASKED
    answer = answers.get(qid)
    if answer is None:
        return tr("compare.open") if qid in column.applicable else tr("compare.not_shown")
    return tr("answer." + answer.value)


def _question_order(checklists: Sequence[Checklist]) -> list[str]:
    order: dict[str, None] = {}
    for c in checklists:
        for q in c.questions:
            order.setdefault(q.id, None)
    return list(order)


def _text(checklists: Sequence[Checklist], qid: str) -> str:
    return next(c.question(qid).text for c in checklists if c.has_question(qid))


def compare_checklists(
    answers: Mapping[str, Answer], checklists: Sequence[Checklist]
) -> Comparison:
    """The same answers judged under each checklist, side by side."""
    columns = tuple(_column(c, answers) for c in checklists)
    differ = len({col.verdict.outcome for col in columns}) > 1
    decisive = {q for col in columns for q in col.decisive}
    rows = []
    for qid in _question_order(checklists):
        cells = tuple(_cell(col, answers, qid) for col in columns)
        is_open = any(qid in col.open for col in columns)
        # A question asked by only some of the checklists also makes a difference when it
        # decides one of them.
        rows.append(Row(qid, _text(checklists, qid), cells, is_open, differ and qid in decisive))
    headings = tuple(c.id for c in checklists)
    return Comparison(headings, columns, tuple(rows), differ)


def compare_sessions(
    a: Session, b: Session, checklist_a: Checklist, checklist_b: Checklist, names: Sequence[str]
) -> Comparison:
    """Two sessions side by side: every question either asks, the answers that differ
    marked, and both verdicts (each under its own checklist)."""
    col_a, col_b = _column(checklist_a, a.answers), _column(checklist_b, b.answers)
    differ = col_a.verdict.outcome != col_b.verdict.outcome
    rows = []
    lists = [checklist_a] if checklist_a.id == checklist_b.id else [checklist_a, checklist_b]
    for qid in _question_order(lists):
        cells = (_cell(col_a, a.answers, qid), _cell(col_b, b.answers, qid))
        differs = a.answers.get(qid) != b.answers.get(qid)
        # Between two sessions, every answer that differs can make the difference.
        rows.append(Row(qid, _text(lists, qid), cells, differs, differ and differs))
    return Comparison(tuple(names), (col_a, col_b), tuple(rows), differ)


def format_comparison(cmp: Comparison, *, only_differences: bool = False) -> str:
    """The comparison as plain text for a terminal: the verdicts first, then the table."""
    out = [tr("compare.verdicts")]
    width = max(len(h) for h in cmp.headings)
    for heading, col in zip(cmp.headings, cmp.columns, strict=True):
        opened = tr("compare.open_count", n=len(col.open)) if col.open else ""
        out.append(f"  {heading.ljust(width)}  {col.label}{opened}")
    if cmp.verdicts_differ:
        out.append("")
        out.append(tr("compare.differ"))
        for row in cmp.difference:
            cells = "; ".join(f"{h}: {c}" for h, c in zip(cmp.headings, row.cells, strict=True))
            out.append(f"  * {row.text} [{cells}] ({row.question_id})")
    else:
        out.append(tr("compare.same"))
    out.append("")
    cell_w = max([len(h) for h in cmp.headings] + [len(c) for r in cmp.rows for c in r.cells])
    head = "  ".join(h.ljust(cell_w) for h in cmp.headings)
    out.append(f"    {head}  {tr('compare.question')}")
    for row in cmp.rows:
        if only_differences and not row.differs:
            continue
        mark = "!" if row.decisive else ("≠" if row.differs else " ")
        cells = "  ".join(c.ljust(cell_w) for c in row.cells)
        out.append(f"  {mark} {cells}  {row.text} ({row.question_id})")
    out.append("")
    out.append(tr("compare.legend"))
    return "\n".join(out)


def carry_over(session: Session, target: Checklist) -> tuple[Session, list[str]]:
    """A new session for `target` with the answers and notes kept by shared question id;
    the rest of the target's questions are open. Also returns the ids left behind (the
    old checklist asked them, the target does not)."""
    kept = {k: v for k, v in session.answers.items() if target.has_question(k)}
    notes = {k: v for k, v in session.notes.items() if target.has_question(k)}
    left = [k for k in dict.fromkeys([*session.answers, *session.notes]) if k not in kept]
    left = [k for k in left if k not in notes]
    new = Session(
        checklist=target.id,
        checklist_version=target.version,
        meta=Meta(**session.meta.model_dump()),
        answers=kept,
        notes=notes,
    )
    return new, left
