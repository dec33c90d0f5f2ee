"""A writer thread for Textual's Linux driver that never lets the exit path wait on a dead
terminal (issue 17, item 11).

Textual's WriterThread queues at most 30 writes for a thread that writes them to the
terminal. When the terminal goes away with output pending, that thread either dies (EIO on
the closed terminal) or stays blocked in a write nobody reads; the queue then stays full and
the main thread blocks for ever in `write` or in `stop` (`queue.put`). Here the thread keeps
draining the queue after a failed write; once the app is exiting (`exiting()`), a write into a
queue that stays full gives up after a while and the terminal counts as dead; and `stop`
waits a bounded time. While the app runs, a write waits as long as Textual's does: a
terminal that stalls for a while (a slow SSH link) must not lose output for good."""

from __future__ import annotations

import contextlib
import queue
import threading
from typing import IO

from textual.drivers._writer_thread import WriterThread

#: Seconds a write may wait for room in the queue before the terminal counts as dead (a
#: live terminal drains a full queue in milliseconds).
WRITE_TIMEOUT = 5.0
#: Seconds `stop` waits to hand over its end marker and for the thread to end.
STOP_TIMEOUT = 2.0


_EXITING = threading.Event()


def exiting() -> None:
    """The app is on its way out: from now on no write waits long on the terminal."""
    _EXITING.set()


class SafeWriterThread(WriterThread):
    def __init__(self, file: IO[str]) -> None:
        super().__init__(file)
        self.dead = threading.Event()

    def write(self, text: str) -> None:
        if self.dead.is_set():
            return  # nobody reads any more: the output has nowhere to go
        if not _EXITING.is_set():
            self._queue.put(text)
            return
        try:
            self._queue.put(text, timeout=WRITE_TIMEOUT)
        except queue.Full:
            self.dead.set()

    def run(self) -> None:
        try:
            super().run()
        except (OSError, ValueError):  # EIO on a closed terminal; a closed file
            self.dead.set()
            self._drain()

    def _drain(self) -> None:
        """Keep taking writes (and dropping them) until the end marker, so that no one
        waits on a full queue."""
        while self._queue.get() is not None:
            pass

    def stop(self) -> None:
        try:
            self._queue.put(None, timeout=STOP_TIMEOUT)
        except queue.Full:
            self.dead.set()
        self.join(STOP_TIMEOUT)


def install() -> None:
    """Make Textual's Linux driver use SafeWriterThread (it looks the class up by name in
    its own module when it starts application mode)."""
    with contextlib.suppress(ImportError):  # not on Windows
        from textual.drivers import linux_driver

        setattr(linux_driver, "WriterThread", SafeWriterThread)  # noqa: B010 - a module attribute of Textual
