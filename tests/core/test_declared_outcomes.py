"""A checklist may declare its own outcomes (docs/adr/0006): the loader, engine, view,
reports and analysis follow the checklist's set; the built-in four stay the default."""

from __future__ import annotations

import json

import pytest

from iop_tui.analysis import scenario_failures, unreachable_outcomes
from iop_tui.checklist import BUILTIN_OUTCOMES, Outcome, load_checklist, parse_checklist
from iop_tui.engine import judge, what_would_change
from iop_tui.errors import ChecklistError
from iop_tui.verdict_view import build_view, outcome_label

from ..conftest import FIXTURES

ROOT = FIXTURES.parent.parent
FOLLOWUP = (FIXTURES / "followup.toml").read_text(encoding="utf-8")
A = "yes"


def problems(text: str) -> list[str]:
    with pytest.raises(ChecklistError) as exc:
        parse_checklist(text, "x.toml")
    return exc.value.problems


def test_followup_outcomes_are_its_own_with_oklart_last() -> None:
    c = parse_checklist(FOLLOWUP)
    assert c.declares_outcomes
    assert c.outcome_ids == ("avsluta", "fortsatta", "oklart")
    assert c.scored_outcomes == ("avsluta", "fortsatta")


def test_builtin_checklists_keep_the_builtin_order(mini) -> None:
    assert not mini.declares_outcomes
    assert mini.outcome_ids == BUILTIN_OUTCOMES


def test_engine_judges_declared_outcomes_with_firmness() -> None:
    c = parse_checklist(FOLLOWUP)
    v = judge(c, {"mal": "yes", "vilja": "yes"})
    assert (v.outcome, v.firmness.value) == ("fortsatta", "firm")
    assert judge(c, {"mal": "yes", "vilja": "no"}).outcome == "avsluta"
    # "vilja" open and able to rule the lead out: undecided, with the flip named
    v = judge(c, {"mal": "yes"})
    assert v.outcome is Outcome.OKLART
    assert [(f.question_id, f.outcome) for f in v.flips] == [("vilja", "avsluta")]
    data = json.loads(json.dumps(judge(c, {"mal": "no", "vilja": "yes"}).to_dict()))
    assert data["outcome"] == "avsluta"
    assert data["scores"] == {"avsluta": 3, "fortsatta": 0}


def test_what_would_change_and_view_use_declared_labels() -> None:
    c = parse_checklist(FOLLOWUP)
    answers = {"mal": "yes", "vilja": "yes"}
    w = what_would_change(c, answers)
    assert set(w.by_outcome) == {"avsluta", "oklart"}
    view = build_view(c, answers)
    assert view.label == "Fortsätta"
    assert {o.outcome_label for o in view.changes} == {"Avsluta", "Oklart"}
    assert outcome_label(c, "avsluta") == "Avsluta"
    assert outcome_label(c, Outcome.IOP) == "IOP"


def test_every_declared_outcome_reachable_and_scenarios_pass() -> None:
    c = parse_checklist(FOLLOWUP)
    assert unreachable_outcomes(c) == []
    assert scenario_failures(c) == []


def test_unknown_or_misplaced_outcome_names_are_author_errors() -> None:
    text = FOLLOWUP.replace('outcome = "avsluta", weight = 3', 'outcome = "avslut", weight = 3')
    assert (
        "x.toml: mal: no: unknown outcome 'avslut' "
        "(the checklist's outcomes: avsluta, fortsatta, oklart)"
    ) in problems(text)
    text = FOLLOWUP.replace('outcome = "fortsatta", weight = 3', 'outcome = "oklart", weight = 3')
    assert "x.toml: mal: yes: 'oklart' is reached by rules, not named here" in problems(text)
    text = FOLLOWUP.replace('expect = "avsluta"', 'expect = "iop"')
    assert any("scenario 'avsluta': expect: unknown outcome 'iop'" in p for p in problems(text))


def test_oklart_must_exist_in_every_outcome_set() -> None:
    text = FOLLOWUP.replace('id = "oklart"', 'id = "vilande"')
    assert "x.toml: outcome 'oklart': no text given for this outcome" in problems(text)


def test_shipped_followup_reaches_each_of_its_outcomes() -> None:
    c = load_checklist(ROOT / "checklists" / "kalmar-uppfoljning.toml")
    assert c.outcome_ids == ("fortsatta", "justera", "avsluta", "oklart")
    assert unreachable_outcomes(c) == []
    assert scenario_failures(c) == []
    assert {sc.expect for sc in c.scenarios} == set(c.outcome_ids)
