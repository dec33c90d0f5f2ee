"""Issue 16, the command line as a new user meets it: options in either place, a misspelt id
named with its closest match, one convention for times, a busy port in one line, and shipped
or read-only examples that are never written."""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path

import pytest

from iop_tui import catalog, store
from iop_tui.checklist import Answer
from iop_tui.cli import main

from .apphelpers import SIZE, example, make_app, write_session

SESSION = """schema = 1
checklist = "bollebygd"
updated = 2026-03-02T09:40:00Z

[meta]
title = "Läxhjälp"

[answers]
org_juridisk_person = "yes"
marknad_pris_per_prestaton = "no"
"""


def test_global_options_after_the_subcommand(tmp_path: Path, capsys) -> None:
    write_session(store.sessions_dir(tmp_path), "a.toml", example("01-laxhjalp-iop"))
    assert main(["list", "--lang", "en", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("file\ttitle") and "a.toml" in out
    assert main(["--lang", "en", "checklists", "--lang", "en"]) == 0
    # A value given before the subcommand is kept when it is not repeated after it.
    assert main(["--data-dir", str(tmp_path), "list", "--json"]) == 0
    assert "a.toml" in capsys.readouterr().out


def test_checklists_ends_with_a_newline(capsys) -> None:
    assert main(["checklists"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n") and not out.endswith("\n\n")


def test_misspelt_question_id_suggests_the_closest_and_fails_under_strict(
    tmp_path: Path, capsys
) -> None:
    path = tmp_path / "s.toml"
    path.write_text(SESSION, encoding="utf-8")
    assert main(["judge", str(path)]) == 0
    err = capsys.readouterr().err
    assert "marknad_pris_per_prestaton (menade du marknad_pris_per_prestation?)" in err
    for argv in (
        ["--strict", "judge", str(path)],
        ["export", str(path), "--format", "md", "--strict"],
    ):
        assert main(argv) == 1
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1
        assert "menade du marknad_pris_per_prestation?" in err


def test_list_shows_local_time_and_says_so(tmp_path: Path, capsys, monkeypatch) -> None:
    d = store.sessions_dir(tmp_path)
    d.mkdir(parents=True)
    (d / "s.toml").write_text(SESSION, encoding="utf-8")
    monkeypatch.setenv("TZ", "Europe/Stockholm")
    time.tzset()
    try:
        assert main(["--data-dir", str(tmp_path), "list"]) == 0
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
    header, row = capsys.readouterr().out.splitlines()
    assert "uppdaterad (lokal tid)" in header.split("\t")
    assert "\t2026-03-02 10:40\t" in row  # 09:40 UTC is 10:40 in Stockholm in March


def test_serve_on_a_busy_port_is_one_line_exit_1(capsys) -> None:
    pytest.importorskip("textual_serve")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and f"127.0.0.1:{port}" in err and "internal" not in err


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mode) for p in folder.iterdir()}


@pytest.mark.parametrize("kind", ["checkout", "read-only"])
async def test_open_example_or_read_only_file_opens_a_copy(
    tmp_path: Path, _isolated_data_dir: Path, kind: str
) -> None:
    """`iop-tui open checklists/examples/NN.toml` from a checkout (whatever was installed)
    or a file the user may not write: answered in a copy, the original untouched, no lock."""
    shipped = catalog.examples()[0]
    folder = tmp_path / ("checklists/examples" if kind == "checkout" else "shared")
    folder.mkdir(parents=True)
    path = folder / shipped.name
    shutil.copy(shipped, path)
    if kind == "read-only":
        path.chmod(0o444)
    before = _state(folder)
    app = make_app(_isolated_data_dir, open_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.assessment is not None and app.assessment.path is None
        a = app.assessment
        qid = a.applicable[0].id
        change = Answer.NO if a.answer_of(qid) is not Answer.NO else Answer.YES
        assert app.guarded(lambda: a.answer(qid, change))  # saved, never to the original
        assert app.assessment.path is not None
        assert app.assessment.path.parent == store.sessions_dir(_isolated_data_dir)
        assert _state(folder) == before
    assert _state(folder) == before
