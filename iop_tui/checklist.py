"""Checklist schema (pydantic) and loader with author-friendly errors.

A checklist is data: a TOML file validated here. Question ids are a public contract
(saved sessions refer to them), so the loader checks uniqueness and every reference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import sys
import tomllib
from collections.abc import Iterable, Mapping
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from .errors import ChecklistError


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Outcome(StrEnum):
    """The built-in outcomes: the default set, used by every assessment checklist. A
    checklist may declare its own (a follow-up: continue, adjust, end); see docs/adr/0006."""

    IOP = "iop"
    FORENINGSBIDRAG = "foreningsbidrag"
    UPPHANDLING = "upphandling"
    OKLART = "oklart"


#: The built-in outcomes that weights can favour; `oklart` is reached by rules, never by
#: points (in every outcome set).
SCORED_OUTCOMES: tuple[Outcome, ...] = (Outcome.IOP, Outcome.FORENINGSBIDRAG, Outcome.UPPHANDLING)
BUILTIN_OUTCOMES: tuple[Outcome, ...] = (*SCORED_OUTCOMES, Outcome.OKLART)
_BUILTIN_BY_VALUE: dict[str, Outcome] = {o.value: o for o in BUILTIN_OUTCOMES}


def _canonical_outcome(value: str) -> str:
    """A built-in id becomes its `Outcome` member, any other is interned: equal outcome ids
    are then the same object, so the engine may compare them with `is` (it does, per key)."""
    return _BUILTIN_BY_VALUE.get(value) or sys.intern(value)


#: An outcome id: a built-in one or one the checklist declares in [[outcomes]] (checked by
#: the loader). Typed `str`; `outcome_value()` gives the plain string.
OutcomeId = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$", max_length=64, examples=[o.value for o in BUILTIN_OUTCOMES]
    ),
    AfterValidator(_canonical_outcome),
]


def outcome_value(outcome: str) -> str:
    """The plain string of an outcome id (the value of a built-in member)."""
    return outcome.value if isinstance(outcome, Outcome) else outcome


Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
Text = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Signal(_Model):
    """A weight towards (positive) or against (negative) one outcome."""

    outcome: OutcomeId
    weight: int = Field(ge=-10, le=10)
    reason: Text | None = None


class Stop(_Model):
    """`exclude` rules an outcome out; `require` makes it necessary (`oklart`: legal review)."""

    rule: Literal["exclude", "require"]
    outcome: OutcomeId
    reason: Text | None = None


class Flag(_Model):
    """A legal-review flag: it names the forms it `blocks` (a verdict for one of them needs
    legal review first). `toward` (the forms it does not block) is the older spelling."""

    reason: Text
    blocks: tuple[OutcomeId, ...] | None = None
    toward: tuple[OutcomeId, ...] | None = None

    def blocked_in(self, scored: tuple[str, ...]) -> tuple[str, ...]:
        """What it blocks among a checklist's scored outcomes."""
        if self.blocks is not None:
            return tuple(o for o in scored if o in self.blocks)
        allowed = set(self.toward or ())
        return tuple(o for o in scored if o not in allowed)

    def allowed_in(self, scored: tuple[str, ...]) -> tuple[str, ...]:
        blocked = self.blocked_in(scored)
        return tuple(o for o in scored if o not in blocked)

    @property
    def blocked(self) -> tuple[str, ...]:
        """`blocked_in` the built-in outcomes."""
        return self.blocked_in(SCORED_OUTCOMES)

    @property
    def allowed(self) -> tuple[str, ...]:
        return self.allowed_in(SCORED_OUTCOMES)


class Advice(_Model):
    """An extra next step that an answer adds, for the listed outcomes (all when empty)."""

    text: Text
    outcomes: tuple[OutcomeId, ...] = ()


class Effects(_Model):
    """What choosing one answer option does."""

    reason: Text | None = None  # default reason for the signals and stops below
    signals: tuple[Signal, ...] = ()
    stops: tuple[Stop, ...] = ()
    flag: Flag | None = None
    advice: tuple[Advice, ...] = ()
    #: Questions this answer settles: an unanswered or "osäker" answer to each counts as
    #: the given answer (e.g. a registration that proves the criteria it was tested for).
    settles: dict[str, Answer] = Field(default_factory=dict)

    def signal_reason(self, item: Signal | Stop) -> str:
        return item.reason or self.reason or ""


class Clause(_Model):
    """`question` has (`is`) or has not (`is_not`) one of the answers; unanswered is neither."""

    question: Id
    is_: tuple[Answer, ...] = Field(default=(), alias="is")
    is_not: tuple[Answer, ...] = ()

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def holds(self, answer: Answer | None) -> bool:
        if self.is_ and answer not in self.is_:
            return False
        return not (self.is_not and answer in self.is_not)


class Condition(_Model):
    """Shown when every `all` clause holds and, if `any` is given, at least one of those."""

    all: tuple[Clause, ...] = ()
    any: tuple[Clause, ...] = ()

    def holds(self, answers: Mapping[str, Answer]) -> bool:
        if not all(c.holds(answers.get(c.question)) for c in self.all):
            return False
        return not self.any or any(c.holds(answers.get(c.question)) for c in self.any)

    def questions(self) -> Iterable[str]:
        for clause in (*self.all, *self.any):
            yield clause.question


class OrgText(_Model):
    """The question as the organisation reads it (its own check before contacting the
    kommun): a plain-words text and help; what is not given falls back to the shared one."""

    text: Text | None = None
    help: Text | None = None


class Question(_Model):
    id: Id
    text: Text
    help: Text
    #: Wording for the organisation perspective (optional; see `Checklist.for_perspective`).
    org: OrgText | None = None
    #: Only the kommun can answer it: in the organisation perspective an open answer becomes
    #: an "ask the kommun" point instead of a reason for `oklart`.
    kommun_only: bool = False
    critical: bool = False
    answers: tuple[Answer, ...] = (Answer.YES, Answer.NO, Answer.UNSURE)
    yes: Effects = Effects()
    no: Effects = Effects()
    unsure: Effects = Effects()
    show_if: Condition | None = None
    sources: tuple[Id, ...] = ()
    terms: tuple[Id, ...] = ()
    #: The legal gate this question belongs to (see `Gate`); None: a question of fit.
    gate: Id | None = None

    def effects(self, answer: Answer) -> Effects:
        if answer is Answer.YES:
            return self.yes
        return self.no if answer is Answer.NO else self.unsure

    #: The wording as written in the file, before `{kommunen}` was filled in from the
    #: user's profile: the fingerprint must not change when the profile does.
    _written: str | None = PrivateAttr(default=None)

    def fingerprint(self) -> str:
        """Short hash of the wording, so a session can tell when a question was reworded."""
        return hashlib.sha256((self._written or self.text).encode()).hexdigest()[:12]


class Section(_Model):
    id: Id
    title: Text
    intro: str = ""
    questions: tuple[Question, ...] = ()


class SourceRef(_Model):
    id: Id
    title: Text
    url: str | None = None
    note: str | None = None
    #: When the source was last read against the checklist, and until when it is in force
    #: (an expired riktlinje is data, not prose).
    checked: dt.date | None = None
    valid_until: dt.date | None = None


class Gate(_Model):
    """A legal test that is passed or failed before the forms are weighed, in the order a
    jurist reasons (idéburen? a public contract? lawful support?). A gate question's answer
    decides through its stops and flags; weights only choose among what the gates leave."""

    id: Id
    title: Text
    explanation: Text
    #: Where an undecided verdict leans when a question of this gate fired or could fire.
    lean: OutcomeId | None = None


class Amount(_Model):
    """A dated amount (a threshold, a ceiling) that texts quote as `{belopp:ID}`."""

    id: Id
    label: Text
    value: int = Field(ge=0)
    unit: Literal["kr", "euro"]
    valid_from: dt.date | None = None
    checked: dt.date
    source: Id

    def formatted(self) -> str:
        return f"{self.value:,}".replace(",", "\u00a0") + f" {self.unit}"


class Term(_Model):
    id: Id
    term: Text
    definition: Text
    #: Words in question texts that this entry explains (lower case; the readability
    #: check matches them against the texts, see readability.py).
    words: tuple[Text, ...] = ()


class OutcomeText(_Model):
    """An outcome of the checklist: its id, label, what it means and the next steps."""

    id: OutcomeId
    label: Text
    explanation: Text
    next_steps: tuple[Text, ...] = ()


class Judging(_Model):
    margin: int = Field(default=3, ge=0)
    max_open_critical: int = Field(default=2, ge=0)


class Riktlinje(_Model):
    """The local guideline the checklist follows, with its validity (shown in reports)."""

    title: Text
    reference: str = ""
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    note: str = ""


class Readability(_Model):
    """Plain-language rules for the organisation perspective, checked by `iop-tui check`."""

    #: Highest LIX score a question text or help text may have as the organisation reads it.
    max_lix: int = Field(ge=1, le=100)
    #: Words a layperson would stumble on, beyond the built-in list: each one found in an
    #: organisation text needs a glossary entry on that question (`terms`) naming it.
    jargon: tuple[Text, ...] = ()


class ChangeNote(_Model):
    """What changed in one checklist version, told to sessions saved against an older one
    (e.g. a question split in two: which id kept the old meaning)."""

    version: Text
    text: Text
    questions: tuple[Id, ...] = ()


Perspective = Literal["kommun", "organisation"]
PERSPECTIVES: tuple[Perspective, ...] = ("kommun", "organisation")


class Scenario(_Model):
    name: Text
    expect: OutcomeId
    answers: dict[str, Answer] = Field(default_factory=dict)


# --------------------------------------------------------------------------- translations
# Per-language texts in one trailing section of the file, `[translations.LANG...]`, keyed by
# id and never inside the question tables: the questions can be rewritten and the
# translations catch up later. A text not translated shows in the checklist's own language;
# `missing_translations` lists what is missing (`iop-tui check` prints it as warnings).


class EffectsText(_Model):
    """An answer's texts: `signals`, `stops` and `advice` by position ("" keeps the text
    of that position: a signal without a reason of its own uses the answer's `reason`)."""

    reason: Text | None = None
    signals: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    flag: Text | None = None
    advice: tuple[str, ...] = ()


class QuestionText(_Model):
    #: The fingerprint of the wording that was translated (`Question.fingerprint`): when
    #: the question is reworded, `check` says that its translation needs a look.
    source: str | None = None
    text: Text | None = None
    help: Text | None = None
    yes: EffectsText | None = None
    no: EffectsText | None = None
    unsure: EffectsText | None = None
    #: The organisation perspective's wording (`Question.org`), translated.
    org: OrgText | None = None


class SectionText(_Model):
    title: Text | None = None
    intro: str | None = None


class GateText(_Model):
    title: Text | None = None
    explanation: Text | None = None


class TermText(_Model):
    term: Text | None = None
    definition: Text | None = None
    #: The words that find the entry (the glossary screen's filter), in this language.
    words: tuple[Text, ...] | None = None


class OutcomeTranslation(_Model):
    label: Text | None = None
    explanation: Text | None = None
    next_steps: tuple[Text, ...] | None = None


class RiktlinjeText(_Model):
    title: Text | None = None
    note: str | None = None


class Translation(_Model):
    title: Text | None = None
    notice: str | None = None
    riktlinje: RiktlinjeText | None = None
    sections: dict[str, SectionText] = Field(default_factory=dict)
    questions: dict[str, QuestionText] = Field(default_factory=dict)
    gates: dict[str, GateText] = Field(default_factory=dict)
    glossary: dict[str, TermText] = Field(default_factory=dict)
    outcomes: dict[str, OutcomeTranslation] = Field(default_factory=dict)


class Checklist(_Model):
    id: Id
    title: Text
    version: Text
    language: str = "sv"
    #: Texts in other languages, by language code (see `Translation`).
    translations: dict[str, Translation] = Field(default_factory=dict)
    kommun: Text
    official: bool = True
    notice: str = ""
    riktlinje: Riktlinje
    judging: Judging = Judging()
    gates: tuple[Gate, ...] = ()
    amounts: tuple[Amount, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    glossary: tuple[Term, ...] = ()
    outcomes: tuple[OutcomeText, ...]
    sections: tuple[Section, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    readability: Readability | None = None
    change_notes: tuple[ChangeNote, ...] = ()

    _perspective: str = PrivateAttr(default="kommun")
    _views: dict[str, Checklist] = PrivateAttr(default_factory=dict)
    _questions: tuple[Question, ...] = PrivateAttr(default=())
    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)
    _section_of: dict[str, Section] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        # Indexes computed once: the engine runs per keypress and must not rescan.
        self._questions = tuple(q for s in self.sections for q in s.questions)
        self._by_id = {q.id: q for q in self._questions}
        self._section_of = {q.id: s for s in self.sections for q in s.questions}

    @property
    def questions(self) -> tuple[Question, ...]:
        return self._questions

    def question(self, qid: str) -> Question:
        return self._by_id[qid]

    @cached_property
    def question_ids(self) -> frozenset[str]:
        # A plain attribute once computed: private attributes go through pydantic's
        # __getattr__, which costs more than the lookup itself when listing many sessions.
        return frozenset(self._by_id)

    def has_question(self, qid: str) -> bool:
        return qid in self.question_ids

    def section_of(self, qid: str) -> Section:
        return self._section_of[qid]

    @cached_property
    def outcome_ids(self) -> tuple[str, ...]:
        """The checklist's outcomes, `oklart` last. Exactly the built-in four keep their
        built-in order, whatever order the file gives them in (a public JSON contract)."""
        declared = [o.id for o in self.outcomes]
        if set(declared) == set(BUILTIN_OUTCOMES):
            return BUILTIN_OUTCOMES
        return (*dict.fromkeys(d for d in declared if d is not Outcome.OKLART), Outcome.OKLART)

    @cached_property
    def scored_outcomes(self) -> tuple[str, ...]:
        """The outcomes weights can favour (all but `oklart`), in order: the engine's score
        vector follows it."""
        return self.outcome_ids[:-1]

    @cached_property
    def outcome_index(self) -> dict[str, int]:
        return {o: i for i, o in enumerate(self.scored_outcomes)}

    @property
    def declares_outcomes(self) -> bool:
        """It has outcomes of its own (not only the built-in ones)."""
        return any(o.id not in _BUILTIN_BY_VALUE for o in self.outcomes)

    def outcome(self, outcome: Outcome | str) -> OutcomeText:
        return next(o for o in self.outcomes if o.id == outcome)

    def source(self, sid: str) -> SourceRef:
        return next(s for s in self.sources if s.id == sid)

    def term(self, tid: str) -> Term:
        return next(t for t in self.glossary if t.id == tid)

    def gate(self, gid: str) -> Gate:
        return next(g for g in self.gates if g.id == gid)

    @property
    def perspective(self) -> Perspective:
        return "organisation" if self._perspective == "organisation" else "kommun"

    def for_perspective(self, perspective: str) -> Checklist:
        """The checklist as read from `perspective`: for the organisation, each question's
        `org` text and help replace the shared ones, and a kommun-only question's "osäker"
        has no effect (the kommun answers it; see engine `ask_kommun`). Built once and
        kept; the kommun view is the checklist itself. Fingerprints stay those of the
        shared wording, so a session's change notes do not depend on the perspective."""
        if perspective != "organisation" or self._perspective == "organisation":
            return self
        view = self._views.get(perspective)
        if view is not None:
            return view
        sections = []
        for s in self.sections:
            questions = []
            for q in s.questions:
                update: dict[str, Any] = {}
                if q.org is not None and q.org.text:
                    update["text"] = q.org.text
                if q.org is not None and q.org.help:
                    update["help"] = q.org.help
                if q.kommun_only:
                    update["unsure"] = Effects()
                new = q.model_copy(update=update)
                new._written = q._written or q.text
                questions.append(new)
            sections.append(s.model_copy(update={"questions": tuple(questions)}))
        view = self.model_copy(update={"sections": tuple(sections)})
        view._perspective = "organisation"
        view._views = {}
        view.model_post_init(None)
        view.__dict__.pop("question_ids", None)
        self._views[perspective] = view
        return view

    def notes_since(self, version: str | None) -> tuple[ChangeNote, ...]:
        """Change notes of versions after `version` (all when it is unknown or None), in
        the order the file gives them."""
        versions = [n.version for n in self.change_notes]
        if version is None or version not in versions:
            return tuple(n for n in self.change_notes if n.version != version)
        after = versions.index(version)
        seen = {v for v in versions[: after + 1]}
        return tuple(n for n in self.change_notes if n.version not in seen)


# --------------------------------------------------------------------------- loading


def _line_of(text: str, needle: str) -> int | None:
    """Line number of the first `id = "needle"`, to point authors at the right spot."""
    m = re.search(rf'^\s*id\s*=\s*"{re.escape(needle)}"', text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _where(raw: Mapping[str, Any], loc: tuple[Any, ...]) -> tuple[str, str]:
    """Turn a pydantic error location into (object id, field path) for a message."""
    node: Any = raw
    owner = "checklist"
    path: list[str] = []
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(node, Mapping) and isinstance(node.get("id"), str):
            owner = node["id"]
            path = []
        elif isinstance(part, str):
            path.append(part)
        elif isinstance(node, Mapping) and isinstance(node.get("name"), str):
            owner = f"scenario '{node['name']}'"
            path = []
        else:
            path.append(f"[{part}]")
    return owner, ".".join(path).replace(".[", "[")


_AMOUNT = re.compile(r"\{belopp:([a-z][a-z0-9_]*)\}")
#: Where a text means the user's own kommun (filled from the profile, neutral without one).
KOMMUN_PLACEHOLDER = re.compile(r"\{(kommunen|kommunens|Kommunen|Kommunens)\}")
NEUTRAL_KOMMUN: dict[str, str] = {
    "kommunen": "kommunen",
    "kommunens": "kommunens",
    "Kommunen": "Kommunen",
    "Kommunens": "Kommunens",
}


def _fill_kommun(raw: Any, values: Mapping[str, str]) -> Any:
    if isinstance(raw, str):
        return KOMMUN_PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), raw)
    if isinstance(raw, list):
        return [_fill_kommun(v, values) for v in raw]
    if isinstance(raw, dict):
        return {k: _fill_kommun(v, values) for k, v in raw.items()}
    return raw


def _written_texts(raw: Mapping[str, Any]) -> dict[str, str]:
    """Question id → its text as written (placeholders not filled)."""
    found: dict[str, str] = {}
    sections = raw.get("sections")
    for section in sections if isinstance(sections, list) else ():
        questions = section.get("questions") if isinstance(section, dict) else None
        for q in questions if isinstance(questions, list) else ():
            if (
                isinstance(q, dict)
                and isinstance(q.get("id"), str)
                and isinstance(q.get("text"), str)
            ):
                found[q["id"]] = q["text"]
    return found


def _fill_amounts(raw: Any, values: Mapping[str, str]) -> Any:
    """Put the dated amounts into every text that quotes them as `{belopp:ID}`; unknown ids
    are left in place for cross_check to report."""
    if isinstance(raw, str):
        return _AMOUNT.sub(lambda m: values.get(m.group(1), m.group(0)), raw)
    if isinstance(raw, list):
        return [_fill_amounts(v, values) for v in raw]
    if isinstance(raw, dict):
        return {k: _fill_amounts(v, values) for k, v in raw.items()}
    return raw


def _amount_values(raw: Mapping[str, Any]) -> dict[str, str]:
    values: dict[str, str] = {}
    items = raw.get("amounts")
    if not isinstance(items, list):
        return values
    for item in items:
        try:
            a = Amount.model_validate(item)
        except ValidationError:
            continue  # reported by the full validation
        values[a.id] = a.formatted()
    return values


def _put(target: dict[str, Any], source: Any, keys: Iterable[str]) -> None:
    if not isinstance(source, dict):
        return
    for key in keys:
        value = source.get(key)
        if isinstance(value, str) and value:
            target[key] = value


def _by_id(source: Any, item: Any) -> Any:
    if isinstance(source, dict) and isinstance(item, dict) and isinstance(item.get("id"), str):
        return source.get(item["id"])
    return None


def _list(raw: Any, key: str) -> list[Any]:
    value = raw.get(key) if isinstance(raw, dict) else None
    return value if isinstance(value, list) else []


def _translate_effects(effects: Any, texts: Any) -> None:
    if not isinstance(effects, dict) or not isinstance(texts, dict):
        return
    _put(effects, texts, ("reason",))
    if isinstance(effects.get("flag"), dict) and isinstance(texts.get("flag"), str):
        effects["flag"]["reason"] = texts["flag"]
    for kind, field in (("signals", "reason"), ("stops", "reason"), ("advice", "text")):
        items = _list(effects, kind)
        for item, text in zip(items, _list(texts, kind), strict=False):
            if isinstance(item, dict) and isinstance(text, str) and text:
                item[field] = text


def _translate(raw: dict[str, Any], lang: str) -> dict[str, Any]:
    """`raw` with the texts of `[translations.LANG]` in place of the written ones (a copy;
    what is not translated stays as written)."""
    import copy

    t = raw.get("translations", {}).get(lang)
    raw = copy.deepcopy(raw)
    raw["language"] = lang
    _put(raw, t, ("title", "notice"))
    t = t if isinstance(t, dict) else {}
    if isinstance(raw.get("riktlinje"), dict):
        _put(raw["riktlinje"], t.get("riktlinje"), ("title", "note"))
    for section in _list(raw, "sections"):
        if not isinstance(section, dict):
            continue
        found = _by_id(t.get("sections"), section)
        if isinstance(found, dict):
            _put(section, found, ("title",))
            if isinstance(found.get("intro"), str):
                section["intro"] = found["intro"]
        for q in _list(section, "questions"):
            qt = _by_id(t.get("questions"), q)
            if isinstance(qt, dict) and isinstance(q, dict):
                _put(q, qt, ("text", "help"))
                if isinstance(q.get("org"), dict):
                    _put(q["org"], qt.get("org"), ("text", "help"))
                for answer in Answer:
                    _translate_effects(q.get(answer.value), qt.get(answer.value))
    for kind, keys in (
        ("gates", ("title", "explanation")),
        ("glossary", ("term", "definition")),
        ("outcomes", ("label", "explanation")),
    ):
        for item in _list(raw, kind):
            found = _by_id(t.get(kind), item)
            _put(item, found, keys)
            steps = found.get("next_steps") if isinstance(found, dict) else None
            if kind == "outcomes" and isinstance(steps, list) and steps:
                item["next_steps"] = steps
            words = found.get("words") if isinstance(found, dict) else None
            if kind == "glossary" and isinstance(item, dict) and isinstance(words, list):
                item["words"] = words
    return raw


def _translates(raw: Mapping[str, Any], lang: str | None) -> bool:
    table = raw.get("translations")
    return (
        lang is not None
        and lang != raw.get("language", "sv")
        and isinstance(table, dict)
        and isinstance(table.get(lang), dict)
    )


def parse_checklist(
    text: str,
    origin: str = "<checklist>",
    kommun: Mapping[str, str] | None = None,
    lang: str | None = None,
) -> Checklist:
    """Parse and fully validate checklist TOML. Raises ChecklistError with every problem.

    `kommun`: the values for `{kommunen}` and `{kommunens}` (see `profile.placeholders`);
    neutral words without it. `lang`: the language to show, from `[translations.LANG]`
    where the file has it (question fingerprints stay those of the written texts)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError([f"{origin}: invalid TOML: {exc}"]) from None
    except RecursionError:  # tomllib recurses per nesting level and has no limit of its own
        raise ChecklistError([f"{origin}: not a checklist (nested too deeply)"]) from None
    if "amounts" in raw:
        values = _amount_values(raw)
        raw = {k: (v if k == "amounts" else _fill_amounts(v, values)) for k, v in raw.items()}
    written: dict[str, str] = {}
    translating = _translates(raw, lang)
    if KOMMUN_PLACEHOLDER.search(text) or translating:
        written = _written_texts(raw)
    if translating:
        assert lang is not None
        raw = _translate(raw, lang)
    if KOMMUN_PLACEHOLDER.search(text):
        raw = _fill_kommun(raw, kommun or NEUTRAL_KOMMUN)
    try:
        checklist = Checklist.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            owner, field = _where(raw, tuple(err["loc"]))
            line = _line_of(text, owner)
            at = f"{origin}:{line}" if line else origin
            problems.append(f"{at}: {owner}: {field or '(value)'}: {err['msg']}")
        raise ChecklistError(problems) from None
    problems = [f"{origin}: {p}" for p in cross_check(checklist)]
    if problems:
        raise ChecklistError(problems)
    for q in checklist.questions:
        if q.id in written and written[q.id] != q.text:
            q._written = written[q.id]
    return checklist


#: A checklist file larger than this is refused (10,000 questions take about 4 MB).
MAX_CHECKLIST_BYTES = 32 * 1024 * 1024


def _read_checklist_text(path: Path) -> str:
    """The file's text, if it is a regular file (a FIFO would block, `/dev/zero` would never
    end) of at most MAX_CHECKLIST_BYTES."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ChecklistError([f"{path}: not a regular file"])
        data = f.read(MAX_CHECKLIST_BYTES + 1)
    if len(data) > MAX_CHECKLIST_BYTES:
        raise ChecklistError([f"{path}: too large (over {MAX_CHECKLIST_BYTES // 2**20} MB)"])
    return data.decode("utf-8")


def load_checklist(
    path: Path, kommun: Mapping[str, str] | None = None, lang: str | None = None
) -> Checklist:
    try:
        text = _read_checklist_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecklistError([f"{path}: cannot read: {exc}"]) from None
    return parse_checklist(text, str(path), kommun, lang)


def missing_translations(c: Checklist) -> list[str]:
    """What each language in `[translations]` lacks (shown in the checklist's own language
    meanwhile), and translations of ids the checklist does not have: warnings, not errors,
    since questions are added and reworded before their translations catch up."""
    warnings: list[str] = []
    for lang, t in sorted(c.translations.items()):

        def lacks(where: str, parts: list[str], lang: str = lang) -> None:
            if parts:
                warnings.append(f"{lang}: {where}: not translated: {', '.join(parts)}")

        lacks("checklist", [k for k in ("title", "notice") if getattr(c, k) and not getattr(t, k)])
        rt = t.riktlinje or RiktlinjeText()
        parts = [k for k in ("title", "note") if getattr(c.riktlinje, k) and not getattr(rt, k)]
        lacks("riktlinje", parts)
        for s in c.sections:
            st = t.sections.get(s.id, SectionText())
            parts = ["title"] if not st.title else []
            parts += ["intro"] if s.intro and st.intro is None else []
            lacks(f"section '{s.id}'", parts)
        for q in c.questions:
            qt = t.questions.get(q.id, QuestionText())
            parts = [k for k in ("text", "help") if not getattr(qt, k)]
            org_t = qt.org or OrgText()
            parts += [
                f"org.{k}"
                for k in ("text", "help")
                if q.org and getattr(q.org, k) and not getattr(org_t, k)
            ]
            for answer in q.answers:
                parts += _missing_effects(
                    q.effects(answer), getattr(qt, answer.value) or EffectsText(), answer
                )
            lacks(f"question '{q.id}'", parts)
            if qt.org is not None and q.org is None:
                warnings.append(
                    f"{lang}: question '{q.id}': translates an org wording the question "
                    "does not have (left unused)"
                )
            if qt.source is not None and qt.source != q.fingerprint():
                warnings.append(
                    f"{lang}: question '{q.id}': reworded since it was translated "
                    f'(source = "{qt.source}", now "{q.fingerprint()}"): check the translation'
                )
        for g in c.gates:
            gt = t.gates.get(g.id, GateText())
            lacks(f"gate '{g.id}'", [k for k in ("title", "explanation") if not getattr(gt, k)])
        for term in c.glossary:
            tt = t.glossary.get(term.id, TermText())
            lacks(f"term '{term.id}'", [k for k in ("term", "definition") if not getattr(tt, k)])
        for o in c.outcomes:
            ot = t.outcomes.get(str(o.id), OutcomeTranslation())
            parts = [k for k in ("label", "explanation", "next_steps") if not getattr(ot, k)]
            lacks(f"outcome '{o.id}'", parts)
        for kind, ids, known in (
            ("section", t.sections, {s.id for s in c.sections}),
            ("question", t.questions, c.question_ids),
            ("gate", t.gates, {g.id for g in c.gates}),
            ("term", t.glossary, {term.id for term in c.glossary}),
            ("outcome", t.outcomes, {str(o.id) for o in c.outcomes}),
        ):
            warnings.extend(
                f"{lang}: translation of an unknown {kind} '{i}' (left unused)"
                for i in ids
                if i not in known
            )
    return warnings


def _missing_effects(eff: Effects, t: EffectsText, answer: Answer) -> list[str]:
    where = answer.value
    parts = [f"{where}.reason"] if eff.reason and not t.reason else []
    if eff.flag is not None and not t.flag:
        parts.append(f"{where}.flag")
    for kind, items, texts in (
        ("signals", [x.reason for x in eff.signals], t.signals),
        ("stops", [x.reason for x in eff.stops], t.stops),
        ("advice", [x.text for x in eff.advice], t.advice),
    ):
        for i, own in enumerate(items):
            if own and (i >= len(texts) or not texts[i]):
                parts.append(f"{where}.{kind}[{i}]")
        if len(texts) > len(items):
            parts.append(f"{where}.{kind}: {len(texts)} texts for {len(items)} items")
    return parts


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dup: list[str] = []
    for i in ids:
        if i in seen and i not in dup:
            dup.append(i)
        seen.add(i)
    return dup


def cross_check(c: Checklist) -> list[str]:
    """Checks pydantic cannot express: unique ids, resolving references, condition order."""
    problems: list[str] = []
    for kind, ids in (
        ("question", [q.id for q in c.questions]),
        ("section", [s.id for s in c.sections]),
        ("source", [s.id for s in c.sources]),
        ("glossary term", [t.id for t in c.glossary]),
        ("outcome", [o.id for o in c.outcomes]),
    ):
        problems += [f"{d}: duplicate {kind} id" for d in _duplicates(ids)]
    # Emptiness is checked here, not in the schema: pydantic would repeat a nested error
    # as "tuple too short" and confuse the author.
    if not c.questions:
        problems.append("checklist: no questions")
    problems += [f"{s.id}: section has no questions" for s in c.sections if not s.questions]
    problems += [f"outcome '{o.id}': no next steps" for o in c.outcomes if not o.next_steps]
    problems += _check_outcome_set(c)

    problems += [f"{d}: duplicate gate id" for d in _duplicates(g.id for g in c.gates)]
    problems += [f"{d}: duplicate amount id" for d in _duplicates(a.id for a in c.amounts)]
    sources = {s.id for s in c.sources}
    terms = {t.id for t in c.glossary}
    gates = {g.id for g in c.gates}
    problems += [
        f"amount '{a.id}': unknown source '{a.source}'"
        for a in c.amounts
        if a.source not in sources
    ]
    gated = {q.gate for q in c.questions if q.gate}
    problems += [f"gate '{g.id}': no question belongs to it" for g in c.gates if g.id not in gated]
    seen: set[str] = set()
    for q in c.questions:
        problems += _check_question_texts(q)
        if q.gate is not None:
            problems += _check_gate_question(q, gates)
        for answer in Answer:
            eff = q.effects(answer)
            if eff.flag is not None:
                problems += _check_flag(q.id, answer, eff.flag)
            for sid, settled in eff.settles.items():
                if sid == q.id or not c.has_question(sid):
                    problems.append(f"{q.id}: {answer.value}: settles unknown question '{sid}'")
                elif settled not in c.question(sid).answers:
                    problems.append(
                        f"{q.id}: {answer.value}: settles '{sid}' with an answer it does not offer"
                    )
        problems += [f"{q.id}: unknown source '{s}'" for s in q.sources if s not in sources]
        problems += [f"{q.id}: unknown glossary term '{t}'" for t in q.terms if t not in terms]
        if not q.sources:
            problems.append(f"{q.id}: no source given (every question must say what it rests on)")
        if len(set(q.answers)) != len(q.answers):
            problems.append(f"{q.id}: answers: an answer option is listed twice")
        for answer in Answer:
            if answer not in q.answers and q.effects(answer) != Effects():
                problems.append(f"{q.id}: {answer.value}: effects given for an answer not offered")
            for st in q.effects(answer).stops:
                if st.rule == "exclude" and st.outcome == Outcome.OKLART:
                    problems.append(f"{q.id}: {answer.value}: 'oklart' cannot be excluded")
            items: list[Signal | Stop] = [*q.effects(answer).signals, *q.effects(answer).stops]
            for item in items:
                if not q.effects(answer).signal_reason(item):
                    problems.append(f"{q.id}: {answer.value}: a signal or stop has no reason text")
        if q.show_if is not None:
            for ref in q.show_if.questions():
                if ref == q.id:
                    problems.append(f"{q.id}: show_if refers to the question itself")
                elif ref not in seen:
                    where = "a later" if c.has_question(ref) else "an unknown"
                    problems.append(f"{q.id}: show_if refers to {where} question '{ref}'")
        seen.add(q.id)
    for note in c.change_notes:
        problems += [
            f"change note {note.version}: unknown question '{qid}'"
            for qid in note.questions
            if not c.has_question(qid)
        ]
    for sc in c.scenarios:
        for qid in sc.answers:
            if not c.has_question(qid):
                problems.append(f"scenario '{sc.name}': unknown question '{qid}'")
    return problems


def _check_outcome_set(c: Checklist) -> list[str]:
    """`oklart` always exists (missing or unsure answers); a checklist with only built-in
    outcomes must give all four (the assessment contract); at least one outcome besides
    `oklart`. Then every outcome a rule names must be declared."""
    declared = {o.id for o in c.outcomes}
    required: set[str] = {Outcome.OKLART}
    if not c.declares_outcomes:
        required = set(BUILTIN_OUTCOMES)
    problems = [
        f"outcome '{m}': no text given for this outcome" for m in sorted(required - declared)
    ]
    if c.declares_outcomes and not declared - {Outcome.OKLART}:
        problems.append("outcomes: declare at least one outcome besides 'oklart'")
    return problems + _check_outcome_refs(c, declared)


def _check_outcome_refs(c: Checklist, declared: set[str]) -> list[str]:
    scored = declared - {Outcome.OKLART}
    known = ", ".join(sorted(declared))

    def bad(where: str, outcome: str, allowed: set[str]) -> list[str]:
        if outcome in allowed:
            return []
        if outcome in declared:
            return [f"{where}: 'oklart' is reached by rules, not named here"]
        return [f"{where}: unknown outcome '{outcome}' (the checklist's outcomes: {known})"]

    problems: list[str] = []
    for q in c.questions:
        for answer in Answer:
            eff = q.effects(answer)
            at = f"{q.id}: {answer.value}"
            for sig in eff.signals:
                problems += bad(at, sig.outcome, scored)
            for st in eff.stops:
                problems += bad(at, st.outcome, declared)
            for ad in eff.advice:
                for o in ad.outcomes:
                    problems += bad(f"{at}: advice", o, declared)
            if eff.flag is not None:
                for o in (*(eff.flag.blocks or ()), *(eff.flag.toward or ())):
                    problems += bad(f"{at}: flag", o, scored)
    for g in c.gates:
        if g.lean is not None:
            problems += bad(f"gate '{g.id}': lean", g.lean, scored)
    for sc in c.scenarios:
        problems += bad(f"scenario '{sc.name}': expect", sc.expect, declared)
    return problems


def _check_question_texts(q: Question) -> list[str]:
    texts = [q.text, q.help]
    problems: list[str] = []
    if q.org is not None:
        if q.org.text is None and q.org.help is None:
            problems.append(f"{q.id}: org: give 'text' or 'help' (or leave out the org table)")
        texts += [t for t in (q.org.text, q.org.help) if t]
    for answer in Answer:
        eff = q.effects(answer)
        texts += [a.text for a in eff.advice]
        if eff.flag is not None:
            texts.append(eff.flag.reason)
    return problems + [
        f"{q.id}: unknown amount '{m}' (give it in [[amounts]])"
        for t in texts
        for m in _AMOUNT.findall(t)
    ]


def _check_flag(qid: str, answer: Answer, flag: Flag) -> list[str]:
    where = f"{qid}: {answer.value}: flag"
    if flag.blocks is not None and flag.toward is not None:
        return [f"{where}: give either 'blocks' or 'toward', not both"]
    if flag.blocks is None and flag.toward is None:
        return [f"{where}: say which forms it blocks ('blocks = [...]')"]
    if flag.blocks is not None and not flag.blocks:
        return [f"{where}: 'blocks' is empty, so the flag would block nothing"]
    if flag.toward is not None and not flag.toward:
        return [
            f"{where}: 'toward = []' blocks every form, upphandling included; "
            "list the forms it blocks in 'blocks' instead"
        ]
    return []


def _check_gate_question(q: Question, gates: set[str]) -> list[str]:
    """A gate decides through stops and flags; passing it is not evidence for a form."""
    if q.gate not in gates:
        return [f"{q.id}: unknown gate '{q.gate}'"]
    problems: list[str] = []
    if not q.critical:
        problems.append(f"{q.id}: a gate question must be critical")
    firing = [a for a in q.answers if q.effects(a).stops or q.effects(a).flag is not None]
    if not firing:
        problems.append(f"{q.id}: a gate question needs a stop or a flag on some answer")
    for a in q.answers:
        eff = q.effects(a)
        if eff.stops or eff.flag is not None:
            continue
        for s in eff.signals:
            if s.weight > 0:
                problems.append(
                    f"{q.id}: {a.value}: passing gate '{q.gate}' must not add points "
                    f"(+{s.weight} {s.outcome}); passing a gate is not evidence for a form"
                )
    return problems


def load_dir(directory: Path) -> dict[str, Checklist]:
    """Every `*.toml` checklist in a directory, by id. Raises on the first invalid one."""
    result: dict[str, Checklist] = {}
    for path in sorted(directory.glob("*.toml")):
        c = load_checklist(path)
        result[c.id] = c
    return result


#: Where the shipped checklists' `#:schema` comment points (relative to the checklist file).
SCHEMA_PATH = "schema/checklist.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the checklist file format, from the models themselves (what
    `iop-tui schema` prints; editors with TOML support validate and complete with it).
    Cross-references (ids that must exist, unique ids) are checked by the loader only."""
    schema = Checklist.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://iop-tui.invalid/checklist.schema.json",
        **schema,
    }
