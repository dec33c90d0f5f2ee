from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from iop_tui import catalog
from iop_tui.cli import main

from ..conftest import FIXTURES, REPO

SHIPPED = REPO / "checklists" / "bollebygd.toml"
MINI_TEXT = (FIXTURES / "mini.toml").read_text(encoding="utf-8")

SESSION = """schema = 1
checklist = "bollebygd"

[answers]
org_vinstutdelning = "yes"
"""


def run(*args: str, capsys) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_shipped_and_fixture(capsys) -> None:
    code, out, err = run("check", str(SHIPPED), str(FIXTURES / "mini.toml"), capsys=capsys)
    assert code == 0, err
    assert "bollebygd.toml: ok" in out and "mini.toml: ok" in out


def test_check_reports_every_problem_across_files(tmp_path: Path, capsys) -> None:
    bad1 = tmp_path / "bad1.toml"
    bad1.write_text(
        MINI_TEXT.replace('sources = ["s1"]\nterms', 'sources = ["x"]\nterms').replace(
            'id = "individual"', 'id = "profit"'
        )
    )
    bad2 = tmp_path / "bad2.toml"
    bad2.write_text('id = "x"\nbroken = = 1\n')
    code, out, err = run("check", str(bad1), str(bad2), str(FIXTURES / "mini.toml"), capsys=capsys)
    assert code == 1
    lines = err.splitlines()
    assert f"{bad1}: shared: unknown source 'x'" in lines
    assert f"{bad1}: profit: duplicate question id" in lines
    assert any(line.startswith(f"{bad2}: invalid TOML") and "line 2" in line for line in lines)
    assert "mini.toml: ok" in out
    assert "Traceback" not in err


def test_check_runs_scenarios_and_reachability(tmp_path: Path, capsys) -> None:
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(
        MINI_TEXT.replace(
            'name = "IOP"\nexpect = "iop"', 'name = "IOP"\nexpect = "foreningsbidrag"'
        )
    )
    code, _, err = run("check", str(wrong), capsys=capsys)
    assert code == 1
    assert "scenario 'IOP': expected foreningsbidrag, got iop" in err
    # Remove every way to reach föreningsbidrag: no signal for it, no way to win.
    unreachable = tmp_path / "unreachable.toml"
    unreachable.write_text(
        MINI_TEXT.replace(
            '{ outcome = "foreningsbidrag", weight = 1, reason = "Bidrag" }',
            '{ outcome = "upphandling", weight = 1, reason = "Bidrag" }',
        ).replace(
            '{ outcome = "foreningsbidrag", weight = 3, reason = "Löpande" }',
            '{ outcome = "upphandling", weight = 3, reason = "Löpande" }',
        )
    )
    code, _, err = run("check", str(unreachable), capsys=capsys)
    assert code == 1
    assert "outcome 'foreningsbidrag': no set of answers reaches it" in err


def test_checklists_lists_installed(capsys) -> None:
    code, out, _ = run("checklists", capsys=capsys)
    assert code == 0
    assert out.startswith(f"bollebygd\t{catalog.get('bollebygd').version}\t")


def test_judge_text_and_json(tmp_path: Path, capsys) -> None:
    s = tmp_path / "s.toml"
    s.write_text(SESSION)
    code, out, _ = run("judge", str(s), capsys=capsys)
    assert code == 0
    # The head of the verdict view, questions quoted by their text, never by id.
    assert out.startswith("Oklart") and "Nästa steg" in out and "Det här avgör" in out
    assert "Kan ett överskott" in out and "org_vinstutdelning" not in out
    code, out, _ = run("judge", "--json", str(s), capsys=capsys)
    data = json.loads(out)
    assert code == 0
    assert {"outcome", "firmness", "reasons", "open_questions"} <= data.keys()
    assert "iop" in data["excluded"]


def test_judge_reports_unknown_ids(tmp_path: Path, capsys) -> None:
    s = tmp_path / "s.toml"
    s.write_text(SESSION + 'gammal_fraga = "no"\n')
    code, out, err = run("judge", "--json", str(s), capsys=capsys)
    assert code == 0
    assert json.loads(out)["unknown_questions"] == ["gammal_fraga"]
    assert "gammal_fraga" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ('schema = 1\nchecklist = "nope"\n', "checklist 'nope' is not installed"),
        ('schema = 1\nchecklist = "bollebygd"\n[answers]\nx = "kanske"\n', "answer must be"),
        ("schema = 9\n", "newer iop-tui"),
    ],
)
def test_judge_bad_input_exit_1(tmp_path: Path, capsys, content: str, message: str) -> None:
    s = tmp_path / "bad.toml"
    s.write_text(content)
    before = s.read_bytes()
    code, out, err = run("judge", str(s), capsys=capsys)
    assert code == 1 and out == ""
    assert err.startswith("iop-tui: ") and message in err and str(s) in err
    assert s.read_bytes() == before


def test_judge_missing_file(capsys, tmp_path: Path) -> None:
    code, _, err = run("judge", str(tmp_path / "nope.toml"), capsys=capsys)
    assert code == 1 and "no such file" in err


def test_list_json_includes_damaged(tmp_path: Path, capsys, monkeypatch) -> None:
    d = tmp_path / "d" / "sessions"
    d.mkdir(parents=True)
    (d / "ok.toml").write_text(SESSION.replace("[answers]", '[meta]\ntitle = "Ok"\n[answers]'))
    (d / "broken.toml").write_text("schema = ")
    code, out, _ = run("--data-dir", str(tmp_path / "d"), "list", "--json", capsys=capsys)
    data = json.loads(out)
    assert code == 0
    assert [e["title"] for e in data] == ["Ok", ""]
    assert data[0]["outcome"] and data[0]["applicable"] > 0
    assert data[1]["error"].startswith("invalid TOML")


def test_list_has_a_header_and_its_names_work_in_judge_and_export(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = tmp_path / "d" / "sessions"
    d.mkdir(parents=True)
    (d / "ok.toml").write_text(SESSION.replace("[answers]", '[meta]\ntitle = "Ok"\n[answers]'))
    code, out, _ = run("--data-dir", str(tmp_path / "d"), "list", capsys=capsys)
    header, row = out.splitlines()
    assert header.split("\t") == [
        "fil",
        "titel",
        "organisation",
        "checklista",
        "uppdaterad (lokal tid)",
        "besvarade",
        "utfall",
    ]
    name = row.split("\t")[0]
    assert name == "ok.toml"
    monkeypatch.chdir(tmp_path)  # no ok.toml here: the name is found in the sessions folder
    for typed in (name, "ok"):
        code, out, err = run("--data-dir", str(tmp_path / "d"), "judge", typed, capsys=capsys)
        assert code == 0 and "Nästa steg" in out, err
    code, out, _ = run(
        "--data-dir", str(tmp_path / "d"), "export", name, "--format", "md", capsys=capsys
    )
    assert code == 0 and "\n# Ok\n" in out
    # A file of that name in the current folder wins; a name found nowhere is an error
    # naming what was typed.
    (tmp_path / "ok.toml").write_text("schema = ")
    code, _, err = run("--data-dir", str(tmp_path / "d"), "judge", name, capsys=capsys)
    assert code == 1 and err.startswith("iop-tui: ok.toml: invalid TOML")
    code, _, err = run("--data-dir", str(tmp_path / "d"), "judge", "nope", capsys=capsys)
    assert code == 1 and "nope: no such file" in err


def test_exit_codes_tell_usage_from_bugs(capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["export", "x.toml", "--format", "pdf"])
    assert usage.value.code == 2
    capsys.readouterr()

    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    from iop_tui import cli

    monkeypatch.setitem(cli.COMMANDS, "checklists", broken)
    monkeypatch.delenv("IOP_TUI_DEBUG", raising=False)
    code, _, err = run("checklists", capsys=capsys)
    assert code == 70
    assert (
        err == "iop-tui: internal error: RuntimeError: a bug (set IOP_TUI_DEBUG=1 to see details)\n"
    )


def test_console_script_entry_point() -> None:
    # The package runs as a module too; help exits 0 and lists the commands.
    out = subprocess.run(
        [sys.executable, "-m", "iop_tui", "--help"], capture_output=True, text=True, check=True
    )
    for cmd in ("check", "checklists", "judge", "list", "new", "open"):
        assert cmd in out.stdout


def test_app_without_a_terminal_exits_with_a_message(tmp_path: Path) -> None:
    # stdin from /dev/null (a script, cron): a clear message, not a hung process.
    out = subprocess.run(
        [sys.executable, "-m", "iop_tui"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "IOP_TUI_DATA_DIR": str(tmp_path)},
    )
    assert out.returncode == 1
    assert "needs a terminal" in out.stderr and "Traceback" not in out.stderr


def test_serve_runs_the_app_for_a_browser(tmp_path: Path) -> None:
    import asyncio
    import socket
    import time
    import urllib.request

    pytest.importorskip("textual_serve", reason="the 'web' extra is not installed")
    import aiohttp  # comes with textual-serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "iop_tui",
            "--data-dir",
            str(tmp_path),
            "serve",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )

    async def first_screen() -> str:
        # What the browser's JavaScript does: open the websocket and read the app's output.
        seen = ""
        async with (
            aiohttp.ClientSession() as http,
            http.ws_connect(
                f"ws://127.0.0.1:{port}/ws?width=100&height=30",
                headers={"Origin": f"http://127.0.0.1:{port}"},  # as a browser sends it
            ) as ws,
        ):
            async with asyncio.timeout(30):
                while "Ny bedömning" not in seen:
                    msg = await ws.receive()
                    if msg.type == aiohttp.WSMsgType.BINARY:
                        seen += msg.data.decode("utf-8", "replace")
                    elif msg.type != aiohttp.WSMsgType.TEXT:
                        break
        return seen

    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    assert resp.status == 200 and "iop-tui" in resp.read().decode()
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert "Ny bedömning" in asyncio.run(first_screen())
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_bare_command_skips_the_parser_with_the_same_defaults() -> None:
    # `iop-tui` alone skips argparse for a faster start; its arguments must stay what the
    # parser would give, or the bare app would run with other settings than `iop-tui --lang sv`.
    from iop_tui.cli import _parser, bare_args

    assert vars(bare_args()) == vars(_parser().parse_args([]))


def test_check_warns_but_passes(capsys) -> None:
    kungalv = REPO / "checklists" / "kungalv.toml"
    code, out, err = run("check", str(kungalv), capsys=capsys)
    assert code == 0
    assert "kungalv.toml: ok" in out
    assert f"{kungalv}: warning: riktlinje: its validity ended 2023-12-31" in err


def test_receive_makes_a_kommun_assessment_and_refuses_a_kommun_file(
    tmp_path: Path, capsys
) -> None:
    org = tmp_path / "org.toml"
    org.write_text(SESSION.replace("schema = 1\n", 'schema = 1\nperspective = "organisation"\n'))
    data = tmp_path / "data"
    code, out, err = run("--data-dir", str(data), "receive", str(org), capsys=capsys)
    assert code == 0, err
    assert "1 svar" in out
    (made,) = (data / "sessions").glob("*.toml")
    assert 'perspective = "kommun"' in made.read_text() or "perspective" not in made.read_text()
    assert "org_vinstutdelning" in made.read_text()
    kommun = tmp_path / "kommun.toml"
    kommun.write_text(SESSION)
    code, out, err = run("--data-dir", str(data), "receive", str(kommun), capsys=capsys)
    assert code == 1 and "perspektivet är kommunens" in err and "Traceback" not in err
