"""The line at the top of every screen: the app's title and the open assessment's title."""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """What Textual's Header shows (title — subtitle), as one widget.

    The Header builds three widgets (icon, title, clock space) and four watchers on every
    screen; on the start screen that was a quarter of what our start-up added to a bare
    Textual app. The icon was only a mouse shortcut to the command palette, which the footer
    offers as well (Ctrl+P)."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        padding: 0 8;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._show, init=False)
        self.watch(self.app, "sub_title", self._show)

    def _show(self, _: object = None) -> None:
        self.update(self.app.format_title(self.app.title, self.app.sub_title))
