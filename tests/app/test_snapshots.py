"""Snapshots of the key screens at fixed sizes. Review diffs in snapshot_report.html before
running `pytest --snapshot-update`."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import store
from iop_tui.tui.screens.sessions import SessionsScreen

from .apphelpers import example, make_app, write_session

FIXED = "2026-03-02T09:40:00Z"


@pytest.fixture
def session_file(_isolated_data_dir: Path) -> Path:
    d = store.sessions_dir(_isolated_data_dir)
    half = example("07-kvinnojour-osakra-svar-oklart")
    half.answers = dict(list(half.answers.items())[:12])
    write_session(d, "kvinnojour.toml", half)
    return write_session(d, "laxhjalp.toml", example("01-laxhjalp-iop"))


def test_start(snap_compare, _isolated_data_dir: Path) -> None:
    assert snap_compare(make_app(_isolated_data_dir), terminal_size=(100, 30))


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_question(snap_compare, _isolated_data_dir: Path, session_file: Path, size) -> None:
    path = session_file.with_name("kvinnojour.toml")
    assert snap_compare(make_app(_isolated_data_dir, open_path=path), terminal_size=size)


def test_review(snap_compare, _isolated_data_dir: Path, session_file: Path) -> None:
    app = make_app(_isolated_data_dir, open_path=session_file)
    assert snap_compare(app, terminal_size=(100, 30))


def test_result(snap_compare, _isolated_data_dir: Path, session_file: Path) -> None:
    path = session_file.with_name("kvinnojour.toml")
    assert snap_compare(
        make_app(_isolated_data_dir, open_path=path), terminal_size=(100, 30), press=["r"]
    )


def test_sessions(snap_compare, _isolated_data_dir: Path, session_file: Path) -> None:
    async def open_list(pilot) -> None:
        pilot.app.push_screen(SessionsScreen(store.sessions_dir(_isolated_data_dir)))
        await pilot.pause()

    assert snap_compare(make_app(_isolated_data_dir), terminal_size=(100, 30), run_before=open_list)
