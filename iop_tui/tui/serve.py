"""`iop-tui serve`: the app in a web browser (textual-serve), made safe to leave running.

textual-serve accepts a WebSocket from any page: browsers send no preflight for WebSockets,
so a page on any web site open in the user's browser could start an app and read or change
saved sessions. Here a request is served only when its `Host` is the address being served
(which also stops DNS rebinding) and a WebSocket only when its `Origin` is that address too.
Each app's terminal size is bounded, and an app whose socket dies is ended (asked first,
then terminated, then killed) instead of living on until the server stops.

Listening on a wildcard address (0.0.0.0, ::) cannot name one address: then a request must
come from a page of the same host it is sent to (Origin host = Host), which still stops
other web sites; authentication belongs to the workshop setting.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import signal
import socket
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from ..errors import IopError

log = logging.getLogger("iop-tui.serve")

#: A browser terminal larger than this is an attack, not a screen (10000x5000 cost 290 MB).
MAX_WIDTH = 500
MAX_HEIGHT = 200
#: Seconds an app gets to quit after its socket closed, then to end after SIGTERM.
QUIT_GRACE = 3.0
TERM_GRACE = 3.0

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


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """The `Host` headers this server answers (lower case, with port); None for a wildcard
    address, where any host is accepted but the Origin must match it."""
    if _is_wildcard(host):
        return None
    names = {host.lower()}
    if _is_loopback(host):
        names |= LOOPBACK_NAMES
    hosts = {_netloc(n, port) for n in names}
    if port == 80:
        hosts |= {f"[{n}]" if ":" in n else n for n in names}
    return frozenset(hosts)


class GuardedAppService(AppService):
    """An AppService whose app is always ended when its socket goes, and whose terminal
    size is bounded."""

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp_size(width, height))

    async def on_data(self, payload: bytes) -> None:
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
        with contextlib.suppress(Exception):  # TimeoutError included
            await asyncio.wait_for(super().stop(), QUIT_GRACE)
        if process is None or process.returncode is not None:
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
    """textual-serve's Server with the Host/Origin checks and a guarded app service."""

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.hosts = allowed_hosts(host, port)

    def host_ok(self, request: web.Request) -> bool:
        host = request.headers.get("Host", "").lower()
        return self.hosts is None or host in self.hosts

    def origin_ok(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if not origin:
            return False  # every browser sends one with a WebSocket
        parts = urlsplit(origin.lower())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        host = request.headers.get("Host", "").lower()
        if self.hosts is None:
            return parts.netloc == host
        return parts.netloc in self.hosts

    @web.middleware
    async def check_host(
        self,
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        if not self.host_ok(request):
            log.warning("refused a request for host %r", request.headers.get("Host"))
            raise web.HTTPForbidden(text="iop-tui: unknown host\n")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.check_host)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its banner here, before the port is bound; iop-tui prints
        the address once binding worked (see `run`)."""

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.origin_ok(request):
            log.warning("refused a WebSocket from origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="iop-tui: origin not allowed\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = clamp_size(
            to_int(request.query.get("width", "80"), 80),
            to_int(request.query.get("height", "24"), 24),
        )
        service: GuardedAppService | None = None
        try:
            await websocket.prepare(request)
            service = GuardedAppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=lambda: close(websocket),
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self.relay(websocket, service)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
        except Exception as error:  # a broken client must not stop the server
            log.warning("WebSocket ended: %s", error)
        finally:
            if service is not None:
                await service.stop()
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


def run(command: str, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve until SIGINT or SIGTERM. Binding errors (port in use, address not on this
    machine) raise IopError; the address is announced only once the port is bound."""
    check_address(host, port)
    server = GuardedServer(command, host, port, "iop-tui")
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
            announce(f"http://{_netloc(host, port)}")
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(sig, stop.set)
            await stop.wait()
        finally:
            await runner.cleanup()

    asyncio.run(main())
