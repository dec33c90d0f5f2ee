from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui.checklist import load_checklist, parse_checklist
from iop_tui.errors import ChecklistError

from ..conftest import FIXTURES

MINI = (FIXTURES / "mini.toml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(ChecklistError) as exc:
        parse_checklist(text, "x.toml")
    return exc.value.problems


def test_mini_loads_with_indexes(mini) -> None:
    assert [q.id for q in mini.questions][:3] == ["profit", "shared", "market"]
    assert mini.section_of("market").id == "a"
    assert mini.question("shared").terms == ("iop",)
    assert mini.judging.max_open_critical == 1


def test_invalid_toml_names_file_and_line() -> None:
    (line,) = problems(MINI + "\nbroken = = 1\n")
    assert line.startswith("x.toml: invalid TOML") and "line" in line


def test_schema_error_names_question_id_and_line() -> None:
    text = MINI.replace('weight = 3, reason = "Gemensam"', 'weight = "tre", reason = "Gemensam"')
    (line,) = problems(text)
    assert line.startswith("x.toml:")
    assert ": shared: yes.signals[0].weight:" in line
    lineno = int(line.split(":")[1])
    assert 'id = "shared"' in text.splitlines()[lineno - 1]


def test_every_cross_reference_problem_is_reported_at_once() -> None:
    text = (
        MINI.replace('id = "market"\n', 'id = "shared"\n', 1)
        .replace('sources = ["s1"]\nterms = ["iop"]', 'sources = ["nope"]\nterms = ["ghost"]')
        .replace('{ question = "market", is_not', '{ question = "individual", is_not')
    )
    found = problems(text)
    assert "x.toml: shared: duplicate question id" in found
    assert "x.toml: shared: unknown source 'nope'" in found
    assert "x.toml: shared: unknown glossary term 'ghost'" in found
    assert "x.toml: market_size: show_if refers to a later question 'individual'" in found


def test_missing_outcome_text_and_missing_reason() -> None:
    text = MINI.replace('id = "oklart"', 'id = "iop"').replace(', reason = "Ingen vinst"', "")
    found = problems(text)
    assert "x.toml: iop: duplicate outcome id" in found
    assert "x.toml: outcome 'oklart': no text given for this outcome" in found
    assert "x.toml: profit: no: a signal or stop has no reason text" in found


def test_unknown_field_is_rejected() -> None:
    (line,) = problems(MINI.replace('help = "h"\ncritical = true', 'help = "h"\ncritcal = true', 1))
    assert "profit: critcal: Extra inputs are not permitted" in line


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match="cannot read"):
        load_checklist(tmp_path / "missing.toml")
