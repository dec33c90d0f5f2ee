"""Where sessions live and how they are read and written.

Guarantees: writes are atomic (temp file in the same directory, flush + fsync, rename,
directory fsync); a new session file appears complete or not at all and never replaces an
existing file; reading never modifies a file; files are private to the user (0600, in a
0700 directory); a save never overwrites a file that changed on disk since it was loaded.
See docs/reliability.md for the tests that prove each of these.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
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
#: A file-name stem from a title is at most this many characters ...
MAX_STEM = 60
#: ... and this many bytes in UTF-8: file systems limit names in bytes (255 on most), and the
#: stem must leave room for "-NN.toml" and for the hidden temp and lock names built from it.
MAX_STEM_BYTES = 120
#: Anything larger is not a session someone wrote; refuse before parsing it.
MAX_SESSION_BYTES = 1_000_000
#: A temp file this old belongs to a save that was killed (a save takes milliseconds).
STALE_TEMP_SECONDS = 15 * 60


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


#: Where the app writes reports: a folder beside the sessions folder (Swedish: people open it).
REPORTS_DIRNAME = "rapporter"


def reports_dir(sessions: Path) -> Path:
    """The app's reports folder for the sessions folder `sessions` (created on first export)."""
    return sessions.parent / REPORTS_DIRNAME


#: Where the app's palette command "Skärmbild" saves (beside the reports; needs no
#: ~/Downloads, which many machines lack).
SCREENSHOTS_DIRNAME = "skarmbilder"


def screenshots_dir(sessions: Path) -> Path:
    return sessions.parent / SCREENSHOTS_DIRNAME


def ensure_private_dir(path: Path) -> Path:
    """Create the sessions directory 0700, and tighten it if it exists with wider rights:
    it is ours (under the data directory) and the files in it name people."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # not ours to change after all, e.g. a shared mount
        path.chmod(0o700)
    return path


def tighten_private_dir(path: Path) -> None:
    """Make an existing sessions folder 0700 if it is wider and ours (owned by this user):
    done on every open, save and listing, not only when a session is created, so a folder
    made 0755 by hand or by an older version does not stay readable by others."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return
    geteuid = getattr(os, "geteuid", None)
    if (
        stat.S_ISDIR(st.st_mode)
        and st.st_mode & 0o077
        and (geteuid is None or st.st_uid == geteuid())
    ):
        with contextlib.suppress(OSError):
            path.chmod(0o700)


def _ensure_parent(directory: Path) -> None:
    """A directory to save into. Created private if missing; an existing one is left as it
    is, because a session opened from e.g. ~/Documents must not change that folder's rights."""
    if directory.is_dir():
        return
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        directory.chmod(0o700)  # mkdir's mode is filtered by the umask


def fingerprint(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- reading


def read_bytes(path: Path) -> bytes:
    """Read a session file's bytes with size and type checks; one-line errors."""
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
    # Windows editors (Notepad) may start a hand-edited file with a byte-order mark.
    return parse_session(text.removeprefix("\ufeff"), str(origin))


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
    """The file changed on disk since it was loaded; saving would overwrite someone's work.
    `deleted`: it is gone (another program, a file manager or `rm` removed it), so saving
    would bring it back rather than overwrite anything."""

    def __init__(self, message: str, *, deleted: bool = False) -> None:
        super().__init__(message)
        self.deleted = deleted


# --------------------------------------------------------------------------- writing


def _cut_bytes(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, never inside a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def hidden_name(path: Path, suffix: str) -> Path:
    """`.NAME<suffix>` next to `path`: hidden (listings skip names starting with '.') and
    short enough for the file system even when NAME is near its 255-byte limit."""
    return path.with_name(f".{_cut_bytes(path.name, 200)}{suffix}")


def _temp_prefix(path: Path) -> str:
    return hidden_name(path, ".").name


def _temp_pattern(path: Path) -> re.Pattern[str]:
    # mkstemp's random part is 8 characters of [a-z0-9_]; matching exactly that keeps the
    # temp files of "a.toml" apart from those of a file called "a.toml.b.toml".
    return re.compile(re.escape(_temp_prefix(path)) + r"[a-z0-9_]{8}\.tmp")


def stale_temp_files(path: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Temp files left next to `path` by saves that were killed before their rename."""
    pattern = _temp_pattern(path)
    limit = time.time() - older_than
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        found.append(Path(entry.path))
    return sorted(found)


def _write_temp(path: Path, data: bytes) -> str:
    """A fully written, fsynced, private (0600) temp file next to `path`; returns its name."""
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)  # mkstemp makes 0600 already; say it, whatever the platform
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def atomic_write(path: Path, data: bytes, *, private_dir: bool = True) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file.

    `private_dir=False` is for paths a person chose (e.g. `export -o ~/Desktop/x.html`): the
    directory must exist and is never created or changed by us.

    Temp files of earlier saves of this same file that were killed (older than
    STALE_TEMP_SECONDS) are removed first: whatever they hold is superseded by `data`.
    A symlinked session is written where it points: renaming over the link itself would
    replace it with a copy and leave the real file behind, unchanged.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    directory = path.parent
    if private_dir:
        _ensure_parent(directory)
    for stale in stale_temp_files(path):
        with contextlib.suppress(OSError):
            stale.unlink()
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(directory)


def looks_like_session(path: Path) -> bool:
    """Whether the regular file at `path` is a session file, judged by its content (a
    TOML table naming a schema and a checklist), whatever its name: a report must never
    replace one."""
    import tomllib

    try:
        with open(path, "rb") as f:
            head = f.read(MAX_SESSION_BYTES + 1)
    except OSError:
        return False
    if len(head) > MAX_SESSION_BYTES:
        return False
    try:
        data = tomllib.loads(head.decode("utf-8").removeprefix("\ufeff"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "schema" in data and "checklist" in data


def write_output(path: Path, data: bytes) -> None:
    """Write a file a person named (e.g. `export -o`), safely whatever is there.

    - nothing, or a regular file: atomically replaced (`atomic_write`), unless it is a
      session file (then SessionError: a report must not overwrite someone's assessment);
    - a FIFO or a character device (`/dev/stdout`, a pipe, `/dev/null`): written into
      directly, never replaced by a file;
    - anything else (a directory, a socket, a block device): SessionError.
    The directory is never created or changed. A symlink is followed to what it names.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise SessionError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if st is None or stat.S_ISREG(st.st_mode):
        if st is not None and looks_like_session(path):
            raise SessionError(
                f"{path}: is a session file; a report will not overwrite it (choose another name)"
            )
        if not path.parent.is_dir():
            raise SessionError(f"{path}: cannot write: the directory {path.parent} does not exist")
        atomic_write(path, data, private_dir=False)
        return
    if stat.S_ISDIR(st.st_mode):
        raise SessionError(f"{path}: is a directory; give a file name")
    if not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
        raise SessionError(f"{path}: not a regular file, pipe or terminal; will not write there")
    # No O_CREAT: if the node vanished meanwhile, nothing is created in its place.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
            raise SessionError(f"{path}: changed while being opened; not written")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def create_exclusive(path: Path, data: bytes, *, private_dir: bool = True) -> bool:
    """Create `path` holding `data` unless something by that name exists (then False).

    The file appears complete or not at all: the data goes to a temp file first, which is
    then hard-linked to `path` (link, unlike rename, fails when the name is taken). File
    systems without hard links fall back to an exclusive create followed by a rename.
    """
    if private_dir:
        _ensure_parent(path.parent)
    tmp = _write_temp(path, data)
    renamed = False
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (FAT, some network file systems)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return False
            os.close(fd)
            os.replace(tmp, path)  # replaces only the empty placeholder made just above
            renamed = True
    finally:
        if not renamed:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _fsync_dir(path.parent)
    return True


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


def encode(session: Session, origin: Path) -> bytes:
    """The file's bytes: the session and nothing derived (no verdict, nothing for the list).
    Refuses a session too large to be read back (very long notes): the file on disk then
    keeps its last readable content."""
    data = session.to_toml().encode("utf-8")
    if len(data) > MAX_SESSION_BYTES:
        raise SessionError(
            f"{origin}: cannot save: the session would be {len(data) // 1000} kB, more than "
            f"a session file may hold ({MAX_SESSION_BYTES // 1000} kB); shorten the notes"
        )
    return data


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
            what = "was deleted" if current is None else "changed on disk"
            raise ConflictError(
                f"{handle.path}: the file {what} since it was opened", deleted=current is None
            )
    data = encode(session, handle.path)
    try:
        atomic_write(handle.path, data)
    except OSError as exc:
        raise SessionError(f"{handle.path}: cannot save: {exc.strerror or exc}") from None
    handle.seen = fingerprint(data)


def delete(path: Path) -> None:
    """Remove a session file (and the folder entry durably). Does not look at locks: delete
    sessions through `assessment.delete_session`, which takes the session's lock first."""
    try:
        path.unlink()
    except FileNotFoundError:
        raise SessionError(f"{path}: no such file") from None
    except OSError as exc:
        raise SessionError(f"{path}: cannot delete: {exc.strerror or exc}") from None
    _fsync_dir(path.parent)


# --------------------------------------------------------------------------- naming


_UNSAFE = re.compile(r"[^\w\- ]+", re.UNICODE)

#: Names Windows reserves whatever the extension ("con.toml" cannot be created there).
_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{p}{n}" for p in ("com", "lpt") for n in range(10)]
)


#: Windows treats superscript digits as digits in reserved names ("COM¹" is COM1).
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def safe_stem(title: str) -> str:
    """A file-name stem from a title: no separators, dots or control characters; Swedish
    letters kept; at most MAX_STEM characters and MAX_STEM_BYTES bytes; never a name
    Windows reserves. Empty titles give 'bedomning'."""
    text = unicodedata.normalize("NFC", title)
    # Control characters (newline, tab, escape) separate words; invisible format characters
    # (soft hyphen, zero-width joiner) and unassigned code points are dropped.
    text = "".join(
        " " if cat == "Cc" else ch
        for ch in text
        if (cat := unicodedata.category(ch))[0] != "C" or cat == "Cc"
    )
    text = _UNSAFE.sub(" ", text)
    text = re.sub(r"[\s_]+", "-", text.strip()).strip("-").lower()
    text = _cut_bytes(text[:MAX_STEM], MAX_STEM_BYTES).rstrip("-")
    if text.translate(_SUPERSCRIPT_DIGITS) in _RESERVED:
        text = f"{text}-bedomning"
    return text or "bedomning"


def new_path(directory: Path, title: str, suffix: str = ".toml") -> Path:
    """A path for a new file named after `title` that exists nowhere yet (collisions get -2,
    -3, ...). A dangling symlink counts as taken: creating through it would write elsewhere."""
    stem = safe_stem(title)
    candidate = directory / f"{stem}{suffix}"
    n = 2
    while os.path.lexists(candidate):
        candidate = directory / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def create(directory: Path, session: Session, *, private: bool = True) -> Handle:
    """Save a new session under a fresh name; never overwrites an existing file, and the
    new file is complete from the moment it appears (a crash never leaves it empty).

    `private=False` is for a folder the user chose (a copy saved elsewhere): it must exist,
    and its rights are left alone."""
    data = encode(session, directory)
    try:
        if private:
            ensure_private_dir(directory)
        elif not directory.is_dir():
            raise SessionError(f"{directory}: no such folder")
    except OSError as exc:  # e.g. the data directory is under a file, or a read-only mount
        raise SessionError(
            f"{directory}: cannot create the folder: {exc.strerror or exc}"
        ) from None
    for _ in range(100):
        path = new_path(directory, session.meta.title)
        try:
            created = create_exclusive(path, data, private_dir=private)
        except OSError as exc:
            raise SessionError(f"{path}: cannot save: {exc.strerror or exc}") from None
        if created:
            return Handle(path, fingerprint(data))
        # someone took the name between our check and our create: pick the next one
    raise SessionError(f"{directory}: could not find a free file name")
