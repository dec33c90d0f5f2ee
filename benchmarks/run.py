#!/usr/bin/env python3
"""iop-tui benchmarks: `python benchmarks/run.py [--quick | --smoke] [--out FILE]`.

Measures the real app and core on this machine and prints a table; writes every sample to a
JSON file. Each timing is the median of repeated runs, and each figure that depends on the
machine's speed is also given as a ratio to a baseline measured in the same run (the machine
is shared and noisy, so the ratios are what to compare between machines and revisions).
See benchmarks/RESULTS.md for the method and the figures.

This is a script, not a test: nothing here asserts a speed. `--smoke` runs every benchmark
once at a tiny size (tests/test_benchmarks_smoke.py uses it so that this file cannot rot).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import fcntl
import json
import os
import platform
import random
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
COLS, ROWS = 100, 30
#: A frame is one burst of output: Textual writes each frame at once, and frames are at
#: least one refresh interval (~16 ms) apart. A pause this long ends the burst.
FRAME_GAP_S = 0.005
START_TIMEOUT_S = 20.0


# --------------------------------------------------------------------------- plumbing


@dataclass
class Settings:
    name: str
    start_repeats: int  # cold starts per app and mode
    keypress_runs: int  # full assessments
    keypress_limit: int | None  # answer at most this many questions per run (smoke)
    judge_sizes: tuple[int, ...]
    session_sizes: tuple[int, ...]
    repeats: int  # in-process timings


FULL = Settings("full", 31, 3, None, (100, 1_000, 10_000), (100, 1_000, 10_000), 7)
QUICK = Settings("quick", 5, 1, None, (100, 1_000, 10_000), (100, 1_000, 10_000), 3)
SMOKE = Settings("smoke", 1, 1, 3, (10, 100), (5, 20), 1)


@dataclass
class Row:
    id: str
    what: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_what: str = ""
    target: str = ""
    met: bool | None = None
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.value / self.baseline


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs)


def percentile(xs: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least p% of samples at or below."""
    ordered = sorted(xs)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def timed(fn: Callable[[], object], repeats: int, *, inner: int = 1) -> list[float]:
    """Seconds per call, one sample per repeat (each the mean of `inner` calls)."""
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - t0) / inner)
    return samples


def inner_for(fn: Callable[[], object], budget_s: float = 0.05) -> int:
    """How many calls make one sample last about `budget_s` (short calls are too noisy)."""
    t0 = time.perf_counter()
    fn()
    once = max(time.perf_counter() - t0, 1e-7)
    return max(1, min(100_000, int(budget_s / once)))


def monotonic_ns() -> int:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def iop_tui_command() -> list[str]:
    """The installed `iop-tui` console script beside this interpreter (what users run)."""
    script = Path(sys.executable).parent / "iop-tui"
    if not script.exists():
        found = shutil.which("iop-tui")
        if found is None:
            sys.exit("benchmarks: `iop-tui` is not installed; run `pip install -e .` first")
        script = Path(found)
    return [str(script)]


def child_env(home: Path) -> dict[str, str]:
    """Same environment for every app started: fixed size, and a private HOME so that the
    bare `iop-tui` (which resolves the user's data directory) never touches real data."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL_", "IOP_TUI_", "IOP_BENCH_", "NO_COLOR"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        TERM="xterm-256color",
        COLUMNS=str(COLS),
        LINES=str(ROWS),
    )
    # Installed apps start from cached bytecode; so must the measured ones.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # A profile exists (no kommun chosen): the first run's settings dialog is a one-time
    # event, not the start-up that is measured.
    config = home / "config" / "iop-tui"
    config.mkdir(parents=True, exist_ok=True)
    (config / "profile.toml").write_text('kommun = ""\n', encoding="utf-8")
    return env


# --------------------------------------------------------------------------- 1. cold start


@dataclass
class StartRun:
    ready_s: float
    max_rss_kib: int


def start_headless(argv: list[str], ready_selector: str, env: dict[str, str]) -> StartRun:
    """Process start to first screen ready, headless (see startup_probe.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "ready"
        env = {
            **env,
            "TEXTUAL_DRIVER": "startup_probe:ProbeDriver",
            "PYTHONPATH": str(HERE),
            "IOP_BENCH_READY": ready_selector,
            "IOP_BENCH_OUT": str(out),
        }
        with open(Path(tmp) / "output", "w+b") as output:
            t0 = monotonic_ns()
            proc = subprocess.Popen(
                argv, env=env, stdin=subprocess.DEVNULL, stdout=output, stderr=output
            )
            # wait4, not Popen.wait: it also returns this child's own resource usage.
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = status
            if not out.exists():
                output.seek(0)
                raise RuntimeError(
                    f"{argv}: never became ready (status {status}): "
                    f"{output.read().decode(errors='replace')[-800:]}"
                )
        ready = int(out.read_text())
    return StartRun((ready - t0) / 1e9, usage.ru_maxrss)


def start_pty(argv: list[str], marker: bytes, env: dict[str, str]) -> StartRun:
    """Process start to the end of the first frame that shows `marker`, in a real pseudo-
    terminal (Textual's own terminal driver, the full rendering path)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    t0 = monotonic_ns()
    proc = subprocess.Popen(
        argv, env=env, stdin=slave, stdout=slave, stderr=slave, start_new_session=True
    )
    os.close(slave)
    output = b""
    frame_end: int | None = None
    usage = None
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            # Once the marker is on screen, wait only for the rest of the same burst.
            wait = FRAME_GAP_S if frame_end is not None else 0.5
            if not select.select([master], [], [], wait)[0]:
                if frame_end is not None:
                    break
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the child closed the terminal
                break
            output += chunk
            if frame_end is not None or marker in output:
                frame_end = monotonic_ns()
        with contextlib.suppress(OSError):
            os.write(master, b"\x11")  # ctrl+q: both apps quit on it
        end_by = time.monotonic() + 5
        while usage is None and time.monotonic() < end_by:
            # wait4, not Popen.wait: it also returns this child's own resource usage.
            pid, _, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                usage = ru
            elif select.select([master], [], [], 0.02)[0]:
                try:
                    os.read(master, 1 << 16)  # keep draining so the child never blocks
                except OSError:
                    time.sleep(0.01)
        if usage is None:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0
    finally:
        os.close(master)
    if frame_end is None:
        raise RuntimeError(f"{argv}: no frame with {marker!r}: {output[-800:]!r}")
    return StartRun((frame_end - t0) / 1e9, usage.ru_maxrss)


def bench_cold_start(s: Settings, rows: list[Row], tmp: Path) -> None:
    from iop_tui.i18n import tr

    home = tmp / "home"
    home.mkdir()
    env = child_env(home)
    minimal = [sys.executable, str(HERE / "minimal_app.py")]
    iop = iop_tui_command()
    marker_iop = tr("start.heading").encode()
    marker_min = b"Minimal Textual app: ready"
    results: dict[str, list[StartRun]] = {k: [] for k in ("h-iop", "h-min", "p-iop", "p-min")}
    # One warm-up of each (disk cache, .pyc files), then interleaved runs so that noise from
    # other processes hits both apps alike.
    start_headless(iop, "#start-menu", env)
    start_headless(minimal, "#ready", env)
    for _ in range(s.start_repeats):
        results["h-iop"].append(start_headless(iop, "#start-menu", env))
        results["h-min"].append(start_headless(minimal, "#ready", env))
        results["p-iop"].append(start_pty(iop, marker_iop, env))
        results["p-min"].append(start_pty(minimal, marker_min, env))

    def row(key: str, base: str, what: str, id_: str) -> None:
        ours = [r.ready_s * 1000 for r in results[key]]
        theirs = [r.ready_s * 1000 for r in results[base]]
        r = Row(
            id_,
            what,
            median(ours),
            "ms",
            median(theirs),
            "minimal Textual app, same way",
            "≤ 1.15x",
            samples=ours,
            baseline_samples=theirs,
        )
        r.met = r.ratio is not None and r.ratio <= 1.15
        rows.append(r)

    row("h-iop", "h-min", "cold start to start screen, headless", "start.headless")
    row("p-iop", "p-min", "cold start to first full frame, pty", "start.pty")
    ours = [r.max_rss_kib / 1024 for r in results["h-iop"] + results["p-iop"]]
    theirs = [r.max_rss_kib / 1024 for r in results["h-min"] + results["p-min"]]
    r = Row(
        "start.max_rss",
        "peak memory (max RSS) of a start",
        median(ours),
        "MiB",
        median(theirs),
        "minimal Textual app",
        "≤ 1.25x",
        samples=ours,
        baseline_samples=theirs,
    )
    r.met = r.ratio is not None and r.ratio <= 1.25
    rows.append(r)
    py = [
        timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 1)[0] * 1000
        for _ in range(max(1, s.start_repeats // 3))
    ]
    rows.append(Row("start.python", "for scale: `python -c pass`", median(py), "ms", samples=py))


# --------------------------------------------------------------------------- 2. keypress


def _display_probe(app: Any, log: list[tuple[float, Any]]) -> None:
    """Record (time, screen) for every frame the app produces. App._display is private but
    it is where every frame goes; the headless driver skips only the terminal write."""
    display = app._display

    def probed(screen: Any, renderable: Any) -> None:
        shown = renderable is not None and not app._batch_count
        display(screen, renderable)
        if shown:
            log.append((time.perf_counter(), screen))

    app._display = probed


async def _press_and_wait(
    pilot: Any, key: str, log: list[tuple[float, Any]], changed: Callable[[Any], bool]
) -> float | None:
    """Latency from sending `key` (as Textual's driver does) to the first frame for which
    `changed(screen)` holds. Pilot then waits for idle; that wait is not counted."""
    del log[:]
    t0 = time.perf_counter()
    await pilot.press(key)
    for _ in range(50):
        for t, screen in log:
            if changed(screen):
                return t - t0
        await pilot.pause()
    return None


async def _keypress_iop(
    checklist_id: str, answers: dict[str, str], limit: int | None
) -> list[float]:
    from iop_tui import catalog, store
    from iop_tui.checklist import Answer
    from iop_tui.session import Session
    from iop_tui.tui.app import IopApp
    from iop_tui.tui.screens.question import KEYS, QuestionScreen

    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "sessions"
        checklist = catalog.get(checklist_id)
        handle = store.create(directory, Session.new(checklist, title="Benchmark"))
        app = IopApp(directory, open_path=handle.path)
        log: list[tuple[float, Any]] = []
        async with app.run_test(size=(COLS, ROWS)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuestionScreen), screen
            _display_probe(app, log)
            while limit is None or len(latencies) < limit:
                qid = screen.qid
                if app.assessment is None or app.assessment.next_id(qid) is None:
                    break  # the last answer opens the review: not "the next question"
                key = KEYS[Answer(answers.get(qid, "unsure"))]
                latency = await _press_and_wait(
                    pilot, key, log, lambda s, q=qid: s is screen and screen.qid != q
                )
                if latency is None:
                    raise RuntimeError(f"no frame after answering {qid}")
                latencies.append(latency)
    return latencies


async def _keypress_minimal(presses: int) -> list[float]:
    """Baseline: a minimal Textual app whose key binding updates one Static (Textual's own
    floor for key -> handler -> frame), measured exactly like the app."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Counter(App[None]):
        BINDINGS = [("j", "bump", "bump")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="n")

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#n", Static).update(str(self.count))

    app = Counter()
    log: list[tuple[float, Any]] = []
    latencies: list[float] = []
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause()
        _display_probe(app, log)
        for _ in range(presses):
            before = app.count
            latency = await _press_and_wait(pilot, "j", log, lambda s, b=before: app.count != b)
            if latency is None:
                raise RuntimeError("minimal app: no frame after a key")
            latencies.append(latency)
    return latencies


def bench_keypress(s: Settings, rows: list[Row]) -> None:
    from iop_tui import catalog, store

    example = catalog.examples()[0]
    session = store.load(example)
    answers = {k: v.value for k, v in session.answers.items()}
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(s.keypress_runs):
        run = asyncio.run(_keypress_iop(session.checklist, answers, s.keypress_limit))
        ours += run
        theirs += asyncio.run(_keypress_minimal(len(run)))
    ours_ms = [x * 1000 for x in ours]
    theirs_ms = [x * 1000 for x in theirs]
    note = f"{len(ours)} answers, {s.keypress_runs} run(s) of {example.name}"
    r = Row(
        "keypress.median",
        "keypress to next question, median",
        median(ours_ms),
        "ms",
        median(theirs_ms),
        "minimal app: key updates a Static",
        "≤ 25 ms",
        samples=ours_ms,
        baseline_samples=theirs_ms,
        note=note,
    )
    r.met = r.value <= 25
    rows.append(r)
    r = Row(
        "keypress.p95",
        "keypress to next question, p95",
        percentile(ours_ms, 95),
        "ms",
        percentile(theirs_ms, 95),
        "minimal app, p95",
        "≤ 50 ms",
        note=note,
    )
    r.met = r.value <= 50
    rows.append(r)


# --------------------------------------------------------------------------- 3. judge


def generated_checklist(n: int) -> Any:
    """A valid checklist of `n` questions in sections of 10, using every rule kind: weights
    for all outcomes, conditions on earlier answers, critical questions, stops and flags."""
    from iop_tui.checklist import Checklist, Outcome

    scored = ["iop", "foreningsbidrag", "upphandling"]
    sections = []
    for s0 in range(0, n, 10):
        questions = []
        for i in range(s0, min(n, s0 + 10)):
            q: dict[str, Any] = {
                "id": f"q{i}",
                "text": f"Fråga {i}?",
                "help": "Hjälptext.",
                "sources": ["s"],
                "critical": i % 13 == 0,
                "yes": {
                    "reason": "ja-skäl",
                    "signals": [
                        {"outcome": scored[i % 3], "weight": 1 + i % 3},
                        {"outcome": scored[(i + 1) % 3], "weight": -1},
                    ],
                },
                "no": {
                    "reason": "nej-skäl",
                    "signals": [{"outcome": scored[(i + 2) % 3], "weight": 1}],
                },
            }
            if i % 97 == 5:
                q["no"]["stops"] = [{"rule": "exclude", "outcome": scored[(i + 1) % 3]}]
            if i % 89 == 7:
                q["yes"]["flag"] = {"reason": "granska", "toward": [scored[i % 3]]}
            if i % 7 == 3:
                q["show_if"] = {"all": [{"question": f"q{i - 1}", "is_not": ["no"]}]}
            questions.append(q)
        sections.append(
            {"id": f"s{s0 // 10}", "title": f"Avsnitt {s0 // 10}", "questions": questions}
        )
    return Checklist.model_validate(
        {
            "id": "gen",
            "title": "Genererad",
            "version": "1",
            "kommun": "K",
            "riktlinje": {"title": "R"},
            "sources": [{"id": "s", "title": "S"}],
            "outcomes": [
                {"id": o.value, "label": o.value, "explanation": "e", "next_steps": ["n"]}
                for o in Outcome
            ],
            "sections": sections,
        }
    )


def generated_answers(checklist: Any) -> dict[str, Any]:
    """Every question answered; mostly yes/no, some unsure (deterministic)."""
    from iop_tui.checklist import Answer

    rng = random.Random(6)
    pick = [Answer.YES] * 5 + [Answer.NO] * 4 + [Answer.UNSURE]
    return {q.id: rng.choice(pick) for q in checklist.questions}


def scan_baseline(checklist: Any, answers: dict[str, Any]) -> Callable[[], object]:
    """The floor for any judge: look up every question's answer once."""
    questions = checklist.questions

    def scan() -> object:
        return [answers.get(q.id) for q in questions]

    return scan


def bench_judge(s: Settings, rows: list[Row]) -> None:
    from iop_tui import catalog, store
    from iop_tui.checklist import Answer
    from iop_tui.engine import judge

    checklist = catalog.get("bollebygd")
    # "A full set of answers": example 1's answers, every other question answered "no".
    given = store.load(catalog.examples()[0]).answers
    answers = {q.id: given.get(q.id, Answer.NO) for q in checklist.questions}
    fn = lambda: judge(checklist, answers)  # noqa: E731
    base = scan_baseline(checklist, answers)
    ours = [x * 1e6 for x in timed(fn, s.repeats * 3, inner=inner_for(fn))]
    theirs = [x * 1e6 for x in timed(base, s.repeats * 3, inner=inner_for(base))]
    r = Row(
        "judge.shipped",
        f"judge(), shipped checklist ({len(checklist.questions)} questions, all answered)",
        median(ours),
        "µs",
        median(theirs),
        "look up each answer once",
        "≤ 200 µs",
        samples=ours,
        baseline_samples=theirs,
    )
    r.met = r.value <= 200
    rows.append(r)
    bench_judge_advice(s, rows, checklist, answers)

    per_question: dict[int, float] = {}
    base_per_question: dict[int, float] = {}
    lines_per_question: dict[int, float] = {}
    for n in s.judge_sizes:
        c = generated_checklist(n)
        a = generated_answers(c)
        fn = lambda c=c, a=a: judge(c, a)  # noqa: E731
        base = scan_baseline(c, a)
        repeats = max(3, s.repeats if n >= 10_000 else s.repeats * 2)
        ours = [x * 1000 for x in timed(fn, repeats, inner=inner_for(fn))]
        theirs = [x * 1000 for x in timed(base, repeats, inner=inner_for(base))]
        per_question[n] = median(ours) / n * 1000
        base_per_question[n] = median(theirs) / n * 1000
        lines_per_question[n] = executed_lines(fn) / n
        rows.append(
            Row(
                f"judge.gen{n}",
                f"judge(), generated checklist, {n:,} questions",
                median(ours),
                "ms",
                median(theirs),
                "look up each answer once",
                samples=ours,
                baseline_samples=theirs,
                note=f"{per_question[n]:.2f} µs per question",
            )
        )
    small, large = min(per_question), max(per_question)
    # The work judge() does, counted: Python lines executed per question. Independent of the
    # machine, so it shows whether the algorithm is linear.
    rows.append(
        linearity_row(
            "judge.linearity",
            "judge() work (Python lines run) per question",
            "questions",
            {n: (v, f"{v:.1f} lines/question") for n, v in lines_per_question.items()},
        )
    )
    # Time per question also depends on memory: at 10,000 questions the data no longer fits
    # in the CPU's caches, and every lookup costs more, the baseline's too. Reported, and
    # compared with the baseline's own growth, rather than judged against a fixed bound.
    rows.append(
        Row(
            "judge.time_growth",
            f"judge() time per question at {large:,} vs at {small:,} questions",
            per_question[large] / per_question[small],
            "x",
            base_per_question[large] / base_per_question[small],
            "the baseline's own growth",
            note=", ".join(f"{n:,}: {us:.2f} µs/question" for n, us in per_question.items()),
        )
    )


def bench_judge_advice(s: Settings, rows: list[Row], checklist: Any, answers: dict) -> None:
    """What the result screen, `judge --json` and reports compute: the verdict with its
    firmness proven, plus what would change it. Against what the sessions list computes
    (engine.glance: the outcome only), measured in the same run."""
    from iop_tui.engine import glance, judge, what_would_change

    plain = lambda: glance(checklist, answers)  # noqa: E731
    plain_us = [x * 1e6 for x in timed(plain, s.repeats * 3, inner=inner_for(plain))]
    r = Row(
        "judge.plain",
        "engine.glance (the sessions list's outcome), all answered",
        median(plain_us),
        "µs",
        target="≤ 200 µs",
        samples=plain_us,
    )
    r.met = r.value <= 200
    rows.append(r)
    # Five questions open: every seventh applicable question's answer removed.
    applicable = judge(checklist, answers, advise=False).applicable
    open5 = dict(answers)
    for qid in list(applicable)[3::7][:5]:
        open5.pop(qid, None)
    for key, what, given in (
        ("judge.advice", "judge() + what_would_change(), all answered", answers),
        ("judge.advice_open5", "judge() + what_would_change(), five questions open", open5),
    ):

        def full(given: dict = given) -> object:
            return judge(checklist, given), what_would_change(checklist, given)

        ours = [x * 1000 for x in timed(full, s.repeats * 3, inner=inner_for(full))]
        r = Row(
            key,
            what,
            median(ours),
            "ms",
            median(plain_us) / 1000,
            "engine.glance on all answers",
            "≤ 5 ms",
            samples=ours,
            baseline_samples=[x / 1000 for x in plain_us],
            note=f"verdict: {judge(checklist, given).outcome.value}",
        )
        r.met = r.value <= 5
        rows.append(r)


def linearity_row(row_id: str, what: str, unit: str, per_item: dict[int, tuple[float, str]]) -> Row:
    """Cost per item at the largest size against the smallest: linear growth keeps it ~1x."""
    small, large = min(per_item), max(per_item)
    r = Row(
        row_id,
        f"{what} at {large:,} vs at {small:,} {unit}",
        per_item[large][0] / per_item[small][0],
        "x",
        target="≤ 1.5x (linear)",
        note=", ".join(f"{n:,}: {text}" for n, (_, text) in per_item.items()),
    )
    r.met = r.value <= 1.5
    return r


def executed_lines(fn: Callable[[], object]) -> int:
    """How many Python lines one call of `fn` runs (sys.settrace; slow, so called once)."""
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


# --------------------------------------------------------------------------- 4. sessions


def write_sessions(directory: Path, n: int, seed: int) -> None:
    """`n` session files as the app writes them: the shipped examples' answers with some
    answers changed at random (so no two are alike), distinct titles and times."""
    from iop_tui import catalog, store
    from iop_tui.checklist import Answer

    rng = random.Random(seed)
    bases = [store.load(p) for p in catalog.examples()]
    checklist = catalog.get("bollebygd")
    ids = [q.id for q in checklist.questions]
    directory.mkdir(parents=True)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(n):
        s = bases[i % len(bases)].model_copy(deep=True)
        for qid in rng.sample(ids, 6):
            s.answers[qid] = rng.choice(list(Answer))
        s.meta.title = f"{s.meta.title} #{i}"
        s.record_checklist(checklist)  # version and question fingerprints, as the app saves
        s.updated = start + dt.timedelta(minutes=rng.randrange(500_000))
        path = directory / f"session-{i:05d}.toml"
        path.write_bytes(store.encode(s, path))


def read_all_bytes(directory: Path) -> int:
    """The baseline: the least any listing must do, enumerate the files and read them."""
    total = 0
    with os.scandir(directory) as it:
        for entry in it:
            name = entry.name
            if name.endswith(".toml") and not name.startswith("."):
                with open(entry.path, "rb") as f:
                    total += len(f.read())
    return total


def bench_sessions(s: Settings, rows: list[Row], tmp: Path) -> None:
    from iop_tui import catalog, listing, store
    from iop_tui.session import Session

    checklist = catalog.get("bollebygd")
    catalog.installed()  # loaded once per process in real use too; (5) measures loading

    # Save one session: the real atomic, private, conflict-checked save.
    directory = tmp / "save" / "sessions"
    session = Session.new(checklist, title="Spara")
    session.answers.update(store.load(catalog.examples()[0]).answers)
    handle = store.create(directory, session)
    data = session.to_toml().encode()
    plain = directory.parent / "plain.toml"

    def save() -> None:
        session.touch()
        store.save(handle, session)

    ours = [x * 1000 for x in timed(save, s.repeats * 3)]
    theirs = [x * 1000 for x in timed(lambda: plain.write_bytes(data), s.repeats * 3)]
    rows.append(
        Row(
            "sessions.save",
            "save one session (atomic: temp file, fsync, rename)",
            median(ours),
            "ms",
            median(theirs),
            "plain write of the same bytes, no fsync",
            samples=ours,
            baseline_samples=theirs,
        )
    )

    index_path = getattr(listing, "index_path", None)  # None before the index existed
    per_file: dict[int, float] = {}
    for n in s.session_sizes:
        directory = tmp / f"list{n}" / "sessions"
        write_sessions(directory, n, seed=n)
        reps = max(1, s.repeats if n < 10_000 else (s.repeats + 1) // 2)

        def drop_index(d: Path = directory) -> None:
            if index_path is not None:
                with contextlib.suppress(FileNotFoundError):
                    index_path(d).unlink()

        cold: list[float] = []
        # The same cold listing in one process (helpers off), alternated with the real one
        # so that both see the same phases of this shared host.
        one: list[float] = []
        parallel_from = getattr(listing, "PARALLEL_FROM", None)  # None before helpers
        for rep in range(reps):
            both = parallel_from is not None and n >= parallel_from
            # Which of the pair goes first alternates: neither always gets the fresher cache.
            for helpers_off in (rep % 2 == 1, rep % 2 == 0) if both else (False,):
                drop_index()
                if helpers_off:
                    listing.PARALLEL_FROM = n + 1
                try:
                    t0 = time.perf_counter()
                    listed = listing.list_sessions(directory)
                    (one if helpers_off else cold).append(time.perf_counter() - t0)
                finally:
                    listing.PARALLEL_FROM = parallel_from
                if helpers_off:
                    alone = listed
                else:
                    entries = listed
            if both:
                assert alone == entries
        assert len(entries) == n and not any(e.damaged for e in entries)
        listing.list_sessions(directory)  # nothing changes from here on
        warm = timed(lambda d=directory: listing.list_sessions(d), reps)
        base = timed(lambda d=directory: read_all_bytes(d), reps * 2)
        # Per file in one process where measured: helpers make the larger folders cheaper per
        # file, which would hide growth in the work itself.
        per_file[n] = median(one or cold) / n * 1e6
        for kind, samples in (("cold", cold), ("warm", warm)):
            # Cold: every file is read, parsed and judged (nothing in a session file is
            # trusted), so only the absolute target applies; warm reads no file at all.
            limit_s = (1.5 if kind == "cold" else 0.2) if n == 10_000 else None
            parts = ([] if kind == "cold" else ["≤ 3x"]) + (
                [f"≤ {limit_s:g} s"] if limit_s is not None else []
            )
            r = Row(
                f"sessions.list{n}.{kind}",
                f"list {n:,} sessions, {kind}"
                + (" (no index)" if kind == "cold" else " (nothing changed)"),
                median(samples) * 1000,
                "ms",
                median(base) * 1000,
                "read the same files' bytes",
                ", ".join(parts),
                samples=[x * 1000 for x in samples],
                baseline_samples=[x * 1000 for x in base],
            )
            ratio = r.ratio or 0.0
            checks = [] if kind == "cold" else [ratio <= 3]
            if limit_s is not None:
                checks.append(median(samples) <= limit_s)
            r.met = all(checks) if checks else None
            rows.append(r)
        if one and n == max(s.session_sizes):
            rows.append(
                Row(
                    f"sessions.list{n}.cold.one-process",
                    f"list {n:,} sessions, cold, in one process (helpers off)",
                    median(one) * 1000,
                    "ms",
                    median(base) * 1000,
                    "read the same files' bytes",
                    samples=[x * 1000 for x in one],
                    baseline_samples=[x * 1000 for x in base],
                    note=f"with helpers / one process: {median(cold) / median(one):.2f}",
                )
            )
        if n == max(s.session_sizes):
            rows.append(sessions_screen_row(directory, n, tmp, reps))
        shutil.rmtree(directory.parent)
    rows.append(
        linearity_row(
            "sessions.linearity",
            "cold listing time per file, one process",
            "files",
            {n: (us, f"{us:.0f} µs/file") for n, us in per_file.items()},
        )
    )


def sessions_screen_row(directory: Path, n: int, tmp: Path, reps: int) -> Row:
    """Opening the sessions screen (listing with the index, filling the table, drawing),
    in the real app driven headless, until Pilot finds the app idle (it polls, which adds
    to both); baseline: the same screen on an empty folder."""
    from iop_tui import listing
    from iop_tui.tui.app import IopApp
    from iop_tui.tui.screens.sessions import SessionsScreen

    empty = tmp / "screen-empty" / "sessions"
    empty.mkdir(parents=True)

    async def open_screen(folder: Path) -> float:
        app = IopApp(folder)
        async with app.run_test(size=(COLS, ROWS)) as pilot:
            await pilot.pause()
            t0 = time.perf_counter()
            app.push_screen(SessionsScreen(folder))
            await pilot.pause()
            assert isinstance(app.screen, SessionsScreen)
            return time.perf_counter() - t0

    # A private config folder: no profile dialog, no user checklists.
    config = tmp / "screen-config"
    old = os.environ.get("IOP_TUI_CONFIG_DIR")
    os.environ["IOP_TUI_CONFIG_DIR"] = str(config)
    try:
        # The index, made with the same (private) profile as the app's, so that the timed
        # openings list warm, as after any earlier listing.
        listing.list_sessions(directory)
        ours = [asyncio.run(open_screen(directory)) * 1000 for _ in range(reps)]
        theirs = [asyncio.run(open_screen(empty)) * 1000 for _ in range(reps)]
    finally:
        if old is None:
            del os.environ["IOP_TUI_CONFIG_DIR"]
        else:
            os.environ["IOP_TUI_CONFIG_DIR"] = old
    return Row(
        f"sessions.screen{n}",
        f"open the sessions screen, {n:,} sessions (index present)",
        median(ours),
        "ms",
        median(theirs),
        "the same screen on an empty folder",
        samples=ours,
        baseline_samples=theirs,
    )


# --------------------------------------------------------------------------- 5. checklist


def bench_checklist_load(s: Settings, rows: list[Row]) -> None:
    from iop_tui import catalog
    from iop_tui.checklist import load_checklist

    path = catalog.checklists_dir() / "bollebygd.toml"
    ours = [x * 1000 for x in timed(lambda: load_checklist(path), s.repeats * 3)]
    text = path.read_text(encoding="utf-8")
    theirs = [x * 1000 for x in timed(lambda: tomllib.loads(text), s.repeats * 3)]
    rows.append(
        Row(
            "checklist.load",
            "load shipped checklist (read, parse, validate, cross-check)",
            median(ours),
            "ms",
            median(theirs),
            "tomllib parse only",
            samples=ours,
            baseline_samples=theirs,
        )
    )


def bench_check(s: Settings, rows: list[Row], tmp: Path) -> None:
    """`iop-tui check` (load, reachability of every outcome, scenarios) on a generated
    checklist of the largest size, written to a TOML file first."""
    import tomli_w

    from iop_tui.analysis import scenario_failures, unreachable_outcomes
    from iop_tui.authoring import author_warnings
    from iop_tui.checklist import load_checklist

    n = max(s.judge_sizes)
    path = tmp / f"gen{n}.toml"
    data = generated_checklist(n).model_dump(
        mode="json", by_alias=True, exclude_none=True, exclude_defaults=True
    )
    path.write_bytes(tomli_w.dumps(data).encode("utf-8"))

    def check() -> None:
        checklist = load_checklist(path)
        unreachable_outcomes(checklist)
        scenario_failures(checklist)
        author_warnings(checklist)

    samples = timed(check, max(1, s.repeats // 3))
    value = median(samples)
    limit = 5.0 if n == 10_000 else None
    rows.append(
        Row(
            f"check.gen{n}",
            f"check a generated checklist of {n} questions (load, reachability, scenarios, "
            "warnings)",
            value,
            "s",
            target="<= 5 s" if limit else "",
            met=None if limit is None else value <= limit,
            samples=samples,
        )
    )


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "textual": version("textual"),
        "pydantic": version("pydantic"),
        "iop_tui": version("iop-tui"),
        "platform": platform.platform(),
        "load_average_start": os.getloadavg(),
    }


def fmt(x: float | None, unit: str = "") -> str:
    if x is None:
        return ""
    if abs(x) >= 100:
        text = f"{x:,.0f}"
    elif abs(x) >= 10:
        text = f"{x:.1f}"
    else:
        text = f"{x:.2f}"
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    head = ("benchmark", "median", "baseline", "ratio", "target", "met")
    body = [
        (
            r.what,
            fmt(r.value, r.unit),
            fmt(r.baseline, r.unit) if r.baseline is not None else "",
            fmt(r.ratio, "x") if r.ratio is not None else "",
            r.target,
            "" if r.met is None else ("yes" if r.met else "NO"),
        )
        for r in rows
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    notes = [f"- {r.what}: {r.note}" for r in rows if r.note]
    bases = sorted({f"- {r.what}: baseline = {r.baseline_what}" for r in rows if r.baseline_what})
    return "\n".join([*lines, "", *notes, *bases])


@contextlib.contextmanager
def step(name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    print(f"… {name}", file=sys.stderr, flush=True)
    yield
    print(f"  {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)


BENCHMARKS: dict[str, Callable[[Settings, list[Row], Path], None]] = {
    "start": bench_cold_start,
    "keypress": lambda s, rows, tmp: bench_keypress(s, rows),
    "judge": lambda s, rows, tmp: bench_judge(s, rows),
    "sessions": bench_sessions,
    "checklist": lambda s, rows, tmp: bench_checklist_load(s, rows),
    "check": bench_check,
}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="fewer repeats (about 1 minute)")
    mode.add_argument("--smoke", action="store_true", help="each benchmark once, tiny sizes")
    p.add_argument(
        "--out",
        type=Path,
        default=HERE / "results.json",
        help="JSON results file (default: benchmarks/results.json)",
    )
    p.add_argument(
        "--only",
        metavar="NAMES",
        help=f"comma-separated subset of: {', '.join(BENCHMARKS)} (default: all)",
    )
    args = p.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(BENCHMARKS)
    if only - set(BENCHMARKS):
        p.error(f"unknown benchmark(s): {', '.join(sorted(only - set(BENCHMARKS)))}")
    s = SMOKE if args.smoke else QUICK if args.quick else FULL
    started = time.perf_counter()
    info = machine()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="iop-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for name, run in BENCHMARKS.items():
            if name in only:
                with step(name):
                    run(s, rows, tmp)
    info["load_average_end"] = os.getloadavg()
    info["settings"] = asdict(s)
    info["seconds"] = round(time.perf_counter() - started, 1)
    print(
        f"iop-tui benchmarks ({s.name}) on {info['cpu']}, {info['cores']} cores, "
        f"Python {info['python']}, Textual {info['textual']}; "
        f"load average {info['load_average_start'][0]:.2f} -> {info['load_average_end'][0]:.2f}; "
        f"{info['seconds']} s\n"
    )
    print(table(rows))
    results = {
        "machine": info,
        "results": [{**asdict(r), "ratio": r.ratio} for r in rows],
    }
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nwrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
