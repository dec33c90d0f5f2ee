"""Issue 14 in the app: the organisation's own check from the start screen, its result,
the hand-off export, the officer's view of a received hand-off, and the glossary."""

from __future__ import annotations

from pathlib import Path

from iop_tui import profile, store
from iop_tui.checklist import Answer
from iop_tui.handoff import receive
from iop_tui.tui.screens.glossary import GlossaryScreen
from iop_tui.tui.screens.question import QuestionScreen
from iop_tui.tui.screens.result import ResultScreen
from iop_tui.tui.screens.review import ReviewScreen

from .apphelpers import SIZE, example, make_app, screen_text, write_session


def _plain(renderable: object) -> str:
    import io

    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def result_text(app: object) -> str:
    from textual.widgets import Static

    screen = app.screen  # type: ignore[attr-defined]
    return "\n".join(_plain(w.content) for w in screen.query(Static))


def review_text(app: object) -> str:
    from textual.widgets import OptionList

    lst = app.screen.query_one("#review-list", OptionList)  # type: ignore[attr-defined]
    return "\n".join(_plain(o.prompt) for o in lst.options)


async def test_organisation_check_from_the_start_screen(_isolated_data_dir: Path) -> None:
    profile.use(profile.Profile(kommun="Bollebygds kommun", contact="Anna Berg"))
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", *"Teatern", "ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        a = app.assessment
        assert a is not None and a.session.perspective == "organisation"
        assert "organisationsnummer" in screen_text(app)  # the organisation's wording
        assert "(egen koll)" in app.sub_title
        app.screen.show("initiativ_detaljreglering")
        await pilot.pause()
        assert "fråga att ta med till kommunen" in screen_text(app)
        await pilot.press("o")  # the kommun knows: a point for the meeting
        app.action_result()
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        text = result_text(app)
        assert "Frågor att ta med till mötet" in text and "Kontakta Anna Berg." in text
        assert "Förbered" in text and "Skicka rapporten till kommunens jurist" not in text
        await pilot.press("u")  # the hand-off
        await pilot.pause()
    written = sorted(
        p.suffix for p in store.reports_dir(store.sessions_dir(_isolated_data_dir)).iterdir()
    )
    assert written == [".html", ".md", ".toml"]


async def test_officer_sees_which_answers_the_organisation_gave(_isolated_data_dir: Path) -> None:
    org = example("01-laxhjalp-iop")
    org.perspective = "organisation"
    officer = receive(org, source="laxhjalp-till-kommunen.toml")
    path = write_session(store.sessions_dir(_isolated_data_dir), "mottagen.toml", officer)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)  # every question answered
        assert "uppgett av organisationen" in review_text(app)
        await pilot.press("enter")  # the first question
        assert isinstance(app.screen, QuestionScreen)
        qid = app.screen.qid
        assert "uppgett av organisationen" in screen_text(app)
        await pilot.press("j")  # the same answer: confirmed
        assert app.assessment is not None
        assert not app.assessment.session.from_organisation(qid)
        assert app.assessment.session.answers[qid] is Answer.YES
        await pilot.press("l")
        assert isinstance(app.screen, GlossaryScreen)
        await pilot.press(*"hfd")  # typing filters the terms
        body = result_text(app)
        assert "Alingsåsdomen" in body and "Samfinansiering" not in body
    saved = store.load(path)
    assert qid not in saved.handoff.from_organisation
    assert len(saved.handoff.from_organisation) == len(officer.answers) - 1


async def test_the_officer_receives_a_hand_off_in_the_app(
    _isolated_data_dir: Path, tmp_path: Path
) -> None:
    """Ctrl+P → "Ta emot underlag…": the organisation's file (left untouched) becomes a new
    kommun assessment in the sessions folder, open on its review, every answer marked."""
    org = example("01-laxhjalp-iop")
    org.perspective = "organisation"
    sent = write_session(tmp_path / "mail", "laxhjalp-till-kommunen.toml", org)
    before = sent.read_bytes()
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        app.action_receive()
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one("#receive-path", Input).value = str(sent)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        a = app.assessment
        assert a is not None and a.session.perspective == "kommun"
        assert a.path is not None and a.path.parent == store.sessions_dir(_isolated_data_dir)
        assert "uppgett av organisationen" in review_text(app)
        assert set(a.session.handoff.from_organisation) == set(org.answers)
    assert sent.read_bytes() == before
