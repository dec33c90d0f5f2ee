"""`iop-tui serve` for a room (issue 15), without a browser: the addresses handed out and
accepted, the page's URLs, a folder per participant, the bound on running apps."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="the 'web' extra is not installed")

from iop_tui.errors import IopError
from iop_tui.tui import serve


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Åsa Öberg", "asa-oberg"),
        ("anna", "anna"),
        ("../../etc/passwd", "etc-passwd"),
        ("  ", ""),
        ("/", ""),
        ("x" * 80, "x" * serve.CODE_MAX),
    ],
)
def test_participant_code_is_safe_for_a_folder(typed: str, code: str) -> None:
    assert serve.participant_code(typed) == code


def test_a_wildcard_bind_accepts_and_hands_out_the_machines_addresses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(serve, "public_addresses", lambda: ["10.0.0.7", "192.168.1.20"])
    hosts = serve.allowed_hosts("0.0.0.0", 8000)
    assert {"192.168.1.20:8000", "10.0.0.7:8000", "127.0.0.1:8000", "localhost:8000"} <= hosts
    assert "evil.example:8000" not in hosts and "0.0.0.0:8000" not in hosts
    assert serve.handout_urls("0.0.0.0", 8000) == [
        "http://10.0.0.7:8000",
        "http://192.168.1.20:8000",
    ]
    public = serve.check_public_url("https://workshop.example/")
    assert public == "https://workshop.example"
    assert "workshop.example" in serve.allowed_hosts("0.0.0.0", 8000, public)
    assert serve.handout_urls("0.0.0.0", 8000, public) == [public]


def test_public_addresses_are_this_machines_and_not_loopback() -> None:
    addresses = serve.public_addresses()
    assert all(not a.startswith("127.") for a in addresses)
    for address in addresses:  # each can be bound: it is ours
        with socket.socket() as s:
            s.bind((address, 0))


@pytest.mark.parametrize("url", ["ftp://x.example", "http://", "http://x.example/iop", "x:80"])
def test_a_bad_public_url_is_refused(url: str) -> None:
    with pytest.raises(IopError, match="--public-url"):
        serve.check_public_url(url)


def test_each_participant_has_private_folders_seeded_from_the_trainer(tmp_path: Path) -> None:
    trainer = tmp_path / "trainer-config"
    (trainer / "checklists").mkdir(parents=True)
    (trainer / "profile.toml").write_text('kommun = "Bollebygd"\n', encoding="utf-8")
    (trainer / "checklists" / "egen.toml").write_text("# own\n", encoding="utf-8")
    workshop = serve.Workshop(tmp_path / "workshop", seed_config=trainer)
    env = workshop.prepare("anna")
    data, config = Path(env["IOP_TUI_DATA_DIR"]), Path(env["IOP_TUI_CONFIG_DIR"])
    assert data == tmp_path / "workshop" / "p-anna" / "data"
    assert config == tmp_path / "workshop" / "p-anna" / "config"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert (config / "profile.toml").read_text(encoding="utf-8") == 'kommun = "Bollebygd"\n'
    assert (config / "checklists" / "egen.toml").exists()
    # A participant's own settings are kept on the next visit.
    (config / "profile.toml").write_text('kommun = "Borås"\n', encoding="utf-8")
    workshop.prepare("anna")
    assert "Borås" in (config / "profile.toml").read_text(encoding="utf-8")
    # Without a trainer profile a participant still gets one: no first-run dialog per tab.
    env = serve.Workshop(tmp_path / "w2").prepare("bertil")
    assert (Path(env["IOP_TUI_CONFIG_DIR"]) / "profile.toml").read_text() == ""


def test_a_made_up_tab_folder_goes_when_nothing_was_saved(tmp_path: Path) -> None:
    workshop = serve.Workshop(tmp_path)
    empty, kept, named = serve.new_tab_code(), serve.new_tab_code(), "anna"
    for code in (empty, kept, named):
        data = Path(workshop.prepare(code)["IOP_TUI_DATA_DIR"])
        (data / "sessions").mkdir()
    (Path(workshop.dirs(kept)[0]) / "sessions" / "x.toml").write_text("", encoding="utf-8")
    for code in (empty, kept, named):
        workshop.discard_if_unused(code)
    assert not (tmp_path / f"p-{empty}").exists()
    assert (tmp_path / f"p-{kept}").exists() and (tmp_path / "p-anna").exists()


async def test_pages_use_the_address_the_browser_came_in_on(tmp_path: Path) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    server = serve.GuardedServer(
        "true", "0.0.0.0", 8000, "iop-tui", workshop=serve.Workshop(tmp_path), max_sessions=1
    )
    server.hosts = server.hosts | {"192.168.1.20:8000"}
    async with TestClient(TestServer(await server._make_app())) as client:
        host = {"Host": "192.168.1.20:8000"}
        page = await client.get("/app/anna", headers=host)
        text = await page.text()
        assert page.status == 200
        assert 'data-session-websocket-url="ws://192.168.1.20:8000/ws/anna"' in text
        assert 'src="http://192.168.1.20:8000/static/js/textual.js"' in text
        assert "0.0.0.0" not in text
        joined = await client.get("/app?code=Åsa", headers=host, allow_redirects=False)
        assert joined.headers["Location"] == "/app/asa"
        anonymous = await client.get("/app", headers=host, allow_redirects=False)
        assert re.fullmatch(r"/app/tab-[0-9a-f]{12}", anonymous.headers["Location"])
        refused = await client.get("/", headers={"Host": "evil.example:8000"})
        assert refused.status == 403
        # Full: a clear page instead of an app, and no app for a socket either.
        server.services.add(object())  # type: ignore[arg-type]
        full = await client.get("/app/anna", headers=host)
        assert full.status == 503 and "Alla platser är upptagna" in await full.text()
        async with client.ws_connect(
            "/ws/anna", headers={**host, "Origin": "http://192.168.1.20:8000"}
        ) as ws:
            message = await ws.receive()
            assert "Alla platser är upptagna" in message.data.decode()
    assert not (tmp_path / "p-anna").exists()  # no app was started for it


def test_serve_on_every_address_says_what_to_hand_out(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    options = ["--host", "0.0.0.0", "--port", str(port), "--lang", "en", "--workshop"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "iop_tui", "--data-dir", str(tmp_path), "serve", *options],
        env={**os.environ, "IOP_TUI_CONFIG_DIR": str(tmp_path / "config")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stderr is not None
        warning = proc.stderr.readline()
        assert "anyone who can reach this machine can open the app" in warning
        opened, folder = proc.stdout.readline(), proc.stdout.readline()
        urls = re.findall(r"http://[^\s]+", opened)
        addresses = serve.public_addresses() or ["127.0.0.1"]
        assert urls == [f"http://{a}:{port}" for a in addresses], opened
        assert str(tmp_path / "workshop") in folder
        # The page, asked for by the printed address, points the browser back at it.
        host = urls[0].removeprefix("http://")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/app/anna", headers={"Host": host}
        )
        with urllib.request.urlopen(request, timeout=10) as resp:
            assert f"ws://{host}/ws/anna" in resp.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.mark.parametrize(
    ("args", "code"), [(["--max-sessions", "0"], 2), (["--public-url", "ftp://x"], 1)]
)
def test_bad_serve_options_are_one_line(args: list[str], code: int) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "iop_tui", "serve", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode == code
    assert "Traceback" not in out.stderr
    if code == 1:
        assert out.stderr.count("\n") == 1


async def test_an_app_that_ignores_quit_and_sigterm_is_killed_not_orphaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """textual-serve starts the app through /bin/sh: the escalation must reach the app
    itself, not only the shell (which left the app running without a parent)."""
    monkeypatch.setattr(serve, "QUIT_GRACE", 0.3)
    monkeypatch.setattr(serve, "TERM_GRACE", 0.3)
    pidfile = tmp_path / "pid"
    stubborn = (
        "import os, signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        f"open({str(pidfile)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    )
    import shlex

    server = serve.GuardedServer(
        shlex.join([sys.executable, "-c", stubborn]),
        "127.0.0.1",
        8000,
        "iop-tui",
        workshop=serve.Workshop(tmp_path),
    )

    async def ignore(_data: object) -> None:
        pass

    service = serve.GuardedAppService(
        server.command,
        {},
        write_bytes=ignore,
        write_str=ignore,
        close=lambda: ignore(None),
        download_manager=server.download_manager,
    )
    await service.start(80, 24)
    for _ in range(200):
        if pidfile.exists() and pidfile.read_text():
            break
        await asyncio.sleep(0.05)
    pid = int(pidfile.read_text())
    await service.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_in_a_browser_a_deleted_session_shows_its_name_not_the_servers_folder(
    _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import Static

    from iop_tui import store
    from iop_tui.tui.app import IopApp
    from iop_tui.tui.screens.conflict import ConflictScreen

    from .apphelpers import SIZE, example, make_app, write_session

    folder = store.sessions_dir(_isolated_data_dir)
    path = write_session(folder, "deltagarens.toml", example("01-laxhjalp-iop"))
    monkeypatch.setattr(IopApp, "is_web", property(lambda self: True))
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        path.unlink()
        app.resolve_conflict(deleted=True)
        await pilot.pause()
        assert isinstance(app.screen, ConflictScreen)
        shown = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "deltagarens.toml" in shown and str(folder) not in shown, shown


async def test_iop_tui_examples_starts_on_the_example_cases(_isolated_data_dir: Path) -> None:
    from iop_tui.tui.screens.examples import ExamplesScreen

    from .apphelpers import SIZE, make_app

    app = make_app(_isolated_data_dir, start_examples=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExamplesScreen)
