"""Issue 13 in the app: the decision part, fastställd (read-only, a new copy), the details
with organisationsnummer, the answer history on the review screen, document exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from iop_tui import store
from iop_tui.checklist import Answer
from iop_tui.tui.screens.decision import DecisionScreen
from iop_tui.tui.screens.meta import MetaScreen
from iop_tui.tui.screens.result import ResultScreen
from iop_tui.tui.screens.review import ReviewScreen

from .apphelpers import SIZE, example, make_app, write_session


async def test_decide_finalise_export_and_copy(_isolated_data_dir: Path) -> None:
    sessions = store.sessions_dir(_isolated_data_dir)
    path = write_session(sessions, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        a = app.assessment
        assert a is not None
        # A changed answer is recorded with who changed it, and shown on the review screen.
        a.set_meta(assessor="Eva Handläggare")
        app.guarded(lambda: a.answer("org_skatteskulder", Answer.UNSURE))
        app.action_review()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        app.screen.render_list()  # the review was already open (every question answered)
        option = app.screen.query_one("#review-list").get_option("org_skatteskulder")
        assert "Nej → Osäker (Eva Handläggare)" in str(option.prompt.columns[1]._cells[0])
        app.guarded(lambda: a.answer("org_skatteskulder", Answer.NO))

        app.action_result()
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, DecisionScreen)
        screen = app.screen
        screen.query_one("#form").value = "iop"
        screen.query_one("#decided_by").value = "Per Holm"
        screen.query_one("#date").value = "2026-03-05"
        await pilot.pause()
        await pilot.click("#finalise")
        await pilot.pause()
        assert a.final and a.session.decision.date == dt.date(2026, 3, 5)
        assert "fastställd" in app.sub_title
        saved = path.read_bytes()

        # Read-only from now on: an answer is refused, the file is untouched.
        assert not app.guarded(lambda: a.answer("org_skatteskulder", Answer.YES))
        assert path.read_bytes() == saved

        report = app.action_export("html")
        assert report is not None
        assert store.load(path).final
        text = report.read_text(encoding="utf-8")
        from iop_tui.report import session_digest

        assert session_digest(saved) in text and "Fastställd" in text
        paths = app.action_export_document("tjanst") + app.action_export_document("avtal")
        assert [p.suffix for p in paths] == [".docx", ".md", ".docx", ".md"]
        assert docx.Document(str(paths[2])).paragraphs[0].text.startswith("Överenskommelse")
        assert app.action_export_long() is not None

        app.action_new_copy()
        await pilot.pause()
        assert not a.final and a.path != path
        assert app.guarded(lambda: a.answer("org_skatteskulder", Answer.YES))
    assert store.load(path).final


async def test_details_refuse_a_wrong_check_digit(_isolated_data_dir: Path) -> None:
    sessions = store.sessions_dir(_isolated_data_dir)
    path = write_session(sessions, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_edit_meta()
        await pilot.pause()
        assert isinstance(app.screen, MetaScreen)
        app.screen.query_one("#organisationsnummer").value = "802000-1234"
        await pilot.pause()
        app.screen.action_submit()
        await pilot.pause()
        assert isinstance(app.screen, MetaScreen)  # still open, saying why
        assert "kontrollsiffra" in str(app.screen.query_one("#meta-error").render())
        app.screen.query_one("#organisationsnummer").value = "8020001239"
        app.screen.query_one("#forvaltning").value = "Barn- och utbildningsförvaltningen"
        app.screen.action_submit()
        await pilot.pause()
        assert app.assessment is not None
        meta = app.assessment.session.meta
        assert meta.organisationsnummer == "802000-1239"
        assert meta.forvaltning == "Barn- och utbildningsförvaltningen"


async def test_fast_typing_after_tab_in_the_decision_dialog(_isolated_data_dir: Path) -> None:
    """Keys queued all at once (a paste, a script, tmux send-keys): text typed right after
    Tab belongs to the next field, not the one being left (seen in a tmux trial)."""
    from textual import events

    sessions = store.sessions_dir(_isolated_data_dir)
    path = write_session(sessions, "laxhjalp.toml", example("01-laxhjalp-iop"))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "b")
        assert isinstance(app.screen, DecisionScreen)
        app.screen.query_one("#motivering").focus()
        await pilot.pause()
        for ch in "Motiv\tEva":
            app.post_message(events.Key("tab", None) if ch == "\t" else events.Key(ch, ch))
        await pilot.pause()
        assert app.screen.query_one("#motivering").value == "Motiv"
        assert app.screen.query_one("#decided_by").value == "Eva"
