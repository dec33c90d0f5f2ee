"""Issue 16, the app as a new user meets it: each test walks one short path and checks what
tripped the trial users (wording, focus, where files go)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from iop_tui import catalog, store
from iop_tui.engine import judge
from iop_tui.tui.screens.question import QuestionScreen
from iop_tui.tui.screens.result import ResultScreen
from iop_tui.tui.screens.review import ReviewScreen
from iop_tui.tui.widgets.verdict_panel import verdict_summary

from .apphelpers import SIZE, example, make_app, screen_text, write_session


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_live_panel_lines_start_as_sentences() -> None:
    c = catalog.get("bollebygd")
    session = example("07-kvinnojour-osakra-svar-oklart")
    verdict = judge(c, session.answers)
    assert verdict.causes  # the panel lists them, one a line
    for line in str(verdict_summary(c, verdict)).splitlines():
        first = line.removeprefix("• ")[:1]
        assert not first.isalpha() or first.isupper(), line


async def test_fast_typing_after_tab_and_a_panel_that_waits_for_an_answer(
    _isolated_data_dir: Path,
) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # As a script or a paste delivers them: all keys queued before any is handled.
        # Fields: title, organisation, organisationsnummer, förvaltning, assessor, diarienummer.
        for ch in "Ny\tFor\t\t\tEva\tKS1":
            app.post_message(events.Key("tab", None) if ch == "\t" else events.Key(ch, ch))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        meta = app.assessment.session.meta
        assert (meta.title, meta.organisation, meta.assessor, meta.diarienummer) == (
            "Ny",
            "For",
            "Eva",
            "KS1",
        )
        panel = str(app.screen.query_one("#q-panel").render())
        assert "Inte bedömt än" in panel and "Oklart" not in panel
        await pilot.press("j")
        panel = str(app.screen.query_one("#q-panel").render())
        assert "Inte bedömt än" not in panel and "Poäng" in panel


async def test_result_export_path_review_hint_and_screenshot(
    _isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/Downloads there
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "jour.toml", example("07-kvinnojour-osakra-svar-oklart"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_result()
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        exported = app.screen.query_one("#result-exported")
        await pilot.press("e")
        assert "jour.html" in str(exported.render())
        for fmt in ("md", "json"):  # as the palette asks for them
            app.action_export(fmt)
            await pilot.pause()
            assert f"jour.{fmt}" in str(exported.render())

        # The review sends us to one question; paging on from there is an ordinary walk.
        await pilot.press("g")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen) and app.screen.from_review
        assert "Du kom hit från granskningen" in screen_text(app)
        await pilot.press("right")
        assert "Du kom hit från granskningen" not in screen_text(app)

        app.take_screenshot()
        for _ in range(50):
            await pilot.pause(0.05)
            if any("Skärmbild" in n for n in notes(app)):
                break
        shots = list(store.screenshots_dir(d).glob("*.svg"))
        assert len(shots) == 1 and shots[0].read_text().startswith("<svg")
        assert any(str(shots[0]) in n for n in notes(app)), notes(app)


async def test_sessions_list_shows_and_filters_by_diarienummer(_isolated_data_dir: Path) -> None:
    from textual.widgets import DataTable

    from iop_tui.tui.screens.confirm import ConfirmScreen
    from iop_tui.tui.screens.sessions import SessionsScreen

    d = store.sessions_dir(_isolated_data_dir)
    s = example("01-laxhjalp-iop")
    s.meta.title = "Läxhjälp för mellanstadiet i Bollebygd 2026"  # 43 characters
    s.meta.diarienummer = "KS2026/0042"
    write_session(d, "laxhjalp.toml", s)
    write_session(d, "jour.toml", example("07-kvinnojour-osakra-svar-oklart"))
    (d / ("ett-mycket-langt-filnamn-som-ar-skadat-" * 2 + ".toml")).write_text("x = = 1")
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SessionsScreen(d))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = {str(c.key.value): c.width for c in table.columns.values()}
        assert widths["title"] >= 30 and "diarienummer" in widths
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert any("KS2026/0042" in r for r in rows)
        damaged = next(r for r in rows if r[0].startswith("SKADAD"))
        assert damaged[-1] == "SKADAD"
        await pilot.press("end", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert "ändrad ?" not in app.screen.question and "ändrad 20" in app.screen.question
        await pilot.press("n")
        await pilot.press(*"0042")
        assert table.row_count == 1 and "KS2026/0042" in map(str, table.get_row_at(0))


async def test_save_as_new_file_asks_for_a_title_and_says_which_file_is_open(
    _isolated_data_dir: Path,
) -> None:
    from textual.widgets import Input

    from iop_tui.tui.screens.copy import CopyScreen

    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "jour.toml", example("07-kvinnojour-osakra-svar-oklart"))
    original = store.load(path).meta.title
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_save_copy()
        await pilot.pause()
        assert isinstance(app.screen, CopyScreen)
        assert "jour.toml" in screen_text(app)
        field = app.screen.query_one(Input)
        assert field.value == f"{original} (kopia)"
        field.value = "Jouren, andra upplägget"
        await pilot.press("enter")
        a = app.assessment
        assert a.path is not None and a.path != path
        assert a.session.meta.title == "Jouren, andra upplägget"
        assert store.load(a.path).meta.title == "Jouren, andra upplägget"
        assert store.load(path).meta.title == original
        assert any(str(a.path) in n and "jour.toml" in n for n in notes(app))


def _visible(app, widget) -> bool:
    """On screen, unclipped, and the widget drawn where its region starts."""
    region = widget.region
    screen = app.screen.region
    if region.area == 0 or not screen.contains_region(region):
        return False
    found, _ = app.screen.get_widget_at(region.x, region.y)
    return found is widget or widget in found.ancestors


async def test_question_screen_at_80x24_keeps_place_answers_note_and_quit(
    _isolated_data_dir: Path,
) -> None:
    from textual.widgets import TextArea

    c = catalog.get("bollebygd")
    longest = max(c.questions, key=lambda q: len(q.text) + len(q.help))
    d = store.sessions_dir(_isolated_data_dir)
    session = example("07-kvinnojour-osakra-svar-oklart")
    order = [q.id for q in c.questions]
    # Unanswered from the longest question on: the app opens there.
    session.answers = {
        k: v for k, v in session.answers.items() if order.index(k) < order.index(longest.id)
    }
    session.notes.pop(longest.id, None)
    path = write_session(d, "lang.toml", session)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        if screen.qid != longest.id:
            screen.show(longest.id)
        await pilot.press("p")  # the verdict panel on, help text shown
        await pilot.pause()
        assert screen.query_one("#q-panel").display and screen.help_visible
        quit_key = next(k for k in screen.query("FooterKey") if k.key == "ctrl+q")
        for widget in (
            screen.query_one("#q-progress-text"),
            screen.query_one("#q-answers"),
            screen.query_one("#q-current"),
            screen.query_one("#q-note"),
            quit_key,
        ):
            assert _visible(app, widget), widget
        # A motivering of paragraphs, saved as typed (Enter is a new line, not the end).
        await pilot.press("m", *"Ett.", "enter", "enter", *"Två.", "escape")
        assert not isinstance(app.focused, TextArea)
        assert app.assessment.note_of(longest.id) == "Ett.\n\nTvå."
        assert store.load(path).notes[longest.id] == "Ett.\n\nTvå."
        assert _visible(app, screen.query_one("#q-progress-text"))


@pytest.mark.long
async def test_question_search_and_a_key_sheet_on_every_screen(_isolated_data_dir: Path) -> None:
    from iop_tui.tui.screens.keys import KeysScreen
    from iop_tui.tui.screens.search import SearchScreen
    from iop_tui.tui.screens.sessions import SessionsScreen

    d = store.sessions_dir(_isolated_data_dir)
    session = example("07-kvinnojour-osakra-svar-oklart")
    session.answers = dict(list(session.answers.items())[:3])
    path = write_session(d, "jour.toml", session)
    app = make_app(_isolated_data_dir, open_path=path)

    async def sheet(key: str) -> str:
        await pilot.press(key)
        sheet = app.screen
        assert isinstance(sheet, KeysScreen)
        text = "\n".join(f"{k} {what}" for k, what in (*sheet.keys, *sheet.legend))
        await pilot.press("escape")
        return text

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        text = await sheet("question_mark")
        assert "Sök fråga" in text and "Motivering" in text and "Ctrl+Q" in text
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"styrgrupp", "enter")
        assert isinstance(app.screen, QuestionScreen)
        q = app.assessment.checklist.question(app.screen.qid)
        assert "styrgrupp" in f"{q.text} {q.help}".casefold()
        await pilot.press("r")
        text = await sheet("f1")
        assert "Exportera" in text and "stoppregel" in text
        assert all(mark in text for mark in ("⛔", "⚖", "?", "!", "·"))
        app.push_screen(SessionsScreen(d))
        await pilot.pause()
        assert "Öppna" in await sheet("f1")
