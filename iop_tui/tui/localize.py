"""Textual's texts in the UI's language.

Key bindings are built when a screen class is defined, so their descriptions are in the
language of that moment; `relabel_bindings()` puts them into the current one (tests switch
language after import, and the language setting changes while the app runs). The command
palette's "No matches found" is Textual's own text: `Palette` says it through `tr()`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.dom import DOMNode
from textual.widgets.option_list import Option

from ..i18n import retranslate, tr


def _subclasses(cls: type[Any]) -> list[type[Any]]:
    found: list[type[Any]] = []
    todo = [cls]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def relabel_bindings() -> None:
    """Every key binding description that is a UI string, in the current language."""
    classes = _subclasses(DOMNode)
    changed: set[type[Any]] = set()
    for cls in classes:
        bindings = cls.__dict__.get("BINDINGS")
        if not bindings:
            continue
        relabelled = [
            replace(b, description=retranslate(b.description))
            if isinstance(b, Binding) and b.description
            else b
            for b in bindings
        ]
        if relabelled != bindings:
            cls.BINDINGS = relabelled
            changed.add(cls)
    for cls in classes:
        if changed.intersection(cls.__mro__):
            # Textual merges a class's bindings once, when the class is made (Textual 8.2);
            # instances copy the merged map, so new screens get the new descriptions.
            cls._merged_bindings = cls._merge_bindings()


def relabel_node(node: DOMNode) -> None:
    """The bindings of a node that already exists (the app, an open screen), relabelled
    in place; the footer shows them once the screen refreshes its bindings."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=retranslate(b.description)) if b.description else b
            for b in bindings
        ]


class Palette(CommandPalette):
    """Textual's command palette, with its "no matches" line in the UI's language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method adds an English line; ours is the same, with tr().
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(tr("textual.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
