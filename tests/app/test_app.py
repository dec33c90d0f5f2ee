"""The real screens driven by key presses (Textual Pilot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from iop_tui import catalog, store
from iop_tui.checklist import Answer, Outcome
from iop_tui.session import Meta, Session
from iop_tui.tui.screens.question import QuestionScreen
from iop_tui.tui.screens.result import ResultScreen
from iop_tui.tui.screens.review import ReviewScreen
from iop_tui.tui.screens.sessions import SessionsScreen
from iop_tui.tui.screens.start import StartScreen

from .apphelpers import SIZE, answer_by_keys, example, make_app, screen_text, write_session


@pytest.mark.long
@pytest.mark.parametrize(
    ("stem", "outcome"),
    [
        ("01-laxhjalp-iop", Outcome.IOP),
        ("03-idrottsforening-lokalhyra-foreningsbidrag", Outcome.FORENINGSBIDRAG),
        ("06-boendestod-sol-upphandling", Outcome.UPPHANDLING),
        ("07-kvinnojour-osakra-svar-oklart", Outcome.OKLART),
    ],
)
async def test_full_assessment_by_keys(_isolated_data_dir: Path, stem: str, outcome) -> None:
    wanted = example(stem).answers
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press(*"Test", "ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        await answer_by_keys(pilot, wanted)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("r")
        assert isinstance(app.screen, ResultScreen)
        label = catalog.get("bollebygd").outcome(outcome).label
        assert label in screen_text(app)
        path = app.assessment.path
    saved = store.load(path)
    assert saved.meta.title == "Test"
    assert saved.answers == wanted
    assert saved.checklist_version == catalog.get("bollebygd").version


async def test_change_answer_from_review_changes_verdict(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # fully answered: opens on the review
        assert app.assessment.verdict.outcome is Outcome.IOP
        answers_before = dict(app.assessment.session.answers)
        lst = app.screen.query_one(OptionList)
        lst.highlighted = lst.get_option_index("marknad_tidigare_upphandlat")
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.qid == "marknad_tidigare_upphandlat"
        await pilot.press("j")
        assert isinstance(app.screen, ReviewScreen)  # straight back to the review
        await pilot.press("r")
        assert app.assessment.verdict.outcome is not Outcome.IOP
        assert Outcome.IOP in app.assessment.verdict.excluded
        assert "Oklart" in screen_text(app) or "Upphandling" in screen_text(app)
        # Only that one answer changed; later answers were kept.
        after = dict(app.assessment.session.answers)
        changed = {
            k for k in after.keys() | answers_before.keys() if after.get(k) != answers_before.get(k)
        }
        assert changed == {"marknad_tidigare_upphandlat"}
    assert store.load(path).answers["marknad_tidigare_upphandlat"] is Answer.YES


@pytest.mark.long
async def test_quit_midway_and_resume(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Halvvägs", "ctrl+s")
        first = app.screen.qid
        await pilot.press("j", "j", "n", "m", *"En motivering", "ctrl+q")
        path = app.assessment.path
        fourth = app.screen.qid
    saved = store.load(path)
    assert len(saved.answers) == 3 and saved.answers[first] is Answer.YES
    assert saved.notes == {fourth: "En motivering"}  # typed just before quitting, not lost

    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.qid == fourth  # the first unanswered question
        assert "Fråga 4 av" in screen_text(app)
        assert app.screen.query_one("#q-note").text == "En motivering"
        await pilot.press("left")
        assert "Ditt svar: Nej" in screen_text(app)
        await pilot.press("left", "left")
        assert app.screen.qid == first and "Ditt svar: Ja" in screen_text(app)


async def test_conditional_questions_appear_and_vanish(_isolated_data_dir: Path) -> None:
    session = Session.new(catalog.get("bollebygd"), title="Villkor")
    session.answers["statsstod_belopp"] = Answer.YES  # answered earlier, then hidden
    path = write_session(store.sessions_dir(_isolated_data_dir), "v.toml", session)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.show("statsstod_ekonomisk_verksamhet")
        await pilot.pause()
        total_before = len(app.assessment.applicable)
        await pilot.press("n")  # no economic activity: the amount question vanishes
        ids = [q.id for q in app.assessment.applicable]
        assert "statsstod_belopp" not in ids
        assert len(ids) == total_before - 2  # statsstod_belopp and statsstod_uppdrag_sgei
        assert f"av {len(ids)}" in screen_text(app)
        assert app.assessment.session.answers["statsstod_belopp"] is Answer.YES  # kept
        assert "statsstod_belopp" not in {r.question_id for r in app.assessment.verdict.reasons}
        assert not app.assessment.verdict.flags  # its flag does not fire while hidden
        screen.show("statsstod_ekonomisk_verksamhet")
        await pilot.press("j")
        assert app.screen.qid == "statsstod_belopp"  # back, with the kept answer shown
        assert "Ditt svar: Ja" in screen_text(app)


async def test_answer_by_mouse_and_arrows(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        first = app.screen.qid
        await pilot.press("down", "enter")  # arrow to "Nej", Enter
        assert app.assessment.answer_of(first) is Answer.NO
        second = app.screen.qid
        lst = app.screen.query_one("#q-answers", OptionList)
        await pilot.click(lst, offset=(3, 2))  # third row: "Osäker"
        assert app.assessment.answer_of(second) is Answer.UNSURE


async def test_example_opens_a_copy(_isolated_data_dir: Path) -> None:
    source = catalog.examples_dir() / "07-kvinnojour-osakra-svar-oklart.toml"
    before = source.read_bytes()
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        lst = app.screen.query_one(OptionList)
        lst.highlighted = lst.get_option_index(str(source))
        await pilot.press("enter")
        await pilot.pause()
        assert app.assessment.path is None  # nothing written until something changes
        app.action_questions()  # fully answered: it opened on the review
        await pilot.pause()
        app.screen.show("marknad_andra_utforare")
        await pilot.press("n")
        path = app.assessment.path
    assert source.read_bytes() == before
    assert path.parent == store.sessions_dir(_isolated_data_dir)
    assert store.load(path).answers["marknad_andra_utforare"] is Answer.NO


async def _open_sessions(pilot) -> DataTable:
    """From the start menu to the sessions table."""
    await pilot.press("o")
    assert isinstance(pilot.app.screen, SessionsScreen)
    return pilot.app.screen.query_one(DataTable)


async def test_sessions_screen_filter_open_delete_and_damaged(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    write_session(d, "a.toml", example("01-laxhjalp-iop"))
    write_session(d, "b.toml", example("03-idrottsforening-lokalhyra-foreningsbidrag"))
    (d / "trasig.toml").write_text("schema = 1\nchecklist = ")
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_sessions(pilot)
        assert table.row_count == 3
        assert "SKADAD" in str(table.get_row_at(2)[0])
        table.move_cursor(row=2)
        await pilot.pause()
        assert "invalid TOML" in screen_text(app)  # the full reason under the table
        await pilot.press(*"idrott")
        assert table.row_count == 1
        await pilot.press("down", "delete")
        await pilot.press("j")  # confirm
        assert not (d / "b.toml").exists()
        assert table.row_count == 0
        await pilot.press(*"\b" * 6)
        app.screen.query_one("#sessions-filter").value = ""
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("down", "delete", "n")  # declined: nothing deleted
        assert (d / "a.toml").exists()
        table.move_cursor(row=0)
        await pilot.press("enter")
        assert app.assessment is not None and app.assessment.path == d / "a.toml"


async def test_a_large_sessions_folder_shows_the_newest_and_the_filter_finds_the_rest(
    _isolated_data_dir: Path,
) -> None:
    """Past MAX_ROWS sessions the table holds the newest (and the damaged ones) and says so;
    the filter still searches every session. Without the cap 10,000 sessions froze the
    screen for seconds (Textual lays out every row)."""
    import datetime as dt

    from iop_tui.tui.screens.sessions import FILTER_PAUSE_S, MAX_ROWS

    d = store.sessions_dir(_isolated_data_dir)
    base = example("01-laxhjalp-iop")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    n = MAX_ROWS + 20
    for i in range(n):  # session i is i minutes newer than session 0
        s = base.model_copy(deep=True)
        s.meta.title = f"Fall nummer {i:04d}"
        s.updated = start + dt.timedelta(minutes=i)
        write_session(d, f"s{i:04d}.toml", s)
    (d / "trasig.toml").write_text("schema = 1\nchecklist = ")
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        table = await _open_sessions(pilot)
        assert table.row_count == MAX_ROWS + 1  # the newest, and the damaged file last
        assert "Fall nummer" in str(table.get_row_at(0)[0])
        assert f"{n - 1:04d}" in str(table.get_row_at(0)[0])
        assert "SKADAD" in str(table.get_row_at(MAX_ROWS)[0])
        count = str(app.screen.query_one("#sessions-count").render())
        assert f"{n + 1} av {n + 1}" in count and f"visar {MAX_ROWS + 1}" in count
        await pilot.press(*"0003")  # the fourth oldest: not in the table until filtered
        # every key typed on the table lands in the filter (the first one used to be lost)
        assert app.screen.query_one("#sessions-filter", Input).value == "0003"
        # With this many sessions the table is refilled once the typing pauses.
        await pilot.pause(FILTER_PAUSE_S * 2)
        assert table.row_count == 1
        assert "Fall nummer 0003" in str(table.get_row_at(0)[0])
        assert "visar" not in str(app.screen.query_one("#sessions-count").render())
        # Enter right after typing opens what was typed, without waiting for the pause.
        await pilot.press("backspace", "0", "enter")
        assert app.assessment is not None and app.assessment.path == d / "s0000.toml"
    # The session marked for comparison is in the table even when it is not among the newest.
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SessionsScreen(d, marked=d / "s0000.toml"))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == MAX_ROWS + 2
        assert "⇄ Fall nummer 0000" in str(table.get_row_at(MAX_ROWS)[0])


async def test_opening_a_damaged_file_says_why_and_changes_nothing(
    _isolated_data_dir: Path,
) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    damaged = d / "trasig.toml"
    d.mkdir(parents=True, exist_ok=True)
    damaged.write_bytes(b'schema = 1\nchecklist = "bollebygd"\n[answers]\nx = "kanske"\n')
    before = damaged.read_bytes(), damaged.stat().st_mtime_ns
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("enter")  # the only row: the damaged file
        await pilot.pause()
        assert app.assessment is None
        assert isinstance(app.screen, SessionsScreen)  # still there, nothing crashed
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "trasig.toml" in messages and "yes, no or unsure" in messages
    assert (damaged.read_bytes(), damaged.stat().st_mtime_ns) == before


async def test_escape_goes_back_one_step(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s", "g", "r")
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_command_palette_has_main_actions(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Ny bedömning",
            "Öppna sparad bedömning",
            "Granska svar",
            "Visa resultat",
            "Växla ljust/mörkt tema",
        ):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"Visa res")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)


async def test_meta_edit_saves(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Titel", "ctrl+s", "j", "i")
        await pilot.press("tab", *"Föreningen", "ctrl+s")
        path = app.assessment.path
    assert store.load(path).meta == Meta(title="Titel", organisation="Föreningen")


async def test_help_toggle_and_glossary(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        q = app.assessment.checklist.question(app.screen.qid)
        assert q.help in screen_text(app)
        await pilot.press("h")
        assert q.help not in screen_text(app)
        await pilot.press("h", "t")
        text = screen_text(app)
        for tid in q.terms:
            assert app.assessment.checklist.term(tid).definition in text
        await pilot.press("escape", "k")
        assert app.assessment.checklist.source(q.sources[0]).title in screen_text(app)


async def test_choose_checklist_when_several_are_installed(
    _isolated_data_dir: Path, mini, monkeypatch
) -> None:
    both = {"bollebygd": catalog.get("bollebygd"), "mini": mini}
    monkeypatch.setattr(catalog, "installed", lambda: both)
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        select = app.screen.query_one("#checklist")
        select.value = "mini"
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert app.assessment.checklist.id == "mini"
        assert app.screen.qid == "profit"


async def test_review_from_result_then_jump_and_back(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "x.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "g")  # review -> result -> review again
        assert isinstance(app.screen, ReviewScreen)
        # The result did not stack up, and no question the user never saw is under it.
        assert [type(s).__name__ for s in app.screen_stack] == ["StartScreen", "ReviewScreen"]
        lst = app.screen.query_one(OptionList)
        lst.highlighted = lst.get_option_index("fb_kort_projekt")
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == "fb_kort_projekt"
        await pilot.press("o", "r")
        assert isinstance(app.screen, ResultScreen)
        assert app.assessment.answer_of("fb_kort_projekt") is Answer.UNSURE


async def test_export_from_result_with_one_key(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "e")
        report = _isolated_data_dir / "rapporter" / "laxhjalp.html"
        assert report.exists()
        assert str(report) in screen_text(app)  # the path is shown, and stays
        html = report.read_text(encoding="utf-8")
        assert '<html lang="sv"' in html and "Läxhjälp" in html
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Exportera rapport: JSON (för ärendesystem)" in titles


async def test_session_open_elsewhere_opens_read_only(_isolated_data_dir: Path) -> None:
    import subprocess
    import sys

    from iop_tui import lock
    from iop_tui.tui.screens.confirm import ConfirmScreen

    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "delad.toml", example("01-laxhjalp-iop"))
    before = path.read_bytes()
    # Another live process holds the lock (as a second iop-tui would).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from iop_tui import lock; "
            "l = lock.acquire(Path(sys.argv[1])); print('held', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert lock.holder(path) is not None
        app = make_app(_isolated_data_dir, open_path=path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "redan öppen" in screen_text(app)
            await pilot.press("j")
            await pilot.pause()
            assert app.assessment.read_only
            assert "skrivskyddad" in app.sub_title
            app.action_questions()
            await pilot.pause()
            await pilot.press("n")  # changes stay in memory only
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


async def test_changed_checklist_shows_a_notice(_isolated_data_dir: Path) -> None:
    session = example("01-laxhjalp-iop")
    session.checklist_version = "0.9"
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "gammal.toml", session)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Checklistan har ändrats" in text and "0.9" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)  # answers kept, verdict recomputed
        assert app.assessment.verdict.outcome is Outcome.IOP


async def test_open_path_to_a_shipped_example_opens_a_copy(_isolated_data_dir: Path) -> None:
    source = catalog.examples_dir() / "03-idrottsforening-lokalhyra-foreningsbidrag.toml"
    before = source.read_bytes()
    app = make_app(_isolated_data_dir, open_path=source)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.assessment.path is None
        app.action_questions()
        await pilot.pause()
        await pilot.press("o")
    assert source.read_bytes() == before
    assert not list(source.parent.glob(".*lock"))


async def test_reports_of_same_titled_sessions_never_replace_each_other(
    _isolated_data_dir: Path,
) -> None:
    source = catalog.examples_dir() / "01-laxhjalp-iop.toml"
    reports = _isolated_data_dir / "rapporter"
    app = make_app(_isolated_data_dir)
    told: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (told.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        # Two unchanged copies of one example: no file yet, the same title.
        app.open_example(source)
        await pilot.pause()
        first = app.action_export("md")
        assert first is not None
        first_bytes = first.read_bytes()
        assert told[-1] == f"Rapporten är sparad:\n{first}"  # the path on a line of its own
        # Exporting the same session again replaces its own report, and says so.
        assert app.action_export("md") == first
        assert told[-1].startswith("Rapporten är uppdaterad")
        app.open_example(source)
        await pilot.pause()
        second = app.action_export("md")
        assert second is not None and second != first
        assert first.read_bytes() == first_bytes
        assert second.name.removesuffix(".md").endswith("-2")
        # A saved session's report is named after its file, unique in the sessions folder.
        path = write_session(
            store.sessions_dir(_isolated_data_dir), "x.toml", example("01-laxhjalp-iop")
        )
        app.open_session(path)
        await pilot.pause()
        assert app.action_export("md") == reports / "x.md"
    assert sorted(p.name for p in reports.iterdir()) == sorted([first.name, second.name, "x.md"])


async def test_the_command_palette_speaks_swedish(_isolated_data_dir: Path) -> None:
    from textual.command import CommandInput, CommandPalette

    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Avsluta", "Tangenter", "Skärmbild"} <= set(titles)
        assert not {"Quit", "Keys", "Screenshot", "Theme", "Maximize"} & set(titles)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Sök bland kommandona…"
        await pilot.press("escape")
        # The footer's label for the palette key comes from the app's own binding.
        palette = [b for b in app.BINDINGS if getattr(b, "action", "") == "command_palette"]
        assert [b.description for b in palette] == ["kommandon"]


async def test_same_titled_sessions_can_be_told_apart(_isolated_data_dir: Path) -> None:
    from textual.widgets import DataTable, Static

    from iop_tui.tui.screens.confirm import ConfirmScreen

    d = store.sessions_dir(_isolated_data_dir)
    write_session(d, "a.toml", example("01-laxhjalp-iop"))
    write_session(d, "b.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        table = app.screen.query_one(DataTable)
        # The diarienummer tells them apart in the table; the organisation is shown below it.
        assert "Diarienummer" in [str(c.label) for c in table.columns.values()]  # kept at 80
        names = []
        for row in range(2):
            table.move_cursor(row=row)
            await pilot.pause()
            names.append(str(app.screen.query_one("#sessions-status", Static).render()))
        assert [n.split(" · ")[0] for n in sorted(names)] == ["Fil: a.toml", "Fil: b.toml"]
        assert all("checklista: bollebygd" in n and "organisation: " in n for n in names)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        assert "(filen " in screen_text(app) and ".toml, ändrad " in screen_text(app)
        await pilot.press("escape")


async def test_title_bar_follows_the_open_session(_isolated_data_dir: Path) -> None:
    from iop_tui.tui.widgets.title_bar import TitleBar

    path = write_session(
        store.sessions_dir(_isolated_data_dir), "t.toml", example("01-laxhjalp-iop")
    )
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:

        def shown() -> str:
            return str(app.screen.query_one(TitleBar).render())

        start = shown()
        assert start.startswith("iop-tui — Första bedömning")
        app.open_session(path)
        await pilot.pause()
        assert shown().startswith("iop-tui — Läxhjälp i Bollebygd")
        await pilot.press("escape")  # leaving the session closes it
        await pilot.pause()
        assert shown() == start


async def test_the_open_session_cannot_be_deleted_from_under_it(_isolated_data_dir: Path) -> None:
    from textual.widgets import DataTable

    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "oppen.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    told: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (told.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_sessions()  # as from the command palette, with the session open
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(str(path)))
        await pilot.press("delete")
        assert isinstance(app.screen, SessionsScreen)  # no confirmation asked
        assert told and "öppen i det här fönstret" in told[-1]
        assert path.exists() and app.assessment is not None and app.assessment.locked


async def test_a_session_open_in_another_instance_is_not_deleted(_isolated_data_dir: Path) -> None:
    from textual.widgets import DataTable

    from ..conftest import lock_held_elsewhere

    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "annan.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir)
    told: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (told.append(str(message)), notify(message, **kw))[1]  # type: ignore[method-assign]
    with lock_held_elsewhere(path) as other:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o")
            assert isinstance(app.screen, SessionsScreen)
            table = app.screen.query_one(DataTable)
            table.move_cursor(row=table.get_row_index(str(path)))
            await pilot.press("delete")
            await pilot.press("j")  # Ja, ta bort
            await pilot.pause()
            assert isinstance(app.screen, SessionsScreen)
            assert told and "annat iop-tui-fönster" in told[-1] and str(other.pid) in told[-1]
            assert path.exists()
            assert table.row_count == 1
