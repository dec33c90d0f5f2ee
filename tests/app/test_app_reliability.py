"""Round two of the attacks on the app (issue 17): conflicts from the review, saves that
fail or are refused, the details dialog on signals, a dead terminal, markup in names."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from iop_tui import store
from iop_tui.tui.screens.confirm import FolderScreen, UnsavedScreen
from iop_tui.tui.screens.conflict import ConflictScreen
from iop_tui.tui.screens.question import QuestionScreen
from iop_tui.tui.screens.review import ReviewScreen

from .apphelpers import SIZE, example, make_app, write_session


def half_done(directory: Path, name: str = "halv.toml") -> Path:
    session = example("07-kvinnojour-osakra-svar-oklart")
    session.answers = dict(list(session.answers.items())[:5])
    return write_session(directory, name, session)


def finished(directory: Path, name: str = "klar.toml") -> Path:
    return write_session(directory, name, example("01-laxhjalp-iop"))


async def test_conflict_from_the_review_asks_and_keeps_the_change(
    _isolated_data_dir: Path,
) -> None:
    """Item 3: the app exited with NoMatches '#copy' on ConflictScreen."""
    d = store.sessions_dir(_isolated_data_dir)
    path = finished(d)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        edited = path.read_text() + "\n# ändrad av en kollega\n"
        path.write_text(edited)
        await pilot.press("enter")  # change the selected answer ...
        qid = app.screen.qid
        before = app.assessment.answer_of(qid)
        key = "n" if before is not None and before.value == "yes" else "j"
        await pilot.press(key)  # ... the save meets the changed file
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ConflictScreen)
        assert path.read_text() == edited
        await pilot.press("k")  # save as a new file
        await pilot.pause()
        assert app.is_running
        copy = app.assessment.path
        assert copy != path and copy.exists()
        assert store.load(copy).answers[qid] != before
        assert path.read_text() == edited


def _no_space(*args: object, **kwargs: object) -> None:
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("how", ["disk-full", "too-large", "conflict-cancelled"])
async def test_a_failed_save_is_never_dropped_on_quit(
    _isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Item 4: after a failed or refused save, Ctrl+Q exited without asking."""
    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    original = path.read_bytes()
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        qid = app.screen.qid
        if how == "disk-full":
            monkeypatch.setattr(store, "atomic_write", _no_space)
        elif how == "too-large":
            monkeypatch.setattr(store, "MAX_SESSION_BYTES", len(original) // 2)
        else:
            path.write_bytes(original + b"\n# edited\n")
        await pilot.press("j")
        await pilot.pause()
        if how == "conflict-cancelled":
            assert isinstance(app.screen, ConflictScreen)
            await pilot.press("a")
            await pilot.pause()
        assert app.assessment.unsaved
        monkeypatch.undo()  # the disk has room again; the folder chosen below is writable
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running, "quit without asking: the unsaved answer is lost"
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("m")  # save a copy in another folder
        await pilot.pause()
        assert isinstance(app.screen, FolderScreen)
        elsewhere = tmp_path / "annan"
        elsewhere.mkdir(mode=0o755)
        field = app.screen.query_one(Input)
        field.value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
    (copy,) = elsewhere.glob("*.toml")
    assert store.load(copy).answers[qid].value == "yes"
    assert (elsewhere.stat().st_mode & 0o777) == 0o755  # a folder the user chose keeps its rights
    if how != "conflict-cancelled":
        assert path.read_bytes() == original


async def test_leaving_after_a_failed_save_asks_too(
    _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(store, "atomic_write", _no_space)
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("escape")  # leave the session for the start screen
        await pilot.pause()
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("a")  # stay
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.assessment is not None


EVIL = "\x1b]0;pwned\x07\x1b[2J"


def _visible(app) -> str:
    """What the app would draw: the screenshot's text (control characters kept as they are)."""
    return app.export_screenshot()


async def test_no_terminal_escapes_from_files_on_screen(_isolated_data_dir: Path) -> None:
    """Item 6: titles and ids from a file reached the terminal in the sessions list, the
    title bar and the checklist-change notice."""
    d = store.sessions_dir(_isolated_data_dir)
    session = example("07-kvinnojour-osakra-svar-oklart")
    session.answers = dict(list(session.answers.items())[:5])
    session.meta.title = f"Titel {EVIL}"
    session.checklist_version = "0.1"  # older: opening it shows what changed
    text = session.to_toml().replace("[answers]\n", '[answers]\n"x\\u001b[2J" = "yes"\n')
    d.mkdir(parents=True)
    path = d / "ond.toml"
    path.write_text(text, encoding="utf-8")
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        shown = _visible(app)
        assert "pwned" in shown and "\x1b" not in shown and "\x07" not in shown
        app.open_session(path)
        await pilot.pause()
        shown = _visible(app)  # the notice of what changed in the checklist, over the title
        assert "Checklistan" in shown and "\x1b" not in shown
        assert "\x1b" not in app.sub_title


async def test_markup_in_a_file_name_is_shown_not_run(_isolated_data_dir: Path) -> None:
    """Item 14: a file named "[@click=app.quit]…" made a clickable toast that quit the app."""
    d = store.sessions_dir(_isolated_data_dir)
    name = "[@click=app.quit]klicka.toml"
    write_session(d, name, example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("j")  # yes, delete: the toast names the file
        await pilot.pause()
        (toast,) = list(app._notifications)
        assert name in toast.message
        assert toast.markup is False
        await pilot.pause(0.3)
        assert "[@click=app.quit]klicka" in _visible(app)  # shown as the name it is
        assert app.is_running


async def test_a_sessions_folder_that_cannot_be_created_is_one_message(tmp_path: Path) -> None:
    """Item 8: a new session where the sessions folder cannot be created (the data folder
    is a regular file) crashed the app with a raw OSError."""
    blocker = tmp_path / "fil"
    blocker.write_text("not a folder")
    app = make_app(blocker)
    async with app.run_test(size=SIZE) as pilot:
        app.action_new("bollebygd")
        await pilot.pause()
        app.screen.query_one("#title", Input).value = "Ny"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, QuestionScreen)
        toasts = [n.message for n in app._notifications if "Kunde inte spara" in n.message]
        assert len(toasts) == 1 and "sessions" in toasts[0]
        assert app.assessment.unsaved  # and leaving will ask (item 4)


async def test_a_session_deleted_outside_the_app_is_reported_as_deleted(
    _isolated_data_dir: Path,
) -> None:
    """Item 17: a session deleted while open (a file manager, `rm`, another program: only the
    app's own delete takes the lock) was reported as "changed"; saving it again brings it
    back."""
    from textual.widgets import Static

    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        qid = app.screen.qid
        path.unlink()  # as a file manager would: no lock asked
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        shown = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "tagits bort" in shown, shown
        assert "har ändrats" not in shown, shown
        assert not path.exists()  # nothing brought back without asking
        await pilot.press("s")  # save again under the same name
        await pilot.pause()
        assert app.is_running
    assert store.load(path).answers[qid].value == "yes"


async def test_details_being_edited_are_kept_on_a_signal(_isolated_data_dir: Path) -> None:
    """Item 10: the details dialog's text was lost on SIGTERM, SIGHUP, SIGINT and terminal
    close (the app's handler for all four is `_on_signal`; the real signals are sent in
    tests/app/test_app_stress.py)."""
    from iop_tui.tui.screens.meta import MetaScreen

    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_edit_meta()
        await pilot.pause()
        assert isinstance(app.screen, MetaScreen)
        app.screen.query_one("#title", Input).value = "Ny titel, halvskriven"
        app.screen.query_one("#diarienummer", Input).value = "KS 2026/17"
        app.screen.query_one("#organisationsnummer", Input).value = "80200"  # half typed
        app._on_signal()
        await pilot.pause()
    meta = store.load(path).meta
    assert meta.title == "Ny titel, halvskriven"
    assert meta.diarienummer == "KS 2026/17"


async def test_details_of_a_new_session_are_kept_on_a_signal(_isolated_data_dir: Path) -> None:
    """Item 10, a new session: the details are its only content so far."""
    from iop_tui.tui.screens.meta import MetaScreen

    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_new()
        await pilot.pause()
        assert isinstance(app.screen, MetaScreen)
        app.screen.query_one("#title", Input).value = "Läxhjälp i Bollebygd"
        app.screen.query_one("#organisation", Input).value = "Föreningen Läxis"
        app._on_signal()
        await pilot.pause()
    (saved,) = store.sessions_dir(_isolated_data_dir).glob("*.toml")
    meta = store.load(saved).meta
    assert (meta.title, meta.organisation) == ("Läxhjälp i Bollebygd", "Föreningen Läxis")


async def test_an_untouched_details_dialog_creates_nothing_on_a_signal(
    _isolated_data_dir: Path,
) -> None:
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_new()
        await pilot.pause()
        app._on_signal()
        await pilot.pause()
    assert list(store.sessions_dir(_isolated_data_dir).glob("*.toml")) == []


async def test_a_session_that_cannot_be_locked_can_be_opened_read_only(
    _isolated_data_dir: Path,
) -> None:
    """Item 12: the lock file could not be created (a read-only folder or mount); the app
    said "open it read-only" but offered no way to. (Root writes anywhere, so the lock is
    made impossible here by a folder in its place.)"""
    from iop_tui import lock
    from iop_tui.tui.screens.confirm import ConfirmScreen

    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    before = path.read_bytes()
    lock.lock_path(path).mkdir()
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_session(path)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), [n.message for n in app._notifications]
        assert "skrivskyddad" in app.screen.question
        await pilot.press("j")
        await pilot.pause()
        assert app.assessment is not None and app.assessment.read_only
        assert isinstance(app.screen, QuestionScreen)
    assert path.read_bytes() == before


async def test_a_read_only_sessions_folder_opens_sessions_read_only(
    _isolated_data_dir: Path,
) -> None:
    """Item 12: in a read-only sessions folder a session opened as a copy that could never
    be saved there; it opens read-only instead, and says so."""
    d = store.sessions_dir(_isolated_data_dir)
    path = half_done(d)
    before = path.read_bytes()
    d.chmod(0o555)
    try:
        app = make_app(_isolated_data_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.open_session(path)
            await pilot.pause()
            a = app.assessment
            assert a is not None and a.read_only and a.path == path
            assert any("skrivskyddad" in n.message for n in app._notifications)
    finally:
        d.chmod(0o700)
    assert path.read_bytes() == before
