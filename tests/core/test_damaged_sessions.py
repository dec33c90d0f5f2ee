"""Damaged session files: each gives one clear line naming the file and the problem, in the
CLI (exit 1), in the sessions list (listed as damaged, with the reason) and when opened for
editing. Never a traceback, never a changed, created or deleted file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from iop_tui import listing
from iop_tui.assessment import Assessment
from iop_tui.cli import main
from iop_tui.errors import IopError

GOOD = """schema = 1
checklist = "bollebygd"
checklist_version = "1.0"
created = 2026-03-02T09:15:00Z
updated = 2026-03-02T09:40:00Z

[meta]
title = "Läxhjälp i Bollebygd"

[answers]
org_juridisk_person = "yes"
org_vinstutdelning = "no"

[notes]
org_juridisk_person = "Ideell förening med stadgar från 2011."
"""


def session(extra: str = "", **replace: str) -> bytes:
    text = GOOD
    for old, new in replace.items():
        text = text.replace(old, new)
    return (text + extra).encode()


# name -> (file content, words the one-line reason must contain)
DAMAGED: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "only-whitespace": (b" \n\t\n", "the file is empty"),
    "truncated-mid-string": (GOOD.encode()[: GOOD.index('Bollebygd"') + 3], "invalid TOML"),
    "truncated-mid-table": (GOOD.encode()[: GOOD.index("[answers]") + 4], "invalid TOML"),
    "invalid-toml": (b"schema = = 1\n", "invalid TOML"),
    "duplicate-key": (session('org_juridisk_person = "no"\n'), "invalid TOML"),
    "bad-date": (
        session(**{"2026-03-02T09:40:00Z": "2026-02-30T09:40:00Z"}),
        "invalid TOML: Invalid date or datetime",
    ),
    "binary": (bytes(range(256)) * 4, "not UTF-8"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
    "utf16-from-windows": (GOOD.encode("utf-16"), "not UTF-8"),
    "nul-bytes": (b"schema = 1\x00\x00\x00", "binary"),
    "deeply-nested": (b"schema = 1\nx = " + b"[" * 50_000 + b"]" * 50_000, "nested too deeply"),
    "no-schema": (session(**{"schema = 1\n": ""}), "no 'schema' field"),
    "schema-as-text": (session(**{"schema = 1": 'schema = "1"'}), "'schema' must be a number"),
    "schema-as-bool": (session(**{"schema = 1": "schema = true"}), "'schema' must be a number"),
    "schema-as-float": (session(**{"schema = 1": "schema = 1.0"}), "'schema' must be a number"),
    "unknown-schema-0": (session(**{"schema = 1": "schema = 0"}), "unknown session schema 0"),
    "unknown-schema-neg": (session(**{"schema = 1": "schema = -1"}), "unknown session schema -1"),
    "future-schema": (session(**{"schema = 1": "schema = 2"}), "newer iop-tui"),
    "far-future-schema": (session(**{"schema = 1": "schema = 999999"}), "newer iop-tui"),
    "answers-not-a-table": (
        b'schema = 1\nchecklist = "bollebygd"\nanswers = 3\n',
        "answers: must be a table of id = value, not 3",
    ),
    "answers-as-table-of-ints": (session(**{'"yes"\norg_vin': "1\norg_vin"}), "answer must be"),
    "answer-ja": (session(**{'person = "yes"': 'person = "ja"'}), "answer must be yes, no"),
    "answer-capital": (session(**{'person = "yes"': 'person = "Yes"'}), "answer must be"),
    "answer-bool": (session(**{'person = "yes"': "person = true"}), "answer must be"),
    "answer-empty": (session(**{'person = "yes"': 'person = ""'}), "answer must be"),
    "created-as-text": (
        session(**{"created = 2026-03-02T09:15:00Z": 'created = "igår"'}),
        "created: must be a date and time like 2026-03-02T09:15:00Z, not 'igår'",
    ),
    "meta-as-text": (
        b'schema = 1\nchecklist = "bollebygd"\nmeta = "x"\n',
        "meta: must be a table, not 'x'",
    ),
    "title-as-number": (session(**{'title = "Läxhjälp i Bollebygd"': "title = 5"}), "meta.title"),
    "unknown-meta-field": (session(**{"[meta]\n": '[meta]\nphone = "1"\n'}), "unknown field"),
    "note-as-number": (session(**{'= "Ideell förening med stadgar från 2011."': "= 3"}), "notes"),
    "checklist-as-number": (session(**{'checklist = "bollebygd"': "checklist = 5"}), "checklist"),
    "checklist-empty": (session(**{'checklist = "bollebygd"': 'checklist = ""'}), "checklist"),
    "checklist-missing": (session(**{'checklist = "bollebygd"\n': ""}), "checklist: required"),
    "checklist-not-installed": (
        session(**{'checklist = "bollebygd"': 'checklist = "ostersund"'}),
        "checklist 'ostersund' is not installed "
        "(installed: bollebygd, boras, kalmar_uppfoljning, kungalv, kungsbacka)",
    ),
    "unknown-top-level-field": (
        session(**{"schema = 1\n": "schema = 1\nverdict = 'iop'\n"}),
        "verdict: unknown field",
    ),
    "control-chars-in-key": (
        session(**{"[answers]\n": '[answers]\n"evil\\n\\u001b[2Jkey" = "kanske"\n'}),
        "answer must be yes, no or unsure",
    ),
    # Issue 17, item 5: these crashed the sessions list (OverflowError) and `export`.
    "updated-past-year-9999": (
        session(**{"2026-03-02T09:40:00Z": "9999-12-31T23:00:00-02:00"}),
        "updated: date out of range",
    ),
    "created-before-year-1-in-utc": (
        session(**{"2026-03-02T09:15:00Z": "0001-01-01T00:30:00+02:00"}),
        "created: date out of range",
    ),
    "updated-last-day-of-9999": (
        session(**{"2026-03-02T09:40:00Z": "9999-12-31T23:00:00Z"}),
        "updated: date out of range",
    ),
    "updated-year-1-local": (
        session(**{"2026-03-02T09:40:00Z": "0001-01-01T00:00:00"}),
        "updated: date out of range",
    ),
    "huge-bad-answer": (
        session(**{'person = "yes"': 'person = "' + "x" * 200_000 + '"'}),
        "answer must be",
    ),
}


def _big(path: Path) -> None:
    with path.open("wb") as f:  # 50 MB, sparse: instant to make
        f.truncate(50_000_000)


def _dir(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would block forever


MADE = {"50-mb": (_big, "too large for a session file (50 MB"), "directory": (_dir, "not a file")}
if hasattr(os, "mkfifo"):
    MADE["fifo"] = (_fifo, "not a file")


def state(directory: Path) -> dict[str, tuple[int, int, bytes | None]]:
    """Every entry's size, mtime and (for small regular files) bytes."""
    out = {}
    for p in directory.iterdir():
        st = p.lstat()
        small = p.is_file() and st.st_size < 2_000_000 and not p.is_fifo()
        out[p.name] = (st.st_size, st.st_mtime_ns, p.read_bytes() if small else None)
    return out


def make(tmp_path: Path, name: str) -> tuple[Path, str]:
    d = tmp_path / "sessions"
    d.mkdir()
    path = d / f"{name}.toml"
    if name in DAMAGED:
        content, reason = DAMAGED[name]
        path.write_bytes(content)
    else:
        maker, reason = MADE[name]
        maker(path)
    return path, reason


@pytest.mark.parametrize("name", [*DAMAGED, *MADE])
def test_damaged_file(tmp_path: Path, capsys, name: str) -> None:
    path, reason = make(tmp_path, name)
    d = path.parent
    before = state(d)

    # CLI: exit 1, one line on stderr naming the file and the problem, nothing on stdout.
    code = main(["judge", str(path)])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"iop-tui: {path}: "), err
    assert reason in err and "Traceback" not in err and "internal error" not in err

    # The sessions list: shown as damaged, with the same reason.
    entry = listing.describe(path)
    assert entry.damaged and reason in entry.error and "\n" not in entry.error
    assert [(e.path, e.error) for e in listing.list_sessions(d)] == [(path, entry.error)]
    code = main(["--data-dir", str(tmp_path), "list", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0 and reason in json.loads(out)[0]["error"]

    # Opening it for editing (what the app does): the same error, and no lock left behind.
    with pytest.raises(IopError, match="^" + re.escape(str(path))) as exc:
        Assessment.open(path, d)
    assert reason in str(exc.value)

    assert state(d) == before, "the file or its folder changed"


def test_list_never_hangs_or_stops_on_mixed_folder(tmp_path: Path, capsys) -> None:
    d = tmp_path / "sessions"
    d.mkdir()
    for name, (content, _) in DAMAGED.items():
        (d / f"{name}.toml").write_bytes(content)
    for name, (maker, _) in MADE.items():
        maker(d / f"{name}.toml")
    (d / "ok.toml").write_bytes(GOOD.encode())
    (d / ".ok.toml.lock").write_text("{}")
    (d / ".ok.toml.abcd1234.tmp").write_text("half")
    entries = listing.list_sessions(d)
    assert entries[0].path.name == "ok.toml" and not entries[0].damaged
    assert len(entries) == 1 + len(DAMAGED) + len(MADE)
    assert all(e.damaged for e in entries[1:])
    code = main(["--data-dir", str(tmp_path), "list"])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    # A header, then one line each, whatever the titles hold.
    assert len(out.splitlines()) == 1 + len(entries)


def test_unknown_question_ids_are_not_damage(tmp_path: Path, capsys) -> None:
    """Ids the checklist lacks (e.g. removed in a newer version) are kept and reported:
    judged without them in the CLI, listed normally with them named."""
    d = tmp_path / "sessions"
    d.mkdir()
    path = d / "gammal.toml"
    path.write_bytes(
        session(
            **{
                "[answers]\n": '[answers]\ngammal_fraga = "no"\n',
                "[notes]\n": '[notes]\nannan = "x"\n',
            }
        )
    )
    before = state(d)
    code = main(["judge", str(path)])
    out, err = capsys.readouterr()
    assert code == 0 and "Nästa steg" in out
    assert "okända fråge-id (bedöms inte): gammal_fraga, annan" in err
    entry = listing.describe(path)
    assert not entry.damaged and entry.unknown == ("gammal_fraga", "annan")
    code = main(["--data-dir", str(tmp_path), "list", "--json"])
    out, err = capsys.readouterr()
    assert json.loads(out)[0]["unknown_questions"] == ["gammal_fraga", "annan"]
    code = main(["--data-dir", str(tmp_path), "list"])
    out, err = capsys.readouterr()
    assert "gammal.toml\tLäxhjälp i Bollebygd" in out
    assert f"{path}: okända fråge-id (bedöms inte): gammal_fraga, annan" in err
    assert state(d) == before


def test_titles_cannot_break_list_lines(tmp_path: Path, capsys) -> None:
    d = tmp_path / "sessions"
    d.mkdir()
    (d / "a.toml").write_bytes(
        session(**{"Läxhjälp i Bollebygd": "rad 1\\nrad 2\\t\\u001b[31mröd"})
    )
    main(["--data-dir", str(tmp_path), "list"])
    out, _ = capsys.readouterr()
    assert out.count("\n") == 2 and "\x1b" not in out  # the header and one line
    assert "rad 1\\nrad 2\\t\\x1b[31mröd" in out


def test_bom_from_windows_editors_is_accepted(tmp_path: Path, capsys) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert main(["judge", str(path)]) == 0


def test_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    path, _ = make(tmp_path, "binary")
    out = subprocess.run(
        [sys.executable, "-m", "iop_tui", "judge", str(path)], capture_output=True, text=True
    )
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr == f"iop-tui: {path}: not a session file (not UTF-8 text)\n"
