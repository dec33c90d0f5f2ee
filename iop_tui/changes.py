"""What changed in a checklist since a session was last saved against it.

A session file cannot hold the old checklist, so it holds a fingerprint of each question's
wording (`[fingerprints]`, written on every save). Comparing those with the installed
checklist tells which questions were added, removed or reworded. Answers are kept by question
id whatever changed; the verdict is always recomputed against the installed checklist.

Only the question text is fingerprinted: a new help text, source or weight is not a reason to
doubt an answer, a new wording is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .checklist import Checklist
from .i18n import tr
from .session import Session


@dataclass(frozen=True, slots=True)
class ChecklistChanges:
    checklist: str
    old_version: str | None  # as saved in the session (None: not recorded)
    new_version: str  # installed
    added: tuple[str, ...] = ()  # in the installed checklist's order
    removed: tuple[str, ...] = ()  # in the order the session recorded them
    reworded: tuple[str, ...] = ()
    #: The checklist's change notes for the versions since the session's (e.g. which
    #: question kept the old id's meaning when one was split in two).
    notes: tuple[str, ...] = ()
    #: False: the session has no fingerprints (written by hand or before they existed), so
    #: only the version numbers can be compared.
    detailed: bool = True

    @property
    def version_changed(self) -> bool:
        return self.old_version is not None and self.old_version != self.new_version

    @property
    def changed(self) -> bool:
        """Whether there is anything to tell the user."""
        if self.detailed:
            return bool(self.added or self.removed or self.reworded or self.notes)
        return self.version_changed

    def describe(self) -> str:
        """One paragraph in the UI language for the person opening the session ('' when
        nothing changed)."""
        if not self.changed:
            return ""
        if not self.detailed:
            return " ".join(
                [
                    tr(
                        "changes.undetailed",
                        checklist=self.checklist,
                        old=self.old_version,
                        new=self.new_version,
                    ),
                    *self.notes,
                    tr("changes.recomputed"),
                ]
            )
        if self.version_changed:
            intro = tr(
                "changes.intro",
                checklist=self.checklist,
                old=self.old_version,
                new=self.new_version,
            )
        else:
            intro = tr("changes.intro_same", checklist=self.checklist, new=self.new_version)
        parts = [intro]
        for key, ids in (
            ("changes.added", self.added),
            ("changes.removed", self.removed),
            ("changes.reworded", self.reworded),
        ):
            if ids:
                parts.append(tr(key, n=len(ids), ids=", ".join(ids)))
        parts += self.notes
        parts.append(tr("changes.recomputed"))
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "added": list(self.added),
            "removed": list(self.removed),
            "reworded": list(self.reworded),
            "detailed": self.detailed,
            "notes": list(self.notes),
        }


def changes_since(session: Session, checklist: Checklist) -> ChecklistChanges:
    """Compare what the session was last saved against with the installed `checklist`."""
    old = session.fingerprints
    notes: tuple[str, ...] = ()
    if session.checklist_version not in (None, checklist.version):
        notes = tuple(n.text for n in checklist.notes_since(session.checklist_version))
    if not old:
        return ChecklistChanges(
            checklist=checklist.id,
            old_version=session.checklist_version,
            new_version=checklist.version,
            detailed=False,
            notes=notes,
        )
    now = {q.id: q.fingerprint() for q in checklist.questions}
    return ChecklistChanges(
        checklist=checklist.id,
        old_version=session.checklist_version,
        new_version=checklist.version,
        added=tuple(qid for qid in now if qid not in old),
        removed=tuple(qid for qid in old if qid not in now),
        reworded=tuple(qid for qid in now if qid in old and old[qid] != now[qid]),
        notes=notes,
    )


def closest_question(qid: str, checklist: Checklist) -> str | None:
    """The checklist's question id most like `qid` (a misspelt id in a hand-edited file),
    or None when none is close."""
    import difflib

    found = difflib.get_close_matches(qid, [q.id for q in checklist.questions], n=1, cutoff=0.6)
    return found[0] if found else None


def describe_unknown(unknown: list[str], checklist: Checklist) -> str:
    """ "unknown question ids (not judged): marknad_pris (did you mean …?)", in the UI's
    language: the same words on the command line and in the app."""
    parts = []
    for qid in unknown:
        guess = closest_question(qid, checklist)
        parts.append(tr("unknown.guess", id=qid, guess=guess) if guess else qid)
    return tr("unknown.ids", ids=", ".join(parts))
