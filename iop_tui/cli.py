"""The `iop-tui` command. Headless jobs are subcommands; no subcommand opens the app.

Imports are deferred into each command so that `iop-tui` starts fast and `check` or
`judge` never load Textual.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import IopError, one_line

if TYPE_CHECKING:
    import argparse

#: Exit codes: 0 done, 1 bad input (one line names the file and the problem), 2 wrong usage
#: (argparse's own code: unknown command or option, with the usage), 70 a bug in iop-tui
#: (EX_SOFTWARE from BSD's sysexits.h).
EXIT_BAD_INPUT = 1
EXIT_INTERNAL = 70


def _parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(
        prog="iop-tui",
        description=(
            "Första bedömning: IOP, föreningsbidrag eller upphandling? "
            "Without a command, opens the interactive app."
        ),
    )
    p.add_argument("--version", action="version", version=f"iop-tui {__version__}")
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where sessions are saved (default: $IOP_TUI_DATA_DIR or the user data directory)",
    )
    p.add_argument("--lang", choices=["sv", "en"], default="sv", help="UI language (default sv)")
    p.add_argument(
        "--checklist-file",
        dest="checklist_files",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="offer this checklist file beside the installed ones (repeatable)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="validate checklist files and run their scenarios")
    c.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    sub.add_parser("checklists", help="list the installed checklists")

    cmp = sub.add_parser(
        "compare",
        help="one session under several checklists, or two sessions side by side",
        description=(
            "With one session and --checklists: the same answers judged under each checklist. "
            "With two sessions: their answers and verdicts side by side."
        ),
    )
    cmp.add_argument("sessions", nargs="+", type=Path, metavar="SESSION.toml")
    cmp.add_argument("--checklists", metavar="ID,ID,...", help="checklist ids, comma-separated")
    cmp.add_argument("--differences", action="store_true", help="only rows that differ")
    cmp.add_argument("--json", action="store_true", help="machine-readable output")

    ca = sub.add_parser(
        "carry",
        help="carry an assessment over to another checklist (answers kept by question id)",
    )
    ca.add_argument("session", type=Path, metavar="SESSION.toml")
    ca.add_argument("--to", required=True, metavar="ID", help="the target checklist id")
    ca.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to save it")

    sub.add_parser("schema", help="print the JSON Schema of the checklist format")

    j = sub.add_parser("judge", help="print the verdict for a session file")
    j.add_argument("session", type=Path, metavar="SESSION.toml")
    j.add_argument("--json", action="store_true", help="machine-readable output")

    ls = sub.add_parser("list", help="list saved sessions")
    ls.add_argument("--json", action="store_true", help="machine-readable output")

    n = sub.add_parser("new", help="start a new assessment in the app")
    n.add_argument(
        "--checklist",
        metavar="ID|PATH",
        help="checklist id (see `iop-tui checklists`) or a checklist file",
    )

    w = sub.add_parser("serve", help="run the app in a web browser (for workshops)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    w.add_argument("--port", type=int, default=8000, help="port (default 8000)")

    o = sub.add_parser("open", help="open a session file in the app")
    o.add_argument("session", type=Path, metavar="SESSION.toml")

    e = sub.add_parser(
        "export",
        help="write the report for a session file (Markdown, HTML or JSON)",
        description="Writes the report to FILE, or to standard output without -o (all formats).",
    )
    e.add_argument("session", type=Path, metavar="SESSION.toml")
    e.add_argument("--format", required=True, choices=["md", "html", "json"], help="report format")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically)")
    return p


# --------------------------------------------------------------------------- commands


def cmd_check(args: argparse.Namespace) -> int:
    from .analysis import scenario_failures, unreachable_outcomes
    from .checklist import load_checklist
    from .errors import ChecklistError

    problems: list[str] = []
    for path in args.paths:
        try:
            checklist = load_checklist(path)
        except ChecklistError as exc:
            problems += exc.problems
            continue
        found = [
            f"{path}: outcome '{o.value}': no set of answers reaches it"
            for o in unreachable_outcomes(checklist)
        ]
        found += [f"{path}: {line}" for line in scenario_failures(checklist)]
        problems += found
        if not found:
            print(
                f"{path}: ok ({checklist.id} {checklist.version}, "
                f"{len(checklist.questions)} questions, {len(checklist.scenarios)} scenarios)"
            )
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


def cmd_checklists(args: argparse.Namespace) -> int:
    from . import catalog

    for c in catalog.installed().values():
        origin = catalog.origin(c.id)
        where = "" if origin == "shipped" else f"\t{origin}"
        print(f"{c.id}\t{c.version}\t{c.title}{where}")
    return 0


def _report_checklist_problems() -> None:
    from . import catalog

    for line in catalog.problems():  # a broken user checklist is told, never fatal
        print(f"iop-tui: warning: {line}", file=sys.stderr)


def cmd_compare(args: argparse.Namespace) -> int:
    import json

    from . import catalog
    from .compare import compare_checklists, compare_sessions, format_comparison
    from .store import load

    if len(args.sessions) == 2 and not args.checklists:
        a, b = (load(p) for p in args.sessions)
        ca = catalog.for_session(a.checklist, args.sessions[0])
        cb = catalog.for_session(b.checklist, args.sessions[1])
        names = [p.name for p in args.sessions]
        result = compare_sessions(a, b, ca, cb, names)
    elif len(args.sessions) == 1:
        session = load(args.sessions[0])
        ids = (args.checklists or session.checklist).split(",")
        result = compare_checklists(
            session.answers, [catalog.get(i.strip()) for i in ids if i.strip()]
        )
    else:
        raise IopError("compare takes one session with --checklists ID,ID,... or two sessions")
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_comparison(result, only_differences=args.differences))
    return 0


def cmd_carry(args: argparse.Namespace) -> int:
    from . import catalog
    from .compare import carry_over
    from .engine import applicable_questions
    from .i18n import tr
    from .store import create_exclusive, data_dir, load, new_path, sessions_dir

    session = load(args.session)
    target = catalog.get(args.to)
    new, left = carry_over(session, target)
    if args.output is not None:
        path = args.output
    else:
        folder = sessions_dir(data_dir(args.data_dir))
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = new_path(folder, f"{session.meta.title or args.session.stem} {target.id}")
    if not create_exclusive(path, new.to_toml().encode("utf-8")):
        raise IopError(f"{path}: already exists; choose another name")
    open_ = sum(1 for q in applicable_questions(target, new.answers) if q.id not in new.answers)
    print(tr("cli.carried", path=path, checklist=target.id, kept=len(new.answers), open=open_))
    if left:
        print(tr("cli.left_behind", checklist=target.id, ids=", ".join(left)), file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .checklist import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_judge(args: argparse.Namespace) -> int:
    import json

    from . import catalog
    from .changes import changes_since
    from .engine import judge, what_would_change
    from .store import load
    from .verdict_view import build_view, format_view, summary_dict

    session = load(args.session)
    checklist = catalog.for_session(session.checklist, args.session)
    verdict = judge(checklist, session.answers)
    wwc = what_would_change(checklist, session.answers)
    view = build_view(checklist, session.answers, verdict, wwc)
    unknown = session.unknown_questions(checklist)
    changes = changes_since(session, checklist)
    if changes.changed:  # before the verdict: it explains why the verdict may differ
        print(f"{args.session}: {changes.describe()}", file=sys.stderr)
    if args.json:
        data = {
            "checklist": checklist.id,
            "checklist_version": checklist.version,
            **verdict.to_dict(),
            "what_would_change": wwc.to_dict(),
            "summary": summary_dict(view),
            "unknown_questions": unknown,
            "checklist_changes": changes.to_dict() if changes.changed else None,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_view(view, unknown))
    if unknown:
        print(
            one_line(f"{args.session}: unknown question ids (not judged): {', '.join(unknown)}"),
            file=sys.stderr,
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from . import catalog
    from .errors import ReportError
    from .report import render, write_report
    from .store import load

    session = load(args.session)
    checklist = catalog.for_session(session.checklist, args.session)
    unknown = session.unknown_questions(checklist)
    if unknown:  # listed in the report too; said here so a script's log shows it
        print(
            f"{args.session}: unknown question ids (not judged): {', '.join(unknown)}",
            file=sys.stderr,
        )
    if args.output is None:
        data = render(checklist, session, args.format).encode("utf-8")
        # Bytes, not text: the report is UTF-8 whatever the terminal's locale says.
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    if args.output.resolve() == args.session.resolve():
        raise ReportError(f"{args.output}: would overwrite the session file; choose another name")
    write_report(checklist, session, args.format, args.output)
    return 0


_LIST_COLUMNS = ("file", "title", "organisation", "checklist", "updated", "answered", "outcome")


def cmd_list(args: argparse.Namespace) -> int:
    import json

    from .i18n import tr
    from .listing import list_sessions
    from .store import data_dir, sessions_dir

    entries = list_sessions(sessions_dir(data_dir(args.data_dir)))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "path": str(e.path),
                        "title": e.title,
                        "organisation": e.organisation,
                        "checklist": e.checklist,
                        "updated": e.updated.isoformat() if e.updated else None,
                        "answered": e.answered,
                        "applicable": e.applicable,
                        "outcome": e.outcome,
                        "error": e.error,
                        "unknown_questions": list(e.unknown),
                    }
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if entries:  # a header row, as the columns are tab-separated (scripts: tail -n +2)
        print("\t".join(tr(f"cli.list.{c}") for c in _LIST_COLUMNS))
    for e in entries:
        if e.damaged:
            print(f"{one_line(e.path.name)}\t{tr('cli.list.damaged')}: {one_line(e.error or '')}")
        else:
            when = e.updated.strftime("%Y-%m-%d %H:%M") if e.updated else ""
            # Values from the file are escaped: a title must not add lines or drive the
            # terminal (tabs included, they separate the columns).
            cols = [e.path.name, e.title, e.organisation, e.checklist]
            name, title, organisation, checklist = (one_line(c) for c in cols)
            print(
                f"{name}\t{title}\t{organisation}\t{checklist}\t{when}\t"
                f"{e.answered}/{e.applicable}\t{e.outcome}"
            )
        if e.unknown:  # on stderr, as `judge` does, so the columns stay the same
            print(
                one_line(f"{e.path}: unknown question ids (not judged): {', '.join(e.unknown)}"),
                file=sys.stderr,
            )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app over HTTP: each browser tab runs its own app process (textual-serve)."""
    import shlex

    try:
        from textual_serve.server import Server
    except ImportError:
        raise IopError(
            "the browser mode needs the 'web' extra: pip install 'iop-tui[web]'"
        ) from None
    command = [sys.executable, "-m", "iop_tui", "--lang", args.lang]
    if args.data_dir:
        command += ["--data-dir", str(Path(args.data_dir).resolve())]
    print(f"iop-tui: open http://{args.host}:{args.port} in a browser (Ctrl+C stops)")
    Server(shlex.join(command), host=args.host, port=args.port, title="iop-tui").serve()
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    from .tui.launch import launch

    return launch(args)


COMMANDS = {
    "carry": cmd_carry,
    "check": cmd_check,
    "compare": cmd_compare,
    "schema": cmd_schema,
    "checklists": cmd_checklists,
    "export": cmd_export,
    "judge": cmd_judge,
    "list": cmd_list,
    "serve": cmd_serve,
    "new": cmd_app,
    "open": cmd_app,
    None: cmd_app,
}


def resolve_session(given: Path, data_dir_override: str | None) -> Path:
    """A session argument as typed: a path that exists, or else a bare file name as
    `iop-tui list` prints it, looked up in the sessions folder (`.toml` may be left out).
    Anything not found stays as given, so the error names what the user typed."""
    from .store import data_dir, sessions_dir

    if given.exists() or given.parent != Path("."):
        return given
    folder = sessions_dir(data_dir(data_dir_override))
    for candidate in (folder / given, folder / f"{given}.toml"):
        if candidate.is_file():
            return candidate
    return given


def _use_checklist_files(args: argparse.Namespace) -> None:
    """`--checklist-file PATH` (and `new --checklist PATH`): offer those files too."""
    files = list(getattr(args, "checklist_files", None) or [])
    given = getattr(args, "checklist", None)
    if isinstance(given, str) and given.endswith(".toml"):
        files.append(Path(given))
    if not files:
        return
    from . import catalog
    from .checklist import load_checklist
    from .errors import ChecklistError

    for path in files:
        catalog.add_path(path)
    if isinstance(given, str) and given.endswith(".toml"):
        try:
            args.checklist = load_checklist(Path(given)).id
        except ChecklistError as exc:
            raise IopError(exc.problems[0]) from None
    if args.command not in ("check", None):
        _report_checklist_problems()


def bare_args() -> argparse.Namespace:
    """What the parser gives for a bare `iop-tui` (a test keeps the two equal). The bare
    command opens the app, where start-up time counts: building the parser (and importing
    argparse) would add several milliseconds to every start for nothing."""
    from types import SimpleNamespace

    return SimpleNamespace(  # type: ignore[return-value]
        data_dir=None, lang="sv", checklist_files=[], command=None
    )


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    args = bare_args() if not given else _parser().parse_args(given)
    from .i18n import set_language

    set_language(args.lang)
    try:
        if isinstance(getattr(args, "session", None), Path):
            args.session = resolve_session(args.session, args.data_dir)
        if getattr(args, "sessions", None):
            args.sessions = [resolve_session(p, args.data_dir) for p in args.sessions]
        _use_checklist_files(args)
        return COMMANDS[args.command](args)
    except IopError as exc:
        print(f"iop-tui: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `iop-tui judge x | head`
        return 0
    except Exception as exc:  # a bug: one line for the user, the trace on request
        if os.environ.get("IOP_TUI_DEBUG"):
            raise
        print(
            f"iop-tui: internal error: {type(exc).__name__}: {exc} "
            "(set IOP_TUI_DEBUG=1 to see details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
