"""Issue 15, projector and quiz: the themes Textual draws with are the checked ones, the
looks are remembered, before → after from the result screen, the quiz, the handout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList, Static

from iop_tui import catalog, preferences, store, themes
from iop_tui.tui.screens.flip import FlipScreen
from iop_tui.tui.screens.quiz import QuizScreen
from iop_tui.tui.screens.result import ResultScreen
from iop_tui.tui.themes import textual_theme

from .apphelpers import SIZE, example, make_app, write_session


def shown(app) -> str:  # type: ignore[no-untyped-def]
    console = Console(width=100, record=True, file=io.StringIO())
    for widget in app.screen.query(Static):
        console.print(widget.content)
    for listing in app.screen.query(OptionList):
        for i in range(listing.option_count):
            console.print(listing.get_option_at_index(i).prompt)
    return console.export_text()


def _close(a: str, b: str) -> bool:
    if a.startswith("auto") or b.startswith("auto"):
        return a.lower() == b.lower()
    pa, pb = themes.parse_hex(a), themes.parse_hex(b)
    return all(abs(x - y) <= 1 for x, y in zip(pa, pb, strict=True))  # Textual's rounding


@pytest.mark.parametrize("spec", themes.SELECTABLE, ids=lambda t: t.name)
def test_textual_draws_with_the_checked_colours(spec: themes.ThemeSpec) -> None:
    """The core test checks the data; this checks that Textual's variables are that data."""
    generated = textual_theme(spec).to_color_system().generate()
    for pair in themes.TEXT_PAIRS:
        for key in pair:
            assert _close(generated[key], spec.colour(key)), (spec.name, key, generated[key])


async def test_looks_are_toggled_and_remembered(_isolated_data_dir: Path) -> None:
    preferences.save_language("sv")  # chosen in the settings: the looks keep it (one file)
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == themes.DEFAULT and not app.has_class("spacious")
        await pilot.press("f3")  # high contrast
        assert app.theme == themes.CONTRAST_DARK.name
        await pilot.press("f2")  # light, still high contrast
        assert app.theme == themes.CONTRAST_LIGHT.name
        await pilot.press("f4")
        assert app.has_class("spacious")
        # The large-text layout changes the styles, not only a flag.
        assert app.screen.styles.text_style.bold
        handout = app.action_handout()
    assert preferences.load() == preferences.Preferences(themes.CONTRAST_LIGHT.name, True, "sv")
    assert handout is not None and '<dl class="glossary">' in handout.read_text("utf-8")
    again = make_app(_isolated_data_dir)
    async with again.run_test(size=SIZE):
        assert again.theme == themes.CONTRAST_LIGHT.name and again.has_class("spacious")


async def test_before_after_from_the_result_screen(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    path = write_session(d, "kvinnojour.toml", example("07-kvinnojour-osakra-svar-oklart"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        result = app.screen
        assert isinstance(result, ResultScreen) and result.options
        option = result.options[0]
        step = option.steps[0]
        before = app.assessment.verdict.outcome
        await pilot.press("1", "f")  # the previewed item: its question comes first
        screen = app.screen
        assert isinstance(screen, FlipScreen)
        assert screen.current is not None and screen.current.question_id == step.question_id
        assert "Bedömningen är oförändrad" in shown(app)
        # Not the large-text layout's margins (a misplaced rule once applied them anyway).
        assert screen.query_one("#flip-question").styles.padding.left == 1
        await pilot.press("enter")  # answer as suggested
        text = shown(app)
        assert app.assessment.verdict.outcome == option.outcome != before
        assert f"Bedömningen ändrades: {screen.before.label} → {option.outcome_label}" in text
        assert "FÖRE" in text and "EFTER" in text
        await pilot.press("escape")
        assert app.screen is result
        assert "Ändrat sedan förra visningen" in shown(app)
    assert store.load(path).answers[step.question_id] == step.change.after


async def test_quiz_hides_the_answer_until_revealed(_isolated_data_dir: Path) -> None:
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "q")
        assert isinstance(app.screen, QuizScreen)
        listing = app.screen.query_one("#quiz-list", OptionList)
        assert listing.option_count == len(catalog.examples())
        assert "förväntat" not in shown(app).lower()
        path = catalog.examples()[2]  # föreningsbidrag
        await pilot.press("down", "down", "enter")
        text = shown(app)
        assert "Bollebygds Innebandyklubb" in text and "Rösta nu" in text
        assert "Det här avgjorde" not in text and "Föreningsbidrag –" not in text
        await pilot.press("v")
        text = shown(app)
        assert "Föreningsbidrag – fast bedömning" in text and "Det här avgjorde" in text
        assert "⛔" in text  # the stop that ruled IOP out is among the factors
        await pilot.press("escape")
        assert isinstance(app.screen, QuizScreen) and not app.screen.has_class("showing")
    # Only read: the example is unchanged and nothing was saved.
    assert store.load(path).answers == example(path.stem).answers
    assert not store.sessions_dir(_isolated_data_dir).exists() or not any(
        store.sessions_dir(_isolated_data_dir).glob("*.toml")
    )


@pytest.mark.parametrize("path", catalog.examples(), ids=lambda p: p.stem)
def test_before_after_lists_only_changes_that_give_what_they_say(path: Path) -> None:
    """Found in the trainer's trial: a step of a two-answer change was listed as if it alone
    gave the outcome ("→ Nej (ger Föreningsbidrag)"), and answering it gave Oklart."""
    from iop_tui.engine import judge
    from iop_tui.tui.screens.flip import targets
    from iop_tui.verdict_view import build_view

    session = store.load(path)
    checklist = catalog.for_session(session.checklist, path)
    view = build_view(checklist, session.answers)
    labels = {o.outcome: o.outcome_label for o in view.changes}
    for _heading, items in targets(view):
        for t in items:
            if t.suggested is None:
                continue
            after = judge(checklist, {**session.answers, t.question_id: t.suggested})
            assert after.outcome != view.outcome, t.label
            assert labels.get(after.outcome) == t.outcome_label, t.label
