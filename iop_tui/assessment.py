"""An assessment in progress: a checklist, a session and where it is saved.

This is the only object the screens change. It is pure Python (no Textual): the app sends
intent here (answer, note, meta) and renders what it reads back (applicable questions,
position, verdict). Every change is saved at once through the store.

While an assessment may write its file it holds the session's lock (see lock.py), so a
second app instance is told the session is open elsewhere. Call `close()` when done (or use
it as a context manager); a lock left behind by a crash is detected as stale.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from . import lock, store
from .changes import ChecklistChanges, changes_since
from .checklist import Answer, Checklist, Question
from .engine import Verdict, applicable_questions, judge
from .errors import LockError, SessionError
from .session import Decision, Meta, Session, decision_problem, kept_note, now
from .store import safe_stem


class FinalError(SessionError):
    """A change to a fastställd (final) assessment: make a copy to go on."""


class Assessment:
    def __init__(
        self,
        checklist: Checklist,
        session: Session,
        *,
        handle: store.Handle | None,
        directory: Path,
        read_only: bool = False,
        held: lock.Lock | None = None,
    ) -> None:
        # The wording and judging of the session's perspective (kommun: the checklist).
        self.checklist = checklist.for_perspective(session.perspective)
        self.session = session
        self.handle = handle  # None until the first change is saved (examples, new sessions)
        self.directory = directory
        #: True: nothing is ever written (no lock either); changes stay in memory.
        self.read_only = read_only
        #: True while the assessment holds changes that are not on disk: it is read-only,
        #: or its last save failed or was refused (disk full, too large, a conflict the user
        #: cancelled). The app must ask before leaving, never drop them silently.
        self.unsaved = False
        #: Why the last save failed (None: it did not, or the assessment is read-only).
        self.save_error: str | None = None
        #: Whether a new file goes into a private (0700) folder: False for a folder the user
        #: chose to save a copy in, which keeps its own rights.
        self._private_dir = True
        self._lock = held
        #: What changed in the checklist since the session was last saved (computed when
        #: opened; `changes.changed` says whether to show `changes.describe()`).
        self.changes: ChecklistChanges = changes_since(session, checklist)
        self._applicable: list[Question] | None = None
        self._verdict: Verdict | None = None
        #: Called after every successful save (the app shows a small "saved" hint).
        self.on_saved: Callable[[Path], None] | None = None
        #: Report paths while the session has no file, by format (see export).
        self._unsaved_reports: dict[str, Path] = {}

    # ------------------------------------------------------------------ reading

    @property
    def path(self) -> Path | None:
        return self.handle.path if self.handle else None

    @property
    def applicable(self) -> list[Question]:
        if self._applicable is None:
            self._applicable = applicable_questions(self.checklist, self.session.answers)
        return self._applicable

    @property
    def verdict(self) -> Verdict:
        if self._verdict is None:
            self._verdict = judge(self.checklist, self.session.answers)
        return self._verdict

    def answer_of(self, qid: str) -> Answer | None:
        return self.session.answers.get(qid)

    def note_of(self, qid: str) -> str:
        return self.session.notes.get(qid, "")

    def note_changed(self, qid: str, text: str) -> bool:
        """Whether saving `text` as the note of `qid` would change the session."""
        return self.note_of(qid) != kept_note(text)

    def index_of(self, qid: str) -> int:
        """Position of `qid` among the applicable questions; a hidden question maps to the
        first applicable question after it (where the user would naturally continue)."""
        ids = [q.id for q in self.applicable]
        if qid in ids:
            return ids.index(qid)
        order = {q.id: i for i, q in enumerate(self.checklist.questions)}
        after = [i for i, q in enumerate(self.applicable) if order[q.id] > order.get(qid, -1)]
        return after[0] if after else len(ids) - 1

    def position(self, qid: str) -> tuple[int, int]:
        """(1-based number, total) among questions that apply now: 'fråga 7 av 23'."""
        return self.index_of(qid) + 1, len(self.applicable)

    @property
    def answered_count(self) -> int:
        return sum(1 for q in self.applicable if q.id in self.session.answers)

    def first_unanswered(self) -> str | None:
        return next((q.id for q in self.applicable if q.id not in self.session.answers), None)

    def resume_at(self) -> str:
        """Where to continue: the first unanswered question, else the last one."""
        return self.first_unanswered() or self.applicable[-1].id

    def next_id(self, qid: str) -> str | None:
        i = self.index_of(qid)
        ids = self.applicable
        if qid in {q.id for q in ids}:
            i += 1
        return ids[i].id if i < len(ids) else None

    def prev_id(self, qid: str) -> str | None:
        i = self.index_of(qid)
        return self.applicable[i - 1].id if i > 0 else None

    # ------------------------------------------------------------------ changing

    def _changed(self) -> None:
        self._applicable = None
        self._verdict = None
        self.save()

    @property
    def final(self) -> bool:
        """Fastställd: read-only for good; `new_copy()` gives a changeable copy."""
        return self.session.final

    def _check_not_final(self) -> None:
        if self.final:
            raise FinalError("the assessment is fastställd (final); make a new copy to change it")

    def answer(self, qid: str, answer: Answer | None) -> None:
        if self.session.answers.get(qid) == answer and not (
            answer is not None and self.session.from_organisation(qid)
        ):
            return  # the same answer again, except to confirm the organisation's
        self._check_not_final()
        self.session.set_answer(qid, answer)
        self._changed()

    def note(self, qid: str, text: str) -> None:
        if self.note_of(qid) == kept_note(text):
            return
        self._check_not_final()
        self.session.set_note(qid, text)
        self.save()

    def set_meta(self, **fields: str) -> None:
        meta = Meta(**{**self.session.meta.model_dump(), **fields})
        if meta == self.session.meta:
            return
        self._check_not_final()
        self.session.meta = meta
        self.session.touch()
        self.save()

    def set_decision(self, decision: Decision) -> None:
        """The decision part (ställningstagande, motivering, beslutsfattare, datum)."""
        if decision == self.session.decision:
            return
        self._check_not_final()
        self.session.set_decision(decision.model_copy(update={"final": None}))
        self.save()

    def finalise_problem(self) -> str | None:
        """What keeps the assessment from being fastställd (an i18n key), or None."""
        return decision_problem(self.session.decision, self.verdict.outcome)

    def finalise(self) -> None:
        """Mark the assessment fastställd and save; from then on nothing changes. Raises
        SessionError naming what is missing (ask `finalise_problem()` first)."""
        self._check_not_final()
        problem = self.finalise_problem()
        if problem is not None:
            raise SessionError(f"cannot be made final: {problem}")
        self.session.decision = self.session.decision.model_copy(update={"final": now()})
        self.session.touch()
        self.save()

    def new_copy(self) -> Path:
        """A changeable copy of a fastställd assessment, saved as a new file and edited
        from now on (the decision is kept as a draft; the final file is never written)."""
        original = self.session
        copy = original.model_copy(deep=True)
        copy.decision = copy.decision.model_copy(update={"final": None})
        copy.created = copy.updated = now()
        self.session = copy
        try:
            return self.save_copy()
        except BaseException:
            self.session = original
            raise

    def save(self, *, force: bool = False) -> None:
        """Save now (the first save of a new session or example copy creates its file).

        Raises store.ConflictError when the file changed on disk since it was read (the app
        asks, then calls `save(force=True)` or `save_copy()`), LockedError when another
        instance took the session after `close()`, SessionError when the disk refuses.
        """
        if self.read_only:
            self.unsaved = True
            return
        try:
            self._write(force)
        except BaseException as exc:
            # The change stays in memory and counts as unsaved until a later save works.
            self.unsaved = True
            self.save_error = str(exc)
            raise
        self.unsaved = False
        self.save_error = None
        if self.on_saved is not None and self.handle is not None:
            self.on_saved(self.handle.path)

    def _write(self, force: bool) -> None:
        # From now on the file says it was saved against the installed checklist (the
        # notice about what changed since the previous version is in `self.changes`).
        self.session.record_checklist(self.checklist)
        if self.handle is None:
            self.handle = store.create(self.directory, self.session, private=self._private_dir)
            # The new file is ours from now on; a lock we cannot get here (a read-only
            # folder cannot happen: we just wrote there) must not turn a save into an error.
            with contextlib.suppress(LockError):
                self._lock = lock.acquire(self.handle.path)
        else:
            if self._lock is None:  # after close(): never write without holding the lock
                self._lock = lock.acquire(self.handle.path)
            store.save(self.handle, self.session, force=force)
            self._tighten()

    def _tighten(self) -> None:
        """The sessions folder is private (0700) whenever we touch a session in it."""
        if self.handle is not None and self.handle.path.parent == self.directory:
            store.tighten_private_dir(self.directory)

    def save_copy(self, directory: Path | None = None) -> Path:
        """Save as a new file in the sessions directory (or in `directory`, a folder the
        user chose, which must exist and keeps its rights) and go on editing that one: the
        way out when the original changed on disk, is open elsewhere (also from read-only),
        or its folder cannot be written."""
        before = (self.handle, self._lock, self.read_only, self.directory, self._private_dir)
        self.handle, self._lock, self.read_only = None, None, False
        if directory is not None:
            self.directory, self._private_dir = directory, False
        try:
            self.save()
        except BaseException:
            (self.handle, self._lock, self.read_only, self.directory, self._private_dir) = before
            raise
        if before[1] is not None:
            before[1].release()
        self.unsaved = False
        assert self.handle is not None
        return self.handle.path

    # ------------------------------------------------------------------ reports

    def digest(self) -> str:
        """SHA-256 of the session file as saved, or "" when the session in memory is not
        exactly what the file holds (no file yet, or read-only changes)."""
        from .report import session_digest

        if self.path is None or self.unsaved:
            return ""
        try:
            return session_digest(store.read_bytes(self.path))
        except SessionError:
            return ""

    def export_documents(self, kind: str, reports: Path) -> list[Path]:
        """Write a document (tjänsteskrivelse or IOP-avtal) as Word and Markdown into
        `reports`, named after the session file (or the title); returns the paths."""
        from .documents import FILE_STEMS, render_document, to_docx
        from .report import write_text

        text = render_document(kind, self.checklist, self.session, session_sha256=self.digest())
        stem = safe_stem((self.path.stem if self.path else self.session.meta.title) or "bedomning")
        base = reports / f"{stem}-{FILE_STEMS[kind]}"
        docx = base.with_suffix(".docx")
        md = base.with_suffix(".md")
        title = text.split("\n", 1)[0].lstrip("# ")
        write_text(docx, to_docx(text, title=title), create_dir=True)
        write_text(md, text.encode("utf-8"), create_dir=True)
        return [docx, md]

    def export(self, fmt: str, reports: Path, *, long: bool = False) -> tuple[Path, bool]:
        """Write the report into the folder `reports`; returns its path and whether it
        replaced an earlier file there.

        A saved session's report is named after its file (unique in the sessions folder),
        so exporting it again replaces its own report. A session without a file gets a free
        name once, remembered while this assessment lives: never another session's report.
        """
        from .report import default_export_path, unsaved_export_path, write_report

        key = f"{fmt}-long" if long else fmt
        if self.path is not None:
            target = default_export_path(self.path, fmt, reports)
        else:
            target = self._unsaved_reports.get(key) or unsaved_export_path(
                self.session.meta.title or "bedomning", fmt, reports
            )
            self._unsaved_reports[key] = target
        if long:  # the appendix: beside the short report, "-bilaga" in its name
            target = target.with_name(f"{target.stem}-bilaga{target.suffix}")
        replaced = target.exists()
        path = write_report(
            self.checklist,
            self.session,
            fmt,
            target,
            create_dir=True,
            long=long,
            session_sha256=self.digest(),
        )
        return path, replaced

    # ------------------------------------------------------------------ closing

    @property
    def locked(self) -> bool:
        """True while this assessment holds its session's lock."""
        return self._lock is not None and self._lock.held

    def close(self) -> None:
        """Release the session's lock (harmless to call twice). A later save takes it again."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Assessment:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, directory: Path, *, read_only: bool = False) -> Assessment:
        """Open a saved session. Unless `read_only`, takes its lock first: raises
        LockedError (with pid and host) when another instance has it open; the app may then
        offer `Assessment.open(path, directory, read_only=True)`, which never writes."""
        from . import catalog

        held = None if read_only else lock.acquire(path)
        try:
            handle, session = store.Handle.open(path)
            checklist = catalog.for_session(session.checklist, path)
        except BaseException:
            if held is not None:
                held.release()  # a damaged file leaves no lock file behind
            raise
        opened = cls(
            checklist,
            session,
            handle=handle,
            directory=directory,
            read_only=read_only,
            held=held,
        )
        if not read_only:
            opened._tighten()
        return opened

    @classmethod
    def from_example(cls, path: Path, directory: Path) -> Assessment:
        """A copy of a shipped example: saved as a new session on the first change, so the
        example itself is never written and reopening it starts fresh."""
        from . import catalog

        session = store.load(path)
        session.created = session.updated = now()
        return cls(
            catalog.for_session(session.checklist, path), session, handle=None, directory=directory
        )

    @classmethod
    def new(
        cls, checklist: Checklist, directory: Path, *, perspective: str = "kommun", **meta: str
    ) -> Assessment:
        session = Session.new(checklist, **meta)
        if perspective == "organisation":
            session.perspective = "organisation"
        return cls(checklist, session, handle=None, directory=directory)


def delete_session(path: Path) -> None:
    """Delete a saved session, unless another instance has it open.

    Takes the session's lock first, as opening does: raises LockedError (naming pid, host
    and since when) when another live process holds it, so a session is never deleted from
    under someone editing it. A stale lock is taken over; the lock file goes with the lock.
    A lock this process holds itself (the session is open here) does not stop it: the
    caller decides that (the app refuses to delete the session it has open).
    """
    with lock.acquire(path):
        store.delete(path)
