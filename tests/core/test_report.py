"""Reports (issue 4): golden files per format, escaping, HTML structure, JSON shape, CLI.

Golden files live in tests/golden/. After an intended change to the report, regenerate them
and read the diff before committing:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report.py -q

The report date comes from the session (`updated`), never from the clock, so the golden
files are stable.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from iop_tui import catalog, store
from iop_tui.checklist import Answer, Checklist, Outcome
from iop_tui.cli import main
from iop_tui.engine import judge, what_would_change
from iop_tui.errors import ReportError
from iop_tui.i18n import set_language, tr
from iop_tui.report import (
    FORMATS,
    build_report,
    default_export_path,
    md_escape,
    session_digest,
    write_report,
)
from iop_tui.report import render as render_any
from iop_tui.session import Session
from iop_tui.verdict_view import MAX_OPEN, VerdictView, build_view, summary_dict

GOLDEN = Path(__file__).parent / "golden"


def render(checklist: Checklist, session: Session, fmt: str, **kw: object) -> str:
    """These tests are about the long report (the appendix); the short one has its own
    (test_short_report.py). JSON is the same for both."""
    return render_any(checklist, session, fmt, long=True, **kw)  # type: ignore[arg-type]


UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
#: One `iop` and one `oklart` example, as the issue asks.
CASES = {
    "01-laxhjalp-iop": Outcome.IOP,
    "07-kvinnojour-osakra-svar-oklart": Outcome.OKLART,
}
#: Everything a user can type that means something in HTML or Markdown.
HOSTILE = (
    "<script>alert(1)</script> *bold* _em_ **strong** # not a heading [link](x) "
    "![img](y) `code` a|b ~~gone~~ &amp; \"double\" 'single' <b>tag</b> \\ end"
)
HOSTILE_LINES = "First line\n\n# not a heading\n- not a list\n1. not ordered\n===\n    not code"


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    # `main(["--lang", "en", ...])` changes the process-wide language; keep it per test.
    set_language("sv")
    yield
    set_language("sv")


def example(stem: str) -> tuple[Checklist, Session, Path]:
    path = catalog.examples_dir() / f"{stem}.toml"
    session = store.load(path)
    return catalog.get(session.checklist), session, path


def hostile_session() -> tuple[Checklist, Session]:
    """Example 01 with markup everywhere a person can type, an answer hidden by a later
    change (org_vinstutdelning = yes hides org_kunskap_erfarenhet) and an unknown id."""
    checklist, session, _ = example("01-laxhjalp-iop")
    session = session.model_copy(deep=True)
    session.meta.title = "Rubrik *med* <i>markup</i> & # tecken"
    session.meta.organisation = "Förening | med | pipes"
    session.meta.diarienummer = '"; } body { display: none } </style><script>x()</script>'
    session.answers["org_vinstutdelning"] = Answer.YES
    session.notes["org_juridisk_person"] = HOSTILE
    session.notes["utmaning_gemensam"] = HOSTILE_LINES
    session.notes["org_kunskap_erfarenhet"] = "Dold fråga: *syns* som skriven"
    session.notes["borttagen_fraga"] = "Okänd <fråga>"
    session.notes["org_allmannyttigt_syfte"] = "Terminal \x1b[31mröd\x1b[0m text"
    return checklist, session


# --------------------------------------------------------------------------- HTML parsing


class Page(HTMLParser):
    """A flat record of a page: tags with attributes, heading texts, text per element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.stack: list[tuple[str, list[str]]] = []
        self.texts: list[tuple[str, str]] = []  # (tag, text content) of closed elements
        self.data: list[str] = []

    VOID = frozenset({"meta", "br", "img", "link", "hr", "input"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, parts = self.stack.pop()
            text = "".join(parts)
            if self.stack:
                self.stack[-1][1].append(text)
            self.texts.append((open_tag, text))
            if open_tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.headings.append((open_tag, " ".join(text.split())))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.data.append(data)
        if self.stack:
            self.stack[-1][1].append(data)

    def all_text(self) -> str:
        return "".join(self.data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def markdown_to_html(md: str) -> str:
    # CommonMark plus GFM tables and strikethrough: what GitHub, GitLab and most ärende
    # systems render.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", sorted(CASES))
def test_golden(stem: str, fmt: str) -> None:
    checklist, session, _ = example(stem)
    assert judge(checklist, session.answers).outcome is CASES[stem]
    text = render(checklist, session, fmt)
    golden = GOLDEN / f"{stem}.{fmt}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} missing: run with UPDATE_GOLDEN=1 to create it"
    assert text == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended, run with UPDATE_GOLDEN=1"
    )


def test_date_comes_from_the_session_or_an_injected_today() -> None:
    checklist, session, _ = example("01-laxhjalp-iop")
    assert build_report(checklist, session).date == "2026-03-02"
    assert build_report(checklist, session, today=dt.date(2027, 1, 5)).date == "2027-01-05"
    # Swedish date: 23:30 UTC on 2 March is 3 March in Bollebygd.
    late = session.model_copy(update={"updated": dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.UTC)})
    assert build_report(checklist, late).date == "2026-03-03"
    assert render(checklist, session, "md") == render(checklist, session, "md")


# --------------------------------------------------------------------------- content


@pytest.mark.parametrize("stem", sorted(CASES))
def test_report_holds_what_the_issue_lists(stem: str) -> None:
    checklist, session, _ = example(stem)
    verdict = judge(checklist, session.answers)
    r = build_report(checklist, session, verdict)
    md = render(checklist, session, "md")
    html_text = parse(render(checklist, session, "html")).all_text()
    meta = session.meta
    for text in (md, html_text):
        for needed in (
            meta.organisation,
            meta.assessor,
            meta.diarienummer,
            "2024-08-01",  # riktlinje valid from
            "KS2024/162 §85",
            checklist.version,
            checklist.kommun,
            checklist.outcome(verdict.outcome).label,
            "generisk modell",  # the checklist notice
            "Bedömningen är ett stöd, inte ett juridiskt beslut.",
            *checklist.outcome(verdict.outcome).next_steps,
        ):
            assert needed in text, needed
        for reason in verdict.reasons:  # each names its question (text, id in details)
            assert reason.question_id in text and reason.question in text
        for qid, note in session.notes.items():
            assert qid in text and " ".join(note.split()) in " ".join(text.split())
        for q in verdict.open_questions:
            assert q.question_id in text and q.question in text
    assert [q.id for s in r.sections for q in s.questions] == list(verdict.applicable)
    # The report is the core verdict view, built once from the answers.
    assert r.view == build_view(checklist, session.answers, verdict)
    assert set(r.view.next_steps) >= set(checklist.outcome(verdict.outcome).next_steps)
    if verdict.outcome is Outcome.OKLART:
        assert verdict.lean is not None
        assert r.view.lean == tr("view.lean", outcome=tr("outcome.inline." + verdict.lean.value))
        for text in (md, html_text):
            assert r.view.lean in text and "osäker" in text
            assert all(cause in text for cause in r.view.causes)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _assert_in_order(text: str, items: list[str]) -> None:
    at = 0
    for item in items:
        found = text.find(item, at)
        assert found >= 0, f"{item!r} missing after position {at}"
        at = found + len(item)


def _summary_items(view: VerdictView, esc: Callable[[str], str]) -> list[str]:
    """What the report shows, in the order of the verdict view, escaped by `esc`."""
    items: list[str] = [view.headline, view.firmness, *view.causes, view.lean]
    items.append(tr("view.gates"))
    items += [g.title for g in view.gates]
    items.append(tr("view.decisive"))
    items += [f.text for f in view.decisive]
    items.append(tr("verdict.open"))
    items += [p.question for p in view.open_points[:MAX_OPEN]]
    items.append(tr("view.what_would_change"))
    items += [c.text for c in view.changes]
    items.append(tr("verdict.next_steps"))
    items += list(view.next_steps)
    items.append(tr("view.legend"))
    items += [meaning for _, meaning in view.legend]
    items.append(tr("view.all_reasons"))
    items = [esc(i) for i in items if i]
    # The forms' own headings (past the table of scores), winner first.
    items += [("### " if esc is md_escape else "") + esc(form.label) for form in view.forms]
    return [*items, esc(tr("report.answers")), esc(tr("report.sources"))]


@pytest.mark.parametrize("stem", sorted(CASES))
def test_report_starts_with_the_verdict_view_in_order(stem: str) -> None:
    """Outcome and firmness, gates, decisive factors, open points ranked, what would change
    it, next steps, legend; then the full reasons per form, winner first; then the record
    and the sources. The decisive factors come before the full reasons."""
    checklist, session, _ = example(stem)
    verdict = judge(checklist, session.answers)
    view = build_report(checklist, session, verdict).view
    winner = verdict.outcome if verdict.outcome is not Outcome.OKLART else verdict.lean
    assert view.forms[0].outcome is winner
    md = render(checklist, session, "md")
    _assert_in_order(md, _summary_items(view, md_escape))
    html_text = _squash(parse(render(checklist, session, "html")).all_text())
    _assert_in_order(html_text, _summary_items(view, _squash))


def _without_code(md_or_html: str) -> str:
    text = re.sub(r"<code[^>]*>.*?</code>", "", md_or_html, flags=re.DOTALL)
    return re.sub(r"`[^`]*`", "", text)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_no_raw_ids_in_the_prose(stem: str) -> None:
    """Questions are quoted by their text, sources by their title: a question id stands
    only in a details cell (a code span), and never in the summary at all."""
    checklist, session, _ = example(stem)
    question_ids = [q.id for q in checklist.questions]
    source_ids = [s.id for s in checklist.sources]
    md = render(checklist, session, "md")
    html = render(checklist, session, "html")
    summary = md[: md.index("## " + tr("view.all_reasons"))]
    assert "`" not in summary
    html_summary = html[html.index('id="bedomning"') : html.index('id="skal"')]
    assert "<code" not in html_summary
    for text in (md, parse(_without_code(html)).all_text()):
        prose = _without_code(text)
        # Source notes are the checklist's own words; everything before them is ours.
        prose = prose[: prose.rindex(tr("report.sources_intro"))]
        for qid in question_ids:
            assert not re.search(rf"\b{qid}\b", prose), qid
        for sid in source_ids:
            assert not re.search(rf"\b{sid}\b", prose), sid
    # Every question id the report names is in a details cell.
    shown = {text for tag, text in parse(html).texts if tag == "code"}
    verdict = judge(checklist, session.answers)
    assert {r.question_id for r in verdict.reasons} <= shown
    assert set(verdict.applicable) <= shown


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_symbol_has_a_legend(fmt: str) -> None:
    checklist, session, _ = example("05-aldreboende-tidigare-upphandlat-upphandling")
    view = build_report(checklist, session).view
    text = render(checklist, session, fmt)
    if fmt == "html":
        text = parse(text).all_text()
    legend = text[text.index(tr("view.legend")) :]
    marks = {mark for mark, _ in view.legend}
    for mark, meaning in view.legend:
        assert mark in legend and meaning in legend
    used = {f.mark for f in view.decisive} | {p.mark for p in view.open_points}
    used |= {g.mark for g in view.gates}
    used |= {r.mark for form in view.forms for r in form.stops}
    assert all(m in marks or re.fullmatch(r"[+−-]\d+", m) for m in used), used - marks


def test_bare_session_and_checklist_version_mismatch() -> None:
    checklist, _, _ = example("01-laxhjalp-iop")
    bare = Session(checklist="bollebygd", checklist_version="0.9")
    r = build_report(checklist, bare)
    assert r.title == "Bedömning utan titel"
    assert r.version_mismatch == (
        "Bedömningen gjordes med version 0.9 av checklistan; "
        f"rapporten bedömer svaren med version {checklist.version}."
    )
    for fmt in ("md", "html"):
        text = render(checklist, bare, fmt)
        assert "(ej angivet)" in text and r.version_mismatch in text
        assert "Inte besvarad" in text  # every applicable question is listed, unanswered
    assert all(q.answer == "Inte besvarad" for s in r.sections for q in s.questions)
    assert (
        build_report(
            checklist, bare.model_copy(update={"checklist_version": checklist.version})
        ).version_mismatch
        == ""
    )


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (dt.date(2024, 8, 1), None, "från 2024-08-01, tills vidare"),
        (dt.date(2024, 8, 1), dt.date(2027, 12, 31), "från 2024-08-01 till och med 2027-12-31"),
        (None, dt.date(2027, 12, 31), "till och med 2027-12-31"),
        (None, None, "giltighetstid anges inte"),
    ],
)
def test_riktlinje_validity(start: dt.date | None, end: dt.date | None, text: str) -> None:
    checklist, session, _ = example("01-laxhjalp-iop")
    riktlinje = checklist.riktlinje.model_copy(update={"valid_from": start, "valid_until": end})
    other = checklist.model_copy(update={"riktlinje": riktlinje})
    assert build_report(other, session).riktlinje_validity == text
    assert text in render(other, session, "html")


def test_stops_and_flags_are_listed() -> None:
    checklist, session, _ = example("05-aldreboende-tidigare-upphandlat-upphandling")
    verdict = judge(checklist, session.answers)
    assert verdict.stops and verdict.flags
    for fmt in ("md", "html"):
        text = render(checklist, session, fmt)
        for item in (*verdict.stops, *verdict.flags):
            assert item.text in text and item.question_id in text
    md = render(checklist, session, "md")
    # Stops read as sentences that name the form they rule out (no ids, no "exclude").
    assert "Utesluter IOP: " in md and "Utesluter föreningsbidrag: " in md


def test_a_stop_that_requires_legal_review_is_never_dropped() -> None:
    """A `require oklart` stop concerns no single form, so the view's forms do not hold it;
    the report lists it first among the full reasons, under the oklart outcome."""
    checklist, session, _ = example("01-laxhjalp-iop")
    answers = {**session.answers, "org_offentligt_styrd": Answer.UNSURE}
    session = session.model_copy(update={"answers": answers})
    verdict = judge(checklist, session.answers)
    review = [s for s in verdict.stops if s.outcome is Outcome.OKLART]
    assert verdict.outcome is Outcome.OKLART and review
    r = build_report(checklist, session, verdict)
    assert r.forms[0].outcome is Outcome.OKLART
    assert r.forms[1:] == r.view.forms
    md = render(checklist, session, "md")
    reasons = md[md.index("## Alla skäl") :]
    first_form = reasons.index("### " + r.view.forms[0].label)
    for s in review:
        assert 0 <= reasons.index(s.text) < first_form


def test_english_labels() -> None:
    checklist, session, _ = example("01-laxhjalp-iop")
    set_language("en")
    html = render(checklist, session, "html")
    page = parse(html)
    assert page.named("html")[0]["lang"] == "en"
    assert ("h2", "All reasons, form by form") in page.headings
    assert ("h3", "What decides it") in page.headings
    assert "This assessment is a support, not a legal decision." in page.all_text()


# --------------------------------------------------------------------------- HTML structure


def h2_sv(open_points: int) -> list[str]:
    more = ["Alla öppna punkter"] if open_points > MAX_OPEN else []
    return [
        "Bedömning",
        "Checklista och riktlinje",
        "Alla skäl, form för form",
        *more,
        "Frågor och svar",
        "Källor",
    ]


#: The summary's parts, in the order of the verdict view (issue 10).
H3_SUMMARY_SV = [
    "Juridiska grindar, i tur och ordning",
    "Det här avgör",
    "Öppna punkter",
    "Det här skulle ändra bedömningen",
    "Nästa steg",
    "Teckenförklaring",
]


@pytest.mark.parametrize("stem", sorted(CASES))
def test_html_structure(stem: str) -> None:
    checklist, session, _ = example(stem)
    page = parse(render(checklist, session, "html"))
    assert page.named("html") == [{"lang": "sv"}]
    assert [h for h in page.headings if h[0] == "h1"] == [
        ("h1", " ".join(session.meta.title.split()))
    ]
    view = build_report(checklist, session).view
    assert [text for tag, text in page.headings if tag == "h2"] == h2_sv(len(view.open_points))
    first_h2s = [i for i, (tag, _) in enumerate(page.headings) if tag == "h2"][:2]
    summary = [text for _, text in page.headings[first_h2s[0] + 1 : first_h2s[1]]]
    assert summary == H3_SUMMARY_SV
    # Heading levels never skip one (screen-reader navigation).
    levels = [int(tag[1]) for tag, _ in page.headings]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels))
    # One h3 per checklist section that has applicable questions, in order.
    titles = [f"{i}. {s.title}" for i, s in enumerate(checklist.sections, 1)]
    assert [t for _, t in page.headings if t in titles] == titles
    # Every table header cell says what it heads; every table has a header.
    ths = page.named("th")
    assert ths and all(th.get("scope") in ("col", "row") for th in ths)
    # The two details tables (the case, the checklist) have row headers only.
    assert len(page.named("thead")) == len(page.named("table")) - 2
    # Self-contained: no script, no fetched resource, no event handler.
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    assert all(not k.startswith("on") for _, attrs in page.tags for k in attrs)
    style = next(text for tag, text in page.texts if tag == "style")
    assert "url(" not in style and "@import" not in style
    assert "@page" in style and "size: A4" in style and "break-inside: avoid" in style
    # In-page source links resolve to an element.
    ids = {attrs.get("id") for _, attrs in page.tags}
    for a in page.named("a"):
        href = a.get("href") or ""
        assert href.startswith(("#", "https://", "http://"))
        if href.startswith("#"):
            assert href[1:] in ids, href


# --------------------------------------------------------------------------- escaping


def test_html_shows_user_text_as_typed_and_runs_nothing() -> None:
    checklist, session = hostile_session()
    html = render(checklist, session, "html")
    page = parse(html)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and tags.count("style") == 1
    assert "i" not in tags and "b" not in tags  # the <i> and <b> typed by the user
    texts = [" ".join(text.split()) for _, text in page.texts]
    assert " ".join(HOSTILE.split()) in texts  # the note cell, exactly as typed
    assert HOSTILE_LINES in [text for tag, text in page.texts if tag == "td"]
    assert ("h1", session.meta.title) in page.headings
    assert session.meta.organisation in texts
    assert '"; } body' not in next(t for tag, t in page.texts if tag == "style")
    assert "\x1b" not in html and "Terminal [31mröd[0m text" in texts


def test_markdown_shows_user_text_as_typed_and_runs_nothing() -> None:
    checklist, session = hostile_session()
    md = render(checklist, session, "md")
    assert "\x1b" not in md
    page = parse(markdown_to_html(md))
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "img" not in tags and "i" not in tags and "b" not in tags
    assert "del" not in tags  # ~~gone~~ is not struck through
    # Links: only the source URLs of the checklist; the user's [link](x) stays text.
    assert all((a.get("href") or "").startswith("http") for a in page.named("a"))
    texts = [" ".join(text.split()) for _, text in page.texts]
    assert any(" ".join(HOSTILE.split()) in t for t in texts)
    assert ("h1", session.meta.title) in page.headings
    # The pipes stay inside their cell: the row still has two cells, the second as typed.
    rows = [t for tag, t in page.texts if tag == "td"]
    assert session.meta.organisation in rows
    # Multi-line note: no heading, list or code block comes out of it.
    assert all("not a heading" not in text for _, text in page.headings)
    for line in ("# not a heading", "- not a list", "1. not ordered", "===", "not code"):
        assert any(line in t for t in texts), line
    assert "Dold fråga: *syns* som skriven" in " ".join(texts)
    assert "Okänd <fråga>" in " ".join(texts)


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("*bold*", "\\*bold\\*"),
        ("org_juridisk_person", "org_juridisk_person"),  # intraword: readable as typed
        ("_em_", "\\_em\\_"),
        ("# head", "\\# head"),
        ("#hashtag", "#hashtag"),
        ("- item", "\\- item"),
        ("-3", "-3"),
        ("2026-03-02", "2026-03-02"),
        ("1. first", "1\\. first"),
        ("a | b", "a \\| b"),
        ("<script>", "\\<script\\>"),
        ("[x](y)", "\\[x\\](y)"),
        ("`x`", "\\`x\\`"),
        ("AT&T &amp;", "AT&T \\&amp;"),
        ("two\nlines", "two lines"),
    ],
)
def test_md_escape(typed: str, escaped: str) -> None:
    assert md_escape(typed) == escaped


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("stem", sorted(CASES))
def test_json_shape(stem: str) -> None:
    checklist, session, _ = example(stem)
    text = render(checklist, session, "json")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert data["report_version"] == 1
    assert data["verdict"] == json.loads(json.dumps(judge(checklist, session.answers).to_dict()))
    assert data["checklist"]["id"] == "bollebygd"
    assert data["checklist"]["version"] == checklist.version
    # Beside the verdict, as `judge --json` gives them (keys only added).
    verdict = judge(checklist, session.answers)
    changes = what_would_change(checklist, session.answers)
    assert data["what_would_change"] == json.loads(json.dumps(changes.to_dict()))
    view = build_view(checklist, session.answers, verdict, changes)
    assert data["summary"] == json.loads(json.dumps(summary_dict(view)))
    assert data["text"]["next_steps"] == list(view.next_steps)
    assert data["text"]["lean"] == (view.lean or None)
    assert data["checklist"]["riktlinje"]["valid_from"] == "2024-08-01"
    s = data["session"]
    assert s["diarienummer"] == session.meta.diarienummer
    assert s["answers"] == {k: v.value for k, v in session.answers.items()}
    assert s["notes"] == session.notes
    assert s["updated"] == session.updated.isoformat()
    assert data["text"]["disclaimer"] == "Bedömningen är ett stöd, inte ett juridiskt beslut."


def test_json_keeps_user_text_exactly() -> None:
    checklist, session = hostile_session()
    data = json.loads(render(checklist, session, "json"))
    assert data["session"]["notes"] == session.notes  # control characters too: data is data
    verdict = judge(checklist, session.answers)
    assert "org_kunskap_erfarenhet" in data["not_applicable"]  # listed...
    judged = {r["question_id"] for r in data["verdict"]["reasons"]}
    assert not judged & set(data["not_applicable"])  # ...but not judged
    assert data["not_applicable"] == [
        q.id
        for q in checklist.questions
        if q.id not in verdict.applicable and (q.id in session.answers or q.id in session.notes)
    ]
    assert data["unknown_questions"] == ["borttagen_fraga"]


# --------------------------------------------------------------------------- files


def test_write_report_atomic_private_and_leaves_the_directory_alone(tmp_path: Path) -> None:
    checklist, session, _ = example("01-laxhjalp-iop")
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    target = write_report(checklist, session, "html", shared / "r.html", long=True)
    assert target.read_text(encoding="utf-8") == render(checklist, session, "html")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755  # not made private: not ours
    assert [p.name for p in shared.iterdir()] == ["r.html"]  # no temp file left
    with pytest.raises(ReportError, match="does not exist"):
        write_report(checklist, session, "md", tmp_path / "missing" / "r.md")
    with pytest.raises(ReportError, match="is a directory"):
        write_report(checklist, session, "md", shared)
    owned = write_report(checklist, session, "md", tmp_path / "app" / "r.md", create_dir=True)
    assert stat.S_IMODE(owned.parent.stat().st_mode) == 0o700


def test_default_export_path(tmp_path: Path) -> None:
    assert default_export_path(Path("/x/01-laxhjalp-iop.toml"), "html", tmp_path) == (
        tmp_path / "01-laxhjalp-iop.html"
    )
    assert default_export_path("Läxhjälp: ../../etc <x>", "md", tmp_path) == (
        tmp_path / "läxhjälp-etc-x.md"
    )
    assert default_export_path("", "json", tmp_path) == tmp_path / "bedomning.json"
    with pytest.raises(ReportError):
        default_export_path("x", "pdf", tmp_path)
    with pytest.raises(ReportError):
        render(*example("01-laxhjalp-iop")[:2], "pdf")


# --------------------------------------------------------------------------- CLI


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_to_stdout(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    checklist, session, path = example("07-kvinnojour-osakra-svar-oklart")
    code, out, err = run(capsys, "export", str(path), "--format", fmt, "--long")
    assert code == 0, err
    assert out == render(checklist, session, fmt, session_sha256=session_digest(path.read_bytes()))


def test_cli_export_to_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checklist, session, path = example("01-laxhjalp-iop")
    target = tmp_path / "rapport.html"
    code, out, err = run(
        capsys, "export", str(path), "--format", "html", "--long", "-o", str(target)
    )
    assert code == 0, err
    assert out == ""
    digest = session_digest(path.read_bytes())
    assert target.read_text(encoding="utf-8") == render(
        checklist, session, "html", session_sha256=digest
    )


def test_cli_export_english(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, path = example("01-laxhjalp-iop")
    code, out, _ = run(capsys, "--lang", "en", "export", str(path), "--format", "md", "--long")
    assert code == 0 and "## All reasons, form by form" in out


def test_cli_export_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, _, example_path = example("01-laxhjalp-iop")
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = = 1\n")
    foreign = tmp_path / "foreign.toml"
    foreign.write_text('schema = 1\nchecklist = "nowhere"\n')
    session_copy = tmp_path / "copy.toml"
    session_copy.write_bytes(example_path.read_bytes())
    cases = [
        ((str(tmp_path / "missing.toml"), "--format", "md"), "no such file"),
        ((str(broken), "--format", "md"), "invalid TOML"),
        ((str(foreign), "--format", "json"), "checklist 'nowhere' is not installed"),
        (
            (str(example_path), "--format", "md", "-o", str(tmp_path / "no" / "r.md")),
            "does not exist",
        ),
        ((str(example_path), "--format", "md", "-o", str(tmp_path)), "is a directory"),
        (
            (str(session_copy), "--format", "json", "-o", str(session_copy)),
            "would overwrite the session",
        ),
    ]
    for args, message in cases:
        code, out, err = run(capsys, "export", *args)
        assert code == 1, (args, err)
        assert err.count("\n") == 1 and err.startswith("iop-tui: ") and message in err, err
        assert "Traceback" not in err and out == ""
    assert session_copy.read_bytes() == example_path.read_bytes()
