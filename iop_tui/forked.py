"""Share a long pure computation with forked helper processes (Linux only).

The sessions list reads and judges every file it has not indexed; with thousands of them
that is over a second of one core's work, while a second core usually sits idle. A helper
is a fork of this process: it starts in milliseconds with everything already loaded (the
installed checklists included, so it cannot judge by a different checklist than the app),
computes, sends its results back through a pipe (marshal) and exits with `os._exit`, which
runs none of the parent's exit handlers and flushes none of its buffers.

The work is cut into chunks that every process, this one included, claims one at a time
from a shared queue (a pipe holding one 4-byte token per chunk: a pipe read of 4 bytes is
atomic), so a process on a busier core simply claims fewer: the host's cores are not
equally fast from one second to the next.

Forking a process that has threads (the app has: Textual's input and output threads) is
only safe when the child touches nothing another thread may hold at the moment of the fork.
So a helper's work must be plain Python over data already in memory plus file reads: no
logging, no imports, no locks, no terminal, and the caller warms every cache the work fills
on first use before it forks. A helper is born with every signal blocked (a terminal resize
or Ctrl+C belongs to the app: the app blocks them around the fork, so not even the first
instruction of a helper can be interrupted into the app's own code), closes every inherited
descriptor it does not need (the app's session locks among them), dies with the app that
forked it, and is killed when it fails to deliver in time.

Nothing here may cost the caller a result: a helper that cannot start, dies, sends something
malformed or misses the deadline yields None for the chunks it claimed, and the caller does
them itself. See docs/adr/0007-parallel-cold-listing.md.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any, Generic, NoReturn, TypeVar

T = TypeVar("T")

#: Where forking a process with threads is sound for work like ours (macOS forbids much
#: after such a fork; Windows has no fork).
AVAILABLE = sys.platform == "linux" and hasattr(os, "fork")
#: At most this many processes share the work, the caller included.
MAX_PROCESSES = 4
_TOKEN = 4  # bytes per chunk number in the queue
_MAX_CHUNKS = 4096  # 16 KiB of tokens: well within a pipe's buffer, so filling never blocks
#: How long helpers may take after this process has finished its own chunks (plus twice
#: the time so far) before they are killed and their chunks done here.
GRACE_S = 5.0
#: Past the deadline, a helper that has begun sending gets this long for each further part:
#: what a finished helper sends is not thrown away.
_LATE_READ_S = 0.5
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def processes() -> int:
    """How many processes may usefully share work: one per CPU this process may run on,
    at most MAX_PROCESSES; 1 where helpers are not available."""
    if not AVAILABLE:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_PROCESSES))


class _Process:
    """A helper process and the read end of the pipe its result comes through."""

    __slots__ = ("fd", "pid", "reaped")

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd: int | None = fd
        self.reaped = False

    def stop(self, kill: bool = True) -> None:
        """Kill the helper unless it has finished, reap it, close the pipe. Safe to call
        again, also after an interrupt half-way: each step is marked done after it."""
        if not self.reaped:
            if kill:
                with contextlib.suppress(OSError):
                    os.kill(self.pid, signal.SIGKILL)
            # ChildProcessError: already reaped (SIGCHLD ignored by someone, or by an
            # interrupted call of this): nothing to wait for.
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.reaped = True
        fd, self.fd = self.fd, None  # an interrupt in between leaks one descriptor at worst
        if fd is not None:
            os.close(fd)


class Shared(Generic[T]):
    """`items` in chunks, shared between this process and up to `processes - 1` helpers
    that run `work(chunk)` (a list with one marshal-able value per item).

    Use: start(), do each chunk of mine() here, then take theirs(); close() in a finally.
    With one process (or when no helper starts) mine() yields every chunk."""

    def __init__(
        self,
        items: Sequence[T],
        work: Callable[[Sequence[T]], list[Any]],
        processes: int,
        chunk: int = 64,
    ) -> None:
        size = max(chunk, -(-len(items) // _MAX_CHUNKS))
        self._chunks = [items[i : i + size] for i in range(0, len(items), size)]
        self._work = work
        self._wanted = max(0, min(processes, MAX_PROCESSES) - 1) if AVAILABLE else 0
        self._queue: int | None = None
        self._helpers: list[_Process] = []
        self._mine: list[int] = []
        self._started = 0.0

    def start(self) -> None:
        """Fork the helpers (fewer, or none, if the system refuses)."""
        self._started = time.monotonic()
        if not self._wanted or len(self._chunks) < 2:
            return
        _prctl()
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return
        try:
            # Never blocks (a user over their pipe quota gets 4 KiB pipes): a queue that
            # does not fit falls back to one process.
            os.set_blocking(write_end, False)
            tokens = b"".join(i.to_bytes(_TOKEN, "little") for i in range(len(self._chunks)))
            if os.write(write_end, tokens) != len(tokens):
                raise OSError("short write")
            os.set_blocking(read_end, False)  # an empty queue means every chunk is claimed
        except OSError:
            os.close(read_end)
            return
        finally:
            os.close(write_end)
        self._queue = read_end
        for _ in range(self._wanted):
            if not _fork(read_end, self._chunks, self._work, self._helpers):
                break

    def mine(self) -> Iterator[Sequence[T]]:
        """The chunks this process claims, one at a time, until none is left."""
        if self._queue is None:
            self._mine = list(range(len(self._chunks)))
            yield from self._chunks
            return
        while (i := _claim(self._queue)) is not None:
            self._mine.append(i)
            yield self._chunks[i]

    def theirs(self) -> Iterator[tuple[Sequence[T], list[Any] | None]]:
        """Every chunk this process did not do, with the helper's values for it, or None
        (the helper failed or is late: the caller does that chunk itself). Call after
        mine() is exhausted; helpers get GRACE_S more, plus twice the time taken so
        far, before they are killed."""
        deadline = time.monotonic() + GRACE_S + 2 * (time.monotonic() - self._started)
        delivered: dict[int, list[Any]] = {}
        for helper in self._helpers:
            delivered.update(_result(helper, deadline, self._chunks))
        done = set(self._mine)
        for i, chunk in enumerate(self._chunks):
            if i not in done:
                yield chunk, delivered.get(i)

    def close(self) -> None:
        """Stop and reap every helper not yet heard from; safe to call twice."""
        for helper in self._helpers:
            helper.stop()
        if self._queue is not None:
            os.close(self._queue)
            self._queue = None


def _claim(queue: int) -> int | None:
    try:
        token = os.read(queue, _TOKEN)
    except BlockingIOError:
        return None
    return int.from_bytes(token, "little") if len(token) == _TOKEN else None


def _fork(
    queue: int,
    chunks: list[Sequence[T]],
    work: Callable[[Sequence[T]], list[Any]],
    helpers: list[_Process],
) -> bool:
    """Start one helper and add it to `helpers`; False if the system refuses."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return False
    parent = os.getpid()
    # Signals blocked across the fork, so the helper starts with them blocked. (This thread
    # only: another thread may still take a signal whose Python handler then raises here,
    # hence the except below; Textual reads Ctrl+C as a key, so in the app that is rare.)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())
    pid = 0
    write_open = True
    try:
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return False
        if pid == 0:
            try:
                _helper_main(parent, read_end, write_end, queue, chunks, work)
            finally:
                os._exit(1)
        helpers.append(_Process(pid, read_end))  # from here on close() reaps it
        os.close(write_end)
        write_open = False
        return True
    except BaseException:
        if pid > 0 and all(h.pid != pid for h in helpers):  # interrupted before the list
            _Process(pid, read_end).stop()
        if pid > 0 and write_open:
            with contextlib.suppress(OSError):
                os.close(write_end)
        raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _helper_main(
    parent: int,
    read_end: int,
    write_end: int,
    queue: int,
    chunks: list[Sequence[T]],
    work: Callable[[Sequence[T]], list[Any]],
) -> NoReturn:
    status = 1
    try:
        # Die with the app (SIGKILL cannot be blocked); it may have gone before this line.
        prctl = _prctl()  # looked up before the fork (start()): only a call here
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)
        os.close(read_end)
        _close_all_but(queue, write_end)
        done: dict[int, list[Any]] = {}
        while (i := _claim(queue)) is not None:
            done[i] = work(chunks[i])
        view = memoryview(marshal.dumps(done))
        while view:
            view = view[os.write(write_end, view) :]
        status = 0
    finally:
        # Whatever happened (an exception included): exit here, silently, running none of
        # the parent's cleanup. The parent sees a short or missing result and does the work.
        os._exit(status)


def _close_all_but(*keep: int) -> None:
    """Close every descriptor above stderr but `keep`: those this process has open, as
    /proc lists them (closerange up to the limit can mean a million close() calls where
    the kernel lacks close_range)."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        names = [str(fd) for fd in range(3, min(os.sysconf("SC_OPEN_MAX"), 1 << 16))]
    for name in names:
        fd = int(name)
        if fd > 2 and fd not in keep:
            with contextlib.suppress(OSError):  # the listing's own, closed already
                os.close(fd)


def _result(helper: _Process, deadline: float, chunks: list[Sequence[T]]) -> dict[int, list[Any]]:
    """What one helper sent: its values by chunk number, only those that fit their chunk;
    empty if it failed or missed the deadline. Reaps the helper either way."""
    parts: list[bytes] = []
    complete = False
    try:
        fd = helper.fd
        if fd is None:
            return {}
        poller = select.poll()  # not select(): it fails for descriptors numbered 1024 and up
        poller.register(fd, select.POLLIN)
        while True:
            wait = max(deadline - time.monotonic(), _LATE_READ_S if parts else 0.0)
            if not poller.poll(wait * 1000):
                break
            part = os.read(fd, 1 << 20)
            if not part:
                complete = True
                break
            parts.append(part)
    except OSError:
        pass
    finally:
        helper.stop(kill=not complete)
    if not complete:
        return {}
    try:
        sent = marshal.loads(b"".join(parts))
    except (EOFError, ValueError, TypeError):  # died while sending
        return {}
    if type(sent) is not dict:
        return {}
    return {
        i: values
        for i, values in sent.items()
        if type(i) is int
        and 0 <= i < len(chunks)
        and type(values) is list
        and len(values) == len(chunks[i])
    }


@cache
def _prctl() -> Callable[..., int] | None:
    """libc's prctl. Looked up by start() before any fork, and only when helpers are wanted
    (a listing that never forks does not load ctypes): a helper must not import or look up
    symbols (the dynamic loader's lock may be held by another thread at the fork)."""
    if not AVAILABLE:
        return None
    import ctypes

    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return prctl
