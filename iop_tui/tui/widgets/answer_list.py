"""The answer options. An OptionList without its inherited scroll bindings, so that left and
right reach the screen (previous / next question) instead of scrolling sideways."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class AnswerList(OptionList, inherit_bindings=False):
    BINDINGS = [
        Binding("up", "cursor_up", show=False),
        Binding("down", "cursor_down", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("enter,space", "select", show=False),
    ]
