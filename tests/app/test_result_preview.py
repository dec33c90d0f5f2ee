"""The result screen shows what would change the verdict, and a key previews each option:
the new verdict at once, nothing saved, Esc back to the real one."""

from __future__ import annotations

from pathlib import Path

from iop_tui import store
from iop_tui.tui.screens.result import ResultScreen

from .apphelpers import SIZE, example, make_app, write_session


def result_text(screen: ResultScreen) -> str:
    """The result screen's text, the Rich groups included (rendered as plain text)."""
    import io

    from rich.console import Console
    from textual.widgets import Static

    console = Console(width=100, record=True, file=io.StringIO())
    for widget in screen.query(Static):
        console.print(widget.content)
    return console.export_text()


async def test_preview_an_option_then_go_back(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ResultScreen)
        text = result_text(screen)
        assert "Det här skulle ändra bedömningen" in text and "Det här avgör" in text
        assert screen.options, "a firm IOP can be changed by some answer"
        option = screen.options[0]
        await pilot.press("1")
        shown = result_text(app.screen)
        assert "Förhandsvisning" in shown and option.outcome_label in shown
        assert app.screen is screen and screen.previewing == 1
        await pilot.press("escape")
        assert app.screen is screen and screen.previewing == 0  # back to the real verdict
        assert "Förhandsvisning" not in result_text(app.screen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ResultScreen)  # a second Esc leaves the result
    # The preview never touched the session's answers.
    assert store.load(path).answers == example("01-laxhjalp-iop").answers
