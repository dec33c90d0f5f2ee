"""`iop-tui serve` driven by a real browser (Playwright with Debian's Chromium): the start
screen renders, keys reach the app, and two participants cannot see each other's sessions
(nor the trainer's). The terminal is drawn on a canvas, so what the app drew is read from the
WebSocket frames the page received."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    def __init__(self, proc: subprocess.Popen[str], port: int, data: Path) -> None:
        self.proc = proc
        self.url = f"http://127.0.0.1:{port}"
        self.data = data


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    pytest.importorskip("textual_serve", reason="the 'web' extra is not installed")
    data = tmp_path / "data"
    (data / "sessions").mkdir(parents=True)
    # The trainer's own session: never to be served.
    (data / "sessions" / "tranarens.toml").write_text(
        'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        'updated = 2026-01-01T00:00:00Z\n\n[meta]\ntitle = "Tränarens hemliga"\n',
        encoding="utf-8",
    )
    config = tmp_path / "config"
    config.mkdir()
    (config / "profile.toml").write_text("", encoding="utf-8")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "iop_tui", "--data-dir", str(data), "serve", "--port", str(port)],
        env={**os.environ, "IOP_TUI_CONFIG_DIR": str(config)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()  # printed once the port is bound
    assert f"http://127.0.0.1:{port}" in line, line
    try:
        yield Served(proc, port, data)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class Tab:
    """A browser context (its own cookies and storage: another person's laptop) with one
    page, and what the app sent to it."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1000, "height": 640})
        self.page = self.context.new_page()
        self.received = b""
        self.page.on("websocket", self._watch)

    def _watch(self, ws: Any) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.received += payload

    @property
    def drawn(self) -> str:
        return self.received.decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 15, since: int = 0) -> None:
        """Until `text` is drawn (after the first `since` bytes received)."""
        deadline = time.monotonic() + timeout
        while text not in self.received[since:].decode("utf-8", "replace"):
            assert time.monotonic() < deadline, f"{text!r} never drawn"
            self.page.wait_for_timeout(50)  # lets Playwright deliver its events

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)


@pytest.mark.long
def test_two_participants_in_chromium(served: Served) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        try:
            anna = Tab(browser)
            anna.page.goto(served.url + "/")
            anna.page.fill("#code", "Anna")
            anna.page.click("button[type=submit]")
            anna.wait_for("Ny bedömning")  # the start screen
            assert anna.page.url == served.url + "/app/anna"
            # The page shows the terminal (textual.js got the app's bytes), not its splash.
            anna.page.wait_for_selector("body.-first-byte", timeout=5000)
            anna.page.click("#terminal")
            # Keys reach the app: a new assessment with a title, saved at once.
            anna.keys("n")
            anna.wait_for("Uppgifter om bedömningen")
            anna.page.keyboard.type("Annas hemliga")
            anna.keys("Control+s")
            anna.wait_for("Fråga 1 av")
            sessions = served.data / "workshop" / "p-anna" / "data" / "sessions"
            assert [p.name for p in sessions.glob("*.toml")] == ["annas-hemliga.toml"]

            # Another laptop, another participant: the sessions list is theirs alone.
            bertil = Tab(browser)
            bertil.page.goto(served.url + "/app/bertil")
            bertil.wait_for("Ny bedömning")
            bertil.page.click("#terminal")
            bertil.keys("o")
            bertil.wait_for("Inga sparade bedömningar")
            assert "Annas hemliga" not in bertil.drawn
            assert "Tränarens hemliga" not in bertil.drawn
            # ... and no server folder is shown, only the name of the participant's own.
            assert str(served.data) not in bertil.drawn

            # Anna's own list shows her session (so the list does show sessions), never
            # the trainer's.
            since = len(anna.received)
            anna.keys("Escape")
            anna.wait_for("Öppna sparad", since=since)
            anna.keys("o")
            anna.wait_for("Annas hemliga", since=since)
            assert "Tränarens hemliga" not in anna.drawn
        finally:
            browser.close()
