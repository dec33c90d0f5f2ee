"""Issue 15: the workshop handout (three forms and a glossary) prints on exactly one A4 page,
in Swedish and in English. Printed by headless Chromium like the short report."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from iop_tui import cli, handout
from iop_tui.i18n import set_language

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


def test_cli_writes_the_handout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "blad.html"
    assert cli.main(["handout", "--lang", "en", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == handout.render("en")
    missing = tmp_path / "no-such-dir" / "x.html"
    try:
        assert cli.main(["handout", "-o", str(missing)]) == 1
    finally:
        set_language("sv")
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err
