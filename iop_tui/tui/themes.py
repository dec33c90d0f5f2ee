"""Our colour themes (defined as data in the core, `iop_tui.themes`) as Textual themes."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from .. import themes


def textual_theme(spec: themes.ThemeSpec) -> Theme:
    b = spec.base
    return Theme(
        name=spec.name,
        primary=b["primary"],
        secondary=b["secondary"],
        accent=b["accent"],
        warning=b["warning"],
        error=b["error"],
        success=b["success"],
        foreground=b["foreground"],
        background=b["background"],
        surface=b["surface"],
        panel=b["panel"],
        dark=spec.dark,
        variables=dict(spec.variables),
    )


def register_all(app: App[Any]) -> None:
    for spec in themes.SELECTABLE:
        app.register_theme(textual_theme(spec))
