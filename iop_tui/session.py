"""The session: what a person did (answers, notes, meta). Nothing derived is trusted.

File format (TOML), schema 1:

    schema = 1
    checklist = "bollebygd"
    checklist_version = "1.0"      # written by the app; optional in hand-written files
    created = 2026-03-02T09:15:00Z
    updated = 2026-03-02T09:40:00Z
    [meta]      title, organisation, assessor, diarienummer (all optional)
    [answers]   question id = "yes" | "no" | "unsure"
    [notes]     question id = free text
    [fingerprints]  question id = fingerprint of its wording (optional; written by the app)

A `[cache]` table (outcome, progress and a key for the sessions list) was written by earlier
versions of the app. It is read past and never written: the next save leaves it out. What
the list needs now lives in its index (see listing.py).

`fingerprints` covers every question of the checklist version the session was last saved
against, so that opening it against a newer checklist can say which questions were added,
removed or reworded (see changes.py). Files without it still load (schema stays 1).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any, Final, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checklist import Answer, Checklist
from .errors import SessionError, shorten

SCHEMA: Final = 1


#: Dates a session may hold. A day's margin on each side of datetime's own range: every
#: reader shows them in some time zone (Swedish time, the local one), and 9999-12-31 late
#: in the evening, or year 1 west of UTC, cannot be converted (OverflowError).
MIN_YEAR, MAX_YEAR = 2, 9998


def in_range(value: dt.datetime) -> bool:
    """Whether the aware `value` lies within MIN_YEAR..MAX_YEAR in UTC."""
    try:
        year = value.astimezone(dt.UTC).year
    except (OverflowError, ValueError):
        return False
    return MIN_YEAR <= year <= MAX_YEAR


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def kept_note(text: str) -> str:
    """A note as a session keeps it: one of only blanks is no note at all."""
    return text if text.strip() else ""


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = ""
    organisation: str = ""
    assessor: str = ""
    diarienummer: str = ""


class Session(BaseModel):
    """Mutable on purpose: the app edits one in place and saves it through the store."""

    schema_: Literal[1] = Field(default=SCHEMA, alias="schema")
    checklist: str = Field(min_length=1)
    checklist_version: str | None = None
    created: dt.datetime = Field(default_factory=now)
    updated: dt.datetime = Field(default_factory=now)
    meta: Meta = Field(default_factory=Meta)
    answers: dict[str, Answer] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    fingerprints: dict[str, str] = Field(default_factory=dict)

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)

    @field_validator("created", "updated")
    @classmethod
    def _utc(cls, value: dt.datetime) -> dt.datetime:
        # Hand-written files may give a local datetime or a bare date (`created = 2026-03-02`):
        # read as UTC, so that saving writes back the same moment and times compare.
        value = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        if not in_range(value):
            raise ValueError(f"date out of range (years {MIN_YEAR} to {MAX_YEAR})")
        return value

    @classmethod
    def new(cls, checklist: Checklist, **meta: str) -> Session:
        return cls(checklist=checklist.id, checklist_version=checklist.version, meta=Meta(**meta))

    def set_answer(self, qid: str, answer: Answer | None) -> None:
        if answer is None:
            self.answers.pop(qid, None)
        else:
            self.answers[qid] = answer
        self.touch()

    def set_note(self, qid: str, note: str) -> None:
        if kept_note(note):
            self.notes[qid] = note
        else:
            self.notes.pop(qid, None)
        self.touch()

    def touch(self) -> None:
        self.updated = now()

    def unknown_questions(self, checklist: Checklist) -> list[str]:
        """Ids in answers or notes that the checklist lacks (reported, never dropped)."""
        ids = dict.fromkeys([*self.answers, *self.notes])
        return [qid for qid in ids if not checklist.has_question(qid)]

    def to_toml(self) -> str:
        data: dict[str, Any] = {
            "schema": SCHEMA,
            "checklist": self.checklist,
        }
        if self.checklist_version is not None:
            data["checklist_version"] = self.checklist_version
        data["created"] = self.created
        data["updated"] = self.updated
        data["meta"] = {k: v for k, v in self.meta.model_dump().items() if v}
        data["answers"] = {k: v.value for k, v in self.answers.items()}
        data["notes"] = dict(self.notes)
        if self.fingerprints:  # last: long and of no interest to a person reading the file
            data["fingerprints"] = dict(self.fingerprints)
        return tomli_w.dumps(data)

    def record_checklist(self, checklist: Checklist) -> None:
        """Note the checklist version and wording this session is now saved against."""
        self.checklist_version = checklist.version
        self.fingerprints = {q.id: q.fingerprint() for q in checklist.questions}


def _describe(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err["loc"]) or "(file)"
    if len(loc) > 80:  # keys come from the file and may be absurdly long
        loc = loc[:79] + "…"
    if err["type"] == "enum" and loc.startswith("answers."):
        return f"{loc}: answer must be yes, no or unsure, not {shorten(err['input'])}"
    if err["type"] == "missing":
        return f"{loc}: required field is missing"
    if err["type"] == "extra_forbidden":
        return f"{loc}: unknown field"
    # Plain words for the mistakes people make when editing a session by hand.
    kind = _EXPECTED.get(err["type"]) or next(
        (text for prefix, text in _EXPECTED.items() if err["type"].startswith(prefix)), None
    )
    if kind:
        return f"{loc}: must be {kind}, not {shorten(err.get('input'))}"
    if err["type"] == "value_error":  # raised by our own validators: the reason as given
        return f"{loc}: {str(err['msg']).removeprefix('Value error, ')}"
    return f"{loc}: {err['msg']}"


_EXPECTED = {
    "string_type": "text (in quotes)",
    "string_too_short": "non-empty text",
    "dict_type": "a table of id = value",
    "model_type": "a table",
    "datetime": "a date and time like 2026-03-02T09:15:00Z",
}


def parse_session(text: str, origin: str) -> Session:
    """Parse session TOML. Every failure becomes one SessionError line naming `origin`."""
    if not text.strip():
        raise SessionError(f"{origin}: the file is empty")
    if "\x00" in text:
        raise SessionError(f"{origin}: not a session file (binary content)")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SessionError(f"{origin}: invalid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses per nesting level and has no limit of its own
        raise SessionError(f"{origin}: not a session file (nested too deeply)") from None
    schema = raw.get("schema")
    if schema is None:
        raise SessionError(f"{origin}: not a session file (no 'schema' field)")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise SessionError(
            f"{origin}: 'schema' must be a number like {SCHEMA}, not {shorten(schema)}"
        )
    if schema > SCHEMA:
        raise SessionError(
            f"{origin}: written by a newer iop-tui (session schema {schema}; "
            f"this version reads {SCHEMA}): update iop-tui to open it"
        )
    if schema != SCHEMA:
        raise SessionError(f"{origin}: unknown session schema {schema}")
    # The sessions list's `[cache]` table that earlier versions wrote: derived, never read.
    cache = raw.pop("cache", {})
    if not isinstance(cache, dict):
        raise SessionError(f"{origin}: cache: must be a table (it may be deleted)")
    try:
        return Session.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = len(exc.errors()) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise SessionError(f"{origin}: {_describe(dict(first))}{suffix}") from None
