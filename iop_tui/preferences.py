"""How the user wants the app to look: the theme and the spacious (large-text) layout, kept in
`preferences.toml` in the user's config directory (`$IOP_TUI_CONFIG_DIR` overrides, which is
also how each browser tab in workshop mode gets its own).

Looks only: a missing, unreadable or damaged file means the defaults, never an error at start.
Written atomically (0600) when the user changes a setting.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from . import themes
from .errors import IopError, one_line
from .profile import config_dir

PREFERENCES_FILE = "preferences.toml"
MAX_BYTES = 16_000


class PreferencesError(IopError):
    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


@dataclass(frozen=True)
class Preferences:
    theme: str = themes.DEFAULT
    spacious: bool = False


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
    return Preferences(
        theme=theme if isinstance(theme, str) and theme in themes.BY_NAME else themes.DEFAULT,
        spacious=spacious if isinstance(spacious, bool) else False,
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
        "# iop-tui: utseende (ändras i appen: F2, F3, F4 eller Ctrl+P)\n"
        f'theme = "{p.theme}"\n'
        f"spacious = {'true' if p.spacious else 'false'}\n"
    )


def save(p: Preferences, path: Path | None = None) -> Path:
    """Write atomically: a temp file in the same folder, fsync, rename."""
    path = path or preferences_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".preferences-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(dumps(p).encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise PreferencesError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return path
