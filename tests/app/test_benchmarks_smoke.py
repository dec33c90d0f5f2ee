"""The benchmark script runs, end to end, at a tiny size: it cannot rot unnoticed.

It asserts that every benchmark produced numbers, never how fast they are: speed is
measured by `python benchmarks/run.py` and reported in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .test_e2e_pty import SCRIPT

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
EXPECTED = {
    "start.headless",
    "start.pty",
    "start.max_rss",
    "keypress.median",
    "keypress.p95",
    "judge.shipped",
    "judge.linearity",
    "judge.time_growth",
    "sessions.save",
    "sessions.linearity",
    "checklist.load",
}


@pytest.mark.long
@pytest.mark.skipif(not SCRIPT.exists(), reason="the iop-tui console script is not installed")
def test_every_benchmark_produces_numbers(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("IOP_TUI_")}
    done = subprocess.run(
        [sys.executable, str(RUN), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    results = json.loads(out.read_text())
    rows = {r["id"]: r for r in results["results"]}
    assert rows.keys() >= EXPECTED
    # Each size of the generated-checklist and session benchmarks gives its own rows.
    assert any(i.startswith("judge.gen") for i in rows)
    assert any(i.startswith("check.gen") for i in rows)
    assert any(i.startswith("sessions.list") and i.endswith(".cold") for i in rows)
    assert any(i.startswith("sessions.list") and i.endswith(".warm") for i in rows)
    for row in rows.values():
        assert isinstance(row["value"], float | int) and math.isfinite(row["value"]), row
        assert row["value"] >= 0, row
        if row.get("baseline") is not None:
            assert row["baseline"] > 0, row
    assert results["machine"]["cores"] >= 1
    # The table a person reads is printed too.
    assert "| benchmark |" in done.stdout
