"""Round two of the attacks on the core (issue 17): names Windows reserves, the rights of
the sessions folder, a session deleted while open elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import store


@pytest.mark.parametrize("title", ["COM¹", "LPT²", "com³", "Lpt¹", "COM⁹", "nul"])
def test_superscript_digits_count_as_digits_in_reserved_names(title: str) -> None:
    """Item 19: "COM¹" and "LPT²" gave file names Windows reserves."""
    stem = store.safe_stem(title)
    assert stem.endswith("-bedomning"), stem


def test_ordinary_superscripts_are_kept() -> None:
    assert store.safe_stem("m²-pris") == "m²-pris"
