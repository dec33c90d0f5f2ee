"""The start menu chosen the ways its own hint says: arrows + Enter, and the mouse.

The letter keys (n/o/e/q) are bindings and are covered elsewhere; these tests press only
arrows and Enter, or click the option's line, for every item of the menu.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList

from iop_tui.tui.app import IopApp
from iop_tui.tui.screens.examples import ExamplesScreen
from iop_tui.tui.screens.meta import MetaScreen
from iop_tui.tui.screens.sessions import SessionsScreen
from iop_tui.tui.screens.start import CHOICES, StartScreen

from .apphelpers import SIZE, make_app

#: What each item opens, in the menu's order; "quit" ends the app.
OPENS: dict[str, type[Screen[object]] | None] = {
    "new": MetaScreen,
    "new_org": MetaScreen,  # the organisation's own check (issue 14)
    "sessions": SessionsScreen,
    "examples": ExamplesScreen,
    "quit": None,
}


def test_every_menu_item_is_covered() -> None:
    assert [action for action, _, _ in CHOICES] == list(OPENS)


async def _by_keys(pilot: Pilot[None], menu: OptionList, index: int) -> None:
    """Arrow keys to the item (from wherever the highlight is), then Enter."""
    assert menu.has_focus
    for _ in range(len(CHOICES) + 1):
        if menu.highlighted == index:
            break
        current = menu.highlighted if menu.highlighted is not None else -1
        await pilot.press("down" if current < index else "up")
    assert menu.highlighted == index
    await pilot.press("enter")


async def _by_mouse(pilot: Pilot[None], menu: OptionList, index: int) -> None:
    """A click on the item's own line (inside the menu's border)."""
    top = menu.content_region.y - menu.region.y
    left = menu.content_region.x - menu.region.x
    await pilot.click(menu, offset=(left + 2, top + index))


@pytest.mark.parametrize("how", ["keys", "mouse"])
async def test_every_start_menu_item_can_be_chosen(_isolated_data_dir: Path, how: str) -> None:
    choose = _by_keys if how == "keys" else _by_mouse
    app: IopApp = make_app(_isolated_data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for index, (action, opens) in enumerate(OPENS.items()):
            assert isinstance(app.screen, StartScreen)
            menu = app.screen.query_one("#start-menu", OptionList)
            await choose(pilot, menu, index)
            await pilot.pause()
            if opens is None:  # quit: the app ends
                assert action == "quit"
                assert app._exit, "choosing Avsluta did not end the app"
                break
            assert isinstance(app.screen, opens), f"{action}: {type(app.screen).__name__}"
            await pilot.press("escape")
            await pilot.pause()
        else:
            pytest.fail("the menu has no quit item")
