"""The session: what a person did (answers, notes, meta). Nothing derived is trusted.

File format (TOML), schema 1:

    schema = 1
    checklist = "bollebygd"
    checklist_version = "1.0"      # written by the app; optional in hand-written files
    created = 2026-03-02T09:15:00Z
    updated = 2026-03-02T09:40:00Z
    [meta]      title, organisation, organisationsnummer, forvaltning, assessor,
                diarienummer (all optional)
    [answers]   question id = "yes" | "no" | "unsure"
    [notes]     question id = free text
    [decision]  form, motivering, decided_by, date, final (all optional; issue 13)
    history     one line per answer change: "WHEN QID: OLD → NEW (BY)" (optional)
    [fingerprints]  question id = fingerprint of its wording (optional; written by the app)
    perspective     "kommun" (the default, not written) | "organisation" (issue 14)
    [handoff]   from_organisation: ids whose answer the organisation gave and the officer has
                not yet confirmed or changed; source, received (optional; issue 14)

Every table and field added since the first release is optional, so older files load
unchanged and the schema number stays 1. `history` and `decision` are what a person did
(the verdict is still never stored): the engine never reads them.

A `[cache]` table (outcome, progress and a key for the sessions list) was written by earlier
versions of the app. It is read past and never written: the next save leaves it out. What
the list needs now lives in its index (see listing.py).

`fingerprints` covers every question of the checklist version the session was last saved
against, so that opening it against a newer checklist can say which questions were added,
removed or reworded (see changes.py). Files without it still load (schema stays 1).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from typing import Any, Final, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .checklist import Answer, Checklist, Outcome, Perspective
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


_ORGNR = re.compile(r"(?:16)?(\d{6})-?(\d{4})")


def luhn_ok(digits: str) -> bool:
    """The Luhn check (mod 10) over a string of digits, check digit last."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def orgnr_problem(text: str) -> str | None:
    """Why `text` is not a valid Swedish organisationsnummer (10 digits, NNNNNN-NNNN, the
    last a Luhn check digit; a leading "16" is allowed), or None when it is (or is empty)."""
    text = text.strip()
    if not text:
        return None
    m = _ORGNR.fullmatch(text.replace(" ", ""))
    if m is None:
        return "orgnr.format"
    if not luhn_ok(m.group(1) + m.group(2)):
        return "orgnr.check_digit"
    return None


def normalise_orgnr(text: str) -> str:
    """`5560000001`, `16556000-0001` or ` 556000-0001 ` → `556000-0001` (when valid)."""
    m = _ORGNR.fullmatch(text.strip().replace(" ", ""))
    return f"{m.group(1)}-{m.group(2)}" if m else text.strip()


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = ""
    organisation: str = ""
    #: NNNNNN-NNNN with a valid check digit, or "" (validated on load and on edit).
    organisationsnummer: str = ""
    #: The förvaltning or nämnd that owns the ärende ("Kultur- och fritidsförvaltningen").
    forvaltning: str = ""
    assessor: str = ""
    diarienummer: str = ""

    @field_validator("organisationsnummer")
    @classmethod
    def _orgnr(cls, value: str) -> str:
        problem = orgnr_problem(value)
        if problem == "orgnr.format":
            raise ValueError("must be an organisationsnummer like 802000-1234")
        if problem == "orgnr.check_digit":
            raise ValueError("the check digit (the last digit) does not match")
        return normalise_orgnr(value) if value.strip() else ""


class Decision(BaseModel):
    """The decision part: what the kommun chose, who decided, when; and whether the
    assessment is fastställd (final: read-only from then on, a copy can be made)."""

    model_config = ConfigDict(extra="forbid")

    #: The ställningstagande: the form chosen (may differ from the tool's verdict; then a
    #: motivering is required before the assessment can be fastställd).
    form: Outcome | None = None
    motivering: str = ""
    #: Beslutsfattare / godkänd av.
    decided_by: str = ""
    date: dt.date | None = None
    #: When the assessment was marked fastställd; None while it can still be changed.
    final: dt.datetime | None = None

    @field_validator("final")
    @classmethod
    def _utc(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value

    def is_empty(self) -> bool:
        return self == Decision()


def decision_problem(decision: Decision, verdict_outcome: str) -> str | None:
    """What keeps a decision from being fastställd, as an i18n key, or None."""
    if decision.form is None:
        return "decision.need_form"
    if decision.form is not verdict_outcome and not decision.motivering.strip():
        return "decision.need_motivering"
    if not decision.decided_by.strip():
        return "decision.need_decided_by"
    if decision.date is None:
        return "decision.need_date"
    return None


_NO_ANSWER: Final = "-"
#: One answer change: "2026-03-02T09:15:00Z org_juridisk_person: - → yes (Eva Handläggare)".
_HISTORY_LINE: Final = re.compile(
    r"(?P<at>\S+) (?P<qid>[^\s:]+): (?P<old>yes|no|unsure|-) → (?P<new>yes|no|unsure|-)"
    r"(?: \((?P<by>.*)\))?"
)
#: Changes to the same question by the same person within this many seconds are one change
#: (a slip of the key corrected at once is not worth a line in the file).
MERGE_SECONDS: Final = 60


class History(BaseModel):
    """`[history]` in the file: `answers` holds one line per answer change, oldest first."""

    model_config = ConfigDict(extra="forbid")

    answers: list[str] = Field(default_factory=list)

    @field_validator("answers")
    @classmethod
    def _lines(cls, value: list[str]) -> list[str]:
        for line in value:
            AnswerChange.parse(line)  # raises ValueError naming the line
        return value


@dataclass(frozen=True, slots=True)
class AnswerChange:
    at: dt.datetime
    question_id: str
    old: Answer | None
    new: Answer | None
    by: str

    def line(self) -> str:
        old = self.old.value if self.old else _NO_ANSWER
        new = self.new.value if self.new else _NO_ANSWER
        at = self.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        by = " ".join(self.by.split()).replace("\x00", "")
        return f"{at} {self.question_id}: {old} → {new}" + (f" ({by})" if by else "")

    @classmethod
    def parse(cls, line: str) -> AnswerChange:
        m = _HISTORY_LINE.fullmatch(line)
        if m is None:
            raise ValueError(f"not a history line: {shorten(line)}")
        try:
            at = dt.datetime.fromisoformat(m["at"])
        except ValueError:
            raise ValueError(f"not a date and time: {shorten(m['at'])}") from None
        if at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)

        def ans(v: str) -> Answer | None:
            return None if v == _NO_ANSWER else Answer(v)

        return cls(at, m["qid"], ans(m["old"]), ans(m["new"]), m["by"] or "")


class Handoff(BaseModel):
    """`[handoff]`: an assessment that started from an organisation's own check. Each id in
    `from_organisation` is an answer "uppgett av organisationen" until the officer answers
    that question (the same answer confirms it)."""

    model_config = ConfigDict(extra="forbid")

    from_organisation: list[str] = Field(default_factory=list)
    #: The organisation's session file it came from (its name), and when it was taken in.
    source: str = ""
    received: dt.datetime | None = None

    def is_empty(self) -> bool:
        return self == Handoff()


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
    decision: Decision = Field(default_factory=Decision)
    #: Answer changes, oldest first (see `History`); never judged.
    history: History = Field(default_factory=lambda: History())
    fingerprints: dict[str, str] = Field(default_factory=dict)
    #: Whose check this is: the kommun officer's (default; older files) or the
    #: organisation's own (issue 14). Chooses the checklist's wording and next steps.
    perspective: Perspective = "kommun"
    handoff: Handoff = Field(default_factory=Handoff)

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

    @property
    def final(self) -> bool:
        """Fastställd: nothing may change any more (make a copy to go on)."""
        return self.decision.final is not None

    def _check_not_final(self) -> None:
        if self.final:
            raise SessionError(
                "the assessment is fastställd (final) and cannot be changed; make a copy"
            )

    def from_organisation(self, qid: str) -> bool:
        """The answer to `qid` is the organisation's, not yet confirmed by the officer."""
        return qid in self.handoff.from_organisation

    def set_answer(self, qid: str, answer: Answer | None) -> None:
        self._check_not_final()
        old = self.answers.get(qid)
        if qid in self.handoff.from_organisation and answer is not None:
            # Answering it, the same way or not, makes it the officer's own answer.
            self.handoff.from_organisation.remove(qid)
            self.touch()
        if old == answer:
            return
        if answer is None:
            self.answers.pop(qid, None)
        else:
            self.answers[qid] = answer
        self.touch()
        self._record(qid, old, answer)

    def _record(self, qid: str, old: Answer | None, new: Answer | None) -> None:
        by = " ".join(self.meta.assessor.split())
        lines = self.history.answers
        if lines:
            last = AnswerChange.parse(lines[-1])
            quick = (self.updated - last.at).total_seconds() <= MERGE_SECONDS
            if quick and last.question_id == qid and last.by == by:
                lines.pop()
                if last.old == new:
                    return  # changed and changed back at once: nothing happened
                old = last.old
        lines.append(AnswerChange(self.updated, qid, old, new, by).line())

    def answer_history(self, qid: str | None = None) -> list[AnswerChange]:
        """The recorded changes (of one question, or all), oldest first."""
        changes = [AnswerChange.parse(line) for line in self.history.answers]
        return [c for c in changes if qid is None or c.question_id == qid]

    def set_decision(self, decision: Decision) -> None:
        self._check_not_final()
        self.decision = decision
        self.touch()

    def set_note(self, qid: str, note: str) -> None:
        self._check_not_final()
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
        if not self.decision.is_empty():
            decision = self.decision.model_dump(mode="python", exclude_defaults=True)
            if self.decision.form is not None:
                decision["form"] = self.decision.form.value
            data["decision"] = decision
        if self.history.answers:
            data["history"] = {"answers": list(self.history.answers)}
        if self.perspective != "kommun":  # the default is left out: older readers load it
            data["perspective"] = self.perspective
        if not self.handoff.is_empty():
            handoff: dict[str, Any] = {"from_organisation": list(self.handoff.from_organisation)}
            if self.handoff.source:
                handoff["source"] = self.handoff.source
            if self.handoff.received is not None:
                handoff["received"] = self.handoff.received
            data["handoff"] = handoff
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
    if err["type"] == "value_error":
        return f"{loc}: {err.get('ctx', {}).get('error', err['msg'])}"
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
