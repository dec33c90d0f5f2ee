"""The project's own error types: everything a user can cause ends in one of these."""

from __future__ import annotations

import re

#: Control characters (C0, DEL, C1) and the Unicode line/paragraph separators: any of them
#: in a message would break the "one line per problem" promise or drive the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """`text` with control characters escaped (`\\n`, `\\x1b`, ...), so that a file name or
    a value taken from a damaged file can never split a message or inject terminal codes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with every control character but newline and tab escaped, as `one_line`
    does: for multi-line text shown in a terminal that holds values from a file (an
    unknown question id like "\\x1b]0;pwned\\x07" must not set the terminal's title)."""
    return _CONTROL_BUT_LINES.sub(
        lambda m: m.group().encode("unicode_escape").decode("ascii"), text
    )


def shorten(value: object, limit: int = 60) -> str:
    """`repr(value)` cut to `limit` characters: values quoted from a file can be huge."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class IopError(Exception):
    """Base for errors with a message fit for a person (no traceback needed)."""


class ChecklistError(IopError):
    """A checklist file is invalid. Holds every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = [one_line(p) for p in problems]
        super().__init__("\n".join(self.problems))


class SessionError(IopError):
    """A session file cannot be read or written; the message names the file. Always one
    line: control characters from file names or file contents are escaped."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class LockError(SessionError):
    """A session's lock file cannot be created or read (e.g. a read-only directory)."""


class LockedError(LockError):
    """Another live process has the session open. The app may offer to open it read-only."""

    def __init__(
        self,
        message: str,
        *,
        lock_path: str = "",
        pid: int | None = None,
        host: str = "",
        since: str = "",
    ) -> None:
        super().__init__(message)
        self.lock_path = lock_path
        self.pid = pid
        self.host = host
        self.since = since


class ReportError(IopError):
    """A report cannot be written (bad target path, unknown format); the message names it."""
