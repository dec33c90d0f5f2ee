"""Start the app from the command line: check the arguments first, so that bad input ends
with a clear message and exit code 1 before any screen is drawn."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .. import store
from ..errors import IopError

if TYPE_CHECKING:
    import argparse


def launch(args: argparse.Namespace) -> int:
    # Without a terminal to read keys from, Textual would wait forever at full CPU (seen with
    # stdin from /dev/null in a script): say so and stop instead.
    # A driver chosen by environment (textual-serve's web driver) talks over pipes instead.
    terminal = sys.stdin.isatty() and (sys.stdout.isatty() or sys.stderr.isatty())
    if not terminal and not os.environ.get("TEXTUAL_DRIVER"):
        raise IopError(
            "the interactive app needs a terminal; in scripts use a subcommand "
            "(judge, list, check, ...; see iop-tui --help)"
        )
    directory = store.sessions_dir(store.data_dir(args.data_dir))
    opening: Path | None = None
    new_checklist: str | None = None
    if args.command == "open":
        opening = args.session
        from .. import catalog

        # A damaged file or unknown checklist ends here with one line and exit code 1.
        catalog.for_session(store.load(opening).checklist, opening)
    elif args.command == "new":
        from .. import catalog

        new_checklist = args.checklist or catalog.default_id()
        catalog.get(new_checklist)

    from .app import IopApp
    from .writer import install

    install()  # the exit path never waits on a dead terminal
    app = IopApp(
        directory,
        open_path=opening,
        new_checklist=new_checklist,
        start_examples=args.command == "examples",
    )
    app.run()
    return app.return_code or 0
