"""Round two of the attacks on the app (issue 17): conflicts from the review, saves that
fail or are refused, the details dialog on signals, a dead terminal, markup in names."""

from __future__ import annotations

from pathlib import Path

from iop_tui import store
from iop_tui.tui.screens.conflict import ConflictScreen
from iop_tui.tui.screens.review import ReviewScreen

from .apphelpers import SIZE, example, make_app, write_session


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
