"""Reports: an assessment as a document to file, mail or print (Markdown, HTML, JSON).

Pure core, no Textual: `build_report` turns (checklist, session, verdict) into a plain
`Report`; Jinja2 templates in `iop_tui/templates/` turn that into Markdown or HTML, and
`render_json` gives the machine form. Every label comes from `i18n`; every text from the
checklist or the session is escaped for its format (HTML autoescaping, and `md_escape` for
Markdown), so a note reads exactly as it was typed and can run nothing.

The verdict part of a report is the core verdict view (`verdict_view.build_view`), the same
one the result screen and `iop-tui judge` show, in the same order: the outcome and its
firmness, the decisive factors, the open questions ranked, what would change it, the next
steps; then the full reasons per form, winner first. This module assembles no verdict
wording of its own; it adds the document around the view (the case details, the
question-by-question record, the sources).

Choices worth knowing:
- The report date is the date the assessment was last changed (`session.updated`, in
  Swedish time), unless a `today` is given. Exporting the same session twice gives the same
  bytes, and the tests need no clock.
- Answers to questions that do not apply now (hidden by `show_if`) are kept in the session
  but not judged; the report lists them in a section of their own instead of dropping them,
  so nothing the officer wrote silently disappears from the filed document. Answers to ids
  the checklist does not know are listed the same way.
- Question ids and source codes never stand in running text: questions are quoted by their
  text and sources by their title; a question id is shown only in a details cell.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import profile
from .checklist import Answer, Checklist, Outcome
from .engine import OpenQuestion, Verdict, WhatWouldChange, judge, what_would_change
from .errors import ReportError, SessionError
from .i18n import language, tr
from .profile import Profile, config_dir
from .session import Session, decision_problem
from .store import ensure_private_dir, new_path, safe_stem, write_output
from .verdict_view import (
    MAX_OPEN,
    ChangeOption,
    FormReasons,
    OpenPoint,
    ReasonLine,
    VerdictView,
    build_view,
    stop_text,  # the view's own wording for a stop; see `_review_group`
    summary_dict,
)

REPORT_VERSION: Final = 1
Format = Literal["md", "html", "json"]
FORMATS: Final[tuple[Format, ...]] = ("md", "html", "json")
EXTENSIONS: Final[dict[str, str]] = {"md": "md", "html": "html", "json": "json"}
TEMPLATES: Final = Path(__file__).resolve().parent / "templates"
#: Report dates are Swedish dates: an assessment saved at 00:30 in Bollebygd is dated that
#: day, not the day before (UTC).
TIMEZONE: Final = "Europe/Stockholm"


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class SourceItem:
    id: str  # an anchor for in-page links only; never shown as text
    title: str
    url: str | None  # only http(s) links; anything else is shown as text, never linked
    note: str
    dates: str  # "kontrollerad 2025-05-01; gäller till och med 2027-12-31", or ""


@dataclass(frozen=True, slots=True)
class QuestionItem:
    id: str
    text: str
    answer: str  # label, or "Inte besvarad"
    answered: bool
    open_status: str  # "" when the question is not an open point
    critical: bool
    note: str
    #: The answer is the organisation's (a hand-off), not yet confirmed by the officer.
    from_organisation: bool = False


@dataclass(frozen=True, slots=True)
class SectionItem:
    id: str
    title: str
    questions: tuple[QuestionItem, ...]


@dataclass(frozen=True, slots=True)
class DecisionItem:
    """The decision part, in words. Empty strings where nothing is filled in yet."""

    form: str  # the ställningstagande's label, or ""
    form_id: str
    differs: bool  # the form chosen is not the tool's outcome
    motivering: str
    decided_by: str
    date: str
    final: str  # "2026-03-02 10:15" (Swedish time) when fastställd, else ""
    problem: str  # what is still missing before it can be fastställd, in words, or ""


@dataclass(frozen=True, slots=True)
class HistoryItem:
    at: str  # "2026-03-02 10:15", Swedish time
    question_id: str
    question: str  # the question's text, or its id when the checklist lacks it
    old: str
    new: str
    by: str


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report shows, already in the report language; no formatting."""

    lang: str
    title: str
    organisation: str
    organisationsnummer: str
    forvaltning: str
    assessor: str
    diarienummer: str
    date: str  # ISO date, see the module docstring
    checklist_id: str
    checklist_title: str
    checklist_version: str
    version_mismatch: str  # "" unless the session was made with another checklist version
    kommun: str
    #: The user's own kommun from the profile (rows shown only when given).
    user: tuple[tuple[str, str], ...]
    profile: Profile
    #: "" unless the checklist's riktlinje is no longer in force on the report date.
    expired: str
    notice: str
    official: bool
    riktlinje_title: str
    riktlinje_reference: str
    riktlinje_validity: str
    riktlinje_note: str
    #: The verdict view: the report's summary, and its full reasons per form.
    view: VerdictView
    changes: WhatWouldChange
    #: The open points the summary names (the first `MAX_OPEN` of `view.open_points`);
    #: when there are more, the report lists them all after the full reasons.
    open_summary: tuple[OpenPoint, ...]
    #: `view.forms`, preceded by the answers that require legal review whatever the form
    #: (stops that `require` oklart concern no single form, so the view has no group for
    #: them).
    forms: tuple[FormReasons, ...]
    sections: tuple[SectionItem, ...]
    hidden: tuple[QuestionItem, ...]
    unknown: tuple[QuestionItem, ...]
    sources: tuple[SourceItem, ...]
    #: Source title -> anchor, to link the titles the view gives to the list of sources.
    source_anchors: Mapping[str, str]
    #: What would change the verdict, for the short report: the first (smallest) option
    #: per other outcome; the long report lists them all.
    changes_summary: tuple[ChangeOption, ...]
    decision: DecisionItem
    history: tuple[HistoryItem, ...]
    #: SHA-256 (hex) of the session file the report was made from, or "" when not known
    #: (a session not saved yet). `iop-tui verify` checks a file against it.
    session_sha256: str
    #: "" for the kommun's own assessment; else "Perspektiv: organisationens egen koll"
    #: (issue 14), shown in the report's head.
    perspective: str = ""
    #: A hand-off: how many answers are still the organisation's ("" when none).
    handoff: str = ""


def _answer_label(answer: Answer | None) -> str:
    return tr("answer." + answer.value) if answer is not None else tr("answer.none")


def _validity(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        return tr("report.valid_from_until", start=start.isoformat(), end=end.isoformat())
    if start:
        return tr("report.valid_from", start=start.isoformat())
    if end:
        return tr("report.valid_until", end=end.isoformat())
    return tr("report.valid_unknown")


def _source_dates(checked: dt.date | None, valid_until: dt.date | None, on: dt.date) -> str:
    parts = []
    if checked:
        parts.append(tr("report.source_checked", date=checked.isoformat()))
    if valid_until:
        key = "report.source_valid_until" if valid_until >= on else "report.source_expired"
        parts.append(tr(key, date=valid_until.isoformat()))
    return "; ".join(parts)


def report_date(session: Session, today: dt.date | None = None) -> dt.date:
    """`today` if given, else the day (Swedish time) the session was last changed."""
    if today is not None:
        return today
    try:
        return session.updated.astimezone(ZoneInfo(TIMEZONE)).date()
    except ZoneInfoNotFoundError:  # Windows without the tzdata package: UTC is close enough
        return session.updated.date()


def local_time(moment: dt.datetime) -> str:
    """A moment as a Swedish reader expects it: "2026-03-02 10:15" in Swedish time."""
    try:
        moment = moment.astimezone(ZoneInfo(TIMEZONE))
    except ZoneInfoNotFoundError:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M")


def _decision_item(checklist: Checklist, session: Session, verdict: Verdict) -> DecisionItem:
    d = session.decision
    problem = decision_problem(d, verdict.outcome)
    return DecisionItem(
        form=tr("decision.form." + d.form.value) if d.form is not None else "",
        form_id=d.form.value if d.form is not None else "",
        differs=d.form is not None and d.form is not verdict.outcome,
        motivering=d.motivering,
        decided_by=d.decided_by,
        date=d.date.isoformat() if d.date else "",
        final=local_time(d.final) if d.final else "",
        problem=tr(problem) if problem and not session.final else "",
    )


def _history_items(checklist: Checklist, session: Session) -> tuple[HistoryItem, ...]:
    return tuple(
        HistoryItem(
            at=local_time(c.at),
            question_id=c.question_id,
            question=(
                checklist.question(c.question_id).text
                if checklist.has_question(c.question_id)
                else c.question_id
            ),
            old=_answer_label(c.old),
            new=_answer_label(c.new),
            by=c.by,
        )
        for c in session.answer_history()
    )


_DIGEST = re.compile(rb"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


def find_digests(data: bytes) -> list[str]:
    """The SHA-256 digests a report (HTML, Markdown, JSON or Word) carries, in order.
    A Word file is a zip: its text is read from the document part."""
    if data[:2] == b"PK":
        import zipfile
        from io import BytesIO

        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                data = z.read("word/document.xml")
        except (zipfile.BadZipFile, KeyError):
            return []
    return list(dict.fromkeys(m.decode("ascii") for m in _DIGEST.findall(data)))


def _first_per_outcome(options: tuple[ChangeOption, ...]) -> tuple[ChangeOption, ...]:
    seen: set[str] = set()
    out = []
    for c in options:
        if c.outcome not in seen:
            seen.add(c.outcome)
            out.append(c)
    return tuple(out)


def session_digest(data: bytes) -> str:
    """The SHA-256 a report carries of the session file it was made from."""
    return hashlib.sha256(data).hexdigest()


def _review_group(
    checklist: Checklist, verdict: Verdict, titles: Mapping[str, str]
) -> FormReasons | None:
    """The stops that require legal review (`require` oklart): they concern no single form,
    so `view.forms` does not hold them, and a report must not drop a stop. Worded by the
    view's own `stop_text`, so the view stays the one place for verdict wording."""
    lines = tuple(
        ReasonLine(
            "⛔",
            stop_text(checklist, s),
            s.question_id,
            s.question,
            _answer_label(s.answer),
            tuple(titles.get(i, i) for i in s.sources),
        )
        for s in verdict.stops
        if s.outcome not in checklist.scored_outcomes
    )
    if not lines:
        return None
    return FormReasons(
        Outcome.OKLART, checklist.outcome(Outcome.OKLART).label, 0, "", (), (), lines
    )


def user_rows(p: Profile) -> tuple[tuple[str, str], ...]:
    """The profile as (label, value) rows for a report: only what is given."""
    if not p.has_kommun:
        return ()
    rl = p.riktlinje_title
    extra = ", ".join(x for x in (p.riktlinje_reference, p.riktlinje_date) if x)
    if rl and extra:
        rl = f"{rl} ({extra})"
    rows = (
        ("report.user_kommun", p.kommun),
        ("report.user_forvaltning", p.forvaltning),
        ("report.user_riktlinje", rl),
        ("report.user_contact", p.contact),
    )
    return tuple((tr(label), value) for label, value in rows if value)


def build_report(
    checklist: Checklist,
    session: Session,
    verdict: Verdict | None = None,
    *,
    changes: WhatWouldChange | None = None,
    today: dt.date | None = None,
    session_sha256: str = "",
    user: Profile | None = None,
) -> Report:
    """The report for a session; `verdict` and `changes` (what would change it) are
    computed from the answers when not given; `user` (the kommun profile) defaults to the
    profile in use."""
    checklist = checklist.for_perspective(session.perspective)
    if verdict is None:
        verdict = judge(checklist, session.answers)
    if changes is None:
        changes = what_would_change(checklist, session.answers)
    if user is None:
        user = profile.current()
    view = build_view(checklist, session.answers, verdict, changes, profile=user)
    date = report_date(session, today)

    open_by_id = {q.question_id: q for q in verdict.open_questions}
    applicable = set(verdict.applicable)
    sections = []
    for s in checklist.sections:
        items = tuple(
            _question_item(checklist, session, q.id, open_by_id)
            for q in s.questions
            if q.id in applicable
        )
        if items:
            sections.append(SectionItem(s.id, s.title, items))
    hidden = tuple(
        _question_item(checklist, session, q.id, open_by_id)
        for q in checklist.questions
        if q.id not in applicable and (q.id in session.answers or q.id in session.notes)
    )
    unknown = tuple(
        QuestionItem(
            id=qid,
            text="",
            answer=_answer_label(session.answers.get(qid)),
            answered=qid in session.answers,
            open_status="",
            critical=False,
            note=session.notes.get(qid, ""),
        )
        for qid in session.unknown_questions(checklist)
    )

    # Every source the report refers to, in the checklist's order.
    cited: set[str] = set()
    for qid in verdict.applicable:
        cited.update(checklist.question(qid).sources)
    for hits in (verdict.reasons, verdict.stops, verdict.flags):
        for hit in hits:
            cited.update(hit.sources)
    sources = tuple(
        SourceItem(
            s.id,
            s.title,
            _safe_url(s.url),
            s.note or "",
            _source_dates(s.checked, s.valid_until, date),
        )
        for s in checklist.sources
        if s.id in cited
    )
    titles = {s.id: s.title for s in checklist.sources}
    review = _review_group(checklist, verdict, titles)

    if session.checklist_version and session.checklist_version != checklist.version:
        mismatch = tr(
            "report.version_mismatch", session=session.checklist_version, current=checklist.version
        )
    else:
        mismatch = ""
    notice = checklist.notice or ("" if checklist.official else tr("report.not_official"))
    rl = checklist.riktlinje
    expired = (
        tr("report.riktlinje_expired", kommun=checklist.kommun, end=rl.valid_until.isoformat())
        if rl.valid_until is not None and rl.valid_until < date
        else ""
    )
    return Report(
        lang=language(),
        title=session.meta.title or tr("report.untitled"),
        organisation=session.meta.organisation,
        organisationsnummer=session.meta.organisationsnummer,
        forvaltning=session.meta.forvaltning,
        assessor=session.meta.assessor,
        diarienummer=session.meta.diarienummer,
        date=date.isoformat(),
        checklist_id=checklist.id,
        checklist_title=checklist.title,
        checklist_version=checklist.version,
        version_mismatch=mismatch,
        kommun=checklist.kommun,
        user=user_rows(user),
        profile=user,
        expired=expired,
        notice=notice,
        official=checklist.official,
        riktlinje_title=rl.title,
        riktlinje_reference=rl.reference,
        riktlinje_validity=_validity(rl.valid_from, rl.valid_until),
        riktlinje_note=rl.note,
        view=view,
        changes=changes,
        open_summary=view.open_points[:MAX_OPEN],
        forms=((review,) if review else ()) + view.forms,
        sections=tuple(sections),
        hidden=hidden,
        unknown=unknown,
        sources=sources,
        source_anchors={s.title: s.id for s in sources},
        changes_summary=_first_per_outcome(view.changes),
        decision=_decision_item(checklist, session, verdict),
        history=_history_items(checklist, session),
        session_sha256=session_sha256,
        perspective=(
            tr("perspective.line", perspective=tr("perspective.organisation"))
            if session.perspective == "organisation"
            else ""
        ),
        handoff=(
            tr("handoff.marked_count", n=len(session.handoff.from_organisation))
            if session.handoff.from_organisation
            else ""
        ),
    )


def _question_item(
    checklist: Checklist, session: Session, qid: str, open_by_id: dict[str, OpenQuestion]
) -> QuestionItem:
    q = checklist.question(qid)
    answer = session.answers.get(qid)
    is_open = open_by_id.get(qid)
    return QuestionItem(
        id=qid,
        text=q.text,
        answer=_answer_label(answer),
        answered=answer is not None,
        open_status=tr("status." + is_open.status) if is_open is not None else "",
        critical=q.critical,
        note=session.notes.get(qid, ""),
        from_organisation=session.from_organisation(qid),
    )


def _safe_url(url: str | None) -> str | None:
    # A checklist is data someone else wrote: never turn `javascript:` or the like into a link.
    if url and re.match(r"^https?://", url, re.IGNORECASE):
        return url
    return None


# --------------------------------------------------------------------------- escaping


_CONTROL_KEEP = {"\n", "\t"}


def clean(text: str) -> str:
    """Drop control characters (terminal escapes in a note must not reach a terminal or a
    browser); keep newlines and tabs. CRLF becomes LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in _CONTROL_KEEP or unicodedata.category(ch) != "Cc")


#: Characters with a Markdown meaning wherever they stand (GFM: `~` strikes, `|` splits cells).
_MD_ALWAYS: Final = frozenset("\\`*[]<>|~")
#: `&amp;` or `&#60;` would be decoded by a renderer; a lone `&` is harmless and stays.
_MD_ENTITY: Final = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
#: What makes a heading, list item, setext underline or thematic break when it opens a
#: line ("# x", "- x", "1. x", "===", "- - -"); "-3" or "2026-03-02" are left alone.
_MD_LINE_START: Final = re.compile(
    r"^(?:(#{1,6}|[-+])(?=\s|$)|(\d{1,9})([.)])(?=\s|$)|([=-])(?=[=\-\s]*$))"
)


def _md_escape_line(line: str) -> str:
    out: list[str] = []
    n = len(line)
    for i, ch in enumerate(line):
        if ch in _MD_ALWAYS:
            out.append("\\" + ch)
        elif ch == "_":
            # Intraword underscores (org_juridisk_person) never emphasise; leave them readable.
            inner = 0 < i < n - 1 and line[i - 1].isalnum() and line[i + 1].isalnum()
            out.append("_" if inner else "\\_")
        elif ch == "&" and _MD_ENTITY.match(line, i):
            out.append("\\&")
        else:
            out.append(ch)
    escaped = "".join(out)
    m = _MD_LINE_START.match(escaped)
    if m and m.group(2):
        escaped = f"{m.group(2)}\\{m.group(3)}{escaped[m.end() :]}"
    elif m:
        escaped = "\\" + escaped
    return escaped


def md_escape(text: object) -> str:
    """Text for one line of Markdown (a heading, a table cell, a list item): shown exactly
    as typed. Line breaks and runs of spaces become one space."""
    return _md_escape_line(" ".join(clean(str(text)).split()))


def md_block(text: object, indent: int = 0) -> Markup:
    """Multi-line text (a note) inside a list item: each line escaped, paragraphs kept,
    continuation lines indented by `indent` spaces so they stay in the item."""
    pad = " " * indent
    lines: list[str] = []
    for raw in clean(str(text)).split("\n"):
        line = " ".join(raw.split())
        if not line:
            if lines and lines[-1]:
                lines.append("")
            continue
        lines.append(_md_escape_line(line))
    while lines and not lines[-1]:
        lines.pop()
    return Markup(("\n").join(pad + line if line else "" for line in lines).lstrip(" "))


def md_code(text: object) -> Markup:
    """An inline code span (question ids), fenced with more backticks than it contains."""
    s = " ".join(clean(str(text)).split())
    longest = max((len(m) for m in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return Markup(f"{fence}{pad}{s}{pad}{fence}")


def md_url(url: object) -> Markup:
    """An autolink `<https://...>`; anything that could break out of it is shown as text."""
    s = clean(str(url))
    if re.fullmatch(r"https?://[^\s<>]+", s, re.IGNORECASE):
        return Markup(f"<{s}>")
    return Markup(md_escape(s))


def _md_finalize(value: object) -> object:
    # Escape-by-default for Markdown, like autoescape for HTML: a template cannot forget it.
    if isinstance(value, Markup):
        return value
    return md_escape("" if value is None else value)


def css_string(text: object) -> Markup:
    """A quoted CSS string for `content:` in the page footer. Inside <style> HTML escaping
    does nothing, so every character that is not a letter, digit or space becomes a CSS
    hex escape: no quote, backslash or `</style>` can get out."""
    out = []
    for ch in clean(" ".join(str(text).split())):
        out.append(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} ")
    return Markup('"' + "".join(out) + '"')


def _html_finalize(value: object) -> object:
    if isinstance(value, Markup) or not isinstance(value, str):
        return "" if value is None else value
    return clean(value)  # autoescaping follows


def template_dirs() -> tuple[Path, ...]:
    """Where templates are looked up, first match wins: the kommun's own
    (`<config dir>/templates/`, when it exists), then the shipped ones."""
    own = config_dir() / "templates"
    return (own, TEMPLATES) if own.is_dir() else (TEMPLATES,)


def environment(fmt: str) -> Environment:
    """The Jinja2 environment for `fmt`: "html" autoescapes, anything else is Markdown
    (escape-by-default through `finalize`)."""
    return _environment("html" if fmt == "html" else "md", template_dirs())


@cache
def _environment(fmt: str, dirs: tuple[Path, ...]) -> Environment:
    common = {
        "loader": FileSystemLoader([str(d) for d in dirs]),
        "undefined": StrictUndefined,  # a typo in a template fails the tests, not a report
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if fmt == "html":
        env = Environment(autoescape=True, finalize=_html_finalize, **common)  # type: ignore[arg-type]
        env.filters["css_string"] = css_string
    else:
        env = Environment(autoescape=False, finalize=_md_finalize, **common)  # type: ignore[arg-type]
        env.filters["md_block"] = md_block
        env.filters["code"] = md_code
        env.filters["url"] = md_url
    env.globals["t"] = tr
    return env


# --------------------------------------------------------------------------- rendering


def render_json(checklist: Checklist, session: Session, verdict: Verdict, report: Report) -> str:
    """The verdict plus the session, for other systems. Keys are sorted and stable;
    `report_version` changes only when a key changes meaning or disappears."""
    rl = checklist.riktlinje
    view = report.view
    data = {
        "report_version": REPORT_VERSION,
        "date": report.date,
        "language": report.lang,
        "checklist": {
            "id": checklist.id,
            "title": checklist.title,
            "version": checklist.version,
            "kommun": checklist.kommun,
            "official": checklist.official,
            "notice": checklist.notice,
            "riktlinje": {
                "title": rl.title,
                "reference": rl.reference,
                "valid_from": rl.valid_from.isoformat() if rl.valid_from else None,
                "valid_until": rl.valid_until.isoformat() if rl.valid_until else None,
            },
        },
        # The user's kommun profile (null when no kommun is chosen).
        "profile": (
            {k: v for k, v in asdict(report.profile).items() if k != "default_checklist"}
            if report.profile.has_kommun
            else None
        ),
        "session": {
            **session.meta.model_dump(),
            "checklist": session.checklist,
            "checklist_version": session.checklist_version,
            "created": session.created.isoformat(),
            "updated": session.updated.isoformat(),
            "answers": {k: v.value for k, v in session.answers.items()},
            "notes": dict(session.notes),
            "decision": {
                "form": session.decision.form.value if session.decision.form else None,
                "motivering": session.decision.motivering,
                "decided_by": session.decision.decided_by,
                "date": session.decision.date.isoformat() if session.decision.date else None,
                "final": session.decision.final.isoformat() if session.decision.final else None,
            },
            "history": [
                {
                    "at": c.at.isoformat(),
                    "question_id": c.question_id,
                    "from": c.old.value if c.old else None,
                    "to": c.new.value if c.new else None,
                    "by": c.by,
                }
                for c in session.answer_history()
            ],
        },
        "session_sha256": report.session_sha256 or None,
        "verdict": verdict.to_dict(),
        # Beside the verdict, as `judge --json` gives them: the smallest answer changes
        # that give each other outcome, and the head of the verdict view.
        "what_would_change": report.changes.to_dict(),
        "summary": summary_dict(view),
        "text": {
            "outcome": view.label,
            "explanation": view.explanation,
            "firmness": tr("firmness." + verdict.firmness.value),
            "causes": list(view.causes),
            "lean": view.lean or None,
            "next_steps": list(view.next_steps),
            "disclaimer": view.disclaimer,
        },
        "not_applicable": [q.id for q in report.hidden],
        "unknown_questions": [q.id for q in report.unknown],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    # json escapes C0 controls itself; C1 ones (U+009B starts a terminal escape) too here.
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1: Final = re.compile("[\x7f-\x9f\u2028\u2029]")


def render(
    checklist: Checklist,
    session: Session,
    fmt: str,
    *,
    today: dt.date | None = None,
    long: bool = False,
    session_sha256: str = "",
) -> str:
    """The report as text in `fmt` ("md", "html" or "json"): the short bedömning (1–2 A4
    pages), or with `long=True` the full record (its appendix). JSON holds everything."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format '{fmt}' (use {', '.join(FORMATS)})")
    verdict = judge(checklist, session.answers)
    report = build_report(checklist, session, verdict, today=today, session_sha256=session_sha256)
    if fmt == "json":
        return render_json(checklist, session, verdict, report)
    name = f"report.{fmt}.j2" if long else f"short.{fmt}.j2"
    return environment(fmt).get_template(name).render(r=report)


def write_report(
    checklist: Checklist,
    session: Session,
    fmt: str,
    path: Path,
    *,
    today: dt.date | None = None,
    create_dir: bool = False,
    long: bool = False,
    session_sha256: str = "",
) -> Path:
    """Render and write atomically (a reader never sees half a report). The file is 0600:
    notes can hold personal data, so sharing it is the person's decision.

    `create_dir=True` is for a directory the app owns (made private, like the sessions
    directory); otherwise the directory must exist and is left untouched."""
    text = render(checklist, session, fmt, today=today, long=long, session_sha256=session_sha256)
    write_text(path, text.encode("utf-8"), create_dir=create_dir)
    return path


def write_text(path: Path, data: bytes, *, create_dir: bool = False) -> None:
    """Write a document atomically, 0600 (see `write_report`)."""
    if path.is_dir():
        raise ReportError(f"{path}: is a directory; give a file name")
    try:
        if create_dir:
            ensure_private_dir(path.parent)
        elif not path.parent.is_dir():
            raise ReportError(f"{path}: cannot write: the directory {path.parent} does not exist")
        # Replaces only regular files (never a session file); writes into a pipe or a
        # device (-o /dev/stdout) instead of replacing it with a file.
        write_output(path, data)
    except SessionError as exc:
        raise ReportError(str(exc)) from None
    except OSError as exc:
        raise ReportError(f"{path}: cannot write: {exc.strerror or exc}") from None


def unsaved_export_path(title: str, fmt: str, directory: Path) -> Path:
    """Where the app writes the report of a session that has no file yet (a new one, or an
    example copy not changed): named after the title, with -2, -3, ... when that name is
    taken, so that it never replaces the report of another session with the same title.
    The app remembers the path, so exporting the same session again replaces its own."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format '{fmt}' (use {', '.join(FORMATS)})")
    return new_path(directory, title, f".{EXTENSIONS[fmt]}")


def default_export_path(session_path_or_title: Path | str, fmt: str, directory: Path) -> Path:
    """Where the app writes a report: `directory/<stem>.<ext>`. A Path (the session file)
    gives its stem, a str (the title, for an unsaved session) a safe file name from it.
    Re-exporting the same session replaces its earlier report, which is derived data."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format '{fmt}' (use {', '.join(FORMATS)})")
    if isinstance(session_path_or_title, Path):
        stem = safe_stem(session_path_or_title.stem)
    else:
        stem = safe_stem(session_path_or_title)
    return directory / f"{stem}.{EXTENSIONS[fmt]}"
