"""A save killed at any moment leaves either the old or the new file: never a mix, never empty.

A child process (forked, so it starts in milliseconds) opens the session the way the app
does (`Assessment.open`, which also takes over the lock the previous child left behind)
and saves in a tight loop, growing and shrinking the file. Before each write it reports the
SHA-256 of the bytes it is about to write through a pipe. The parent kills it with SIGKILL
after a random delay, then checks every session file on disk: it parses, and its bytes are
either what was there before this child started or exactly one of the payloads this child
reported. Repeated KILLS times; every tenth child also saves a copy under a new name, so
killed creations are covered too.
"""

from __future__ import annotations

import gc
import hashlib
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest

from iop_tui import catalog, lock, store
from iop_tui.assessment import Assessment
from iop_tui.checklist import Answer
from iop_tui.listing import list_sessions

KILLS = int(os.environ.get("IOP_TUI_KILLS", "200"))  # raise it for a longer local run
DIGEST = 32

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork and SIGKILL (POSIX)")

SESSION = """schema = 1
checklist = "bollebygd"
[meta]
title = "Dödad mitt i"
"""


def _child(path: Path, report: int, child_no: int) -> None:
    """Runs in the forked child; never returns."""
    code = 0
    try:
        real_write_temp = store._write_temp

        def reporting_write_temp(target: Path, data: bytes) -> str:
            # One pipe write of 32 bytes is atomic (< PIPE_BUF): the parent sees the
            # digest whole before the first byte of this payload can reach the disk.
            os.write(report, hashlib.sha256(data).digest())
            return real_write_temp(target, data)

        store._write_temp = reporting_write_temp  # only in this child's memory
        rng = random.Random(child_no)
        a = Assessment.open(path, path.parent)
        qids = [q.id for q in a.checklist.questions]
        n = 0
        while True:
            n += 1
            # The file's size varies (2-25 kB), so a mix of two versions would show; kept
            # small because parsing it after every kill is what this test spends time on.
            pad = "å" * rng.randrange(0, 10_000)
            a.session.set_note(qids[0], f"barn {child_no} sparning {n} {pad}")
            qid = rng.choice(qids)
            a.answer(qid, rng.choice(list(Answer)))  # saves (and the note with it)
            if child_no % 10 == 0 and n == 1:
                a.save_copy()
    except BaseException:
        traceback.print_exc()
        code = 70
    finally:
        os._exit(code)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks)


def _sessions(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.glob("*.toml") if not p.name.startswith(".")}


@pytest.fixture
def fork_ready() -> Iterator[None]:
    catalog.installed()  # load the checklists once, before forking, not in every child
    # Keep the children's garbage collector off the parent's objects: touching them would
    # copy most of the parent's memory into every child and make each fork slow.
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@pytest.mark.long
def test_sigkill_during_saves_never_corrupts(tmp_path: Path, fork_ready: None) -> None:
    directory = tmp_path / "sessions"
    directory.mkdir(mode=0o700)
    path = directory / "dodad.toml"
    path.write_text(SESSION)
    on_disk = _sessions(directory)
    rng = random.Random(20260302)
    mid_save = 0  # kills that left a temp file: the child was inside a save
    saves_seen = 0
    started = time.monotonic()
    for child_no in range(1, KILLS + 1):
        temps_before = len(list(directory.glob(".*.tmp")))
        r, w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _child(path, w, child_no)
        os.close(w)
        # Wait until the child is saving, then kill it at a random moment.
        first = os.read(r, DIGEST)
        time.sleep(rng.choice([0.0, rng.uniform(0, 0.002), rng.uniform(0, 0.03)]))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        reported = first + _read_all(r)
        os.close(r)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"child {child_no} ended by itself (status {status}) before it was killed; "
            "see its traceback above"
        )
        new = {reported[i : i + DIGEST] for i in range(0, len(reported), DIGEST)}
        saves_seen += len(new)

        now = _sessions(directory)
        for name, data in now.items():
            assert data, f"after kill {child_no}: {name} is empty"
            digest = hashlib.sha256(data).digest()
            old = on_disk.get(name)
            assert data == old or digest in new, (
                f"after kill {child_no}: {name} is neither its old content nor one this "
                f"child wrote ({len(data)} bytes)"
            )
            store.load(directory / name)  # parses and validates
        assert on_disk.keys() <= now.keys(), "a session file disappeared"
        on_disk = now
        # Temp and lock files never show up as sessions, and nothing listed is damaged.
        entries = list_sessions(directory)
        assert sorted(e.path.name for e in entries) == sorted(now)
        assert not [e for e in entries if e.damaged]
        assert lock.holder(path) is None  # the killed child's lock is known to be stale
        mid_save += len(list(directory.glob(".*.tmp"))) > temps_before

    elapsed = time.monotonic() - started
    print(
        f"{KILLS} kills, {saves_seen} saves started, {mid_save} kills left a temp file, "
        f"{len(on_disk)} session files, {elapsed:.1f} s"
    )
    # The test is only worth something if kills really landed inside saves.
    assert mid_save >= KILLS // 10, f"only {mid_save} of {KILLS} kills interrupted a save"
    # The survivor opens cleanly, taking over the last stale lock.
    with Assessment.open(path, directory) as a:
        a.answer(a.checklist.questions[0].id, Answer.YES)
    assert store.load(path).answers[a.checklist.questions[0].id] == Answer.YES
