"""How the user wants the app: the theme, the spacious (large-text) layout and the UI
language, kept in `preferences.toml` in the user's config directory (`$IOP_TUI_CONFIG_DIR`
overrides, which is also how each browser tab in workshop mode gets its own).

Looks only: a missing, unreadable or damaged file means the defaults, never an error at start.
Written atomically (0600) when the user changes a setting.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from . import themes
from .errors import IopError, one_line
from .i18n import STRINGS
from .profile import config_dir, write_private

PREFERENCES_FILE = "preferences.toml"
MAX_BYTES = 16_000
LANGUAGES: tuple[str, ...] = tuple(STRINGS)


class PreferencesError(IopError):
    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


@dataclass(frozen=True)
class Preferences:
    theme: str = themes.DEFAULT
    spacious: bool = False
    #: The UI language chosen in the settings; None: not chosen (`--lang` overrides it).
    language: str | None = None


def preferences_path() -> Path:
    return config_dir() / PREFERENCES_FILE


def parse(text: str) -> Preferences:
    """The preferences in `text`; unknown keys and values that are not ours are ignored (a
    newer version may have written them; a theme this version lacks falls back)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return Preferences()
    theme = raw.get("theme")
    spacious = raw.get("spacious")
    language = raw.get("language")
    return Preferences(
        theme=theme if isinstance(theme, str) and theme in themes.BY_NAME else themes.DEFAULT,
        spacious=spacious if isinstance(spacious, bool) else False,
        language=language if isinstance(language, str) and language in LANGUAGES else None,
    )


def load(path: Path | None = None) -> Preferences:
    path = path or preferences_path()
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        return Preferences()
    if len(data) > MAX_BYTES:
        return Preferences()
    try:
        return parse(data.decode("utf-8"))
    except UnicodeDecodeError:
        return Preferences()


def dumps(p: Preferences) -> str:
    return (
        "# iop-tui: utseende och språk (ändras i appen: F2, F3, F4, Ctrl+P, Inställningar)\n"
        f'theme = "{p.theme}"\n'
        f"spacious = {'true' if p.spacious else 'false'}\n"
        + (f'language = "{p.language}"\n' if p.language else "")
    )


def save(p: Preferences, path: Path | None = None) -> Path:
    """Write atomically (0600): a temp file in the same folder, fsync, rename."""
    path = path or preferences_path()
    try:
        write_private(path, dumps(p).encode("utf-8"), ".preferences-")
    except OSError as exc:
        raise PreferencesError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return path


def saved_language() -> str | None:
    """The UI language chosen in the settings, or None (a damaged file or unknown value is
    no reason not to start)."""
    return load().language


def save_language(lang: str) -> Path:
    """Remember the UI language; the other preferences are kept."""
    if lang not in LANGUAGES:
        raise PreferencesError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    return save(replace(load(), language=lang))
