from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_tui.checklist import Checklist, load_checklist

# Times on screen (sessions list) are shown in local time: pin it so snapshots are stable.
os.environ["TZ"] = "UTC"
time.tzset()

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def _parse_each_shipped_checklist_once() -> None:
    """Every test starts with a fresh catalog (`_isolated_config_dir` below), so the shipped
    checklists were parsed and validated again for nearly every test: about a tenth of the
    suite's time. The catalog still does all its own work (finding the files, the user's
    checklists, the problems, the profile's kommun and the language); only the parse of a
    shipped file is reused, and only for exactly the same text, kommun values and language.
    A Checklist is frozen, so sharing it between tests shares nothing a test can change.
    Tests of the loader call load_checklist/parse_checklist themselves, unaffected."""
    from iop_tui import catalog

    load = catalog.load_checklist
    shipped = catalog.checklists_dir()
    parsed: dict[tuple, Checklist] = {}

    def load_checklist(path, kommun=None, lang=None):  # type: ignore[no-untyped-def]
        if Path(path).parent != shipped:
            return load(path, kommun, lang)
        key = (str(path), Path(path).read_bytes(), tuple(sorted((kommun or {}).items())), lang)
        if key not in parsed:
            parsed[key] = load(path, kommun, lang)
        return parsed[key]

    catalog.load_checklist = load_checklist  # type: ignore[assignment]


_parse_each_shipped_checklist_once()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `long` first, in the shuffled order among themselves, the rest after
    them as shuffled. A long test started near the end of a parallel run kept one worker
    busy alone for up to half a minute; started first, the others' work fills in beside it
    (README's `--dist worksteal` lets the other worker take over the queue behind it).
    pytest-randomly shuffles before this hook runs, and every worker sorts alike."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the developer's own sessions out of every test."""
    data = tmp_path / "data"
    monkeypatch.setenv("IOP_TUI_DATA_DIR", str(data))
    return data


@pytest.fixture(autouse=True)
def _isolated_config_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Keep the developer's own profile, checklists and templates (a kommun's replacements
    live in the config dir) out of every test. The profile file
    exists (no kommun chosen), so the app does not ask for one on start; tests of the first
    run delete it."""
    from iop_tui import catalog, profile

    config = tmp_path_factory.mktemp("config")  # not in tmp_path: tests list that
    monkeypatch.setenv("IOP_TUI_CONFIG_DIR", str(config))
    profile.save(profile.Profile())
    profile._loaded = False
    catalog.reload()
    yield config
    profile._loaded = False
    catalog._extra_paths.clear()
    catalog.reload()


@pytest.fixture(scope="session")
def mini() -> Checklist:
    return load_checklist(FIXTURES / "mini.toml")


@contextlib.contextmanager
def lock_held_elsewhere(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process (a real one) holding the lock of `path` until the block ends."""
    code = (
        "import sys\n"
        "from iop_tui import lock\n"
        f"held = lock.acquire({str(path)!r})\n"
        "print('held', flush=True)\n"
        "sys.stdin.read()\n"  # until we close its stdin
        "held.release()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "held\n"
        yield proc
    finally:
        if proc.poll() is None:
            assert proc.stdin is not None
            proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
