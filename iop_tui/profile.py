"""The user's kommun profile: which kommun, förvaltning or nämnd, the riktlinje it follows and
whom to ask, in a TOML file in the user's config directory.

"No kommun chosen" is a valid state (the fields are empty); a missing file means the app has
not asked yet (first run). Checklist texts say `{kommunen}` / `{kommunens}` where the user's
own kommun is meant; `placeholders()` gives the values, with a neutral fallback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .errors import IopError, one_line

ENV_CONFIG_DIR = "IOP_TUI_CONFIG_DIR"
APP_NAME = "iop-tui"
PROFILE_FILE = "profile.toml"
USER_CHECKLISTS = "checklists"
#: A profile is a few lines; anything larger is not one.
MAX_PROFILE_BYTES = 64_000


class ProfileError(IopError):
    """The profile file cannot be read or written; the message names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


@dataclass(frozen=True)
class Profile:
    kommun: str = ""
    forvaltning: str = ""
    riktlinje_title: str = ""
    riktlinje_reference: str = ""
    #: The riktlinje's date as written (ISO date, `YYYY-MM-DD`), empty when not given.
    riktlinje_date: str = ""
    contact: str = ""
    #: The checklist a new assessment starts with (an id; empty: the first installed).
    default_checklist: str = ""

    @property
    def has_kommun(self) -> bool:
        return bool(self.kommun.strip())

    def with_values(self, **values: str) -> Profile:
        return replace(self, **{k: v.strip() for k, v in values.items()})


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Profile))


def config_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`$IOP_TUI_CONFIG_DIR`, else the platform's user config dir (e.g. ~/.config/iop-tui)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # deferred: start-up time

    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def profile_path() -> Path:
    return config_dir() / PROFILE_FILE


def user_checklists_dir() -> Path:
    """Where a user's own checklist files are offered from (beside the shipped ones)."""
    return config_dir() / USER_CHECKLISTS


def _parse(data: bytes, origin: Path) -> Profile:
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{origin}: not a valid profile: {exc}") from None
    values: dict[str, str] = {}
    for key, value in raw.items():
        if key not in FIELDS:
            raise ProfileError(f"{origin}: unknown field {key!r}")
        if isinstance(value, dt.date):
            value = value.isoformat()
        if not isinstance(value, str):
            raise ProfileError(f"{origin}: {key}: expected text")
        values[key] = value.strip()
    date = values.get("riktlinje_date", "")
    if date:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise ProfileError(f"{origin}: riktlinje_date: expected YYYY-MM-DD") from None
    return Profile(**values)


def load(path: Path | None = None) -> Profile | None:
    """The saved profile, or None when there is none yet (first run)."""
    path = path or profile_path()
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PROFILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path}: too large for a profile")
    return _parse(data, path)


_current: Profile | None = None
_loaded = False


def current() -> Profile:
    """The profile in use (read once per process; an unreadable file counts as empty)."""
    global _current, _loaded
    if not _loaded:
        with contextlib.suppress(ProfileError):
            _current = load()
        _loaded = True
    return _current or Profile()


def is_first_run() -> bool:
    return not profile_path().exists()


def dumps(p: Profile) -> str:
    lines = ["# iop-tui: din kommunprofil (redigeras i appen under Inställningar)\n"]
    for key, value in asdict(p).items():
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
        lines.append(f'{key} = "{escaped}"\n')
    return "".join(lines)


def write_private(path: Path, data: bytes, prefix: str) -> None:
    """Write a small config file atomically and private (0600): a temp file in the same
    folder, fsync, rename. Raises OSError. Shared by the profile and the preferences."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save(p: Profile, path: Path | None = None) -> Path:
    """Write the profile atomically (0600) and use it from now on."""
    global _current, _loaded
    path = path or profile_path()
    try:
        write_private(path, dumps(p).encode("utf-8"), ".profile-")
    except OSError as exc:
        raise ProfileError(f"{path}: cannot write: {exc.strerror or exc}") from None
    _current, _loaded = p, True
    return path


def use(p: Profile | None) -> None:
    """Use `p` for this process without saving it (tests, `--kommun`-less scripts)."""
    global _current, _loaded
    _current, _loaded = p, True


def genitive(name: str) -> str:
    """Swedish genitive: "Kungsbacka kommun" → "Kungsbacka kommuns", "Borås" → "Borås"."""
    name = name.strip()
    return name if name[-1:].lower() in ("s", "x", "z") else name + "s"


def placeholders(p: Profile | None) -> dict[str, str]:
    """Values for the checklist placeholders; without a kommun, neutral words."""
    if p is None or not p.has_kommun:
        return {
            "kommunen": "kommunen",
            "kommunens": "kommunens",
            "Kommunen": "Kommunen",
            "Kommunens": "Kommunens",
        }
    name = p.kommun.strip()
    return {
        "kommunen": name,
        "kommunens": genitive(name),
        "Kommunen": name[:1].upper() + name[1:],
        "Kommunens": genitive(name[:1].upper() + name[1:]),
    }
