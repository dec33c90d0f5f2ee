"""Work shared with forked helpers (iop_tui/forked.py): every item is done exactly once,
by this process or by a helper whose values arrive intact, and a helper that fails, lies
or hangs costs only time, never a result, and leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_tui import forked

pytestmark = pytest.mark.skipif(not forked.AVAILABLE, reason="helpers need fork (Linux)")


def squares(chunk: Sequence[int]) -> list[int]:
    return [i * i for i in chunk]


def _run(shared: forked.Shared[int], own_delay: float = 0.0) -> tuple[dict[int, int], int]:
    """Every item's value as the caller ends up with it, and how many it did itself."""
    values: dict[int, int] = {}
    own = 0
    try:
        shared.start()
        for chunk in shared.mine():
            time.sleep(own_delay)
            values.update(zip(chunk, squares(chunk), strict=True))
            own += len(chunk)
        for chunk, sent in shared.theirs():
            if sent is None:
                sent = squares(chunk)
                own += len(chunk)
            for item, value in zip(chunk, sent, strict=True):
                assert item not in values  # never done twice
                values[item] = value
    finally:
        shared.close()
    return values, own


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(0, 300), chunk=st.integers(1, 40), processes=st.integers(1, 4))
def test_every_item_is_done_once_with_the_right_value(n: int, chunk: int, processes: int) -> None:
    values, _ = _run(forked.Shared(list(range(n)), squares, processes, chunk))
    assert values == {i: i * i for i in range(n)}


def _helper_pids(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    pids: list[int] = []
    real = forked._fork

    def recording(queue, chunks, work, helpers):  # type: ignore[no-untyped-def]
        started = real(queue, chunks, work, helpers)
        if started:
            pids.append(helpers[-1].pid)
        return started

    monkeypatch.setattr(forked, "_fork", recording)
    return pids


def _gone(pid: int) -> bool:
    """Reaped (a zombie would still take signal 0)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_helpers_do_their_share_when_this_process_is_slow(monkeypatch) -> None:
    pids = _helper_pids(monkeypatch)
    values, own = _run(forked.Shared(list(range(40)), squares, 2, 4), own_delay=0.05)
    assert values == {i: i * i for i in range(40)}
    assert pids and own < 40  # the helper claimed chunks and its values were used
    assert all(_gone(pid) for pid in pids)


def _crashing(chunk: Sequence[int]) -> list[int]:
    raise RuntimeError("helper bug")


def _exiting(chunk: Sequence[int]) -> list[int]:
    os._exit(3)


def _short(chunk: Sequence[int]) -> list[int]:
    return squares(chunk)[:-1]


def _wrong(chunk: Sequence[int]) -> list[int]:
    return [-1] * len(chunk)


@pytest.mark.parametrize("work", [_crashing, _exiting, _short])
def test_a_failing_helper_costs_no_result_and_prints_nothing(
    work, monkeypatch, capfd: pytest.CaptureFixture[str]
) -> None:
    pids = _helper_pids(monkeypatch)
    values, own = _run(forked.Shared(list(range(40)), work, 2, 4), own_delay=0.02)
    assert values == {i: i * i for i in range(40)}
    assert own == 40  # everything the helper claimed came back here
    assert pids and all(_gone(pid) for pid in pids)
    out, err = capfd.readouterr()
    assert out == err == ""  # no traceback from the helper on the app's terminal


def test_the_helpers_values_are_the_ones_used(monkeypatch) -> None:
    # Guards the test above: values a helper sends are taken as they are.
    values, own = _run(forked.Shared(list(range(40)), _wrong, 2, 4), own_delay=0.05)
    assert own < 40
    assert sum(1 for v in values.values() if v == -1) == 40 - own


def _hanging(chunk: Sequence[int]) -> list[int]:
    time.sleep(60)
    return squares(chunk)


def test_a_hanging_helper_is_killed_after_the_grace_time(monkeypatch) -> None:
    monkeypatch.setattr(forked, "GRACE_S", 0.3)
    pids = _helper_pids(monkeypatch)
    t0 = time.monotonic()
    values, own = _run(forked.Shared(list(range(40)), _hanging, 2, 4), own_delay=0.02)
    assert time.monotonic() - t0 < 10
    assert values == {i: i * i for i in range(40)}
    assert own == 40
    assert pids and all(_gone(pid) for pid in pids)


def test_one_process_or_too_few_chunks_start_no_helper(monkeypatch) -> None:
    pids = _helper_pids(monkeypatch)
    for shared in (
        forked.Shared(list(range(40)), squares, 1, 4),
        forked.Shared(list(range(4)), squares, 4, 4),  # one chunk
    ):
        values, own = _run(shared)
        assert own == len(values)
    assert pids == []


def test_processes_is_bounded_by_the_cpus_we_may_use() -> None:
    assert 1 <= forked.processes() <= min(len(os.sched_getaffinity(0)), forked.MAX_PROCESSES)


def test_an_error_here_stops_the_helpers_at_once(monkeypatch) -> None:
    pids = _helper_pids(monkeypatch)
    shared = forked.Shared(list(range(40)), _hanging, 2, 4)
    t0 = time.monotonic()
    with pytest.raises(RuntimeError):
        try:
            shared.start()
            for _chunk in shared.mine():
                raise RuntimeError("a bug in the caller")
        finally:
            shared.close()
    assert time.monotonic() - t0 < 5  # killed, not waited for
    assert pids and all(_gone(pid) for pid in pids)
    shared.close()  # twice is harmless


def _open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("work", [squares, _crashing, _hanging])
def test_no_descriptor_is_left_open(work, monkeypatch) -> None:
    monkeypatch.setattr(forked, "GRACE_S", 0.2)
    _run(forked.Shared(list(range(4)), squares, 2, 4))  # the first run opens what stays open
    before = _open_descriptors()
    _run(forked.Shared(list(range(40)), work, 2, 4), own_delay=0.02)
    assert _open_descriptors() <= before


def test_helpers_ignore_signals_and_hold_no_inherited_descriptor(tmp_path) -> None:
    held = os.open(tmp_path / "lock", os.O_CREAT | os.O_RDWR)  # like a session's lock file

    def probe(chunk: Sequence[int]) -> list[int]:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C reaches the whole process group
        try:
            os.fstat(held)
        except OSError:
            return [1] * len(chunk)  # closed, as it must be
        return [2] * len(chunk)

    try:
        values, own = _run(forked.Shared(list(range(40)), probe, 2, 4), own_delay=0.05)
    finally:
        os.close(held)
    assert own < 40  # the helper was not interrupted: its values came back
    theirs = [v for i, v in values.items() if v != i * i]
    assert theirs and set(theirs) == {1}


_ORPHANING_APP = """
import sys, time
from iop_tui import forked

def hang(chunk):
    time.sleep(60)
    return list(chunk)

shared = forked.Shared(list(range(40)), hang, 2, 4)
shared.start()
print(*[h.pid for h in shared._helpers], flush=True)
time.sleep(60)
"""


def _dead(pid: int) -> bool:
    """Gone, or a zombie waiting for whoever adopted it."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_helpers_die_with_the_app_that_forked_them() -> None:
    app = subprocess.Popen(
        [sys.executable, "-c", _ORPHANING_APP], stdout=subprocess.PIPE, text=True
    )
    try:
        assert app.stdout is not None
        pids = [int(p) for p in app.stdout.readline().split()]
        assert pids and not any(_dead(pid) for pid in pids)
    finally:
        app.kill()  # SIGKILL: the app runs no cleanup of its own
        app.wait()
    deadline = time.monotonic() + 5
    while not all(_dead(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(_dead(pid) for pid in pids)


def test_an_interrupt_right_after_the_fork_leaves_no_helper(monkeypatch) -> None:
    forked_pids: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked_pids.append(pid)
        return pid

    class Interrupted(forked._Process):
        made = 0

        def __init__(self, pid: int, fd: int) -> None:
            Interrupted.made += 1
            if Interrupted.made == 1:  # as a signal handler would, before the helper is listed
                raise KeyboardInterrupt
            super().__init__(pid, fd)

    monkeypatch.setattr(forked.os, "fork", fork)
    monkeypatch.setattr(forked, "_Process", Interrupted)
    before = _open_descriptors()
    shared = forked.Shared(list(range(40)), _hanging, 2, 4)
    with pytest.raises(KeyboardInterrupt):
        shared.start()
    shared.close()
    assert forked_pids and all(_gone(pid) for pid in forked_pids)
    assert _open_descriptors() <= before


def _large(chunk: Sequence[int]) -> list[str]:
    return ["x" * 500_000 for _ in chunk]  # 2 MB a chunk: many pipe-fulls


def test_a_result_still_arriving_after_the_deadline_is_taken(monkeypatch) -> None:
    monkeypatch.setattr(forked, "GRACE_S", -100.0)  # the deadline has passed when reading
    shared = forked.Shared(list(range(40)), _large, 2, 4)
    own = 0
    from_helper = 0
    try:
        shared.start()
        for chunk in shared.mine():
            time.sleep(0.05)  # the helper meanwhile claims chunks and starts sending
            own += len(chunk)
        for _chunk, sent in shared.theirs():
            if sent is not None:
                assert sent == _large(_chunk)
                from_helper += len(sent)
    finally:
        shared.close()
    assert own < 40 and from_helper == 40 - own
