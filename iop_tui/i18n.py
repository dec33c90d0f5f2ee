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
        "changes.intro": (
            "Checklistan {checklist} har ändrats sedan bedömningen sparades "
            "(version {old} → {new})."
        ),
        "changes.intro_same": (
            "Checklistan {checklist} (version {new}) har ändrats sedan bedömningen sparades."
        ),
        "changes.added": "Nya frågor ({n}): {ids}.",
        "changes.removed": (
            "Borttagna frågor ({n}): {ids}; svaren på dem finns kvar i filen men räknas inte."
        ),
        "changes.reworded": (
            "Omformulerade frågor ({n}): {ids}; kontrollera att svaren fortfarande stämmer."
        ),
        "changes.undetailed": (
            "Bedömningen sparades mot version {old} av checklistan {checklist}; installerad är "
            "version {new}. Vilka frågor som ändrats går inte att se, eftersom filen saknar "
            "frågornas fingeravtryck."
        ),
        "changes.recomputed": (
            "Svaren är kvar och bedömningen är omräknad mot den installerade checklistan."
        ),
        # --- app
        "app.title": "iop-tui",
        "app.subtitle": "Första bedömning: IOP, föreningsbidrag eller upphandling?",
        "key.quit": "Avsluta",
        "key.back": "Tillbaka",
        "key.theme": "Tema",
        "cmd.new": "Ny bedömning",
        "cmd.new.help": "Starta en ny första bedömning",
        "cmd.open": "Öppna sparad bedömning",
        "cmd.open.help": "Visa sparade bedömningar och öppna en",
        "cmd.examples": "Öppna exempel",
        "cmd.examples.help": "Öppna en kopia av ett exempelfall (för utbildning)",
        "cmd.review": "Granska svar",
        "cmd.review.help": "Kontrollera och ändra dina svar",
        "cmd.result": "Visa resultat",
        "cmd.result.help": "Visa bedömningen med skäl och nästa steg",
        "cmd.question": "Fortsätt med frågorna",
        "cmd.question.help": "Gå till första obesvarade fråga",
        "cmd.meta": "Ändra uppgifter",
        "cmd.meta.help": "Titel, organisation, handläggare, diarienummer",
        "cmd.theme": "Växla ljust/mörkt tema",
        "cmd.theme.help": "Ljust tema syns bättre på projektor",
        "cmd.export": "Exportera rapport",
        "cmd.export.help": "Spara bedömningen som rapport (Markdown, HTML, JSON)",
        "msg.saved": "Sparat: {path}",
        "msg.save_failed": "Kunde inte spara: {error}",
        "msg.open_failed": "Kunde inte öppna: {error}",
        "msg.read_only": "Skrivskyddad: ändringar sparas inte",
        "msg.example_copy": "Exemplet öppnas som kopia. Originalet ändras aldrig.",
        # --- start
        "start.heading": "Första bedömning",
        "start.intro": (
            "Stöd för att avgöra om ett samarbete mellan kommunen och en idéburen organisation "
            "bör bli ett idéburet offentligt partnerskap (IOP), ett föreningsbidrag eller en "
            "upphandling, och varför. Bedömningen sparas automatiskt efter varje svar."
        ),
        "start.new": "Ny bedömning",
        "start.open": "Öppna sparad bedömning",
        "start.examples": "Öppna exempelfall",
        "start.quit": "Avsluta",
        "start.hint": "Välj med piltangenterna och Enter, eller tryck bokstaven inom hakparentes.",
        # --- meta form
        "meta.heading": "Uppgifter om bedömningen",
        "meta.hint": "Alla fält är valfria och kan ändras senare (tangent i).",
        "meta.checklist": "Checklista",
        "meta.title": "Titel (ärendet i några ord)",
        "meta.organisation": "Idéburen organisation",
        "meta.assessor": "Handläggare / bedömt av",
        "meta.diarienummer": "Diarienummer",
        "meta.start": "Starta",
        "meta.save": "Spara",
        "meta.cancel": "Avbryt",
        # --- question
        "q.answer_yes": "Ja",
        "q.answer_no": "Nej",
        "q.answer_unsure": "Osäker",
        "q.prev": "Förra",
        "q.next": "Nästa",
        "q.help": "Hjälp",
        "q.terms": "Begrepp",
        "q.sources": "Källor",
        "q.note": "Motivering",
        "q.panel": "Panel",
        "q.review": "Granska",
        "q.result": "Resultat",
        "q.meta": "Uppgifter",
        "q.section": "Avsnitt {n} av {total}: {title}",
        "q.progress": "Fråga {n} av {total}   ·   {answered} besvarade",
        "q.your_answer": "Ditt svar: {answer}",
        "q.no_answer": "Ditt svar: ännu inget",
        "q.critical": "Viktig fråga: obesvarad eller osäker räknas som öppen punkt.",
        "q.note_placeholder": "Motivering (valfri) — tryck m för att skriva, Esc när du är klar",
        "q.hint": "t begrepp · k källor · m motivering · p panel · i uppgifter · Ctrl+P kommandon",
        "q.terms_line": "Begrepp: {terms}",
        "q.sources_line": "Källor: {sources}",
        "q.no_terms": "Frågan använder inga begrepp ur ordlistan.",
        "q.terms_title": "Begrepp i frågan",
        "q.sources_title": "Källor för frågan",
        "q.help_hidden": "(Hjälptexten är dold. Tryck h för att visa den.)",
        "q.back_to_review": "Du kom hit från granskningen: svara för att gå tillbaka dit.",
        "panel.heading": "Bedömning just nu",
        "panel.scores": "Poäng",
        "panel.open_critical": "Öppna viktiga frågor: {n}",
        # --- review
        "review.heading": "Kontrollera dina svar",
        "review.summary": "{total} frågor gäller · {answered} besvarade · {missing} obesvarade",
        "review.hint": "Välj en fråga och tryck Enter för att ändra svaret. r visar resultatet.",
        "review.unanswered": "OBESVARAD",
        "review.jump": "Ändra",
        # --- result
        "result.heading": "Resultat",
        "result.outcome": "Bedömning: {label}",
        "result.reasons": "Skäl",
        "result.source": "källa",
        "result.export": "Exportera",
        "result.changed": "Ändrat sedan förra visningen: {before} → {after}",
        "result.question_count": "{answered} av {total} frågor besvarade",
        # --- sessions
        "sessions.heading": "Sparade bedömningar",
        "sessions.filter": "Filtrera: skriv del av titel, organisation eller filnamn",
        "sessions.col.title": "Titel",
        "sessions.col.organisation": "Organisation",
        "sessions.col.checklist": "Checklista",
        "sessions.col.updated": "Uppdaterad",
        "sessions.col.progress": "Besvarat",
        "sessions.col.outcome": "Utfall",
        "sessions.damaged": "SKADAD: {error}",
        "sessions.empty": "Inga sparade bedömningar i {dir}.",
        "sessions.open": "Öppna",
        "sessions.delete": "Ta bort",
        "sessions.confirm_delete": (
            "Ta bort bedömningen '{name}'? Filen raderas och kan inte återställas."
        ),
        "sessions.deleted": "Borttagen: {name}",
        "sessions.count": "{shown} av {total} bedömningar",
        # --- examples
        "examples.heading": "Exempelfall",
        "examples.hint": (
            "Exempel öppnas som kopia: originalet ändras aldrig, och varje öppning börjar om."
        ),
        # --- confirm
        "confirm.yes": "Ja",
        "confirm.no": "Nej",
    },
    "en": {
        "app.subtitle": "First assessment: IOP, association grant or procurement?",
        "key.quit": "Quit",
        "key.back": "Back",
        "key.theme": "Theme",
        "cmd.new": "New assessment",
        "cmd.open": "Open saved assessment",
        "cmd.examples": "Open example",
        "cmd.review": "Review answers",
        "cmd.result": "Show result",
        "cmd.question": "Continue with the questions",
        "cmd.meta": "Edit details",
        "cmd.theme": "Toggle light/dark theme",
        "cmd.export": "Export report",
        "msg.saved": "Saved: {path}",
        "msg.save_failed": "Could not save: {error}",
        "msg.open_failed": "Could not open: {error}",
        "start.new": "New assessment",
        "start.open": "Open saved assessment",
        "start.examples": "Open example case",
        "start.quit": "Quit",
        "q.answer_yes": "Yes",
        "q.answer_no": "No",
        "q.answer_unsure": "Unsure",
        "q.prev": "Previous",
        "q.next": "Next",
        "q.progress": "Question {n} of {total}   ·   {answered} answered",
        "q.your_answer": "Your answer: {answer}",
        "q.no_answer": "Your answer: none yet",
        "review.heading": "Check your answers",
        "result.heading": "Result",
        "sessions.heading": "Saved assessments",
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
        "changes.intro": (
            "The checklist {checklist} has changed since this assessment was saved "
            "(version {old} → {new})."
        ),
        "changes.intro_same": (
            "The checklist {checklist} (version {new}) has changed since this assessment was saved."
        ),
        "changes.added": "New questions ({n}): {ids}.",
        "changes.removed": (
            "Removed questions ({n}): {ids}; their answers stay in the file but do not count."
        ),
        "changes.reworded": ("Reworded questions ({n}): {ids}; check that the answers still hold."),
        "changes.undetailed": (
            "This assessment was saved against version {old} of the checklist {checklist}; "
            "version {new} is installed. Which questions changed cannot be told: the file has "
            "no fingerprints of the questions."
        ),
        "changes.recomputed": (
            "The answers are kept and the verdict is recomputed against the installed checklist."
        ),
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
