"""`iop-tui serve`: the app in a web browser (textual-serve), made safe to leave running.

textual-serve accepts a WebSocket from any page: browsers send no preflight for WebSockets,
so a page on any web site open in the user's browser could start an app and read or change
saved sessions. Here a request is served only when its `Host` is the address being served
(which also stops DNS rebinding) and a WebSocket only when its `Origin` is that address too.
Each app's terminal size is bounded, and an app whose socket dies is ended (asked first,
then terminated, then killed) instead of living on until the server stops.

Listening on a wildcard address (0.0.0.0, ::) the accepted hosts are the machine's own
addresses (the ones printed for the trainer to hand out), its host name and `--public-url`.
The page's script and WebSocket URLs are built from the address the browser came in on (or
`--public-url`), never from the bound address: `0.0.0.0` is not an address a browser can use.

Every browser tab is a participant with a folder of its own under the workshop folder (its
data dir and config dir, passed to the app by environment), never the trainer's own: a tab
can list, open and delete only what is in its folder. A participant who types a name or code
on the first page gets the folder of that code (and finds their sessions again after a
reload); a tab without one gets a random code. At most `max_sessions` apps run at once.
Authentication belongs to the workshop setting: anyone who can reach the port can start an
app, and anyone who knows a participant's code can open that participant's folder.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from .. import store
from ..errors import IopError
from ..i18n import language, tr

log = logging.getLogger("iop-tui.serve")

#: A browser terminal larger than this is an attack, not a screen (10000x5000 cost 290 MB).
MAX_WIDTH = 500
MAX_HEIGHT = 200
#: Seconds an app gets to quit after its socket closed, then to end after SIGTERM.
QUIT_GRACE = 3.0
TERM_GRACE = 3.0
#: Output at least this large is a full frame (the escape sequences before it are small).
FRAME_BYTES = 1024
#: Seconds a starting app may hold one of the start slots.
START_WAIT = 10.0

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(1, min(width, MAX_WIDTH)), max(1, min(height, MAX_HEIGHT))


def _is_wildcard(host: str) -> bool:
    return host in ("", "0.0.0.0", "::")


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _usable(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not (ip.is_loopback or ip.is_unspecified or ip.is_link_local or ip.is_multicast)


def _interface_addresses() -> list[str]:
    """Every network interface's IPv4 address (Linux: SIOCGIFADDR); elsewhere none."""
    try:
        import fcntl
        import struct
    except ImportError:  # Windows
        return []
    found: list[str] = []
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _index, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(
                    probe.fileno(), 0x8915, struct.pack("256s", name.encode()[:15])
                )
            except OSError:  # an interface without an IPv4 address
                continue
            found.append(socket.inet_ntoa(packed[20:24]))
    return found


def public_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback: what a trainer hands out when the
    server listens on every address."""
    found = set(_interface_addresses())
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect(("192.0.2.1", 9))  # UDP: nothing is sent, it only picks the outgoing address
        found.add(str(s.getsockname()[0]))
    with contextlib.suppress(OSError, UnicodeError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    return sorted((a for a in found if _usable(a)), key=ipaddress.ip_address)


def _host_names() -> set[str]:
    name = socket.gethostname().lower()
    names = {name, f"{name}.local"}
    with contextlib.suppress(OSError, UnicodeError):
        names.add(socket.getfqdn().lower())
    return {n for n in names if n and n not in (".local", "localhost.localdomain")}


def check_public_url(url: str) -> str:
    """`--public-url`: an http(s) address without a path (the app is served at its root)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise IopError(
            f"--public-url {url}: give the address browsers use, e.g. http://192.168.1.20:8000"
        )
    return f"{parts.scheme}://{parts.netloc}"


def allowed_hosts(host: str, port: int, public_url: str | None = None) -> frozenset[str]:
    """The `Host` headers this server answers (lower case, with port). On a wildcard address
    these are the machine's own addresses and names; `--public-url` is always one."""
    if _is_wildcard(host):
        names = set(LOOPBACK_NAMES) | set(public_addresses()) | _host_names()
    else:
        names = {host.lower()}
        if _is_loopback(host):
            names |= LOOPBACK_NAMES
    hosts = {_netloc(n, port) for n in names}
    if port == 80:
        hosts |= {f"[{n}]" if ":" in n else n for n in names}
    if public_url:
        hosts.add(urlsplit(public_url).netloc.lower())
    return frozenset(hosts)


def handout_urls(host: str, port: int, public_url: str | None = None) -> list[str]:
    """The address(es) to give participants; loopback only when nothing else is known."""
    if public_url:
        return [public_url]
    if _is_wildcard(host):
        addresses = public_addresses() or ["127.0.0.1"]
        return [f"http://{_netloc(a, port)}" for a in addresses]
    return [f"http://{_netloc(host, port)}"]


def is_public_bind(host: str) -> bool:
    return not _is_loopback(host)


# --------------------------------------------------------------------------- participants

#: A participant code is at most this long (it names a folder and sits in the URL).
CODE_MAX = 32
#: Codes made up for a tab whose participant typed none (never chosen by a person).
TAB_PREFIX = "tab-"


def participant_code(text: str) -> str:
    """A typed name or code as a code safe for a folder name and a URL: ASCII letters and
    digits in lower case, every other run as one '-' ('Åsa Öberg' → 'asa-oberg'); '' when
    nothing is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:CODE_MAX].strip("-")


def new_tab_code() -> str:
    return TAB_PREFIX + secrets.token_hex(6)


@dataclass
class Workshop:
    """The workshop folder: one folder per participant, `p-CODE/data` (sessions, reports)
    and `p-CODE/config` (settings), beside nothing of the trainer's."""

    folder: Path
    #: The trainer's config dir: a new participant starts with a copy of its profile (the
    #: kommun of the workshop, no first-run dialog in every tab) and own checklists.
    seed_config: Path | None = None

    def dirs(self, code: str) -> tuple[Path, Path]:
        base = self.folder / f"p-{code}"
        return base / "data", base / "config"

    def prepare(self, code: str) -> dict[str, str]:
        """Create the participant's folders on first use; the app's environment."""
        data, config = self.dirs(code)
        fresh = not config.exists()
        for path in (self.folder, data.parent, data, config):
            path.mkdir(mode=0o700, exist_ok=True)
        if fresh:
            self._seed(config)
        return {"IOP_TUI_DATA_DIR": str(data), "IOP_TUI_CONFIG_DIR": str(config)}

    def _seed(self, config: Path) -> None:
        profile = config / "profile.toml"
        source = self.seed_config / "profile.toml" if self.seed_config else None
        try:
            if source is None:
                raise FileNotFoundError
            shutil.copyfile(source, profile)
        except OSError:
            profile.write_text("", encoding="utf-8")  # "no kommun chosen": no first-run dialog
        if self.seed_config is not None and (self.seed_config / "checklists").is_dir():
            with contextlib.suppress(OSError):
                shutil.copytree(self.seed_config / "checklists", config / "checklists")

    def discard_if_unused(self, code: str) -> None:
        """A made-up tab code whose tab saved nothing leaves no folder behind (30 tabs opened
        and closed must not leave 30 empty folders)."""
        if not code.startswith(TAB_PREFIX):
            return
        data, _config = self.dirs(code)
        saved = [store.sessions_dir(data), store.reports_dir(store.sessions_dir(data))]
        if any(any(folder.iterdir()) for folder in saved if folder.is_dir()):
            return
        shutil.rmtree(data.parent, ignore_errors=True)


class GuardedAppService(AppService):
    """An AppService whose app is always ended when its socket goes, and whose terminal
    size is bounded; its app gets the participant's folders by environment."""

    def __init__(self, command: str, environment: dict[str, str], **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.environment = environment
        #: Set when the app drew its first full frame (its start-up work is done).
        self.drawn = asyncio.Event()

    async def started(self, timeout: float) -> None:
        """Wait until the app drew its first frame, ended, or `timeout` passed."""
        waits: list[asyncio.Future[Any]] = [asyncio.ensure_future(self.drawn.wait())]
        if self._task is not None:
            waits.append(asyncio.ensure_future(asyncio.shield(self._task)))
        _done, pending = await asyncio.wait(
            waits, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        for wait in pending:
            wait.cancel()

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return {**super()._build_environment(width, height), **self.environment}

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp_size(width, height))

    async def on_data(self, payload: bytes) -> None:
        if len(payload) >= FRAME_BYTES:
            self.drawn.set()
        # A dead socket must not stop the reading of the app's output: an app blocked on a
        # full pipe would never read the quit message below.
        with contextlib.suppress(Exception):
            await self.remote_write_bytes(payload)

    async def on_meta(self, data: bytes) -> None:
        with contextlib.suppress(Exception):
            await super().on_meta(data)

    async def stop(self) -> None:
        """Ask the app to quit; terminate it, then kill it, if it does not."""
        process = self._process
        loop = asyncio.get_running_loop()
        deadline = loop.time() + QUIT_GRACE
        with contextlib.suppress(Exception):  # TimeoutError included
            await asyncio.wait_for(super().stop(), QUIT_GRACE)
        if process is None:
            return
        # The app closed its output and is on its way out: let it go. Signalling it now
        # would reap it behind asyncio's back (Popen.send_signal polls first), which then
        # logged "Unknown child process" for many closed tabs.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), max(0.1, deadline - loop.time()))
        if process.returncode is not None:
            return
        for sig, grace in ((signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, None)):
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(sig)
            try:
                await asyncio.wait_for(process.wait(), grace)
                return
            except TimeoutError:
                continue
        if self._task is not None:
            self._task.cancel()


class GuardedServer(Server):
    """textual-serve's Server with the Host/Origin checks, a folder per participant, a
    bound on running apps and a guarded app service."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        title: str,
        *,
        workshop: Workshop,
        public_url: str | None = None,
        max_sessions: int = 40,
    ) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        if os.name == "posix":
            # textual-serve starts the command through /bin/sh: `exec` makes the app the
            # process it signals (else SIGTERM/SIGKILL ended the shell and orphaned the app).
            self.command = f"exec {command}"
        self.given_public_url = public_url
        self.hosts = allowed_hosts(host, port, public_url)
        self.workshop = workshop
        self.max_sessions = max_sessions
        self.services: set[GuardedAppService] = set()
        self.starting = asyncio.Semaphore(max(2, os.cpu_count() or 2))

    def host_ok(self, request: web.Request) -> bool:
        return request.headers.get("Host", "").lower() in self.hosts

    def origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if not origin:
            return False  # every browser sends one with a WebSocket
        parts = urlsplit(origin.lower())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        return parts.netloc in self.hosts

    @property
    def full(self) -> bool:
        return len(self.services) >= self.max_sessions

    @web.middleware
    async def check_host(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        if not self.host_ok(request):
            log.warning("refused a request for host %r", request.headers.get("Host"))
            raise web.HTTPForbidden(text=f"iop-tui: {tr('serve.unknown_host')}\n")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        import aiohttp_jinja2
        import jinja2

        app = web.Application(middlewares=[self.check_host])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_landing, name="index"),
                web.get("/app", self.handle_join),
                web.get("/app/{code}", self.handle_app, name="app"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/ws/{code}", self.handle_websocket, name="participant_websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    def base_url(self, request: web.Request) -> str:
        """Where the browser reaches us: `--public-url`, else the address it came in on
        (its Host, already checked), never the address bound (0.0.0.0 leads nowhere)."""
        if self.given_public_url:
            return self.given_public_url
        return f"{request.scheme}://{request.host}"

    async def handle_landing(self, request: web.Request) -> web.Response:
        """The first page: a name or code (optional) keeps a participant's sessions apart
        and findable again."""
        notice = f'<p class="full">{html.escape(tr("serve.full"))}</p>' if self.full else ""
        body = f"""<form action="/app" method="get">
<label for="code">{html.escape(tr("serve.code_label"))}</label>
<input id="code" name="code" maxlength="{CODE_MAX}" autocomplete="off" autofocus>
<button type="submit">{html.escape(tr("serve.start"))}</button>
</form>
<p class="hint">{html.escape(tr("serve.code_hint"))}</p>{notice}"""
        return _page(tr("serve.welcome"), body)

    async def handle_join(self, request: web.Request) -> web.StreamResponse:
        code = participant_code(request.query.get("code", "")) or new_tab_code()
        raise web.HTTPSeeOther(f"/app/{code}")

    async def handle_app(self, request: web.Request) -> web.StreamResponse:
        import aiohttp_jinja2

        code = participant_code(request.match_info["code"])
        if not code:
            raise web.HTTPSeeOther("/")
        if self.full:
            return _page(tr("serve.full_title"), f"<p>{html.escape(tr('serve.full'))}</p>", 503)
        base = self.base_url(request)
        websocket = ("wss:" if base.startswith("https:") else "ws:") + base.split(":", 1)[1]
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}/ws/{code}",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its banner here, before the port is bound; iop-tui prints
        the address once binding worked (see `run`)."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.origin_ok(request):
            log.warning("refused a WebSocket from origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="iop-tui: origin not allowed\n")
        # A bare /ws (a script, an old page) is a tab of its own, like a tab without a code.
        code = participant_code(request.match_info.get("code", "")) or new_tab_code()
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = clamp_size(
            to_int(request.query.get("width", "80"), 80),
            to_int(request.query.get("height", "24"), 24),
        )
        if self.full:
            # The page was served before the last place was taken: say it in the terminal.
            await websocket.prepare(request)
            with contextlib.suppress(Exception):
                await websocket.send_bytes(f"\r\n  iop-tui: {tr('serve.full')}\r\n".encode())
                await websocket.close()
            return websocket
        service: GuardedAppService | None = None
        try:
            environment = self.workshop.prepare(code)
            await websocket.prepare(request)
            service = GuardedAppService(
                self.command,
                environment,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=lambda: close(websocket),
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.services.add(service)
            # Starting an app is CPU-bound (imports, the first screen): a room opening the
            # page at once gets its screens one by one instead of all at the very end.
            async with self.starting:
                await service.start(width, height)
                await service.started(START_WAIT)
            await self.relay(websocket, service)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
        except Exception as error:  # a broken client must not stop the server
            log.warning("WebSocket ended: %s", error)
        finally:
            if service is not None:
                await service.stop()
                self.services.discard(service)
            with contextlib.suppress(OSError):
                self.workshop.discard_if_unused(code)
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        """The browser's messages to the app (textual-serve's protocol), ignoring anything
        malformed instead of failing on it."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope: Any = message.json()
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int):
                    await service.set_terminal_size(width, height)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()


async def close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


def check_address(host: str, port: int) -> None:
    """Bad values end with one line before anything is started."""
    if not 0 < port < 65536:
        raise IopError(f"--port {port}: not a port number (1-65535)")
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise IopError(f"--host {host}: cannot resolve this address ({exc})") from None


def _page(title: str, body: str, status: int = 200) -> web.Response:
    """A small page of our own (the landing page, "full"), in the UI language."""
    text = f"""<!DOCTYPE html>
<html lang="{language()}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>iop-tui · {html.escape(title)}</title>
<style>
body {{ font: 18px/1.5 system-ui, sans-serif; max-width: 36em; margin: 3em auto;
  padding: 0 1em; background: #0c181f; color: #f0f0f0; }}
input, button {{ font: inherit; padding: .3em .6em; margin: .3em 0; }}
label {{ display: block; }}
.hint {{ color: #b8c4cc; }} .full {{ color: #ffd166; font-weight: bold; }}
</style></head>
<body><h1>iop-tui · {html.escape(title)}</h1>
{body}
</body></html>
"""
    return web.Response(text=text, content_type="text/html", status=status)


def run(
    command: str,
    host: str,
    port: int,
    announce: Callable[[list[str]], None],
    *,
    workshop: Workshop,
    public_url: str | None = None,
    max_sessions: int = 40,
) -> None:
    """Serve until SIGINT or SIGTERM. Binding errors (port in use, address not on this
    machine) raise IopError; the addresses are announced only once the port is bound."""
    check_address(host, port)
    server = GuardedServer(
        command,
        host,
        port,
        "iop-tui",
        workshop=workshop,
        public_url=public_url,
        max_sessions=max_sessions,
    )
    logging.basicConfig(level=logging.WARNING, format="iop-tui serve: %(message)s")

    async def main() -> None:
        runner = web.AppRunner(await server._make_app(), handle_signals=False)
        await runner.setup()
        try:
            site = web.TCPSite(runner, host, port)
            try:
                await site.start()
            except OSError as exc:
                raise IopError(
                    f"cannot listen on {_netloc(host, port)}: {exc.strerror or exc}"
                ) from None
            announce(handout_urls(host, port, public_url))
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(sig, stop.set)
            await stop.wait()
        finally:
            # Every app is ended (asked, then terminated) before the server goes.
            await runner.cleanup()

    asyncio.run(main())
