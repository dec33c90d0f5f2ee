"""`iop-tui serve` with a room of tabs: open 30, close them, and measure what it costs.

    python benchmarks/serve_tabs.py              # 30 tabs, one after another, then 30 at once
    python benchmarks/serve_tabs.py --tabs 5     # fewer
    python benchmarks/serve_tabs.py --json out.json

Run it from the project folder with the virtual environment's Python after installing (with
the `web` extra). It starts the server on a free loopback port with an empty data folder and
opens tabs the way the page's script does (a WebSocket with the page's Origin, the terminal
size in the URL), each as its own participant. For every tab it measures the time from
connecting to the first full start screen ("Ny bedömning" drawn). With all tabs open it
measures the memory of the server and its apps (proportional set size, so libraries shared
between the apps count once, split between them); after all tabs closed, how long until no
app process is left, and the memory of the server against its baseline before the first tab.
Each figure is also given as a ratio to a baseline measured in the same run: one tab on an
idle server. Figures go into benchmarks/RESULTS.md by hand, with the machine noted.

Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

FIRST_SCREEN = "Ny bedömning"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def descendants(pid: int) -> set[int]:
    """Every living process below `pid`."""
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


def memory_kib(pid: int, field: str) -> int:
    """`Pss` or `Rss` of one process in KiB (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_mib(pid: int) -> float:
    return sum(memory_kib(p, "Pss") for p in {pid} | descendants(pid)) / 1024


class Tab:
    """One browser tab: its WebSocket and what the app drew."""

    def __init__(self, http: aiohttp.ClientSession, port: int, code: str) -> None:
        self.http = http
        self.port = port
        self.code = code
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.first_screen: float | None = None

    async def open(self) -> float:
        started = time.perf_counter()
        self.ws = await self.http.ws_connect(
            f"ws://127.0.0.1:{self.port}/ws/{self.code}?width=100&height=30",
            headers={"Origin": f"http://127.0.0.1:{self.port}"},
            heartbeat=None,
        )
        seen = b""
        while FIRST_SCREEN.encode() not in seen:
            msg = await asyncio.wait_for(self.ws.receive(), 120)
            if msg.type == aiohttp.WSMsgType.BINARY:
                seen += msg.data
            elif msg.type != aiohttp.WSMsgType.TEXT:
                raise RuntimeError(f"tab {self.code}: socket ended before the first screen")
        self.first_screen = time.perf_counter() - started
        # Keep reading, as a browser does, so that the app never blocks on a full pipe.
        self.reader = asyncio.create_task(self._drain())
        return self.first_screen

    async def _drain(self) -> None:
        assert self.ws is not None
        async for _msg in self.ws:
            pass

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        self.reader.cancel()


def start_server(data: Path, port: int, max_sessions: int) -> subprocess.Popen[str]:
    config = data / "config"
    config.mkdir(parents=True)
    (config / "profile.toml").write_text("", encoding="utf-8")
    options = ["--port", str(port), "--max-sessions", str(max_sessions)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "iop_tui", "--data-dir", str(data), "serve", *options],
        env={**os.environ, "IOP_TUI_CONFIG_DIR": str(config)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if f"127.0.0.1:{port}" not in line:
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc


async def wait_until_no_app(pid: int, timeout: float = 60) -> float:
    started = time.perf_counter()
    while descendants(pid):
        if time.perf_counter() - started > timeout:
            break
        await asyncio.sleep(0.05)
    return time.perf_counter() - started


async def measure(tabs: int) -> dict[str, Any]:
    results: dict[str, Any] = {"tabs": tabs}
    with tempfile.TemporaryDirectory(prefix="iop-serve-bench-") as tmp:
        data = Path(tmp)
        port = free_port()
        proc = start_server(data, port, max_sessions=max(40, tabs))
        try:
            async with aiohttp.ClientSession() as http:
                await asyncio.sleep(1)  # the server settles
                results["server_idle_pss_mib"] = tree_pss_mib(proc.pid)

                # Baseline: one tab on an idle server (the first, cold, one not counted).
                singles = []
                for i in range(4):
                    tab = Tab(http, port, f"tab-base{i}")
                    elapsed = await tab.open()
                    await tab.close()
                    await wait_until_no_app(proc.pid)
                    if i:
                        singles.append(elapsed)
                results["single_tab_s"] = statistics.median(singles)
                results["baseline_pss_mib"] = tree_pss_mib(proc.pid)

                # A room arriving one by one: every tab stays open.
                room = [Tab(http, port, f"tab-seq{i:02d}") for i in range(tabs)]
                sequential = [await tab.open() for tab in room]
                results["sequential_s"] = sequential
                await asyncio.sleep(1)  # every app idle
                total = tree_pss_mib(proc.pid)
                apps = descendants(proc.pid)
                results["open_processes"] = len(apps)
                results["open_pss_mib"] = total
                results["server_only_pss_mib"] = memory_kib(proc.pid, "Pss") / 1024
                results["pss_per_tab_mib"] = (total - results["baseline_pss_mib"]) / tabs
                rss = [memory_kib(p, "Rss") / 1024 for p in apps]
                results["rss_per_app_mib"] = statistics.median(rss) if rss else 0.0
                for tab in room:
                    await tab.close()
                results["cleanup_s"] = await wait_until_no_app(proc.pid)
                results["left_after_close"] = len(descendants(proc.pid))
                await asyncio.sleep(1)
                results["after_close_pss_mib"] = tree_pss_mib(proc.pid)

                # The whole room at once (the trainer says "open the address now").
                burst = [Tab(http, port, f"tab-burst{i:02d}") for i in range(tabs)]
                started = time.perf_counter()
                results["burst_s"] = list(await asyncio.gather(*(t.open() for t in burst)))
                results["burst_all_s"] = time.perf_counter() - started
                for tab in burst:
                    await tab.close()
                results["burst_cleanup_s"] = await wait_until_no_app(proc.pid)
                results["left_after_burst"] = len(descendants(proc.pid))
                await asyncio.sleep(1)
                results["after_burst_pss_mib"] = tree_pss_mib(proc.pid)
                workshop = data / "workshop"
                results["folders_left"] = len(list(workshop.iterdir())) if workshop.exists() else 0
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return results


def report(r: dict[str, Any]) -> None:
    def f(key: str) -> float:
        return float(r[key])

    def q(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]

    single, base, n = f("single_tab_s"), f("baseline_pss_mib"), r["tabs"]
    rows = [("one tab on an idle server, first screen", f"{single * 1000:.0f} ms", "1.00 x")]
    for name, values in (("one after another", r["sequential_s"]), ("all at once", r["burst_s"])):
        for label, p in (("median", 0.5), ("p95", 0.95), ("slowest", 1.0)):
            v = q(values, p)
            what = f"{n} tabs {name}: first screen, {label}"
            rows.append((what, f"{v * 1000:.0f} ms", f"{v / single:.2f} x"))
    after = f"{f('after_close_pss_mib'):.1f} / {f('after_burst_pss_mib'):.1f} MiB"
    rows += [
        (f"all {n} at once: until the last first screen", f"{f('burst_all_s'):.1f} s", ""),
        ("server alone, idle (PSS)", f"{f('server_idle_pss_mib'):.1f} MiB", ""),
        ("baseline: server after the warm-up tabs closed (PSS)", f"{base:.1f} MiB", "1.00 x"),
        (
            f"server + {n} apps open (PSS)",
            f"{f('open_pss_mib'):.0f} MiB",
            f"{f('open_pss_mib') / base:.1f} x",
        ),
        ("memory per open tab (PSS, server + app)", f"{f('pss_per_tab_mib'):.1f} MiB", ""),
        ("one app process (RSS, median)", f"{f('rss_per_app_mib'):.1f} MiB", ""),
        ("app processes while open", str(r["open_processes"]), ""),
        ("after closing: until no app process is left", f"{f('cleanup_s'):.2f} s", ""),
        (
            "app processes left after closing (both rounds)",
            f"{r['left_after_close']} / {r['left_after_burst']}",
            "",
        ),
        (
            "server after closing, both rounds (PSS)",
            after,
            f"{f('after_burst_pss_mib') / base:.2f} x",
        ),
        ("participant folders left (tabs that saved nothing)", str(r["folders_left"]), ""),
    ]
    cpus = os.cpu_count()
    print(f"machine: {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}")
    print("| what | figure | ratio |\n|---|---|---|")
    for what, figure, ratio in rows:
        print(f"| {what} | {figure} | {ratio} |")


def rerun_report(path: Path) -> None:
    report(json.loads(path.read_text(encoding="utf-8")))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--tabs", type=int, default=30)
    p.add_argument("--json", type=Path, help="write the figures here")
    p.add_argument("--report", type=Path, help="only print the table of a saved --json")
    args = p.parse_args()
    if args.report:
        rerun_report(args.report)
        return
    results = asyncio.run(measure(args.tabs))
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if results["left_after_close"] or results["left_after_burst"]:
        raise SystemExit("app processes were left after the tabs closed")


if __name__ == "__main__":
    main()
