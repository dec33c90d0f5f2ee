"""Try hard to break the app: tiny terminals, key bursts, every bound key on every screen,
files changed behind its back, and signals to a real process."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from textual import events

from iop_tui import store
from iop_tui.checklist import Answer
from iop_tui.tui.screens.conflict import ConflictScreen
from iop_tui.tui.screens.question import QuestionScreen

from .apphelpers import SIZE, example, make_app, write_session
from .test_e2e_pty import SCRIPT, Terminal

# Keys that would end the test run itself rather than exercise a screen.
NOT_PRESSED = {"ctrl+q", "ctrl+c", "super+c", "ctrl+p", "tab", "shift+tab"}


def bound_keys(app) -> list[str]:
    return sorted(k for k in app.screen.active_bindings if k not in NOT_PRESSED)


@pytest.mark.long
async def test_every_bound_key_on_every_screen_at_every_size(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    half = example("07-kvinnojour-osakra-svar-oklart")
    half.answers = dict(list(half.answers.items())[:5])
    path = write_session(d, "half.toml", half)
    app = make_app(_isolated_data_dir, open_path=path)
    visited: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        # Every key at the smallest size (where layout is most fragile), then the screens
        # again after growing back; pressing everything at every size would triple the cost.
        for size, press in (((40, 12), True), ((100, 30), False)):
            await pilot.resize_terminal(*size)
            for opener in (
                "app.questions",
                "app.review",
                "app.result",
                "app.sessions",
                "app.examples",
                "app.edit_meta",
            ):
                await app.run_action(opener)
                await pilot.pause()
                name = type(app.screen).__name__
                visited.add(name)
                for key in bound_keys(app) if press else ():
                    await pilot.press(key)
                    # A key may have opened another screen: get back to a known place.
                while len(app.screen_stack) > 2 and not isinstance(app.screen, QuestionScreen):
                    app.pop_screen()
                    await pilot.pause()
                if app.assessment is None:  # a key deleted or closed it: open it again
                    app.open_session(path)
                    await pilot.pause()
        assert app.is_running
    assert {
        "QuestionScreen",
        "ReviewScreen",
        "ResultScreen",
        "SessionsScreen",
        "ExamplesScreen",
        "MetaScreen",
    } <= visited


async def test_key_bursts_faster_than_screens_change(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir, new_checklist="bollebygd")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        burst = [*"jnojjnnoo", "right", "left", "g", "r", "escape", "escape", *"jjj"]
        for _ in range(3):
            for key in burst:
                char = key if len(key) == 1 else None
                app.post_message(events.Key(key, char))  # as the driver does; no waiting
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        path = app.assessment.path
    saved = store.load(path)
    assert saved.answers and all(a in Answer for a in saved.answers.values())


async def test_file_changed_on_disk_asks_before_overwriting(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    half = example("01-laxhjalp-iop")
    half.answers = dict(list(half.answers.items())[:3])
    path = write_session(d, "delad.toml", half)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        edited = path.read_text() + "\n# ändrad av en kollega\n"
        path.write_text(edited)
        await pilot.press("j")
        assert isinstance(app.screen, ConflictScreen)
        assert path.read_text() == edited  # nothing overwritten while asking
        await pilot.press("k")  # save as a new file
        copy = app.assessment.path
        assert copy != path and copy.exists()
        assert path.read_text() == edited
        assert len(store.load(copy).answers) == 4


@pytest.mark.skipif(not SCRIPT.exists(), reason="the iop-tui console script is not installed")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGINT", "close-terminal"])
def test_signal_while_a_question_is_on_screen_keeps_the_last_answer(
    tmp_path: Path, how: str
) -> None:
    env = {**os.environ, "IOP_TUI_DATA_DIR": str(tmp_path), "TERM": "xterm-256color"}
    term = Terminal(["new"], env)
    term.read_until("Uppgifter om bedömningen")
    term.send("Signal\x13")
    term.read_until("Fråga 1 av")
    term.send("j")
    term.send("n")
    term.read_until("Fråga 3 av")
    term.send("m", settle=0.2)
    term.send("halv mening", settle=0.05)  # still inside the note's save delay
    if how == "close-terminal":
        term.close()  # the terminal window goes away: the kernel sends SIGHUP
    else:
        os.kill(term.pid, getattr(signal, how))
    # wait() keeps reading the terminal: an app blocked writing its last frame into a full
    # pty buffer would otherwise never get to exit (a test artefact, seen under load in CI).
    try:
        term.wait(timeout=20)
    except AssertionError:
        pytest.fail(f"iop-tui did not exit after {how}")
    (path,) = store.sessions_dir(tmp_path).glob("*.toml")
    saved = store.load(path)
    assert list(saved.answers.values()) == [Answer.YES, Answer.NO]
    assert list(saved.notes.values()) == ["halv mening"]


@pytest.mark.skipif(not SCRIPT.exists(), reason="the iop-tui console script is not installed")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGINT", "close-terminal"])
def test_signal_while_typing_the_details_keeps_them(tmp_path: Path, how: str) -> None:
    """Issue 17, item 10: the details dialog's text was lost on a signal."""
    env = {**os.environ, "IOP_TUI_DATA_DIR": str(tmp_path), "TERM": "xterm-256color"}
    term = Terminal(["new"], env)
    term.read_until("Uppgifter om bedömningen")
    term.send("Halvskriven titel", settle=0.2)  # not submitted
    if how == "close-terminal":
        term.close()
    else:
        os.kill(term.pid, getattr(signal, how))
    try:
        term.wait(timeout=20)
    except AssertionError:
        pytest.fail(f"iop-tui did not exit after {how}")
    (path,) = store.sessions_dir(tmp_path).glob("*.toml")
    assert store.load(path).meta.title == "Halvskriven titel"
