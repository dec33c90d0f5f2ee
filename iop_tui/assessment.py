"""An assessment in progress: a checklist, a session and where it is saved.

This is the only object the screens change. It is pure Python (no Textual): the app sends
intent here (answer, note, meta) and renders what it reads back (applicable questions,
position, verdict). Every change is saved at once through the store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from . import store
from .checklist import Answer, Checklist, Question
from .engine import Verdict, applicable_questions, judge
from .session import Meta, Session, now


class Assessment:
    def __init__(
        self,
        checklist: Checklist,
        session: Session,
        *,
        handle: store.Handle | None,
        directory: Path,
        read_only: bool = False,
    ) -> None:
        self.checklist = checklist
        self.session = session
        self.handle = handle  # None until the first change is saved (examples, new sessions)
        self.directory = directory
        self.read_only = read_only
        self._applicable: list[Question] | None = None
        self._verdict: Verdict | None = None
        #: Called after every successful save (the app shows a small "saved" hint).
        self.on_saved: Callable[[Path], None] | None = None

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

    def answer(self, qid: str, answer: Answer | None) -> None:
        if self.session.answers.get(qid) == answer:
            return
        self.session.set_answer(qid, answer)
        self._changed()

    def note(self, qid: str, text: str) -> None:
        if self.note_of(qid) == (text if text.strip() else ""):
            return
        self.session.set_note(qid, text)
        self.save()

    def set_meta(self, **fields: str) -> None:
        meta = Meta(**{**self.session.meta.model_dump(), **fields})
        if meta == self.session.meta:
            return
        self.session.meta = meta
        self.session.touch()
        self.save()

    def save(self, *, force: bool = False) -> None:
        """Save now (the first save of a new session or example copy creates its file)."""
        if self.read_only:
            return
        if self.handle is None:
            self.handle = store.create(self.directory, self.session)
        else:
            store.save(self.handle, self.session, force=force)
        if self.on_saved is not None:
            self.on_saved(self.handle.path)

    def save_as_copy(self) -> Path:
        """Save under a new file name (used when the original changed on disk)."""
        self.handle = store.create(self.directory, self.session)
        return self.handle.path

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, directory: Path, *, read_only: bool = False) -> Assessment:
        from . import catalog

        handle, session = store.Handle.open(path)
        return cls(
            catalog.for_session(session.checklist, path),
            session,
            handle=handle,
            directory=directory,
            read_only=read_only,
        )

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
    def new(cls, checklist: Checklist, directory: Path, **meta: str) -> Assessment:
        return cls(checklist, Session.new(checklist, **meta), handle=None, directory=directory)
