"""Issue 13: the short HTML report prints on at most two A4 pages, for every shipped example,
with the decision part filled in. Printed by headless Chromium (runs when it is installed;
`.ci/run` installs it), pages counted with pypdf."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from iop_tui import catalog, store
from iop_tui.checklist import Outcome
from iop_tui.report import render, session_digest
from iop_tui.session import Decision

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
EXAMPLES = sorted(catalog.examples_dir().glob("*.toml"))


def print_to_pdf(html: Path, pdf: Path, profile: Path) -> None:
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_short_report_prints_on_at_most_two_pages(path: Path, tmp_path: Path) -> None:
    session = store.load(path)
    checklist = catalog.get(session.checklist)
    session.meta.organisationsnummer = "802000-1239"
    session.meta.forvaltning = "Socialförvaltningen, socialnämnden"
    # A decision that differs from the verdict, with a motivering of a few lines.
    session.decision = Decision(
        form=Outcome.FORENINGSBIDRAG,
        motivering=" ".join(["Förvaltningen har vägt svaren mot riktlinjen."] * 6),
        decided_by="Lena Ek, förvaltningschef",
        date=dt.date(2026, 3, 1),
        final=dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC),
    )
    html = tmp_path / "rapport.html"
    html.write_text(
        render(checklist, session, "html", session_sha256=session_digest(path.read_bytes())),
        encoding="utf-8",
    )
    pdf = tmp_path / "rapport.pdf"
    print_to_pdf(html, pdf, tmp_path / "profile")
    pages = len(PdfReader(pdf).pages)
    assert 1 <= pages <= 2, f"{path.stem}: {pages} pages"
