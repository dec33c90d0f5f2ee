"""Two saved sessions side by side from the sessions list (F3 marks, F3 on another compares)."""

from __future__ import annotations

from pathlib import Path

from iop_tui import store
from iop_tui.checklist import Answer
from iop_tui.tui.screens.compare import SessionCompareScreen

from .apphelpers import SIZE, example, make_app, screen_text, write_session


async def test_mark_one_session_and_compare_with_another(_isolated_data_dir: Path) -> None:
    d = store.sessions_dir(_isolated_data_dir)
    mine = example("01-laxhjalp-iop")
    theirs = mine.model_copy(update={"answers": {**mine.answers, "initiativ_fran_org": Answer.NO}})
    write_session(d, "a-egenkontroll.toml", mine)
    write_session(d, "b-handlaggare.toml", theirs)
    app = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "f3")
        assert "markerad för jämförelse" in " ".join(str(n.message) for n in app._notifications)
        await pilot.press("down", "f3")
        assert isinstance(app.screen, SessionCompareScreen)
        cmp = app.screen.comparison
        assert [r.question_id for r in cmp.rows if r.differs] == ["initiativ_fran_org"]
        text = screen_text(app)
        assert "a-egenkontroll: " in text and "b-handlaggare: " in text
        assert "Frågor med olika svar: 1" in text
        assert cmp.columns[0].label in text and cmp.columns[1].label in text
