"""Lock files: a second process is told who has a session open; stale locks are taken over."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iop_tui import lock
from iop_tui.errors import IopError, LockedError, LockError, SessionError

from ..conftest import lock_held_elsewhere


@pytest.fixture
def session(tmp_path: Path) -> Path:
    path = tmp_path / "s.toml"
    path.write_text('schema = 1\nchecklist = "mini"\n')
    return path


def dead_pid() -> int:
    """The pid of a process that has certainly ended (started and reaped here)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def write_lock(path: Path, pid: int, host: str | None = None) -> Path:
    lp = lock.lock_path(path)
    data = {"pid": pid, "host": host or socket.gethostname(), "since": "2026-01-01T00:00:00"}
    lp.write_text(json.dumps(data))
    return lp


def test_lock_file_is_hidden_and_names_the_holder(session: Path) -> None:
    with lock.acquire(session) as held:
        lp = lock.lock_path(session)
        assert lp.name == ".s.toml.lock" and held.lock_path == lp
        data = json.loads(lp.read_text())
        assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
        assert data["since"]
        assert oct(lp.stat().st_mode & 0o777) == oct(0o600)
    assert not lp.exists()
    held.release()  # twice is harmless


def test_reacquiring_in_the_same_process_is_allowed(session: Path) -> None:
    a = lock.acquire(session)
    b = lock.acquire(session)
    a.release()
    assert lock.lock_path(session).exists()  # b still holds it
    b.release()
    assert not lock.lock_path(session).exists()


def test_another_live_process_holds_it(session: Path) -> None:
    with lock_held_elsewhere(session) as other:
        with pytest.raises(LockedError) as exc:
            lock.acquire(session)
        err = exc.value
        assert isinstance(err, SessionError) and isinstance(err, IopError)
        assert err.pid == other.pid and err.host == socket.gethostname()
        message = str(err)
        assert str(session) in message and f"pid {other.pid}" in message
        assert "read-only" in message and "\n" not in message
        info = lock.holder(session)
        assert info is not None and info.pid == other.pid
    # It let go (normal exit): ours now.
    with lock.acquire(session):
        assert lock.holder(session) == lock.LockInfo.parse(lock.lock_path(session).read_bytes())


def test_lock_of_a_killed_process_is_taken_over(session: Path) -> None:
    with lock_held_elsewhere(session) as other:
        other.send_signal(signal.SIGKILL)
        other.wait()
        lp = lock.lock_path(session)
        assert json.loads(lp.read_text())["pid"] == other.pid  # left behind
        assert lock.holder(session) is None  # ... and known to be stale
        with lock.acquire(session):
            assert json.loads(lp.read_text())["pid"] == os.getpid()


def test_stale_lock_with_dead_pid_is_taken_over(session: Path) -> None:
    lp = write_lock(session, dead_pid())
    assert lock.holder(session) is None
    with lock.acquire(session):
        assert json.loads(lp.read_text())["pid"] == os.getpid()


def test_garbage_lock_file_is_taken_over(session: Path) -> None:
    lock.lock_path(session).write_bytes(b"\x00\xffnot json")
    with lock.acquire(session):
        pass


def test_forked_child_does_not_inherit_the_lock(session: Path) -> None:
    with lock.acquire(session):
        pid = os.fork()
        if pid == 0:  # child: must be told the parent has it, not think it holds it
            try:
                lock.acquire(session)
                code = 1
            except LockedError as exc:
                code = 0 if exc.pid == os.getppid() else 2
            except BaseException:
                code = 3
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert lock.lock_path(session).exists()  # the child's exit did not remove ours


def test_folder_missing_gives_no_such_file(tmp_path: Path) -> None:
    with pytest.raises(SessionError, match="no such file"):
        lock.acquire(tmp_path / "nope" / "s.toml")


def test_lock_file_cannot_be_created(session: Path, monkeypatch) -> None:
    real_open = os.open

    def refuse_locks(path, flags, *args):  # what a read-only folder answers
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_locks)
    with pytest.raises(LockError, match=r"cannot create lock file .*read-only"):
        lock.acquire(session)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a read-only (0500) folder")
def test_read_only_folder_really(session: Path) -> None:
    session.parent.chmod(0o500)
    try:
        with pytest.raises(LockError, match="cannot create lock file"):
            lock.acquire(session)
    finally:
        session.parent.chmod(0o700)


# ------------------------------------------------- where flock is unavailable (pid decides)


@pytest.fixture
def no_flock(monkeypatch) -> None:
    monkeypatch.setattr(lock, "_try_flock", lambda fd, exclusive: None)


def test_fallback_dead_pid_is_stale(session: Path, no_flock) -> None:
    lp = write_lock(session, dead_pid())
    with lock.acquire(session):
        assert json.loads(lp.read_text())["pid"] == os.getpid()
    assert not lp.exists()


def test_fallback_live_pid_is_respected(session: Path, no_flock) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        write_lock(session, proc.pid)
        with pytest.raises(LockedError, match=f"pid {proc.pid}"):
            lock.acquire(session)
        assert lock.holder(session) is not None
    finally:
        proc.kill()
        proc.wait()


def test_fallback_other_host_is_respected(session: Path, no_flock) -> None:
    write_lock(session, dead_pid(), host="annan-dator.kommun.se")
    with pytest.raises(LockedError, match=r"annan-dator\.kommun\.se") as exc:
        lock.acquire(session)
    assert exc.value.host == "annan-dator.kommun.se"


def test_fallback_unreadable_lock_gets_a_grace_period(session: Path, no_flock) -> None:
    lp = lock.lock_path(session)
    lp.write_bytes(b"")  # a holder that has created the file but not yet written it
    with pytest.raises(LockedError, match="unknown process"):
        lock.acquire(session)
    old = time.time() - lock.UNREADABLE_GRACE_SECONDS - 1
    os.utime(lp, (old, old))
    with lock.acquire(session):
        pass


def test_fallback_reentrant_and_released(session: Path, no_flock) -> None:
    a = lock.acquire(session)
    b = lock.acquire(session)
    a.release()
    b.release()
    assert not lock.lock_path(session).exists()


def test_a_symlink_shares_the_lock_of_its_target(session: Path) -> None:
    link = session.parent / "link.toml"
    link.symlink_to(session)
    assert lock.lock_path(link) == lock.lock_path(session)
    with lock_held_elsewhere(session), pytest.raises(LockedError):
        lock.acquire(link)
