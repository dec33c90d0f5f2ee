"""Every UI string, by language. Screens and the CLI ask `tr(key)`; nothing else holds
user-facing text, so adding a language touches only this file. Checklist content (questions,
outcomes) comes from the checklist file in its own language."""

from __future__ import annotations

from typing import Final

DEFAULT_LANG: Final = "sv"

STRINGS: Final[dict[str, dict[str, str]]] = {
    "sv": {
        "answer.yes": "Ja",
        "answer.no": "Nej",
        "answer.unsure": "Osäker",
        "answer.none": "Inte besvarad",
        "firmness.firm": "fast bedömning",
        "firmness.likely": "trolig bedömning (några viktiga frågor är öppna)",
        "firmness.undecided": "ingen säker bedömning",
        "status.unanswered": "obesvarad",
        "status.unsure": "osäker",
        "cause.legal_review": "ett svar kräver juridisk granskning",
        "cause.conflicting_stops": "svaren utesluter varandra (motstridiga stoppregler)",
        "cause.all_excluded": "alla tre samarbetsformerna är uteslutna av svaren",
        "cause.legal_flag": "ett svar har flaggats för juridisk granskning",
        "cause.too_many_open": "för många viktiga frågor är obesvarade eller osäkra",
        "cause.small_margin": "svaren pekar inte tydligt åt ett håll",
        "verdict.heading": "Bedömning",
        "verdict.outcome": "Utfall",
        "verdict.firmness": "Säkerhet",
        "verdict.lean": "Lutar åt {lean}",
        "verdict.lean_settle": "Lutar åt {lean}; blir fast när {n} frågor till är besvarade: {ids}",
        "verdict.why_undecided": "Varför oklart",
        "verdict.stops": "Stoppregler som slagit till",
        "verdict.flags": "Flaggat för juridisk granskning",
        "verdict.for": "För {outcome}",
        "verdict.against": "Mot {outcome}",
        "verdict.open": "Öppna punkter",
        "verdict.next_steps": "Nästa steg",
        "verdict.no_reasons": "Inga svar har påverkat bedömningen ännu.",
        "verdict.unknown_ids": "Okända fråge-id i sessionen (ignoreras i bedömningen): {ids}",
        "verdict.excluded": "utesluter",
        "verdict.requires": "kräver",
        "verdict.disclaimer": "Bedömningen är ett stöd, inte ett juridiskt beslut.",
        "rule.exclude": "utesluter {outcome}",
        "rule.require": "kräver {outcome}",
    },
    "en": {
        "answer.yes": "Yes",
        "answer.no": "No",
        "answer.unsure": "Unsure",
        "answer.none": "Not answered",
        "firmness.firm": "firm assessment",
        "firmness.likely": "likely assessment (some key questions are open)",
        "firmness.undecided": "no firm assessment",
        "status.unanswered": "unanswered",
        "status.unsure": "unsure",
        "cause.legal_review": "an answer requires legal review",
        "cause.conflicting_stops": "the answers rule each other out (conflicting stops)",
        "cause.all_excluded": "the answers rule out all three forms",
        "cause.legal_flag": "an answer is flagged for legal review",
        "cause.too_many_open": "too many key questions are unanswered or unsure",
        "cause.small_margin": "the answers do not point clearly one way",
        "verdict.heading": "Assessment",
        "verdict.outcome": "Outcome",
        "verdict.firmness": "Firmness",
        "verdict.lean": "Leaning {lean}",
        "verdict.lean_settle": "Leaning {lean}; firm once {n} more questions are answered: {ids}",
        "verdict.why_undecided": "Why undecided",
        "verdict.stops": "Stops that fired",
        "verdict.flags": "Flagged for legal review",
        "verdict.for": "For {outcome}",
        "verdict.against": "Against {outcome}",
        "verdict.open": "Open points",
        "verdict.next_steps": "Next steps",
        "verdict.no_reasons": "No answer has moved the assessment yet.",
        "verdict.unknown_ids": "Unknown question ids in the session (not judged): {ids}",
        "verdict.excluded": "rules out",
        "verdict.requires": "requires",
        "verdict.disclaimer": "This assessment is a support, not a legal decision.",
        "rule.exclude": "rules out {outcome}",
        "rule.require": "requires {outcome}",
    },
}

_lang = DEFAULT_LANG


def set_language(lang: str) -> None:
    global _lang
    if lang not in STRINGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(sorted(STRINGS))})")
    _lang = lang


def language() -> str:
    return _lang


def tr(key: str, **kwargs: object) -> str:
    """The string for `key` in the current language (falls back to Swedish)."""
    text = STRINGS[_lang].get(key) or STRINGS[DEFAULT_LANG][key]
    return text.format(**kwargs) if kwargs else text
