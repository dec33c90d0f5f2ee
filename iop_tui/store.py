"""Where sessions live and how they are read and written.

Guarantees: writes are atomic (temp file in the same directory, flush + fsync, rename,
directory fsync); reading never modifies a file; files are private to the user (0600, in a
0700 directory); a save never overwrites a file that changed on disk since it was loaded.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SessionError

# The session model (pydantic) and hashlib are imported where they are used: the app's
# start-up needs only data_dir() from here, and start-up time is what users notice.
if TYPE_CHECKING:
    from .session import Session

ENV_DATA_DIR = "IOP_TUI_DATA_DIR"
APP_NAME = "iop-tui"
MAX_STEM = 60


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """`--data-dir` beats `$IOP_TUI_DATA_DIR` beats the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # deferred: only needed when no override is given

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def sessions_dir(base: Path) -> Path:
    return base / "sessions"


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # not our directory to change, e.g. a shared mount
        path.chmod(0o700)
    return path


def fingerprint(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- reading


def read_bytes(path: Path) -> bytes:
    """Read a session file's bytes with size and type checks; one-line errors."""
    from .session import MAX_SESSION_BYTES

    try:
        st = path.stat()
    except FileNotFoundError:
        raise SessionError(f"{path}: no such file") from None
    except OSError as exc:
        raise SessionError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not path.is_file():
        raise SessionError(f"{path}: not a file")
    if st.st_size > MAX_SESSION_BYTES:
        raise SessionError(
            f"{path}: too large for a session file ({st.st_size // 1_000_000} MB; "
            f"limit {MAX_SESSION_BYTES // 1_000_000} MB)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SessionError(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, origin: Path) -> Session:
    from .session import parse_session

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SessionError(f"{origin}: not a session file (not UTF-8 text)") from None
    return parse_session(text, str(origin))


def load(path: Path) -> Session:
    return decode(read_bytes(path), path)


@dataclass
class Handle:
    """An open session file: its path and the fingerprint of what we last read or wrote."""

    path: Path
    seen: str | None  # None: the file did not exist when we started

    @classmethod
    def open(cls, path: Path) -> tuple[Handle, Session]:
        data = read_bytes(path)
        return cls(path, fingerprint(data)), decode(data, path)


class ConflictError(SessionError):
    """The file changed on disk since it was loaded; saving would overwrite someone's work."""


# --------------------------------------------------------------------------- writing


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file."""
    directory = path.parent
    ensure_private_dir(directory)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # platforms without directory fds (Windows)
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def save(handle: Handle, session: Session, *, force: bool = False) -> None:
    """Save through a handle; refuse (ConflictError) if the file changed since we saw it."""
    if not force:
        try:
            current = fingerprint(handle.path.read_bytes())
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise SessionError(f"{handle.path}: cannot read before saving: {exc}") from None
        if current != handle.seen:
            raise ConflictError(f"{handle.path}: the file changed on disk since it was opened")
    data = session.to_toml().encode("utf-8")
    try:
        atomic_write(handle.path, data)
    except OSError as exc:
        raise SessionError(f"{handle.path}: cannot save: {exc.strerror or exc}") from None
    handle.seen = fingerprint(data)


# --------------------------------------------------------------------------- naming


_UNSAFE = re.compile(r"[^\w\- ]+", re.UNICODE)


def safe_stem(title: str) -> str:
    """A file-name stem from a title: no separators, dots or control characters; Swedish
    letters kept; bounded length. Empty titles give 'bedomning'."""
    text = unicodedata.normalize("NFC", title)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _UNSAFE.sub(" ", text)
    text = re.sub(r"[\s_]+", "-", text.strip()).strip("-").lower()
    return text[:MAX_STEM].rstrip("-") or "bedomning"


def new_path(directory: Path, title: str) -> Path:
    """A path for a new session that exists nowhere yet (collisions get -2, -3, ...)."""
    stem = safe_stem(title)
    candidate = directory / f"{stem}.toml"
    n = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{n}.toml"
        n += 1
    return candidate


def create(directory: Path, session: Session) -> Handle:
    """Save a new session under a fresh name; never overwrites an existing file."""
    ensure_private_dir(directory)
    for _ in range(100):
        path = new_path(directory, session.meta.title)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # someone took the name between our check and our create
        os.close(fd)
        handle = Handle(path, fingerprint(b""))
        save(handle, session)
        return handle
    raise SessionError(f"{directory}: could not find a free file name")
