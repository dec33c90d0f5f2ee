"""docs/writing-checklists.md: its final, complete example is a working checklist, and every
smaller TOML snippet in the tutorial is a verbatim part of it (so none can drift)."""

from __future__ import annotations

import re
from pathlib import Path

from iop_tui.analysis import scenario_failures, unreachable_outcomes
from iop_tui.authoring import author_warnings
from iop_tui.checklist import load_checklist

DOC = Path(__file__).parents[2] / "docs" / "writing-checklists.md"


def toml_blocks() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return [
        re.sub(r"^ {2}", "", b, flags=re.MULTILINE) if b.startswith("  ") else b
        for b in re.findall(r"^```toml\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    ]


def test_final_example_loads_reaches_every_outcome_and_passes_its_scenarios(
    tmp_path: Path,
) -> None:
    blocks = toml_blocks()
    assert len(blocks) >= 10  # the tutorial's steps, then the whole file
    path = tmp_path / "min-kommun.toml"
    path.write_text(blocks[-1], encoding="utf-8")
    checklist = load_checklist(path)  # raises with every problem if the example is broken
    assert checklist.scenarios
    assert scenario_failures(checklist) == []
    assert unreachable_outcomes(checklist) == []
    assert author_warnings(checklist) == []  # the guide says: no errors, no warnings
    assert blocks[-1].startswith("#:schema ./checklist.schema.json\n")


def test_every_snippet_is_part_of_the_final_example() -> None:
    *snippets, full = toml_blocks()
    for snippet in snippets:
        assert snippet.strip() in full, snippet[:80]
