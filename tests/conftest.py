from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from iop_tui.checklist import Checklist, load_checklist

# Times on screen (sessions list) are shown in local time: pin it so snapshots are stable.
os.environ["TZ"] = "UTC"
time.tzset()

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own sessions out of every test."""
    data = tmp_path / "data"
    monkeypatch.setenv("IOP_TUI_DATA_DIR", str(data))
    return data


@pytest.fixture(scope="session")
def mini() -> Checklist:
    return load_checklist(FIXTURES / "mini.toml")
