"""Every shipped example case gives its expected outcome, for the expected reasons."""

from __future__ import annotations

import pytest

from iop_tui import catalog, store
from iop_tui.checklist import Outcome
from iop_tui.engine import Cause, judge

# file stem -> (outcome, question ids that must appear among the decisive reasons)
EXPECTED: dict[str, tuple[Outcome, set[str]]] = {
    "01-laxhjalp-iop": (Outcome.IOP, {"utmaning_gemensam", "samfin_bada_bidrar"}),
    "02-ensamhet-aldre-iop": (Outcome.IOP, {"utmaning_gemensam", "samfin_bada_bidrar"}),
    "03-idrottsforening-lokalhyra-foreningsbidrag": (
        Outcome.FORENINGSBIDRAG,
        {"fb_ordinarie_verksamhet"},
    ),
    "04-kulturfestival-projektbidrag-foreningsbidrag": (
        Outcome.FORENINGSBIDRAG,
        {"fb_kort_projekt"},
    ),
    "05-aldreboende-tidigare-upphandlat-upphandling": (
        Outcome.UPPHANDLING,
        {"marknad_tidigare_upphandlat"},
    ),
    "06-boendestod-sol-upphandling": (Outcome.UPPHANDLING, {"marknad_lagstadgad_uppgift"}),
    "07-kvinnojour-osakra-svar-oklart": (Outcome.OKLART, {"marknad_andra_utforare"}),
    "08-butik-via-foretagarforening-oklart": (Outcome.OKLART, {"kl_stod_till_enskild"}),
    "09-socialt-foretag-kafe-statsstod-oklart": (
        Outcome.OKLART,
        {"statsstod_belopp"},
    ),
    "10-fritidsgard-drift-upphandling": (Outcome.UPPHANDLING, {"initiativ_detaljreglering"}),
}


def test_every_example_is_listed_and_all_outcomes_covered() -> None:
    assert {p.stem for p in catalog.examples()} == set(EXPECTED)
    assert {o for o, _ in EXPECTED.values()} == set(Outcome)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_example_verdict(stem: str) -> None:
    session = store.load(catalog.examples_dir() / f"{stem}.toml")
    checklist = catalog.get(session.checklist)
    assert session.meta.title, "each example has a one-line description as its title"
    assert session.unknown_questions(checklist) == []
    verdict = judge(checklist, session.answers)
    outcome, decisive = EXPECTED[stem]
    assert verdict.outcome is outcome
    if outcome is Outcome.OKLART:
        # An undecided verdict names what makes it so: a stop, a flag or open questions.
        named = (
            {s.question_id for s in verdict.stops}
            | {f.question_id for f in verdict.flags}
            | set(verdict.settle)
        )
        assert verdict.causes
    else:
        named = {r.question_id for r in verdict.reasons_for(outcome)} | {
            s.question_id for s in verdict.stops
        }
    assert decisive <= named, f"{stem}: missing decisive reasons {decisive - named}"


def test_leaning_example_says_what_would_settle_it() -> None:
    # Open questions of the purchase gate could fire, so the lean follows the gate.
    session = store.load(catalog.examples_dir() / "07-kvinnojour-osakra-svar-oklart.toml")
    checklist = catalog.get("bollebygd")
    verdict = judge(checklist, session.answers)
    assert verdict.lean is Outcome.UPPHANDLING and Cause.TOO_MANY_OPEN in verdict.causes
    open_gate = [
        q.question_id for q in verdict.open_questions if checklist.question(q.question_id).gate
    ]
    assert open_gate and set(open_gate) <= set(verdict.settle)
    # Answered "no", the purchase questions stop standing in the way: a partnership.
    cleared = {**session.answers, **{qid: "no" for qid in verdict.settle}}
    assert judge(checklist, cleared).outcome is Outcome.IOP
