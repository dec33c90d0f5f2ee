"""Issue 13: the short bedömning, the decision part, fastställd and verify, the answer
history, the tjänsteskrivelse and the IOP-avtal (Markdown and Word), kommun templates.

Golden files live in tests/core/golden/issue13/. After an intended change, regenerate
them and read the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/core/test_short_report.py
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from iop_tui import catalog, store
from iop_tui.assessment import Assessment, FinalError
from iop_tui.checklist import Answer, Checklist, Outcome
from iop_tui.cli import main
from iop_tui.documents import render_document, to_docx
from iop_tui.errors import ReportError, SessionError
from iop_tui.i18n import set_language
from iop_tui.report import find_digests, render, session_digest
from iop_tui.session import Decision, Meta, Session, luhn_ok, orgnr_problem, parse_session

GOLDEN = Path(__file__).parent / "golden" / "issue13"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
IOP, UPPHANDLING, OKLART = (
    "01-laxhjalp-iop",
    "05-aldreboende-tidigare-upphandlat-upphandling",
    "07-kvinnojour-osakra-svar-oklart",
)
CASES = (IOP, UPPHANDLING, OKLART)
#: Everything a person can type that means something in HTML, Markdown, CSS or Word XML,
#: with control characters (a terminal escape, a form feed, a NUL, a vertical tab).
HOSTILE = (
    "<script>alert(1)</script> *bold* _em_ **strong** # rubrik [länk](x) `code` a|b "
    "~~gone~~ &amp; \"dubbel\" 'enkel' \\ slut \x1b[31mröd\x1b[0m \x0c\x00\x0b [fyll i]"
)
HOSTILE_LINES = "Första raden\n\n# inte en rubrik\n- inte en lista\n1. inte numrerad\n==="
#: Control characters that must never reach a document (all but newline and tab).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    set_language("sv")
    yield
    set_language("sv")


def example(stem: str) -> tuple[Checklist, Session, Path]:
    path = catalog.examples_dir() / f"{stem}.toml"
    session = store.load(path)
    return catalog.get(session.checklist), session, path


def decided(stem: str) -> tuple[Checklist, Session, str]:
    """The example with the details and decision part an officer fills in, and a history.
    For the oklart case the kommun takes a position other than the tool's, with reasons."""
    checklist, session, path = example(stem)
    session = session.model_copy(deep=True)
    session.meta.organisationsnummer = "802000-1239" if stem != OKLART else ""
    session.meta.forvaltning = "Kultur- och fritidsförvaltningen" if stem == IOP else ""
    if stem == OKLART:
        session.decision = Decision(
            form=Outcome.UPPHANDLING,
            motivering="Jurist har bedömt att kommunen i praktiken beställer stödsamtal.",
            decided_by="Lena Ek, socialchef",
            date=dt.date(2026, 2, 10),
        )
        session.history.answers = [
            "2026-02-03T09:00:00Z marknad_omsesidigt_bindande: - → no (Karin Sjöberg)",
            "2026-02-03T09:30:00Z marknad_omsesidigt_bindande: no → unsure (Karin Sjöberg)",
        ]
    elif stem == IOP:
        session.decision = Decision(
            form=Outcome.IOP,
            decided_by="Per Holm, förvaltningschef",
            date=dt.date(2026, 3, 5),
            final=dt.datetime(2026, 3, 5, 13, 0, tzinfo=dt.UTC),
        )
    return checklist, session, session_digest(path.read_bytes())


# --------------------------------------------------------------------------- golden files


def _check_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} missing: run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended, run with UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("stem", CASES)
@pytest.mark.parametrize("kind", ["short.md", "short.html", "tjanst.md", "avtal.md"])
def test_golden(stem: str, kind: str) -> None:
    checklist, session, digest = decided(stem)
    doc, fmt = kind.split(".")
    if doc == "short":
        text = render(checklist, session, fmt, session_sha256=digest)
    elif doc == "avtal" and stem != IOP:
        # Only an IOP outcome gets an avtal; the others are refused, saying why.
        with pytest.raises(ReportError, match="for an IOP outcome"):
            render_document(doc, checklist, session)
        return
    else:
        text = render_document(doc, checklist, session, session_sha256=digest)
    _check_golden(f"{stem}.{kind}", text)


def test_short_report_holds_the_summary_and_the_decision_part() -> None:
    checklist, session, digest = decided(OKLART)
    md = render(checklist, session, "md", session_sha256=digest)
    order = [
        "Organisationsnummer",
        "Förvaltning / nämnd",
        "Diarienummer",
        "## Bedömning",
        "### Det här avgör",
        "### Öppna punkter",
        "### Det här skulle ändra bedömningen",
        "### Nästa steg",
        "## Ställningstagande",
        "Beslutsfattare / godkänd av",
        digest,
        "Bilaga",
    ]
    positions = [md.index(x) for x in order]
    assert positions == sorted(positions)
    # The form chosen differs from the tool's verdict: said, with the reasons given.
    assert "avviker från verktygets bedömning" in md and "Jurist har bedömt" in md
    # The long record is not in the short report; the appendix has it, with the history.
    assert "## Frågor och svar" not in md and "Ändringshistorik" not in md
    long = render(checklist, session, "md", long=True, session_sha256=digest)
    assert "## Frågor och svar" in long and "## Ändringshistorik" in long
    assert "Nej → Osäker | Karin Sjöberg" in long


def test_a_differing_form_without_motivering_is_reported_missing() -> None:
    checklist, session, _ = decided(OKLART)
    session.decision = session.decision.model_copy(update={"motivering": ""})
    md = render(checklist, session, "md")
    assert "Kvar innan bedömningen kan fastställas" in md and "motivering krävs" in md


def test_json_carries_the_new_fields() -> None:
    checklist, session, digest = decided(OKLART)
    data = json.loads(render(checklist, session, "json", session_sha256=digest))
    assert data["session_sha256"] == digest
    s = data["session"]
    assert s["decision"]["form"] == "upphandling" and s["decision"]["date"] == "2026-02-10"
    assert s["history"][1] == {
        "at": "2026-02-03T09:30:00+00:00",
        "question_id": "marknad_omsesidigt_bindande",
        "from": "no",
        "to": "unsure",
        "by": "Karin Sjöberg",
    }


# --------------------------------------------------------------------------- Word


def _docx(text: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(to_docx(text)))


@pytest.mark.parametrize("stem", CASES)
def test_tjanst_docx_headings_and_fields(stem: str) -> None:
    checklist, session, digest = decided(stem)
    document = _docx(render_document("tjanst", checklist, session, session_sha256=digest))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[1:] == [
        "Förslag till beslut",
        "Sammanfattning",
        "Ärendet",
        "Bedömning",
        "Det som avgör",
        *(["Öppna frågor"] if stem != IOP else []),
        "Nästa steg",
        "Rättsliga utgångspunkter",
        "Beslutsunderlag",
        "Beslutet skickas till",
    ]
    assert headings[0].startswith("Ärende: ")
    assert document.paragraphs[0].style.name == "Title"
    fields = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert fields["Kommun"] == "Bollebygds kommun"
    assert fields["Diarienummer"] == session.meta.diarienummer
    assert fields["Handläggare"] == session.meta.assessor
    assert fields["Förvaltning / nämnd"] == (session.meta.forvaltning or "[fyll i]")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "\\" not in text  # Markdown escapes are undone in Word
    proposal = text.split("Förslag till beslut")[1].split("Sammanfattning")[0]
    form = session.decision.form or judge_outcome(checklist, session)
    wording = {
        Outcome.IOP: "beslutar att ingå ett idéburet offentligt partnerskap",
        Outcome.UPPHANDLING: "förbereda en upphandling",
        Outcome.OKLART: "utreda frågan",
    }
    assert wording[form] in proposal
    # What the officer must fill in is marked and highlighted.
    fill = [r for p in document.paragraphs for r in p.runs if r.text == "[fyll i]"]
    assert fill and all(r.font.highlight_color is not None for r in fill)


def judge_outcome(checklist: Checklist, session: Session) -> Outcome:
    from iop_tui.engine import judge

    return judge(checklist, session.answers).outcome


def test_avtal_docx_has_the_prescribed_headings_prefilled() -> None:
    checklist, session, _ = decided(IOP)
    document = _docx(render_document("avtal", checklist, session))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "1. Parter",
        "2. Bakgrund",
        "3. Värdegrund",
        "4. Syfte och mål",
        "5. Partnerskapets organisation",
        "6. Insatser och åtaganden",
        "7. Uppföljning",
        "8. Ekonomi",
        "9. Avtalstid och uppsägning",
        "10. Ändringar",
        "11. Omförhandling, hävning och tvist",
        "Underskrifter",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Föreningen Läxkompis Bollebygd, organisationsnummer 802000-1239" in text
    assert "Ledningsgrupp/styrgrupp" in text and "verksamhetsberättelse" in text
    ekonomi = text.split("8. Ekonomi")[1].split("9. Avtalstid")[0]
    assert "Satsar både kommunen och organisationen egna resurser" in ekonomi  # from answers
    parts = {r.cells[0].text: r.cells[1].text for r in document.tables[1].rows}
    assert parts["Bollebygds kommun"] == "[fyll i]"
    assert document.tables[2].rows[2].cells[0].text == "Per Holm, förvaltningschef"


# --------------------------------------------------------------------------- escaping


def hostile(stem: str = IOP) -> tuple[Checklist, Session]:
    checklist, session, _ = example(stem)
    session = session.model_copy(deep=True)
    for field in ("title", "organisation", "forvaltning", "assessor", "diarienummer"):
        setattr(session.meta, field, f"{field}: {HOSTILE}")
    session.decision = Decision(
        form=Outcome.FORENINGSBIDRAG,
        motivering=f"{HOSTILE}\n{HOSTILE_LINES}",
        decided_by=f"chef {HOSTILE}",
        date=dt.date(2026, 1, 1),
    )
    for qid in list(session.answers)[:20]:
        session.notes[qid] = f"{HOSTILE}\n{HOSTILE_LINES}"
    session.history.answers = [
        f"2026-01-01T10:00:00Z org_juridisk_person: - → yes ({' '.join(HOSTILE.split())})"
    ]
    return checklist, session


def _assert_no_markup_escapes(html: str) -> None:
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>" not in html and not CONTROL.search(html)


def test_every_field_is_escaped_in_html() -> None:
    checklist, session = hostile()
    for long in (False, True):
        html = render(checklist, session, "html", long=long, session_sha256="a" * 64)
        _assert_no_markup_escapes(html)
        assert "&#34;dubbel&#34;" in html or "&quot;dubbel&quot;" in html


def _markdown_is_inert(md: str) -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    assert "<script>" not in html and "<strong>bold" not in html and "<em>em" not in html
    assert "<s>gone" not in html and '<a href="x"' not in html and "<code>code" not in html
    for line in md.splitlines():
        # No typed text starts a heading or list of its own.
        assert not line.startswith(("# inte", "- inte", "1. inte", "===")), line
    assert not CONTROL.search(md)


@pytest.mark.parametrize("doc", ["short", "long", "tjanst", "avtal"])
def test_every_field_is_escaped_in_markdown(doc: str) -> None:
    checklist, session = hostile()
    session.decision = session.decision.model_copy(update={"form": Outcome.IOP})
    if doc in ("short", "long"):
        md = render(checklist, session, "md", long=doc == "long")
    else:
        md = render_document(doc, checklist, session)
    _markdown_is_inert(md)
    assert "title: " in md and "\\<script\\>" in md


@pytest.mark.parametrize("doc", ["tjanst", "avtal"])
def test_every_field_reads_as_typed_in_word(doc: str) -> None:
    checklist, session = hostile()
    session.decision = session.decision.model_copy(update={"form": Outcome.IOP})
    document = _docx(render_document(doc, checklist, session))
    texts = [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for r in t.rows for c in r.cells
    ]
    joined = "\n".join(texts)
    # The typed text, control characters dropped, runs of blanks made one.
    typed = " ".join(CONTROL.sub("", HOSTILE).split())
    assert f"diarienummer: {typed}" in joined
    assert not CONTROL.search(joined)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert not any("inte en rubrik" in h for h in headings)


def test_json_keeps_every_field_exactly() -> None:
    checklist, session = hostile()
    data = json.loads(render(checklist, session, "json"))
    assert data["session"]["decision"]["motivering"] == f"{HOSTILE}\n{HOSTILE_LINES}"
    assert data["session"]["title"] == f"title: {HOSTILE}"


# --------------------------------------------------------------------------- kommun templates


def test_a_kommun_template_replaces_the_shipped_one(tmp_path: Path) -> None:
    own = Path(os.environ["IOP_TUI_CONFIG_DIR"]) / "templates"
    own.mkdir(parents=True)
    (own / "tjanst.md.j2").write_text(
        "# Tjänsteskrivelse, Exempelkommun\n\nÄrende: {{ r.title }}\n", encoding="utf-8"
    )
    checklist, session = hostile()
    text = render_document("tjanst", checklist, session)
    assert text.startswith("# Tjänsteskrivelse, Exempelkommun\n")
    assert "\\<script\\>" in text  # the kommun's template is escaped too
    # Templates it does not replace still come from iop-tui.
    assert "## 1. Parter" in render_document(
        "avtal", checklist, session.model_copy(update={"decision": Decision(form=Outcome.IOP)})
    )


# --------------------------------------------------------------------------- session fields


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("802000-1239", "802000-1239"),
        ("8020001239", "802000-1239"),
        ("16802000-1239", "802000-1239"),
        (" 802000-1239 ", "802000-1239"),
        ("", ""),
    ],
)
def test_organisationsnummer_is_normalised(typed: str, stored: str) -> None:
    assert Meta(organisationsnummer=typed).organisationsnummer == stored


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("802000-1234", "orgnr.check_digit"), ("80200-1237", "orgnr.format"), ("abc", "orgnr.format")],
)
def test_organisationsnummer_check_digit(typed: str, problem: str) -> None:
    assert orgnr_problem(typed) == problem
    with pytest.raises(ValueError):
        Meta(organisationsnummer=typed)


def test_luhn() -> None:
    assert luhn_ok("8020001239") and luhn_ok("5560360793") and not luhn_ok("5560360794")


def test_old_files_load_and_new_fields_round_trip() -> None:
    _, old, _ = example(IOP)
    assert old.decision == Decision() and old.history.answers == []
    assert "[decision]" not in old.to_toml() and "[history]" not in old.to_toml()
    _, session, _ = decided(OKLART)
    again = parse_session(session.to_toml(), "x")
    assert again == session


def test_history_records_changes_and_never_changes_the_verdict() -> None:
    checklist, session, _ = example(IOP)
    session = session.model_copy(deep=True)
    session.meta.assessor = "Eva Handläggare"
    session.set_answer("org_skatteskulder", Answer.UNSURE)  # no → unsure
    session.set_answer("org_skatteskulder", Answer.NO)  # back at once: nothing happened
    assert session.history.answers == []
    session.set_answer("org_skatteskulder", Answer.UNSURE)
    changes = session.answer_history("org_skatteskulder")
    assert [(c.old, c.new, c.by) for c in changes] == [
        (Answer.NO, Answer.UNSURE, "Eva Handläggare")
    ]
    from iop_tui.engine import judge

    with_history = judge(checklist, session.answers)
    session.history.answers = []
    assert judge(checklist, session.answers) == with_history


def test_a_broken_history_line_names_the_problem() -> None:
    _, session, _ = decided(OKLART)
    text = session.to_toml().replace("→ unsure", "-> unsure")
    with pytest.raises(SessionError, match=r"history\.answers: not a history line"):
        parse_session(text, "f.toml")


# --------------------------------------------------------------------------- fastställd


def test_finalise_makes_it_read_only_and_a_copy_can_be_made(tmp_path: Path) -> None:
    _, _, path = example(OKLART)
    own = tmp_path / "s.toml"
    own.write_bytes(path.read_bytes())
    with Assessment.open(own, tmp_path) as a:
        a.set_decision(Decision(form=Outcome.UPPHANDLING, decided_by="Lena", date=dt.date.today()))
        assert a.finalise_problem() == "decision.need_motivering"
        with pytest.raises(SessionError):
            a.finalise()
        a.set_decision(a.session.decision.model_copy(update={"motivering": "Köp."}))
        a.finalise()
        assert a.final
        frozen = own.read_bytes()
        for change in (
            lambda: a.answer("org_skatteskulder", Answer.YES),
            lambda: a.note("org_skatteskulder", "x"),
            lambda: a.set_meta(title="ny"),
            lambda: a.set_decision(Decision()),
        ):
            with pytest.raises(FinalError):
                change()
        assert own.read_bytes() == frozen
        copy = a.new_copy()
        assert copy != own and not a.final
        a.answer("org_skatteskulder", Answer.YES)
    assert store.load(own).final and not store.load(copy).final
    assert store.load(copy).decision.motivering == "Köp."


def test_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, path = example(IOP)
    own = tmp_path / "s.toml"
    own.write_bytes(path.read_bytes())
    outputs = {
        "r.html": ["--format", "html"],
        "r.md": ["--format", "md"],
        "r.json": ["--format", "json"],
        "bilaga.html": ["--format", "html", "--long"],
    }
    for name, args in outputs.items():
        assert main(["export", str(own), *args, "-o", str(tmp_path / name)]) == 0
        assert main(["verify", str(own), str(tmp_path / name)]) == 0
        assert "ok" in capsys.readouterr().out
    own.write_bytes(own.read_bytes().replace(b"KS2026/0123", b"KS2026/0124"))
    assert main(["verify", str(own), str(tmp_path / "r.html")]) == 1
    assert "NOT made from this version" in capsys.readouterr().err
    (tmp_path / "empty.md").write_text("nothing here")
    assert main(["verify", str(own), str(tmp_path / "empty.md")]) == 1


def test_cli_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, path = example(IOP)
    for kind in ("tjanst", "avtal"):
        target = tmp_path / f"{kind}.docx"
        assert main(["export", str(path), "--format", kind, "-o", str(target)]) == 0
        assert docx.Document(str(target)).paragraphs[0].style.name == "Title"
        assert (target.stat().st_mode & 0o777) == 0o600
        assert main(["export", str(path), "--format", kind]) == 0
        assert capsys.readouterr().out.startswith("# ")
    _, _, other = example(UPPHANDLING)
    assert main(["export", str(other), "--format", "avtal"]) == 1
    assert "for an IOP outcome" in capsys.readouterr().err


def test_find_digests_reads_word_files() -> None:
    digest = "ab" * 32
    data = to_docx(f"# Rubrik\n\nSHA-256: {digest}\n")
    assert find_digests(data) == [digest]
