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
from .errors import IopError, one_line, printable

if TYPE_CHECKING:
    import argparse

    from .checklist import Checklist
    from .profile import Profile
    from .session import Session

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
    _global_options(p, top=True)
    # The same options after the subcommand too (`iop-tui serve --lang en`): there they
    # default to "not given", so a value given before the subcommand is not overwritten.
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, top=False)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser(
        "check", parents=[common], help="validate checklist files and run their scenarios"
    )
    c.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    sub.add_parser("checklists", parents=[common], help="list the installed checklists")

    cmp = sub.add_parser(
        "compare",
        parents=[common],
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
        parents=[common],
        help="carry an assessment over to another checklist (answers kept by question id)",
    )
    ca.add_argument("session", type=Path, metavar="SESSION.toml")
    ca.add_argument("--to", required=True, metavar="ID", help="the target checklist id")
    ca.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to save it")

    sub.add_parser("schema", parents=[common], help="print the JSON Schema of the checklist format")
    h = sub.add_parser(
        "handout",
        parents=[common],
        help="write the one-page workshop handout (the three forms and a glossary) as HTML",
    )
    h.add_argument(
        "-o", "--out", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )

    ho = sub.add_parser(
        "handoff",
        parents=[common],
        help="an organisation's own check, for the kommun: the session and an underlag (md, html)",
    )
    ho.add_argument("session", type=Path, metavar="SESSION.toml")
    ho.add_argument("-o", "--output", type=Path, metavar="DIR", help="folder to write into")

    rc = sub.add_parser(
        "receive",
        parents=[common],
        help="start the kommun's assessment from an organisation's hand-off file",
    )
    rc.add_argument("session", type=Path, metavar="HANDOFF.toml")
    rc.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to save it")

    j = sub.add_parser("judge", parents=[common], help="print the verdict for a session file")
    j.add_argument("session", type=Path, metavar="SESSION.toml")
    j.add_argument("--json", action="store_true", help="machine-readable output")

    ls = sub.add_parser("list", parents=[common], help="list saved sessions")
    ls.add_argument("--json", action="store_true", help="machine-readable output")

    n = sub.add_parser("new", parents=[common], help="start a new assessment in the app")
    n.add_argument(
        "--checklist",
        metavar="ID|PATH",
        help="checklist id (see `iop-tui checklists`) or a checklist file",
    )

    w = sub.add_parser(
        "serve", parents=[common], help="run the app in a web browser (for workshops)"
    )
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    w.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    w.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use (e.g. behind a proxy); page links use it",
    )
    w.add_argument(
        "--max-sessions",
        type=_positive,
        default=40,
        metavar="N",
        help="at most N apps (browser tabs) at once (default 40)",
    )
    w.add_argument("--workshop", action="store_true", help="every tab starts on the example cases")

    sub.add_parser("examples", parents=[common], help="open the app on the example cases")

    o = sub.add_parser(
        "open",
        parents=[common],
        help="open a session file in the app (a shipped or read-only example opens as a copy)",
    )
    o.add_argument("session", type=Path, metavar="SESSION.toml")

    e = sub.add_parser(
        "export",
        parents=[common],
        help="write the report (or a tjänsteskrivelse or IOP-avtal draft) for a session file",
        description=(
            "Writes the short report (md, html, json), or with --long the full record (the "
            "appendix); or a tjänsteskrivelse draft (tjanst) or an IOP-avtal skeleton (avtal), "
            "as Word when FILE ends in .docx, else Markdown. Without -o: standard output."
        ),
    )
    e.add_argument("session", type=Path, metavar="SESSION.toml")
    e.add_argument(
        "--format",
        required=True,
        choices=["md", "html", "json", "tjanst", "avtal"],
        help="report format, or document",
    )
    e.add_argument("--long", action="store_true", help="the full record (the appendix)")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically)")

    v = sub.add_parser(
        "verify",
        parents=[common],
        help="check that a report was made from this exact session file (SHA-256)",
    )
    v.add_argument("session", type=Path, metavar="SESSION.toml")
    v.add_argument("report", type=Path, metavar="REPORT")
    return p


def _global_options(p: argparse.ArgumentParser, *, top: bool) -> None:
    """--data-dir, --lang and --strict: accepted before or after the subcommand."""
    import argparse

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default(None),
        help="where sessions are saved (default: $IOP_TUI_DATA_DIR or the user data directory)",
    )
    p.add_argument(
        "--lang",
        choices=["sv", "en"],
        default=default(None),
        help="UI language (default: the one saved in the app's settings, else sv)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        default=default(False),
        help="judge, export: unknown question ids in the session are an error (exit 1)",
    )
    p.add_argument(
        "--checklist-file",
        dest="checklist_files",
        action="append",
        type=Path,
        default=default([]),
        metavar="PATH",
        help="offer this checklist file beside the installed ones (repeatable)",
    )


def json_text(data: object) -> str:
    """JSON for a terminal or a script: C0 controls are escaped by json itself, and so are
    C1 controls here (ensure_ascii=False leaves them raw; U+009B starts a terminal escape)."""
    import json
    import re

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _port(text: str) -> int:
    """A TCP port number; anything else is wrong usage (exit 2, with the usage)."""
    import argparse

    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {port}")
    return port


def _positive(text: str) -> int:
    """A count of at least 1; anything else is wrong usage (exit 2)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


# --------------------------------------------------------------------------- commands


def cmd_check(args: argparse.Namespace) -> int:
    from .analysis import scenario_failures, unreachable_outcomes
    from .authoring import author_warnings
    from .checklist import load_checklist, missing_translations
    from .errors import ChecklistError
    from .readability import check as readability_problems

    problems: list[str] = []
    for path in args.paths:
        try:
            checklist = load_checklist(path)
        except ChecklistError as exc:
            problems += exc.problems
            continue
        found = [
            f"{path}: outcome '{o}': no set of answers reaches it"
            for o in unreachable_outcomes(checklist)
        ]
        found += [f"{path}: {line}" for line in scenario_failures(checklist)]
        found += [f"{path}: {p.message}" for p in readability_problems(checklist)]
        for lang in sorted(checklist.translations):  # a translated text may break too
            try:
                load_checklist(path, lang=lang)
            except ChecklistError as exc:
                found += [f"{p} (translation '{lang}')" for p in exc.problems]
        for line in missing_translations(checklist):
            print(f"{path}: warning: {line}", file=sys.stderr)
        problems += found
        if not found:
            print(
                one_line(
                    f"{path}: ok ({checklist.id} {checklist.version}, "
                    f"{len(checklist.questions)} questions, {len(checklist.scenarios)} scenarios)"
                )
            )
        # Warnings: worth fixing, but the checklist works (exit code unchanged).
        for line in author_warnings(checklist):
            print(one_line(f"{path}: warning: {line}"), file=sys.stderr)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0


def cmd_checklists(args: argparse.Namespace) -> int:
    from . import catalog

    for c in catalog.installed().values():
        origin = catalog.origin(c.id)
        where = "" if origin == "shipped" else f"\t{origin}"
        print("\t".join(one_line(v) for v in (c.id, c.version, c.title)) + where)
    return 0


def _report_checklist_problems() -> None:
    from . import catalog

    for line in catalog.problems():  # a broken user checklist is told, never fatal
        print(f"iop-tui: warning: {line}", file=sys.stderr)


def cmd_compare(args: argparse.Namespace) -> int:

    from . import catalog
    from .compare import compare_checklists, compare_sessions, format_comparison
    from .store import load

    if len(args.sessions) == 2 and not args.checklists:
        a, b = (load(p) for p in args.sessions)
        # Each judged from its own perspective (an organisation's hand-off beside the
        # officer's assessment of it).
        ca = catalog.for_session(a.checklist, args.sessions[0]).for_perspective(a.perspective)
        cb = catalog.for_session(b.checklist, args.sessions[1]).for_perspective(b.perspective)
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
        print(json_text(result.to_dict()))
    else:
        print(printable(format_comparison(result, only_differences=args.differences)))
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


def cmd_handoff(args: argparse.Namespace) -> int:
    from . import catalog
    from .handoff import export
    from .i18n import tr
    from .store import data_dir, load, reports_dir, sessions_dir

    session = load(args.session)
    checklist = catalog.for_session(session.checklist, args.session)
    if session.perspective != "organisation":
        raise IopError(tr("handoff.not_org", path=args.session))
    folder = args.output or reports_dir(sessions_dir(data_dir(args.data_dir)))
    paths = export(checklist, session, folder, user=_profile())
    print(tr("handoff.exported", paths=", ".join(str(p) for p in paths)))
    return 0


def cmd_receive(args: argparse.Namespace) -> int:
    from .handoff import receive_file
    from .i18n import tr
    from .store import data_dir, load, sessions_dir

    folder = sessions_dir(data_dir(args.data_dir))
    path = receive_file(args.session, folder, args.output)
    print(tr("handoff.received", path=path, n=len(load(path).handoff.from_organisation)))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from .checklist import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_handout(args: argparse.Namespace) -> int:
    from .handout import render
    from .i18n import tr
    from .store import write_output

    data = render().encode("utf-8")
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_output(args.out, data)
        print(tr("cli.handout_written", path=args.out), file=sys.stderr)
    return 0


def _profile() -> Profile:
    """The user's kommun profile (whom an organisation contacts; issue 14)."""
    from . import profile

    return profile.current()


def cmd_judge(args: argparse.Namespace) -> int:

    from . import catalog
    from .changes import changes_since
    from .engine import judge, what_would_change
    from .store import load
    from .verdict_view import build_view, format_view, summary_dict

    session = load(args.session)
    checklist = catalog.for_session(session.checklist, args.session)
    checklist = checklist.for_perspective(session.perspective)
    verdict = judge(checklist, session.answers)
    wwc = what_would_change(checklist, session.answers)
    view = build_view(checklist, session.answers, verdict, wwc, profile=_profile())
    unknown = _unknown_ids(args, session, checklist)
    changes = changes_since(session, checklist)
    if changes.changed:  # before the verdict: it explains why the verdict may differ
        print(one_line(f"{args.session}: {changes.describe()}"), file=sys.stderr)
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
        print(json_text(data))
    else:  # values from the file (unknown ids, titles) must not drive the terminal
        print(printable(format_view(view, unknown)))
    return 0


def _unknown_ids(args: argparse.Namespace, session: Session, checklist: Checklist) -> list[str]:
    """Answered or noted ids the checklist lacks: said on stderr before any output, with the
    closest known id (a misspelling in a hand-edited file); an error under --strict."""
    from .changes import describe_unknown

    unknown = session.unknown_questions(checklist)
    if unknown:
        line = one_line(f"{args.session}: {describe_unknown(unknown, checklist)}")
        if getattr(args, "strict", False):
            raise IopError(line)
        print(line, file=sys.stderr)
    return unknown


def cmd_export(args: argparse.Namespace) -> int:
    from . import catalog
    from .errors import ReportError
    from .report import render, session_digest, write_report, write_text
    from .store import decode, read_bytes

    raw = read_bytes(args.session)
    session = decode(raw, args.session)
    digest = session_digest(raw)
    checklist = catalog.for_session(session.checklist, args.session)
    checklist = checklist.for_perspective(session.perspective)
    # Listed in the report too; said here so a script's log shows it.
    _unknown_ids(args, session, checklist)
    if args.output is not None and args.output.resolve() == args.session.resolve():
        raise ReportError(f"{args.output}: would overwrite the session file; choose another name")
    if args.format in ("tjanst", "avtal"):
        from .documents import render_document, to_docx

        text = render_document(args.format, checklist, session, session_sha256=digest)
        if args.output is None:
            data = text.encode("utf-8")
        elif args.output.suffix.lower() == ".docx":
            title = text.split("\n", 1)[0].lstrip("# ")
            write_text(args.output, to_docx(text, title=title))
            return 0
        else:
            write_text(args.output, text.encode("utf-8"))
            return 0
    elif args.output is None:
        data = render(
            checklist, session, args.format, long=args.long, session_sha256=digest
        ).encode("utf-8")
    else:
        write_report(
            checklist, session, args.format, args.output, long=args.long, session_sha256=digest
        )
        return 0
    # Bytes, not text: the report is UTF-8 whatever the terminal's locale says.
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .report import find_digests, session_digest
    from .store import read_bytes

    actual = session_digest(read_bytes(args.session))
    try:
        data = args.report.read_bytes()
    except OSError as exc:
        raise IopError(f"{args.report}: cannot read: {exc.strerror or exc}") from None
    found = find_digests(data)
    if not found:
        print(f"iop-tui: {args.report}: holds no SHA-256 of a session file", file=sys.stderr)
        return EXIT_BAD_INPUT
    if actual in found:
        print(f"{args.report}: ok, made from {args.session} (SHA-256 {actual})")
        return 0
    print(
        f"iop-tui: {args.report}: NOT made from this version of {args.session} "
        f"(report: {found[0]}, file: {actual})",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT


_LIST_COLUMNS = ("file", "title", "organisation", "checklist", "updated", "answered", "outcome")


def cmd_list(args: argparse.Namespace) -> int:

    from .i18n import tr
    from .listing import list_sessions
    from .store import data_dir, sessions_dir

    entries = list_sessions(sessions_dir(data_dir(args.data_dir)))
    if args.json:
        print(
            json_text(
                [
                    {
                        "path": str(e.path),
                        "title": e.title,
                        "organisation": e.organisation,
                        "diarienummer": e.diarienummer,
                        "checklist": e.checklist,
                        "updated": e.updated.isoformat() if e.updated else None,
                        "answered": e.answered,
                        "applicable": e.applicable,
                        "outcome": e.outcome,
                        "error": e.error,
                        "unknown_questions": list(e.unknown),
                    }
                    for e in entries
                ]
            )
        )
        return 0
    if entries:  # a header row, as the columns are tab-separated (scripts: tail -n +2)
        print("\t".join(tr(f"cli.list.{c}") for c in _LIST_COLUMNS))
    for e in entries:
        if e.damaged:
            print(f"{one_line(e.path.name)}\t{tr('cli.list.damaged')}: {one_line(e.error or '')}")
        else:
            # Local time, as the app's sessions list shows it (the header says so).
            when = e.updated.astimezone().strftime("%Y-%m-%d %H:%M") if e.updated else ""
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
                one_line(f"{e.path}: {tr('unknown.ids', ids=', '.join(e.unknown))}"),
                file=sys.stderr,
            )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app over HTTP: each browser tab runs its own app process (textual-serve)
    in a participant folder of its own, for pages of the served address only
    (iop_tui/tui/serve.py)."""
    import shlex

    from . import profile, store
    from .i18n import tr

    try:
        from .tui import serve
    except ImportError:
        raise IopError(
            "the browser mode needs the 'web' extra: pip install 'iop-tui[web]'"
        ) from None
    public_url = serve.check_public_url(args.public_url) if args.public_url else None
    _check_port_free(args.host, args.port)
    # No --data-dir: every app gets its participant's folders by environment, never ours.
    command = [sys.executable, "-m", "iop_tui", "--lang", args.lang]
    if args.workshop:
        command.append("examples")
    folder = (store.data_dir(args.data_dir) / "workshop").resolve()
    workshop = serve.Workshop(folder, seed_config=profile.config_dir())
    if serve.is_public_bind(args.host):
        print(tr("serve.public_warning", host=args.host), file=sys.stderr, flush=True)

    def announce(urls: list[str]) -> None:
        if len(urls) == 1:
            print(tr("serve.open", url=urls[0]), flush=True)
        else:
            print(tr("serve.open_many", urls="  ".join(urls)), flush=True)
        print(tr("serve.folder", folder=folder), flush=True)

    serve.run(
        shlex.join(command),
        args.host,
        args.port,
        announce,
        workshop=workshop,
        public_url=public_url,
        max_sessions=args.max_sessions,
    )
    return 0


def _check_port_free(host: str, port: int) -> None:
    """A port in use (or an address not ours) is bad input: one line, exit 1, before the
    server starts (aiohttp would end in a traceback)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise IopError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise IopError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                "(is another server running? choose one with --port)"
            ) from None


def cmd_app(args: argparse.Namespace) -> int:
    from .tui.launch import launch

    return launch(args)


COMMANDS = {
    "carry": cmd_carry,
    "handoff": cmd_handoff,
    "receive": cmd_receive,
    "check": cmd_check,
    "compare": cmd_compare,
    "schema": cmd_schema,
    "handout": cmd_handout,
    "checklists": cmd_checklists,
    "export": cmd_export,
    "judge": cmd_judge,
    "list": cmd_list,
    "serve": cmd_serve,
    "verify": cmd_verify,
    "new": cmd_app,
    "open": cmd_app,
    "examples": cmd_app,
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
        data_dir=None, lang=None, strict=False, checklist_files=[], command=None
    )


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    args = bare_args() if not given else _parser().parse_args(given)
    from .i18n import DEFAULT_LANG, set_language

    if args.lang is None:  # not given: the language saved in the settings (issue 15)
        from .preferences import saved_language

        args.lang = saved_language() or DEFAULT_LANG
    set_language(args.lang)
    try:
        if isinstance(getattr(args, "session", None), Path):
            args.session = resolve_session(args.session, args.data_dir)
        if getattr(args, "sessions", None):
            args.sessions = [resolve_session(p, args.data_dir) for p in args.sessions]
        _use_checklist_files(args)
        return COMMANDS[args.command](args)
    except IopError as exc:
        print(f"iop-tui: {printable(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `iop-tui judge x | head`
        return 0
    except Exception as exc:  # a bug: one line for the user, the trace on request
        if os.environ.get("IOP_TUI_DEBUG"):
            raise
        print(
            f"iop-tui: internal error: {type(exc).__name__}: {one_line(str(exc))} "
            "(set IOP_TUI_DEBUG=1 to see details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
