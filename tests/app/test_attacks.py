"""The attack table of issue 17, repeatable on every CI run: serve origins and hosts,
terminal-escape injection, the listing index, and export targets. Each attack names the
item of the issue it once broke; all of them must hold now."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# --------------------------------------------------------------------------- serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _descendants(pid: int) -> set[int]:
    """Every living process below `pid` (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


class Served:
    def __init__(self, proc: subprocess.Popen[str], port: int) -> None:
        self.proc = proc
        self.port = port
        self.base = f"127.0.0.1:{port}"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    pytest.importorskip("textual_serve", reason="the 'web' extra is not installed")
    data = tmp_path_factory.mktemp("served")
    # A saved session whose title an attacker would like to read.
    sessions = data / "sessions"
    sessions.mkdir(mode=0o700)
    (sessions / "hemlig.toml").write_text(
        'schema = 1\nchecklist = "bollebygd"\ncreated = 2026-01-01T00:00:00Z\n'
        'updated = 2026-01-01T00:00:00Z\n\n[meta]\ntitle = "Hemlig titel"\n',
        encoding="utf-8",
    )
    # Its own config folder with a profile (no kommun chosen): no first-run dialog, and
    # nothing of the developer's own configuration.
    config = data / "config"
    config.mkdir()
    (config / "profile.toml").write_text("", encoding="utf-8")
    env = {**os.environ, "IOP_TUI_CONFIG_DIR": str(config)}
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "iop_tui", "--data-dir", str(data), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()  # printed only once the port is bound
    assert f"http://127.0.0.1:{port}" in line, line
    try:
        yield Served(proc, port)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


async def _session_frames(url: str, headers: dict[str, str], keys: str = "o") -> str:
    """Connect as a browser would, send `keys`, return what the app draws (or raise)."""
    import aiohttp

    seen = ""
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(url, headers=headers) as ws,
    ):
        async with asyncio.timeout(30):
            while "Ny bedömning" not in seen:
                msg = await ws.receive()
                if msg.type == aiohttp.WSMsgType.BINARY:
                    seen += msg.data.decode("utf-8", "replace")
                elif msg.type != aiohttp.WSMsgType.TEXT:
                    return seen
            await ws.send_json(["stdin", keys])
            end = time.monotonic() + 5
            # The sessions list: the trainer's session, or (issue 15) a participant's own,
            # empty list.
            while (
                "Hemlig titel" not in seen
                and "Inga sparade bedömningar" not in seen
                and time.monotonic() < end
            ):
                try:
                    msg = await ws.receive(timeout=1)
                except TimeoutError:
                    continue
                if msg.type == aiohttp.WSMsgType.BINARY:
                    seen += msg.data.decode("utf-8", "replace")
    return seen


@pytest.mark.parametrize(
    ("origin", "host"),
    [
        ("http://evil.example", "evil.example:{port}"),  # the reproduction
        ("http://evil.example", "127.0.0.1:{port}"),  # a foreign page, honest Host
        ("http://evil.example:{port}", "evil.example:{port}"),  # DNS rebinding
        (None, "127.0.0.1:{port}"),  # no Origin at all
        ("null", "127.0.0.1:{port}"),  # a sandboxed or file:// page
    ],
)
def test_serve_refuses_foreign_origins_and_hosts(
    served: Served, origin: str | None, host: str
) -> None:
    """Item 1: any web page could drive the app and read saved titles."""
    import aiohttp

    headers = {"Host": host.format(port=served.port)}
    if origin is not None:
        headers["Origin"] = origin.format(port=served.port)
    url = f"ws://{served.base}/ws?width=100&height=30"
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        asyncio.run(_session_frames(url, headers))
    assert refused.value.status == 403


def test_serve_refuses_pages_for_a_foreign_host(served: Served) -> None:
    request = urllib.request.Request(
        f"http://{served.base}/", headers={"Host": f"evil.example:{served.port}"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
def test_serve_works_for_its_own_pages(served: Served, name: str) -> None:
    origin = f"http://{name}:{served.port}"
    headers = {"Origin": origin, "Host": f"{name}:{served.port}"}
    with urllib.request.urlopen(
        urllib.request.Request(f"http://{served.base}/", headers={"Host": headers["Host"]}),
        timeout=10,
    ) as resp:
        assert resp.status == 200
    seen = asyncio.run(_session_frames(f"ws://{served.base}/ws?width=100&height=30", headers))
    # The app runs for the server's own page; since issue 15 each tab has its own sessions
    # folder: the trainer's session is never served, even to a page of the server.
    assert "Inga sparade bedömningar" in seen
    assert "Hemlig titel" not in seen


_DYING_CLIENT = r"""
# A browser tab that asks for a huge terminal, then stops reading and dies. Raw socket:
# a client library would read the whole frame into memory for us.
import base64, json, os, socket, sys, time
port = int(sys.argv[1])
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect(("127.0.0.1", port))
key = base64.b64encode(os.urandom(16)).decode()
s.sendall((f"GET /ws?width=100&height=30 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
    f"Origin: http://127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
buf = b""
while b"\r\n\r\n" not in buf:
    buf += s.recv(1)
def frame(text):
    payload = text.encode(); mask = os.urandom(4)
    n = len(payload)
    size = bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + n.to_bytes(2, "big")
    head = bytes([0x81]) + size
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
time.sleep(2)  # the app is up and has drawn its first frame
s.sendall(frame(json.dumps(["resize", {"width": 10000, "height": 5000}])))
print("sent", flush=True)
time.sleep(60)  # never reads: the frame fills the buffers; killed by the test
"""


@pytest.mark.long
def test_serve_ends_the_app_when_its_socket_dies(served: Served) -> None:
    """Item 9: after a socket died during a huge frame the app (290 MB) lived on."""
    before = _descendants(served.proc.pid)
    client = subprocess.Popen(
        [sys.executable, "-c", _DYING_CLIENT, str(served.port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert client.stdout is not None and client.stdout.readline() == "sent\n"
        started = _descendants(served.proc.pid) - before
        assert started, "no app was started"
        time.sleep(3)  # a huge frame under way
    finally:
        client.send_signal(signal.SIGKILL)
        client.wait()
    deadline = time.monotonic() + 20
    while _descendants(served.proc.pid) & started and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _descendants(served.proc.pid) & started, "the app outlived its socket"


def test_terminal_size_is_bounded() -> None:
    pytest.importorskip("textual_serve", reason="the 'web' extra is not installed")
    from iop_tui.tui.serve import MAX_HEIGHT, MAX_WIDTH, clamp_size

    assert clamp_size(10_000, 5_000) == (MAX_WIDTH, MAX_HEIGHT)
    assert clamp_size(-3, 0) == (1, 1)
    assert clamp_size(120, 40) == (120, 40)


def _serve_exit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "iop_tui", "serve", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--port", "70000"], 2),
        (["--port", "abc"], 2),
        (["--host", "no-such-host.invalid"], 1),
        (["--host", "192.0.2.1"], 1),  # not an address of this machine
        (["--port", "in-use"], 1),
    ],
)
def test_serve_bad_address_is_one_line(args: list[str], code: int) -> None:
    """Item 18: these exited 70 ("internal error") after announcing the address."""
    pytest.importorskip("textual_serve", reason="the 'web' extra is not installed")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        args = [str(busy.getsockname()[1]) if a == "in-use" else a for a in args]
        out = _serve_exit(*args)
    assert out.returncode == code, out
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    assert "open http" not in out.stdout
    if code == 1:
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr


# --------------------------------------------------------------------------- export targets

EXAMPLE = Path(__file__).parents[2] / "checklists" / "examples" / "01-laxhjalp-iop.toml"


def _export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    from iop_tui.cli import main

    code = main(["export", str(EXAMPLE), "--format", "json", *args])
    return code, capsys.readouterr().err


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as f:
            into.append(f.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("via_symlink", [False, True])
def test_export_writes_into_a_fifo_and_leaves_it_a_fifo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], via_symlink: bool
) -> None:
    """Item 2: `-o FIFO` replaced the FIFO with a regular 0600 file."""
    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    target = fifo
    if via_symlink:
        target = tmp_path / "länk"
        target.symlink_to(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    code, err = _export(capsys, "-o", str(target))
    reader.join(timeout=10)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not via_symlink or target.is_symlink()
    assert got and got[0].startswith(b"{") and b'"verdict"' in got[0]


def test_export_writes_into_a_device_and_leaves_it_a_device(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 2 as root: `-o /dev/null` replaced the system's /dev/null. Shown on a device
    node of our own (a twin of /dev/null), so that a regression cannot harm the machine."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs root")
    link = tmp_path / "till-null"
    link.symlink_to(node)
    for target in (node, link):
        code, err = _export(capsys, "-o", str(target))
        assert code == 0, err
        assert stat.S_ISCHR(os.stat(node).st_mode)
    assert link.is_symlink()


def test_export_refuses_a_socket(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        code, err = _export(capsys, "-o", str(path))
        assert code == 1 and len(err.strip().splitlines()) == 1 and str(path) in err
        assert stat.S_ISSOCK(os.stat(path).st_mode)


@pytest.mark.parametrize("name", ["annan.toml", "rapport.json", "utan-ändelse"])
def test_export_never_overwrites_another_session_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Item 13: `export a.toml -o b.toml` overwrote the session b.toml with the report."""
    other = tmp_path / name
    other.write_bytes(EXAMPLE.read_bytes())
    before = other.read_bytes()
    code, err = _export(capsys, "-o", str(other))
    assert code == 1 and "session" in err and len(err.strip().splitlines()) == 1
    assert other.read_bytes() == before
    # A report written earlier is replaced as before.
    report = tmp_path / "rapport-1.json"
    report.write_text('{"report_version": 1}')
    code, err = _export(capsys, "-o", str(report))
    assert code == 0, err and report.read_text().startswith("{")


# --------------------------------------------------------------------------- injection

#: Sets the terminal's title, clears the screen, and a C1 CSI (U+009B) for good measure.
EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
#: Control characters that reach a terminal unescaped are the attack; newline and tab are
#: layout.
_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _evil_session(directory: Path, name: str = "ond.toml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("[answers]\n", f'[answers]\n"{_toml_escape(EVIL)}" = "yes"\n', 1)
    title = f'title = "Titel {_toml_escape(EVIL)}"'
    text = re.sub(r'(?m)^title = ".*"$', lambda _: title, text, count=1)
    # An older checklist version: judge prints what changed since (it quotes the ids).
    text = re.sub(r'(?m)^checklist_version = ".*"$', 'checklist_version = "0.1"', text, count=1)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _toml_escape(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


@pytest.mark.parametrize(
    "args",
    [["judge"], ["judge", "--json"], ["export", "--format", "md"], ["export", "--format", "json"]],
)
def test_no_terminal_escapes_from_a_file_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """Item 6: an unknown question id set the terminal title and cleared the screen."""
    from iop_tui.cli import main

    path = _evil_session(tmp_path)
    code = main([args[0], str(path), *args[1:]])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not _RAW_CONTROL.search(out), out[:300]
    assert not _RAW_CONTROL.search(err), err
    assert "pwned" in out + err  # escaped, not dropped: the user sees what the file holds


def test_no_terminal_escapes_in_the_list(
    _isolated_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from iop_tui.cli import main

    sessions = _isolated_data_dir / "sessions"
    sessions.mkdir(parents=True)
    _evil_session(sessions)
    (sessions / f"trasig{EVIL}.toml").write_text("schema = ")
    for args in (["list"], ["list", "--json"]):
        assert main(args) == 0
        out, err = capsys.readouterr()
        assert not _RAW_CONTROL.search(out + err), out + err


# --------------------------------------------------------------------------- the index


def _index_attack(tmp_path: Path, make: str) -> Path:
    from iop_tui import listing

    sessions = tmp_path / "sessions"
    sessions.mkdir(mode=0o700)
    (sessions / "a.toml").write_bytes(EXAMPLE.read_bytes())
    index = listing.index_path(sessions)
    if make == "fifo":
        os.mkfifo(index)
    elif make == "dev-zero":
        index.symlink_to("/dev/zero")
    elif make == "huge":
        with index.open("wb") as f:  # sparse: instant, but 1 GB to read
            f.truncate(1 << 30)
    return index


@pytest.mark.parametrize("make", ["fifo", "dev-zero", "huge"])
def test_a_hostile_index_never_hangs_the_list(tmp_path: Path, make: str) -> None:
    """Item 7: a FIFO index hung `list` (and the app, deaf to SIGTERM); a symlink to
    /dev/zero read without bound (MemoryError)."""
    _index_attack(tmp_path, make)
    try:
        out = subprocess.run(
            [sys.executable, "-m", "iop_tui", "--data-dir", str(tmp_path), "list"],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "IOP_TUI_DEBUG": "1"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`iop-tui list` hung on an index that is {make}")
    assert out.returncode == 0, out.stderr
    assert "a.toml" in out.stdout
