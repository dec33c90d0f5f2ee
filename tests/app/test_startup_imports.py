"""Start-up stays light: the path from `iop-tui` to the start screen loads none of the core's
heavy modules (pydantic models, TOML writing, templates, the engine). They cost about a
fifth of the start-up time and a quarter more memory (benchmarks/RESULTS.md); each is
imported where it is first needed. Checked in a fresh interpreter; no timing here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "pydantic",
    "pydantic_core",
    "tomli_w",
    "jinja2",
    "iop_tui.session",
    "iop_tui.checklist",
    "iop_tui.engine",
    "iop_tui.catalog",
    "iop_tui.assessment",
)

CODE = """
import sys
from iop_tui import cli

# What `iop-tui` does, with the app run headless until its first screen is up.
import textual.app

def run(self, **kwargs):
    async def first_screen(pilot):
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "StartScreen", pilot.app.screen
        pilot.app.exit()
    return ORIGINAL(self, headless=True, auto_pilot=first_screen)

ORIGINAL = textual.app.App.run
textual.app.App.run = run
code = cli.main(["--data-dir", sys.argv[1]])
heavy = sorted(
    m for m in sys.modules if m in HEAVY or m.split(".")[0] in HEAVY
)
print(code, ",".join(heavy))
"""


def test_start_screen_loads_no_heavy_module(tmp_path: Path) -> None:
    code = f"HEAVY = {HEAVY!r}\n" + CODE
    # Without a terminal the launcher refuses to start unless a driver is chosen by
    # environment (as textual-serve does): choose the headless one the run uses anyway.
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
    )
    assert out.stdout.split() == ["0"], out.stdout + out.stderr
