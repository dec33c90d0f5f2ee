"""Where Esc goes, what the review keeps, when a session is open, and what happens to changes
in a read-only session (findings of a new-user trial)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from iop_tui import catalog, lock, store
from iop_tui.checklist import Answer
from iop_tui.i18n import tr
from iop_tui.tui.screens.confirm import ConfirmScreen, UnsavedScreen
from iop_tui.tui.screens.question import QuestionScreen
from iop_tui.tui.screens.review import ReviewScreen

from ..conftest import lock_held_elsewhere
from .apphelpers import SIZE, example, make_app, screen_text, write_session


def stack(app) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack]


def half_done(directory: Path, name: str = "halv.toml") -> Path:
    session = example("07-kvinnojour-osakra-svar-oklart")
    session.answers = dict(list(session.answers.items())[:5])
    return write_session(directory, name, session)


async def test_esc_from_a_finished_session_goes_back_to_the_list(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        updated = app.screen.selected().updated
        await pilot.press("enter")
        assert stack(app) == ["StartScreen", "SessionsScreen", "ReviewScreen"]
        # Change an answer from the review: there and back, nothing left behind.
        await pilot.press("enter")  # the first question
        assert stack(app)[-2:] == ["ReviewScreen", "QuestionScreen"]
        qid = app.screen.qid
        await pilot.press("o")
        assert stack(app) == ["StartScreen", "SessionsScreen", "ReviewScreen"]
        await pilot.press("escape")
        assert stack(app) == ["StartScreen", "SessionsScreen"]  # where the user came from
        assert app.assessment is None  # left it: closed
        assert "laxhjalp.toml" not in {p.name.lstrip(".") for p in d.glob(".*lock")}
        # The list is current: it shows the session just left as changed, still selected.
        assert app.screen.selected().path == path
        assert app.screen.selected().updated > updated
        assert store.load(path).answers[qid] is Answer.UNSURE
        await pilot.press("escape")
        assert stack(app) == ["StartScreen"]


async def test_esc_from_an_example_goes_back_to_the_examples(_isolated_data_dir: Path) -> None:
    source = catalog.examples_dir() / "10-fritidsgard-drift-upphandling.toml"
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        lst = app.screen.query_one(OptionList)
        lst.highlighted = lst.get_option_index(str(source))
        await pilot.press("enter")
        assert stack(app) == ["StartScreen", "ExamplesScreen", "ReviewScreen"]
        assert "Fråga" not in screen_text(app)
        await pilot.press("escape")
        assert stack(app) == ["StartScreen", "ExamplesScreen"]
        assert app.assessment is None


async def test_review_keeps_the_question_that_was_changed(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        qid = app.assessment.applicable[24].id  # question 25, below the fold
        lst = app.screen.query_one(OptionList)
        lst.highlighted = lst.get_option_index(qid)
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionScreen) and app.screen.qid == qid
        new = "o" if app.assessment.answer_of(qid) is not Answer.UNSURE else "j"
        await pilot.press(new)
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        lst = app.screen.query_one(OptionList)
        assert lst.highlighted_option is not None and lst.highlighted_option.id == qid
        assert lst.scroll_offset.y > 0  # still scrolled to it, not back at the top
        # Esc from the question (no answer) comes back to the same place too.
        await pilot.press("enter", "escape")
        assert isinstance(app.screen, ReviewScreen)
        assert lst.highlighted_option.id == qid


async def test_leaving_to_the_start_screen_closes_the_session(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert lock.lock_path(path).exists()
        qid = app.screen.qid
        await pilot.press("j", "m", *"Sista", "escape", "g", "escape")
        assert isinstance(app.screen, QuestionScreen)  # review -> questions: visited
        await pilot.press("escape")
        assert stack(app) == ["StartScreen"]
        assert app.assessment is None
        assert not lock.lock_path(path).exists()  # another instance may open it now
        assert app.sub_title == tr("app.subtitle")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert tr("cmd.question") not in titles and tr("cmd.export.html") not in titles
        assert tr("cmd.new") in titles
        saved = store.load(path)
        # m goes to the end of the note (a multi-line motivering is added to, not replaced).
        assert saved.answers[qid] is Answer.YES
        assert any(v.endswith("Sista") for v in saved.notes.values())


async def test_read_only_asks_before_leaving_and_can_save_a_copy(
    _isolated_data_dir: Path,
) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    before = path.read_bytes()
    with lock_held_elsewhere(path):
        app = make_app(_isolated_data_dir, open_path=path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("j")
            await pilot.pause()
            assert app.assessment.read_only and isinstance(app.screen, QuestionScreen)
            qid = app.screen.qid
            await pilot.press("n")
            assert tr("msg.read_only") in [n.message for n in app._notifications]
            await pilot.press("escape")
            assert isinstance(app.screen, UnsavedScreen)  # not silently dropped
            await pilot.press("a")  # stay
            assert isinstance(app.screen, QuestionScreen) and app.assessment is not None
            await pilot.press("ctrl+q")
            assert isinstance(app.screen, UnsavedScreen)
            await pilot.press("k")  # save a copy, then quit
            await pilot.pause()
            assert not app.is_running
        copies = [p for p in d.glob("*.toml") if p != path]
        assert len(copies) == 1 and store.load(copies[0]).answers[qid] is Answer.NO
        assert path.read_bytes() == before


async def test_read_only_leave_without_saving_is_a_choice(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    before = path.read_bytes()
    with lock_held_elsewhere(path):
        app = make_app(_isolated_data_dir, open_path=path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j")
            await pilot.pause()
            await pilot.press("n", "escape", "l")
            assert stack(app) == ["StartScreen"] and app.assessment is None
            # Nothing changed: leaving asks nothing.
            app.open_session(path)
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            await pilot.press("escape")
            assert stack(app) == ["StartScreen"]
            # A signal cannot ask: the changes go to a new file, never to the original.
            app.open_session(path)
            await pilot.pause()
            await pilot.press("j")
            await pilot.pause()
            await pilot.press("o")
            app._on_signal()
    assert path.read_bytes() == before
    assert len([p for p in d.glob("*.toml") if p != path]) == 1


async def test_copy_saved_on_leaving_shows_in_the_list(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    with lock_held_elsewhere(path):
        app = make_app(_isolated_data_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o", "enter", "j")  # open it read-only from the list
            await pilot.pause()
            assert app.assessment.read_only
            assert app.sub_title.startswith("(skrivskyddad)")  # before a title cut short
            await pilot.press("n", "escape", "k")
            await pilot.pause()
            assert stack(app) == ["StartScreen", "SessionsScreen"]
            assert app.screen.query_one("DataTable").row_count == 2  # the copy is listed
            assert app.screen.selected().path == path  # still on the row it was opened from
