"""Issue 12 in the app: the first-run profile, the kommun in the title bar and result,
the comparison view and carrying an assessment over."""

from __future__ import annotations

from pathlib import Path

from iop_tui import profile
from iop_tui.tui.screens.compare import CompareScreen
from iop_tui.tui.screens.question import QuestionScreen
from iop_tui.tui.screens.result import ResultScreen
from iop_tui.tui.screens.settings import SettingsScreen
from iop_tui.tui.screens.start import StartScreen

from .apphelpers import SIZE, example, make_app, screen_text, write_session


async def test_first_run_asks_for_the_kommun_and_the_title_bar_shows_it(
    _isolated_data_dir: Path,
) -> None:
    profile.profile_path().unlink()
    profile._loaded = False
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press(*"Alingsås kommun", "ctrl+s")
        assert isinstance(app.screen, StartScreen)
        assert "Alingsås kommun" in app.title
    saved = profile.load()
    assert saved is not None and saved.kommun == "Alingsås kommun"


async def test_first_run_can_be_skipped(_isolated_data_dir: Path) -> None:
    profile.profile_path().unlink()
    profile._loaded = False
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
    assert profile.load() == profile.Profile()  # "ingen kommun vald", not asked again


async def test_result_names_the_kommun_compare_view_and_carry_over(
    _isolated_data_dir: Path,
) -> None:
    profile.use(profile.Profile(kommun="Alingsås kommun"))
    path = write_session(_isolated_data_dir, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        app.action_result()
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        text = screen_text(app)
        assert "Din kommun: Alingsås kommun" in text and "Bollebygds kommun" in text
        app.action_compare()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert "kungsbacka" in screen_text(app) and "boras" in screen_text(app)
        app.action_carry("boras")
        await pilot.pause()
        assert app.assessment is not None and app.assessment.checklist.id == "boras"
        assert app.assessment.session.answers["initiativ_fran_org"].value == "yes"
        assert isinstance(app.screen, QuestionScreen)
