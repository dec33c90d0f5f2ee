"""The hand-off (issue 14): an organisation's own check, sent to the kommun.

The organisation exports its self-check as three files side by side: the session itself
(the kommun's officer opens it with `iop-tui receive`) and a short "underlag till kommunen"
in Markdown and HTML (the report machinery: the same templates folder, escaping and
verdict view). Receiving makes a new assessment in the kommun perspective that starts from
the organisation's answers and notes, each answer marked "uppgett av organisationen" until
the officer answers that question (the same answer confirms it). `iop-tui compare ORG
OFFICER` then shows where the two differ.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import store
from .checklist import Checklist
from .errors import SessionError
from .i18n import tr
from .profile import Profile
from .report import Report, build_report, environment, write_text
from .session import Handoff, Session, now


@dataclass(frozen=True, slots=True)
class AnswerLine:
    question: str
    answer: str
    note: str
    kommun_only: bool


@dataclass(frozen=True, slots=True)
class Underlag:
    """What the "underlag till kommunen" shows, in the organisation's words."""

    title: str
    intro: str
    report: Report
    answers: tuple[AnswerLine, ...]
    file_line: str


def build_underlag(
    checklist: Checklist,
    session: Session,
    *,
    session_file: str = "",
    user: Profile | None = None,
    today: dt.date | None = None,
) -> Underlag:
    org = checklist.for_perspective("organisation")
    report = build_report(org, session, today=today, user=user)
    lines = tuple(
        AnswerLine(
            org.question(qid).text,
            tr("answer." + session.answers[qid].value) if qid in session.answers else "",
            session.notes.get(qid, ""),
            org.question(qid).kommun_only,
        )
        for qid in _answered_order(org, session)
    )
    name = session.meta.organisation or tr("report.not_given")
    return Underlag(
        title=tr("handoff.underlag_title")
        + (f": {session.meta.title}" if session.meta.title else ""),
        intro=tr("handoff.intro", organisation=name, checklist=checklist.title),
        report=report,
        answers=lines,
        file_line=tr("handoff.file", file=session_file) if session_file else "",
    )


def _answered_order(checklist: Checklist, session: Session) -> list[str]:
    """The questions with an answer or a note, in checklist order."""
    return [q.id for q in checklist.questions if q.id in session.answers or q.id in session.notes]


def render_underlag(underlag: Underlag, fmt: str) -> str:
    """The underlag as Markdown ("md") or HTML ("html")."""
    name = "underlag.html.j2" if fmt == "html" else "underlag.md.j2"
    return environment(fmt).get_template(name).render(u=underlag, r=underlag.report)


def export(
    checklist: Checklist,
    session: Session,
    directory: Path,
    *,
    user: Profile | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Write the hand-off into `directory`: the session (`<title>-till-kommunen.toml`) and
    the underlag (`.md`, `.html`), each written atomically and never replacing a file."""
    if session.perspective != "organisation":
        raise SessionError(tr("handoff.not_org", path=directory))
    stem = store.safe_stem(session.meta.title or session.meta.organisation or "egen-koll")
    session_path = store.new_path(directory, f"{stem}-till-kommunen", ".toml")
    copy = session.model_copy(deep=True)
    copy.record_checklist(checklist)
    store.ensure_private_dir(directory)
    if not store.create_exclusive(session_path, store.encode(copy, session_path)):
        raise SessionError(f"{session_path}: already exists; export again")
    underlag = build_underlag(
        checklist, copy, session_file=session_path.name, user=user, today=today
    )
    paths = [session_path]
    for fmt in ("md", "html"):
        path = session_path.with_suffix(f".{fmt}")
        write_text(path, render_underlag(underlag, fmt).encode("utf-8"))
        paths.append(path)
    return paths


def receive(org_session: Session, *, source: str = "") -> Session:
    """A new kommun assessment that starts from an organisation's self-check: meta,
    answers and notes copied; every answer marked as the organisation's."""
    if org_session.perspective != "organisation":
        raise SessionError(tr("handoff.not_org", path=source or "?"))
    moment = now()
    return Session(
        checklist=org_session.checklist,
        checklist_version=org_session.checklist_version,
        created=moment,
        updated=moment,
        meta=org_session.meta.model_copy(),
        answers=dict(org_session.answers),
        notes=dict(org_session.notes),
        perspective="kommun",
        handoff=Handoff(
            from_organisation=list(org_session.answers), source=source, received=moment
        ),
    )


def receive_file(source: Path, sessions_folder: Path, target: Path | None = None) -> Path:
    """Receive the organisation's session file `source` as a new kommun assessment, saved
    as a new file in `sessions_folder` (or at `target`); returns its path. Used by
    `iop-tui receive` and the app's "receive" dialog. The source file is only read."""
    from . import catalog

    org = store.load(source)
    catalog.for_session(org.checklist, source)  # an unknown checklist is told now
    new = receive(org, source=source.name)
    if target is None:
        store.ensure_private_dir(sessions_folder)
        target = store.new_path(
            sessions_folder, new.meta.title or new.meta.organisation or source.stem
        )
    if not store.create_exclusive(target, new.to_toml().encode("utf-8")):
        raise SessionError(f"{target}: already exists; choose another name")
    return target
