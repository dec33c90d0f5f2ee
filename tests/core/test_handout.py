"""Issue 15: the workshop handout (three forms and a glossary) prints on exactly one A4 page,
in Swedish and in English. Printed by headless Chromium like the short report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from iop_tui import handout

from .test_print import CHROMIUM, print_to_pdf


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_handout_names_the_forms_and_the_words(lang: str) -> None:
    html = handout.render(lang)
    h = handout.HANDOUTS[lang]
    assert f'<html lang="{lang}">' in html
    for form in h.forms:
        assert form.name in html
    for term, _ in h.glossary:
        assert f"<dt>{term}</dt>" in html
    assert "<script" not in html and "http" not in html.replace('name="viewport"', "")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_handout_prints_on_one_a4_page(lang: str, tmp_path: Path) -> None:
    html = tmp_path / "handout.html"
    html.write_text(handout.render(lang), encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    print_to_pdf(html, pdf, tmp_path / "profile")
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    # A4 in points (595 × 842), as the page rule asks.
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert handout.HANDOUTS[lang].glossary[-1][0] in reader.pages[0].extract_text()


def test_cli_writes_the_handout(tmp_path: Path) -> None:
    out = tmp_path / "blad.html"
    run = subprocess.run(
        [sys.executable, "-m", "iop_tui", "handout", "--lang", "en", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert out.read_text(encoding="utf-8") == handout.render("en")
    missing = tmp_path / "no-such-dir" / "x.html"
    run = subprocess.run(
        [sys.executable, "-m", "iop_tui", "handout", "-o", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "does not exist" in run.stderr
