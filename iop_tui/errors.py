"""The project's own error types: everything a user can cause ends in one of these."""

from __future__ import annotations


class IopError(Exception):
    """Base for errors with a message fit for a person (no traceback needed)."""


class ChecklistError(IopError):
    """A checklist file is invalid. Holds every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class SessionError(IopError):
    """A session file cannot be read or written; the message names the file."""


class ReportError(IopError):
    """A report cannot be written (bad target path, unknown format); the message names it."""
