"""End to end: the installed `iop-tui` console script in a real pseudo-terminal, driven by
keystrokes, and the session file it leaves on disk."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from iop_tui import store
from iop_tui.checklist import Answer

SCRIPT = Path(sys.executable).with_name("iop-tui")
if not SCRIPT.exists():  # e.g. tests run by a Python whose venv lacks the script
    SCRIPT = Path(shutil.which("iop-tui") or "iop-tui")


class Terminal:
    def __init__(self, args: list[str], env: dict[str, str], size=(100, 30)) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child: become the app
            os.execve(str(SCRIPT), [str(SCRIPT), *args], env)
        cols, rows = size
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.output = b""

    def read_until(self, needle: str, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        raw = needle.encode()
        while raw not in self.output:
            if time.monotonic() > end:
                raise AssertionError(f"{needle!r} not seen; last output: {self.output[-400:]!r}")
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    break

    def send(self, keys: str, settle: float = 0.25) -> None:
        os.write(self.fd, keys.encode())
        # A person types; the app renders between keys. Keep reading meanwhile, as a real
        # terminal does: an unread pty fills up and blocks the app's writes.
        end = time.monotonic() + settle
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    break

    def close(self) -> None:
        os.close(self.fd)
        self.fd = -1  # reads from now on fail quietly instead of hitting a reused fd

    def wait(self, timeout: float = 15.0) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.fd >= 0:
                ready, _, _ = select.select([self.fd], [], [], 0)
                with contextlib.suppress(OSError):
                    if ready:
                        self.output += os.read(self.fd, 65536)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("iop-tui did not exit")


@pytest.mark.skipif(not SCRIPT.exists(), reason="the iop-tui console script is not installed")
def test_console_script_in_a_pty(tmp_path: Path) -> None:
    env = {**os.environ, "IOP_TUI_DATA_DIR": str(tmp_path), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    term = Terminal(["new"], env)
    term.read_until("Uppgifter om bedömningen")
    term.send("E2E-test")
    term.send("\x13")  # Ctrl+S: start
    term.read_until("Fråga 1 av")
    term.send("j")
    term.send("n")
    term.send("o")
    term.read_until("Fråga 4 av")
    term.send("\x11")  # Ctrl+Q
    assert term.wait() == 0
    files = list(store.sessions_dir(tmp_path).glob("*.toml"))
    assert [f.name for f in files] == ["e2e-test.toml"]
    session = store.load(files[0])
    assert session.meta.title == "E2E-test"
    assert list(session.answers.values()) == [Answer.YES, Answer.NO, Answer.UNSURE]
