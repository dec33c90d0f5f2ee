"""Issue 17, item 11: after the terminal closed, some app processes never exited: the main
thread blocked in Textual's WriterThread.stop -> queue.put on a full queue (the thread that
drained it had died on the closed terminal, or was stuck writing to it)."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import termios
import time
from pathlib import Path

import pytest

from .test_e2e_pty import SCRIPT, Terminal


def _exited_within(pid: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not SCRIPT.exists(), reason="the iop-tui console script is not installed")
def test_the_app_exits_when_the_terminal_closes_with_output_pending(tmp_path: Path) -> None:
    env = {**os.environ, "IOP_TUI_DATA_DIR": str(tmp_path), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    term = Terminal(["new"], env)
    term.read_until("Uppgifter om bedömningen")
    # From now on nobody reads the terminal: full redraws at new sizes fill the pty's
    # buffer, the writer thread blocks on it and Textual's queue of writes fills up.
    for i in range(60):
        cols, rows = (100 + i % 2 * 60, 30 + i % 2 * 20)
        fcntl.ioctl(term.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.kill(term.pid, signal.SIGWINCH)
        os.write(term.fd, b"x")
        time.sleep(0.02)
    time.sleep(0.5)
    term.close()  # the terminal window goes away with output pending: the kernel sends SIGHUP
    if not _exited_within(term.pid, 15):
        os.kill(term.pid, signal.SIGKILL)
        os.waitpid(term.pid, 0)
        pytest.fail("iop-tui did not exit after its terminal closed with output pending")


class _ClosedTerminal:
    """A terminal that went away: every write fails with EIO."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")

    def fileno(self) -> int:
        return 2


def test_writes_and_stop_never_block_after_the_terminal_died() -> None:
    from textual.drivers._writer_thread import MAX_QUEUED_WRITES

    from iop_tui.tui.writer import SafeWriterThread

    writer = SafeWriterThread(_ClosedTerminal())  # type: ignore[arg-type]
    writer.start()
    for _ in range(MAX_QUEUED_WRITES * 4):  # Textual's own thread dies at the first
        writer.write("frame")  # write; the queue then fills and put() blocks for ever
    writer.stop()
    assert not writer.is_alive()
    assert writer.dead.is_set()


def test_the_app_uses_the_safe_writer() -> None:
    from textual.drivers import linux_driver

    from iop_tui.tui.writer import SafeWriterThread, install

    install()
    assert linux_driver.WriterThread is SafeWriterThread


class _StuckTerminal:
    """A terminal that is there but never reads: a write blocks until released."""

    def __init__(self) -> None:
        import threading

        self.release = threading.Event()

    def write(self, text: str) -> int:
        self.release.wait()
        return len(text)

    def flush(self) -> None:
        return None

    def fileno(self) -> int:
        return 2


def test_on_the_way_out_a_stuck_terminal_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from textual.drivers._writer_thread import MAX_QUEUED_WRITES

    from iop_tui.tui import writer as w

    monkeypatch.setattr(w, "_EXITING", threading.Event())
    monkeypatch.setattr(w, "WRITE_TIMEOUT", 0.05)
    monkeypatch.setattr(w, "STOP_TIMEOUT", 0.05)
    terminal = _StuckTerminal()
    thread = w.SafeWriterThread(terminal)  # type: ignore[arg-type]
    thread.start()
    try:
        for _ in range(MAX_QUEUED_WRITES + 1):  # fills the queue; still running: none lost
            thread.write("frame")
        w.exiting()
        for _ in range(MAX_QUEUED_WRITES):
            thread.write("frame")  # before: put() on a full queue, for ever
        thread.stop()
        assert thread.dead.is_set()
    finally:
        terminal.release.set()  # let the thread end: it drains the queue, then the marker
        thread._queue.put(None)
        thread.join(5)
    assert not thread.is_alive()
