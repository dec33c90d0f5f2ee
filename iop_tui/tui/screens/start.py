"""The start screen: new assessment, open a saved one, open an example, quit.

Imports nothing from the core on purpose: it is the first screen, and start-up time is
what an officer notices every morning.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import tr
from ..widgets.title_bar import TitleBar
from .base import AppScreen

CHOICES = (
    ("new", "n", "start.new"),
    ("new_org", "f", "start.org"),
    ("sessions", "o", "start.open"),
    ("examples", "e", "start.examples"),
    ("quit", "q", "start.quit"),
)


class StartScreen(AppScreen[None]):
    # Not in the footer: the menu shows each key next to its choice already (the footer
    # listed "Avsluta" twice), and every footer key is a widget to build before the screen.
    BINDINGS = [
        Binding("n", "app.new", tr("start.new"), show=False),
        Binding("f", "app.new_org", tr("start.org"), show=False),
        Binding("o", "app.sessions", tr("start.open"), show=False),
        Binding("e", "app.examples", tr("start.examples"), show=False),
        Binding("q", "app.quit", tr("start.quit"), show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="start-box"):
            # Heading and intro in one widget: each widget costs start-up time.
            yield Static(
                f"[b $accent]{escape(tr('start.heading'))}[/]\n\n{escape(tr('start.intro'))}",
                id="start-intro",
            )
            menu = OptionList(
                *(Option(f"\\[{key}] {tr(label)}", id=action) for action, key, label in CHOICES),
                id="start-menu",
            )
            # How to choose, in the menu's frame: one widget fewer to build at start-up.
            menu.border_subtitle = tr("start.hint")
            yield menu
        yield Footer()

    @on(OptionList.OptionSelected, "#start-menu")
    async def choose(self, event: OptionList.OptionSelected) -> None:
        # The same actions as the letter keys. run_action is a coroutine: without the
        # await it never ran, and arrows + Enter or a click did nothing.
        await self.run_action(f"app.{event.option_id}")
