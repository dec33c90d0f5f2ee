"""Saved sessions: filter by typing, open with Enter, delete with confirmation. Damaged
files are listed with their reason instead of being hidden."""

from __future__ import annotations

import contextlib
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets.data_table import RowDoesNotExist

from ...errors import one_line
from ...i18n import tr
from ...listing import Entry, list_sessions
from ..widgets.title_bar import TitleBar
from .base import AppScreen


def _outcome_cell(e: Entry) -> str:
    """The outcome's short name; a checklist's own outcome by its declared label."""
    if not e.outcome:
        return ""
    from ... import catalog
    from ...verdict_view import outcome_label

    return outcome_label(catalog.installed().get(e.checklist), e.outcome)


# Fixed widths so a long title cannot push progress and outcome off screen; the title takes
# what is left. The diarienummer is what an officer searches for and what tells two
# assessments with the same title apart: always shown. Below 120 columns organisation and
# checklist give way (the row under the cursor shows them below the table; filtering still
# searches them), below 100 the time of day too (the date stays).
WIDTHS = {
    "diarienummer": 13,
    "organisation": 16,
    "checklist": 9,
    "updated": 16,
    "progress": 8,
    "outcome": 15,
}
CELL_PADDING = 2
#: Rows the table holds at most (healthy sessions, and again damaged ones; the session
#: marked for comparison is always there). A table row costs Textual most of a millisecond
#: to add and lay out, so 10,000 sessions would freeze the screen for seconds; past this
#: many the newest are shown, and the filter finds the rest (it searches every session).
MAX_ROWS = 300
#: Past MAX_ROWS sessions, refilling the table takes a noticeable moment: the filter then
#: waits this long after the last key, so typing a word refills it once, not per letter.
FILTER_PAUSE_S = 0.15
WHEN = "%Y-%m-%d %H:%M"  # local time, as `iop-tui list` prints it


def columns_for(width: int) -> dict[str, int]:
    cols = dict(WIDTHS)
    if width < 120:
        del cols["organisation"], cols["checklist"]
    if width < 100:
        cols["updated"] = 10
    used = sum(cols.values()) + CELL_PADDING * (len(cols) + 1) + 2  # + scrollbar
    return {"title": max(12, width - used), **cols}


def updated_text(e: Entry) -> str:
    """When the file was last changed, in local time; for a damaged file (no `updated` to
    read) the file's own modification time."""
    import datetime as dt

    if e.updated is not None:
        return e.updated.astimezone().strftime(WHEN)
    try:
        return dt.datetime.fromtimestamp(e.path.stat().st_mtime).strftime(WHEN)
    except OSError:
        return tr("sessions.unknown_time")


class SessionsScreen(AppScreen[None]):
    BINDINGS = [
        Binding("enter", "open", tr("sessions.open"), show=True),
        Binding("delete", "delete", tr("sessions.delete")),
        # Not a letter: typing anywhere filters the list.
        Binding("f3", "compare", tr("sessions.compare"), show=True),
        Binding("escape", "back", tr("key.back")),
    ]

    def __init__(self, directory: Path, marked: Path | None = None) -> None:
        super().__init__()
        self.directory = directory
        self.entries: list[Entry] = []
        self._haystacks: list[str] | None = None  # what the filter searches, made on first use
        self._rows: dict[str, Entry] = {}  # the entries in the table, by row key
        self._filter_timer: Timer | None = None
        #: The session marked for comparison (F3 on one row, then F3 on another).
        self.marked = marked

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(tr("sessions.heading"), classes="heading")
        # Not selected on focus: the first key typed on the table focuses it and is already
        # in it, and would be replaced by the second.
        yield Input(
            placeholder=tr("sessions.filter"),
            id="sessions-filter",
            compact=True,
            select_on_focus=False,
        )
        yield DataTable(id="sessions-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="sessions-status")
        yield Static(id="sessions-count", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.columns: dict[str, int] = {}
        self.reload()
        self.query_one(DataTable).focus()

    def session_closed(self) -> None:
        """The app is back here from a session (called by the app when it closes one): its
        progress and outcome may have changed, and a copy may have been saved. Only then:
        listing a large folder is not free."""
        keep = self.selected()
        self.reload()
        table = self.query_one(DataTable)
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(str(keep.path)))

    def on_resize(self) -> None:
        if columns_for(self.size.width) != self.columns:
            self.refilter()

    def reload(self) -> None:
        self.entries = list_sessions(self.directory)
        self._haystacks = None
        self.refilter()

    def haystacks(self) -> list[str]:
        """What the filter searches, per entry (made once per listing: with thousands of
        sessions, joining them again on every key typed was most of the filtering)."""
        if self._haystacks is None:
            self._haystacks = [
                " ".join(
                    (e.title, e.diarienummer, e.organisation, e.path.name, e.checklist)
                ).casefold()
                for e in self.entries
            ]
        return self._haystacks

    def refilter(self) -> None:
        # A refilter still waiting for the typing to pause would only do this again: forget it.
        self._filter_timer = None
        query = self.query_one("#sessions-filter", Input).value.strip().casefold()
        table = self.query_one(DataTable)
        wanted = columns_for(self.size.width or self.app.size.width)
        if wanted != self.columns:
            table.clear(columns=True)
            for col, width in wanted.items():
                table.add_column(tr(f"sessions.col.{col}"), key=col, width=width)
            self.columns = wanted
        else:
            table.clear()
        shown = 0
        self._rows = {}
        rows = {False: 0, True: 0}  # healthy, damaged (listed last)
        searched = self.haystacks() if query else [""] * len(self.entries)
        for e, haystack in zip(self.entries, searched, strict=True):
            if query not in haystack:
                continue
            shown += 1
            if rows[e.damaged] >= MAX_ROWS and e.path != self.marked:
                continue  # (the session marked for comparison is always shown)
            rows[e.damaged] += 1
            if e.damaged:
                # SKADAD first, and again where the outcome goes: a long file name must not
                # cut it off. The full reason is shown below the table when selected. one_line:
                # names and values from files must not drive the terminal.
                damaged = tr("cli.list.damaged")
                cells: dict[str, str | Text] = {
                    "title": Text(one_line(f"{damaged}: {e.path.name}"), style="bold red"),
                    "updated": updated_text(e)[: wanted["updated"]],
                    "outcome": Text(damaged, style="bold red"),
                }
            else:
                title = Text(one_line(e.title or e.path.stem))
                if e.path == self.marked:
                    title = Text.assemble(("⇄ ", "bold"), title)
                cells = {
                    "title": title,
                    "diarienummer": Text(one_line(e.diarienummer)),
                    "organisation": Text(one_line(e.organisation)),
                    "checklist": e.checklist,
                    "updated": updated_text(e)[: wanted["updated"]] if e.updated else "",
                    "progress": f"{e.answered}/{e.applicable}",
                    "outcome": _outcome_cell(e),
                }
            self._rows[str(e.path)] = e
            table.add_row(*(cells.get(col, "") for col in wanted), key=str(e.path))
        count = self.query_one("#sessions-count", Static)
        if not self.entries:
            # In a browser the folder is the server's business: no name that means nothing.
            empty = (
                tr("sessions.empty_web")
                if self.app.is_web
                else tr("sessions.empty", dir=self.app.shown_path(self.directory))
            )
            count.update(Text(empty))
        else:
            key = "sessions.count_one" if len(self.entries) == 1 else "sessions.count"
            text = tr(key, shown=shown, total=len(self.entries))
            if table.row_count < shown:
                text += tr("sessions.count_capped", rows=table.row_count)
            count.update(Text(text))

    @on(DataTable.RowHighlighted)
    def show_reason(self) -> None:
        entry = self.selected()
        status = self.query_one("#sessions-status", Static)
        if entry is not None and entry.damaged:
            status.update(Text(one_line(f"{entry.path}: {entry.error}"), style="bold"))
        elif entry is not None:  # tells rows with the same title apart
            status.update(
                Text(
                    tr(
                        "sessions.file",
                        name=one_line(entry.path.name),
                        organisation=one_line(entry.organisation) or "–",
                        checklist=one_line(entry.checklist),
                        updated=updated_text(entry),
                    )
                )
            )
        else:
            status.update("")

    @on(Input.Changed, "#sessions-filter")
    def filter_changed(self) -> None:
        self._stop_filter_timer()
        if len(self.entries) <= MAX_ROWS:
            self.refilter()
        else:
            self._filter_timer = self.set_timer(FILTER_PAUSE_S, self.refilter)

    def _stop_filter_timer(self) -> bool:
        """Cancel a refilter still waiting for the typing to pause; whether there was one."""
        timer, self._filter_timer = self._filter_timer, None
        if timer is None:
            return False
        timer.stop()
        return True

    @on(Input.Submitted, "#sessions-filter")
    def filter_submitted(self) -> None:
        if self._stop_filter_timer():
            self.refilter()  # Enter right after typing: open from what was typed
        self.query_one(DataTable).focus()
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        # Typing anywhere filters: printable keys go to the filter box.
        filt = self.query_one("#sessions-filter", Input)
        if event.is_printable and event.character and self.focused is not filt:
            filt.focus()
            filt.insert_text_at_cursor(event.character)
            event.stop()
        elif event.key in ("down", "up") and self.focused is filt:
            self.query_one(DataTable).focus()

    def selected(self) -> Entry | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        # A lookup, not a search of every session: this runs on each cursor move.
        return self._rows.get(key) if key is not None else None

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if entry.damaged:
            self.notify(
                tr("msg.open_failed", error=f"{entry.path.name}: {entry.error}"), severity="error"
            )
            return
        self.app.open_session(entry.path)

    def action_delete(self) -> None:
        from .confirm import ConfirmScreen

        entry = self.selected()
        if entry is None:
            return
        open_here = self.app.assessment
        if open_here is not None and open_here.path == entry.path:
            # Its screens are under this one and it holds the file's lock: deleting it here
            # would leave them editing a file that no longer exists.
            self.notify(tr("sessions.delete_open"), severity="warning", timeout=8)
            return

        def confirmed(yes: bool | None) -> None:
            from ...assessment import delete_session
            from ...errors import IopError, LockedError

            if not yes:
                return
            try:
                delete_session(entry.path)
            except LockedError as exc:
                message = tr(
                    "sessions.delete_locked",
                    name=entry.path.name,
                    who=exc.host or "?",
                    pid=exc.pid,
                    since=exc.since or "?",
                )
                self.notify(message, severity="warning", timeout=10)
            except IopError as exc:
                self.notify(tr("sessions.delete_failed", error=exc), severity="error", timeout=8)
            else:
                self.notify(tr("sessions.deleted", name=entry.path.name))
            self.reload()

        self.app.push_screen(
            ConfirmScreen(
                tr(
                    "sessions.confirm_delete",
                    name=one_line(entry.title or entry.path.name),
                    file=one_line(entry.path.name),
                    updated=updated_text(entry),
                )
            ),
            confirmed,
        )

    def action_compare(self) -> None:
        """Mark the highlighted session; on a second session, show the two side by side."""
        entry = self.selected()
        if entry is None:
            return
        if entry.damaged:
            self.notify(
                tr("msg.open_failed", error=f"{entry.path.name}: {entry.error}"), severity="error"
            )
            return
        if self.marked is None or self.marked == entry.path or not self.marked.exists():
            self.marked = entry.path
            self.refilter()
            self.notify(
                tr("sessions.compare_marked", name=one_line(entry.title or entry.path.name))
            )
            return
        first, self.marked = self.marked, None
        self.refilter()
        self._show_comparison(first, entry.path)

    def _show_comparison(self, first: Path, second: Path) -> None:
        from ... import catalog
        from ...compare import compare_sessions
        from ...errors import IopError
        from ...store import load
        from .compare import SessionCompareScreen

        names = (first.stem, second.stem)
        try:
            a, b = load(first), load(second)
            result = compare_sessions(
                a,
                b,
                catalog.for_session(a.checklist, first),
                catalog.for_session(b.checklist, second),
                names,
            )
        except IopError as exc:
            self.notify(tr("msg.open_failed", error=exc), severity="error", timeout=8)
            return
        self.app.push_screen(SessionCompareScreen(result, names))

    def action_back(self) -> None:
        self.app.go_back()
