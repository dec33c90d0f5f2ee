"""Lock files: only one app instance at a time edits a session.

`.NAME.toml.lock` next to the session (hidden, so listings skip it) says who has it open:
pid, host and since when, as JSON. While the holder runs it also keeps an exclusive
`flock` on that file. The kernel drops an flock the moment its process ends, however it
ends (SIGKILL included), so on POSIX a lock file whose flock is free is stale whatever pid
it names: no guessing, and a reused pid cannot keep a dead session locked.

Where flock is unavailable (Windows, some network file systems) the pid decides: a lock
is stale when it was taken on this host by a process that no longer runs. A lock taken on
another host is then always respected, since its process cannot be checked from here; the
error names the lock file so that a person can remove it.

Within one process, acquiring a lock it already holds succeeds (the app may reopen a session
it has open); the file goes when the last holder releases it, or at interpreter exit.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import errno
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .errors import LockedError, LockError, SessionError
from .store import hidden_name

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: A lock file that cannot be read is taken to be half-written by a starting holder for
#: this long; after that it is stale (only used where flock is unavailable).
UNREADABLE_GRACE_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a lock, as written in the lock file (fields empty when unreadable)."""

    pid: int | None = None
    host: str = ""
    since: str = ""

    @classmethod
    def parse(cls, data: bytes) -> LockInfo | None:
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(raw, dict):
            return None
        pid = raw.get("pid")
        return cls(
            pid=pid if isinstance(pid, int) and not isinstance(pid, bool) and pid > 0 else None,
            host=str(raw.get("host", ""))[:255],
            since=str(raw.get("since", ""))[:64],
        )

    @classmethod
    def mine(cls) -> LockInfo:
        since = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        return cls(pid=os.getpid(), host=_hostname(), since=since)

    def to_bytes(self) -> bytes:
        data = {"app": "iop-tui", "pid": self.pid, "host": self.host, "since": self.since}
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")

    def describe(self) -> str:
        who = f"pid {self.pid}" if self.pid else "unknown process"
        where = f" on {self.host}" if self.host else ""
        when = f", since {self.since}" if self.since else ""
        return f"{who}{where}{when}"


def _hostname() -> str:
    return socket.gethostname()


def lock_path(path: Path) -> Path:
    """The lock file of a session: `.NAME.toml.lock` next to the real file (a symlinked
    session shares the lock of the file it points to, however it was opened)."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    return hidden_name(path, ".lock")


# --------------------------------------------------------------------------- this process


@dataclass
class _Held:
    fd: int | None  # None where flock is unavailable (the file alone is the lock)
    count: int
    lock_path: Path


_held: dict[str, _Held] = {}
_owner = os.getpid()


def _registry() -> dict[str, _Held]:
    """This process's held locks. A forked child inherits the parent's table but not its
    locks: it forgets them (without unlocking, which would unlock the parent too)."""
    global _owner
    if _owner != os.getpid():
        _held.clear()
        _owner = os.getpid()
    return _held


def _key(lp: Path) -> str:
    return os.path.realpath(lp)


class Lock:
    """A held lock on one session. Release it with `release()` or use it as a context
    manager; releasing twice is harmless."""

    def __init__(self, path: Path, lp: Path, key: str) -> None:
        self.path = path
        self.lock_path = lp
        self._key = key
        self._released = False

    @property
    def held(self) -> bool:
        return not self._released

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        entry = _registry().get(self._key)
        if entry is None:
            return
        entry.count -= 1
        if entry.count <= 0:
            del _held[self._key]
            _drop(entry)

    def __enter__(self) -> Lock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        state = "held" if self.held else "released"
        return f"<Lock {self.path} {state}>"


def _drop(entry: _Held) -> None:
    """Remove the lock file if it is still ours, then let go of the flock. Unlinking first
    means nobody can lock the old file after we let go and believe they hold the session."""
    try:
        if entry.fd is None:
            info = _read_path(entry.lock_path)
            if info is not None and info.pid == os.getpid() and info.host == _hostname():
                entry.lock_path.unlink()
        elif _same_file(entry.fd, entry.lock_path):
            entry.lock_path.unlink()
    except OSError:
        pass  # already gone, or a read-only place: the flock below is what counts
    finally:
        if entry.fd is not None:
            os.close(entry.fd)  # closing drops the flock


@atexit.register
def _release_all() -> None:
    for key, entry in list(_registry().items()):
        del _held[key]
        _drop(entry)


# --------------------------------------------------------------------------- acquiring


def acquire(path: Path) -> Lock:
    """Lock the session at `path` for this process.

    Raises LockedError (naming pid, host and since when) if another live process holds
    it; takes over stale locks; raises LockError if no lock file can be made here (for
    example a read-only folder: the session can still be opened read-only).
    """
    path = Path(path)
    lp = lock_path(path)
    key = _key(lp)
    held = _registry().get(key)
    if held is not None:
        held.count += 1
        return Lock(path, lp, key)
    mine = LockInfo.mine()
    for _ in range(50):  # only repeats while other processes swap the file under us
        created = True
        try:
            fd = _open(path, lp, os.O_RDWR | os.O_CREAT | os.O_EXCL)
        except FileExistsError:
            created = False
            try:
                fd = _open(path, lp, os.O_RDWR)
            except FileNotFoundError:  # released just now: try to create it again
                continue
        got = _try_flock(fd, exclusive=True)
        if got is None:  # no flock here: the file's existence is the lock, its pid decides
            if not created:
                info = _read_fd(fd)
                os.close(fd)
                if not _is_stale(info, lp):
                    raise _locked(path, lp, info)
                with contextlib.suppress(FileNotFoundError):
                    lp.unlink()
                continue
            _write_info(path, lp, fd, mine, keep_open=False)
            _held[key] = _Held(fd=None, count=1, lock_path=lp)
            return Lock(path, lp, key)
        if not got:
            info = _read_fd(fd)
            os.close(fd)
            raise _locked(path, lp, info)
        if not _same_file(fd, lp):  # released (unlinked) while we waited: try the new one
            os.close(fd)
            continue
        _write_info(path, lp, fd, mine, keep_open=True)  # a stale holder's details go
        _held[key] = _Held(fd=fd, count=1, lock_path=lp)
        return Lock(path, lp, key)
    raise LockError(f"{path}: cannot lock: the lock file {lp.name} keeps changing")


def _write_info(path: Path, lp: Path, fd: int, info: LockInfo, *, keep_open: bool) -> None:
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, info.to_bytes(), 0)
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        with contextlib.suppress(OSError):
            lp.unlink()
        raise LockError(f"{path}: cannot write lock file {lp.name}: {_why(exc)}") from None
    if not keep_open:
        os.close(fd)


def holder(path: Path) -> LockInfo | None:
    """Who holds the lock on `path` now, or None when nobody live does. Creates, changes
    and deletes nothing. This process counts as a holder (compare `pid` with os.getpid())."""
    lp = lock_path(Path(path))
    if _key(lp) in _registry():
        return _read_path(lp) or LockInfo.mine()
    try:
        fd = os.open(lp, os.O_RDONLY | _CLOEXEC | _NOFOLLOW)
    except OSError:
        return None
    try:
        got = _try_flock(fd, exclusive=False)
        info = _read_fd(fd) or LockInfo()
        if got is None:
            return None if _is_stale(info, lp) else info
        if got:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        return info
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- helpers

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a symlinked lock file could point anywhere


def _open(path: Path, lp: Path, flags: int) -> int:
    try:
        return os.open(lp, flags | _CLOEXEC | _NOFOLLOW, 0o600)
    except FileExistsError:
        raise
    except FileNotFoundError:
        if not flags & os.O_CREAT:
            raise
        raise SessionError(f"{path}: no such file (its folder does not exist)") from None
    except OSError as exc:
        raise LockError(
            f"{path}: cannot create lock file {lp.name}: {_why(exc)} (open it read-only)"
        ) from None


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _try_flock(fd: int, *, exclusive: bool) -> bool | None:
    """True: we have it; False: someone else has it; None: flock does not work here."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        return None  # ENOLCK, EOPNOTSUPP, ...: e.g. a network file system without locking
    return True


def _same_file(fd: int, lp: Path) -> bool:
    try:
        a, b = os.fstat(fd), os.stat(lp, follow_symlinks=False)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _read_fd(fd: int) -> LockInfo | None:
    try:
        return LockInfo.parse(os.pread(fd, 4096, 0))
    except OSError:
        return None


def _read_path(lp: Path) -> LockInfo | None:
    try:
        fd = os.open(lp, os.O_RDONLY | _CLOEXEC | _NOFOLLOW)
    except OSError:
        return None
    try:
        return _read_fd(fd)
    finally:
        os.close(fd)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        # os.kill(pid, 0) on Windows sends Ctrl+C; without a safe check, assume it runs.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # e.g. EPERM: it runs, as another user
    return True


def _is_stale(info: LockInfo | None, lp: Path) -> bool:
    """Only where flock is unavailable: can this lock be taken over?"""
    if info is None or info.pid is None:
        try:
            age = time.time() - lp.stat().st_mtime
        except OSError:
            return True
        return age > UNREADABLE_GRACE_SECONDS
    return info.host == _hostname() and not _pid_alive(info.pid)


def _locked(path: Path, lp: Path, info: LockInfo | None) -> LockedError:
    info = info or LockInfo()
    return LockedError(
        f"{path}: open in another iop-tui ({info.describe()}); "
        f"open it read-only, or close it there (lock file: {lp.name})",
        lock_path=str(lp),
        pid=info.pid,
        host=info.host,
        since=info.since,
    )
