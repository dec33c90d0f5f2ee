"""Start the app from the command line: check the arguments first, so that bad input ends
with a clear message and exit code 1 before any screen is drawn."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import store


def launch(args: argparse.Namespace) -> int:
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

        new_checklist = args.checklist or next(iter(catalog.installed()))
        catalog.get(new_checklist)

    from .app import IopApp

    app = IopApp(directory, open_path=opening, new_checklist=new_checklist)
    app.run()
    return app.return_code or 0
