"""Plain-language rules for the organisation perspective (issue 14), run by `iop-tui check`.

A checklist opts in with a `[readability]` table; the rules then apply to every question as
the organisation reads it (its `org` text and help where given, else the shared ones):

- **LIX** (läsbarhetsindex, Björnsson): words per sentence plus the share of long words
  (more than six letters) in percent. Under 40 is easy, 40–50 plain, 50–60 official prose,
  over 60 hard. The checklist sets the limit (`max_lix`).
- **Terms**: a word a layperson would stumble on ("uteslutande", "anbud", "HFD 2020 ref. 15"
  …: the built-in list below plus the checklist's `jargon`) needs a glossary entry on that
  question (`terms`) whose `words` (or name) covers it, so `t` on the question explains it.

Pure core: no UI. Messages are for checklist authors, in English like the loader's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checklist import Checklist, Question

#: Words and phrases that need explaining to a layperson (lower case; a word matches any
#: word that starts with it: "civilsamhälle" matches "civilsamhället").
JARGON: tuple[str, ...] = (
    "uteslutande",
    "civilsamhälle",
    "anbud",
    "upphandlingspliktig",
    "hfd",
    "lou",
    "lov",
    "lss",
    "sgei",
    "de minimis",
    "statsstöd",
    "överkompensation",
    "myndighetsutövning",
    "likställighet",
    "detaljreglering",
    "motprestation",
    "värdeöverföring",
    "juridisk person",
    "kammarkollegi",
    "direktupphandl",
    "tröskelvärde",
    "samfinansiering",
    "allmännyttig",
    "kommunallag",
    "idéburen",
)

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)")
LONG_WORD = 6


def lix(text: str) -> int:
    """The LIX score of `text`, rounded (0 for a text without words)."""
    words = _WORD.findall(text)
    if not words:
        return 0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip())))
    long = sum(1 for w in words if len(w) > LONG_WORD)
    return round(len(words) / sentences + 100 * long / len(words))


def _found(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}", text, re.IGNORECASE) is not None


def _covered(checklist: Checklist, q: Question, word: str) -> bool:
    for tid in q.terms:
        term = checklist.term(tid)
        names = (term.term.lower(), *(w.lower() for w in term.words))
        if any(word in name or name.startswith(word) for name in names):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Problem:
    question_id: str
    field: str  # "text" / "help" (as the organisation reads it)
    kind: str  # "lix" / "term"
    message: str


def check(checklist: Checklist) -> list[Problem]:
    """The readability problems of `checklist` (none when it sets no `[readability]`)."""
    rules = checklist.readability
    if rules is None:
        return []
    jargon = tuple(dict.fromkeys((*JARGON, *(w.lower() for w in rules.jargon))))
    org = checklist.for_perspective("organisation")
    problems: list[Problem] = []
    for q in org.questions:
        for field, text in (("text", q.text), ("help", q.help)):
            score = lix(text)
            if score > rules.max_lix:
                problems.append(
                    Problem(
                        q.id,
                        field,
                        "lix",
                        f"{q.id}: {field}: LIX {score} is over the checklist's limit "
                        f"{rules.max_lix} for the organisation (shorter sentences and "
                        "words, or an org text)",
                    )
                )
            for word in jargon:
                if _found(word, text) and not _covered(checklist, q, word):
                    problems.append(
                        Problem(
                            q.id,
                            field,
                            "term",
                            f"{q.id}: {field}: '{word}' needs a glossary entry on the "
                            f'question (a [[glossary]] entry with words = ["{word}"], '
                            "and its id in the question's terms)",
                        )
                    )
    return problems
