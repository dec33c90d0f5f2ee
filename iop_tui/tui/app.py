"""The Textual app: a thin shell that owns the open Assessment and moves between screens.

Screens render state and send intent (answer, note, navigate) to the Assessment; nothing
here decides a verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ..errors import one_line, printable
from ..i18n import tr
from .screens.base import AppScreen
from .screens.start import StartScreen

if TYPE_CHECKING:
    from ..assessment import Assessment
    from ..checklist import Checklist
    from ..session import Decision


class IopApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = tr("app.title")
    SUB_TITLE = tr("app.subtitle")
    BINDINGS = [
        Binding("ctrl+q", "quit", tr("key.quit"), priority=True),
        Binding("f2", "toggle_theme", tr("key.theme"), show=False),
        Binding("f3", "toggle_contrast", tr("key.contrast"), show=False),
        Binding("f4", "toggle_spacious", tr("key.spacious"), show=False),
        Binding("f1,question_mark", "keys", tr("key.keys"), show=False),
        # Textual adds this binding itself unless the app has one; ours is in Swedish.
        Binding("ctrl+p", "command_palette", tr("key.palette"), show=False, priority=True),
    ]

    def __init__(
        self,
        sessions_dir: Path,
        *,
        open_path: Path | None = None,
        new_checklist: str | None = None,
        start_examples: bool = False,
    ) -> None:
        from .localize import relabel_bindings

        relabel_bindings()  # before Textual copies the app's bindings
        super().__init__()
        self.sessions_dir = sessions_dir
        #: The open assessment. Invariant: it is open exactly while one of its screens
        #: (questions, review, result) is in the stack; leaving them all closes it.
        self.assessment: Assessment | None = None
        self._told_read_only = False
        self._open_path = open_path
        self._new_checklist = new_checklist
        self._start_examples = start_examples  # `iop-tui examples`, a workshop's tabs

    def get_default_screen(self) -> Screen[Any]:
        # The start screen is the base of the stack (no blank default screen under it):
        # one screen less to compose and style at start-up.
        return StartScreen()

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self._apply_preferences()
        self._show_title()
        self._tell_checklist_problems()
        from .. import profile

        if profile.is_first_run():
            # Asked once; skipping is a valid answer ("ingen kommun vald").
            self.action_settings(first_run=True)
        if self._open_path is not None:
            self.open_session(self._open_path)
        elif self._new_checklist is not None:
            self.action_new(self._new_checklist)
        elif self._start_examples:
            self.action_examples()

    # ------------------------------------------------------------------ safety net

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every message shown, from every screen (Widget.notify comes here): never markup
        (a file named "[@click=app.quit]x.toml" made a toast that quit the app) and never a
        control character from a file name or a file (terminal escapes)."""
        super().notify(
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def guarded(self, action: Callable[[], object]) -> bool:
        """Run a change that saves; show a message instead of crashing when it cannot.
        Returns True when it worked. The change stays in memory either way."""
        from ..assessment import FinalError
        from ..errors import IopError
        from ..store import ConflictError

        try:
            action()
        except ConflictError as exc:
            self.resolve_conflict(deleted=exc.deleted)
            return False
        except FinalError:
            self.notify(tr("msg.final"), severity="warning", timeout=8)
            return False
        except IopError as exc:
            self.notify(tr("msg.save_failed", error=exc), severity="error", timeout=8)
            return False
        a = self.assessment
        if a is not None and a.read_only and a.unsaved and not self._told_read_only:
            # Once per session: the header says "skrivskyddad", this says what it means.
            self._told_read_only = True
            self.notify(tr("msg.read_only"), severity="warning", timeout=10)
        return True

    def resolve_conflict(self, *, deleted: bool = False) -> None:
        """The file changed on disk, or was deleted there: never overwrite it, nor bring it
        back, without asking."""
        from .screens.conflict import ConflictScreen

        assessment = self.assessment
        if assessment is None or assessment.path is None:
            return
        if isinstance(self.screen, ConflictScreen):
            return  # already asking; the next answer is saved with the choice

        def chosen(choice: str | None) -> None:
            if choice == "overwrite":
                self.guarded(lambda: assessment.save(force=True))
            elif choice == "copy":
                if self.guarded(assessment.save_copy):
                    self.notify(tr("msg.saved_copy", path=self.shown_path(assessment.path)))
            else:
                self.notify(tr("msg.not_saved"), severity="warning", timeout=8)

        self.push_screen(ConflictScreen(self.shown_path(assessment.path), deleted=deleted), chosen)

    # ------------------------------------------------------------------ starting

    def _tell_checklist_problems(self) -> None:
        from .. import profile

        own = profile.user_checklists_dir()
        if not (own.is_dir() and any(own.glob("*.toml"))):
            return  # start-up: the catalog (pydantic, every checklist) loads only when needed
        from .. import catalog

        for problem in catalog.problems():  # a broken checklist of the user's: never fatal
            self.notify(tr("msg.checklist_problem", problem=problem), severity="warning")

    def action_settings(self, first_run: bool = False) -> None:
        from .. import catalog, profile
        from ..errors import IopError
        from .screens.settings import SettingsScreen

        def save(result: profile.Profile | None) -> None:
            if result is None:
                return
            try:
                path = profile.save(result)
            except IopError as exc:
                self.notify(tr("msg.save_failed", error=exc), severity="error", timeout=8)
                return
            catalog.reload()  # checklist texts name the kommun
            self._show_title()
            if self._language_changed(dialog.language):
                return
            if not first_run:
                self.notify(tr("settings.saved", path=self.shown_path(path)))

        dialog = SettingsScreen(profile.current(), first_run=first_run)
        self.push_screen(dialog, save)

    def _language_changed(self, lang: str) -> bool:
        """After the settings dialog: remember a new UI language and use it at once. The
        start screen is drawn again; other open screens change when opened again."""
        from .. import catalog, preferences
        from ..errors import IopError
        from ..i18n import language, set_language
        from .localize import relabel_bindings, relabel_node

        if lang == language():
            return False
        try:
            preferences.save_language(lang)
        except IopError as exc:
            self.notify(tr("msg.save_failed", error=exc), severity="error", timeout=8)
            return False
        set_language(lang)
        relabel_bindings()
        catalog.reload()  # checklist texts in the new language
        self._show_title()
        relabel_node(self)
        for screen in self.screen_stack:
            relabel_node(screen)
            if isinstance(screen, StartScreen):
                screen.refresh(recompose=True)
            screen.refresh_bindings()
        self.notify(tr("settings.language_saved"))
        return True

    def action_compare(self) -> None:
        from .screens.compare import CompareScreen

        if self.assessment is not None:
            self.push_screen(CompareScreen(self.assessment))

    def action_compare_sessions(self) -> None:
        """The sessions list with the open assessment marked for comparison."""
        from .screens.sessions import SessionsScreen

        if self.assessment is not None:
            self.push_screen(SessionsScreen(self.sessions_dir, marked=self.assessment.path))

    def action_carry(self, checklist_id: str) -> None:
        """A new assessment under another checklist with the answers the two share."""
        from .. import catalog
        from ..assessment import Assessment
        from ..compare import carry_over

        a = self.assessment
        if a is None:
            return
        target = catalog.get(checklist_id)
        self.flush_all()
        moved, _ = carry_over(a.session, target)
        new = Assessment.new(target, self.sessions_dir, **moved.meta.model_dump())
        for qid, answer in moved.answers.items():
            new.session.answers[qid] = answer
        new.session.notes.update(moved.notes)
        if self.guarded(new.save):
            self.notify(tr("carry.done", checklist=target.id, kept=len(moved.answers)))
            self.begin(new)

    def _tell_basis(self, checklist: Checklist) -> None:
        """Once per new assessment: whose criteria these are and the checklist's notice."""
        from .. import catalog

        lines = catalog.basis_lines(checklist)
        if checklist.notice:
            lines.append(checklist.notice)
        expired = catalog.riktlinje_expired(checklist)
        self.notify("\n".join(lines), severity="warning" if expired else "information", timeout=20)

    def action_new_org(self) -> None:
        """The organisation's own check before contacting the kommun (issue 14)."""
        self.action_new(perspective="organisation")

    def action_glossary(self) -> None:
        """Every term the checklist explains (the open assessment's, else the default)."""
        from .. import catalog
        from .screens.glossary import GlossaryScreen

        checklist = (
            self.assessment.checklist
            if self.assessment is not None
            else catalog.get(catalog.default_id())
        )
        self.push_screen(GlossaryScreen(checklist))

    def action_handoff(self) -> None:
        """Export the organisation's check for the kommun: the session and an underlag."""
        from .. import handoff, profile

        a = self.assessment
        if a is None or a.session.perspective != "organisation":
            return
        self.flush_all()
        paths: list[Path] = []

        def write() -> None:
            paths.extend(
                handoff.export(a.checklist, a.session, self.reports_dir, user=profile.current())
            )

        if self.guarded(write):
            self.notify(tr("handoff.exported", paths=", ".join(str(p) for p in paths)), timeout=20)

    def action_receive(self) -> None:
        """The officer receives an organisation's hand-off: a new kommun assessment that
        starts from its answers, each marked as the organisation's (issue 14)."""
        from .. import handoff
        from ..errors import IopError
        from .screens.receive import ReceiveScreen

        def received(source: Path | None) -> None:
            if source is None:
                return
            try:
                path = handoff.receive_file(source, self.sessions_dir)
            except (IopError, OSError) as exc:
                self.notify(tr("msg.open_failed", error=exc), severity="error", timeout=10)
                return
            self.open_session(path)
            self.notify(tr("receive.done", name=path.name), timeout=10)

        self.push_screen(ReceiveScreen(), received)

    def action_new(self, checklist_id: str | None = None, perspective: str = "kommun") -> None:
        from .. import catalog
        from .screens.meta import MetaScreen

        checklists = list(catalog.installed().values())
        chosen = catalog.get(checklist_id or catalog.default_id())

        def create(result: tuple[Checklist, dict[str, str]] | None) -> None:
            if result is None:
                return
            from ..assessment import Assessment

            checklist, meta = result
            assessment = Assessment.new(
                checklist, self.sessions_dir, perspective=perspective, **meta
            )
            if any(meta.values()):
                self.guarded(assessment.save)
            self.begin(assessment)
            self._tell_basis(checklist)

        self.push_screen(MetaScreen(checklists, chosen=chosen), create)

    def action_sessions(self) -> None:
        from .screens.sessions import SessionsScreen

        self.push_screen(SessionsScreen(self.sessions_dir))

    def action_examples(self) -> None:
        from .screens.examples import ExamplesScreen

        self.push_screen(ExamplesScreen())

    def _try_open(self, opener: Callable[[], Assessment]) -> Assessment | None:
        from ..errors import IopError

        try:
            return opener()
        except IopError as exc:
            self.notify(tr("msg.open_failed", error=exc), severity="error", timeout=8)
            return None

    def open_session(self, path: Path) -> None:
        """Open a saved session; one open elsewhere, or one that cannot be locked (a
        read-only folder), can be opened read-only; a shipped example, or a file we may not
        write, opens as a copy, unless the sessions folder (where the copy would go) is
        read-only too: then the file itself opens read-only."""
        from .. import catalog
        from ..assessment import Assessment
        from ..errors import IopError, LockedError, LockError, one_line
        from .screens.confirm import ConfirmScreen

        if catalog.opens_as_copy(path):
            example = catalog.is_example(path) or path.resolve().parent.match("checklists/examples")
            if example or self._sessions_dir_writable():
                self.open_example(path)
                return
            opened = self._try_open(
                lambda: Assessment.open(path, self.sessions_dir, read_only=True)
            )
            if opened is not None:
                self.notify(tr("msg.read_only_folder"), severity="warning", timeout=10)
                self.begin(opened)
            return

        def answer(read_only: bool | None) -> None:
            if read_only:
                opened = self._try_open(
                    lambda: Assessment.open(path, self.sessions_dir, read_only=True)
                )
                if opened is not None:
                    self.begin(opened)

        try:
            assessment = Assessment.open(path, self.sessions_dir)
        except LockedError as exc:
            question = tr(
                "lock.ask",
                who=exc.host or "?",
                pid=exc.pid,
                since=exc.since or "?",
                name=path.name,
            )
            self.push_screen(ConfirmScreen(question), answer)
            return
        except LockError as exc:
            # No lock can be taken (a read-only folder or mount): the file cannot be edited
            # here, but it can be read, so offer that instead of only saying so.
            question = tr("lock.ask_unlockable", name=path.name, error=one_line(str(exc)))
            self.push_screen(ConfirmScreen(question), answer)
            return
        except IopError as exc:
            self.notify(tr("msg.open_failed", error=exc), severity="error", timeout=8)
            return
        self.begin(assessment)

    def _sessions_dir_writable(self) -> bool:
        """The sessions folder can take a new file (owner's write bit too, as for files:
        root may write anywhere, but a folder made read-only says "do not change me")."""
        import os
        import stat

        d = self.sessions_dir
        try:
            mode = d.stat().st_mode
        except OSError:
            return True  # not there yet: created on the first save (which says if it cannot)
        return os.access(d, os.W_OK) and bool(mode & stat.S_IWUSR)

    def open_example(self, path: Path) -> None:
        from ..assessment import Assessment

        assessment = self._try_open(lambda: Assessment.from_example(path, self.sessions_dir))
        if assessment is not None:
            self.notify(tr("msg.example_copy"))
            self.begin(assessment)

    def begin(self, assessment: Assessment) -> None:
        """Show an assessment from its first unanswered question (or its review when all are
        answered), on top of the screen the user opened it from (start, list, examples)."""
        if self.assessment is not None and self.assessment is not assessment:
            # Another session is open (the palette works everywhere): leave it first, asking
            # if it holds changes that are not saved; if the user stays, drop the new one.
            self.confirm_leave(lambda: self._begin(assessment), on_stay=assessment.close)
        else:
            self._begin(assessment)

    def _begin(self, assessment: Assessment) -> None:
        from .screens.question import QuestionScreen
        from .screens.review import ReviewScreen

        # Screens of the session we leave go (popping the last one closes it); screens
        # under them, which the user came from, stay.
        while self.in_assessment():
            self.pop_screen()
        if self.assessment is not None and self.assessment is not assessment:
            self.close_session()
        self.assessment = assessment
        self._told_read_only = False
        self._show_title()
        from .. import catalog

        if catalog.riktlinje_expired(assessment.checklist):
            # Whenever this checklist is used, not only once.
            self.notify(
                catalog.basis_lines(assessment.checklist)[-1], severity="warning", timeout=20
            )
        if assessment.first_unanswered() is None:
            # Nothing left to answer: start where one checks answers, and only there, so
            # that Esc goes back to where the user came from, not to an unseen question.
            self.push_screen(ReviewScreen(assessment))
        else:
            self.push_screen(QuestionScreen(assessment, assessment.resume_at()))
        unknown = assessment.session.unknown_questions(assessment.checklist)
        if unknown:  # as `iop-tui judge` says it, with the closest known id
            from ..changes import describe_unknown

            text = describe_unknown(unknown, assessment.checklist)
            self.notify(text[:1].upper() + text[1:], severity="warning", timeout=15)
        if assessment.changes.changed:
            from rich.text import Text

            from .screens.info import InfoScreen

            notice = printable(assessment.changes.describe())  # it quotes ids from the file
            self.push_screen(InfoScreen(tr("changes.heading"), Text(notice)))

    def _show_title(self) -> None:
        from .. import profile

        p = profile.current()
        self.title = tr("app.title") + (f" · {p.kommun}" if p.has_kommun else "")
        a = self.assessment
        title = one_line(a.session.meta.title if a is not None else "") or tr("app.subtitle")
        if a is not None and a.read_only:
            # First: a long title is cut off at the end, and this must stay visible.
            title = f"({tr('lock.read_only')}) {title}"
        elif a is not None and a.final:
            title = f"({tr('lock.final')}) {title}"
        if a is not None and a.session.perspective == "organisation":
            title = f"{title} ({tr('org.title_suffix')})"
        self.sub_title = title

    # ------------------------------------------------------------------ moving around

    def in_assessment(self, stack: Iterable[Screen[Any]] | None = None) -> bool:
        """True if a screen of the open assessment is in `stack` (default: the app's)."""
        from .screens.question import QuestionScreen
        from .screens.result import ResultScreen
        from .screens.review import ReviewScreen

        kinds = (QuestionScreen, ReviewScreen, ResultScreen)
        screens = self.screen_stack if stack is None else stack
        return any(isinstance(s, kinds) for s in screens)

    def pop_screen(self) -> AwaitComplete:
        # Every way back goes through here (Esc, pop_to, dismissed dialogs): save a note
        # being typed on the screen that goes, and close the session once none of its
        # screens is left, so the start screen never has a session open behind it.
        if isinstance(self.screen, AppScreen):
            self.screen.flush()
        done = super().pop_screen()
        if self.assessment is not None and not self.in_assessment():
            self.close_session()
        return done

    def go_back(self) -> None:
        """Esc: one step back along the user's own path. Leaving the assessment's last
        screen closes it, after asking when a read-only session holds changes."""
        if len(self.screen_stack) <= 1:
            return
        if self.assessment is not None and not self.in_assessment(self.screen_stack[:-1]):
            self.confirm_leave(self.pop_screen)
        else:
            self.pop_screen()

    async def action_back(self) -> None:
        self.go_back()

    def confirm_leave(
        self, leave: Callable[[], object], on_stay: Callable[[], object] | None = None
    ) -> None:
        """Run `leave` now, unless the open session is read-only and holds changes that
        exist nowhere else: then ask first (save a copy, leave without saving, or stay)."""
        from .screens.confirm import FolderScreen, UnsavedScreen

        self.flush_all()  # a note being typed counts as a change
        a = self.assessment
        if a is None or not a.unsaved:
            leave()
            return
        if isinstance(self.screen, (UnsavedScreen, FolderScreen)):
            return  # already asking (Ctrl+Q pressed again)

        def copy(directory: Path | None = None) -> None:
            if self.guarded(lambda: a.save_copy(directory)):
                self._show_title()
                self.notify(tr("msg.saved_copy", path=self.shown_path(a.path)))
                leave()
            elif on_stay is not None:
                on_stay()

        def folder(directory: Path | None) -> None:
            if directory is not None:
                copy(directory)
            elif on_stay is not None:
                on_stay()

        def chosen(choice: str | None) -> None:
            if choice == "copy":
                copy()
            elif choice == "elsewhere":
                self.push_screen(FolderScreen(Path.home()), folder)
            elif choice == "discard":
                leave()
            elif on_stay is not None:
                on_stay()

        error = None if a.read_only else a.save_error
        self.push_screen(UnsavedScreen(error), chosen)

    def close_session(self) -> None:
        """Leave the open assessment: save what is pending, release its lock, forget it.
        Answers are on disk already (saved as given); this is what quitting does too."""
        self.flush_all()
        self.close_assessment()
        self.assessment = None
        self._show_title()
        if isinstance(self.screen, AppScreen):
            self.screen.session_closed()  # e.g. the list: refresh it

    def pop_to(self, kind: type[Screen[Any]]) -> bool:
        """Pop screens until one of `kind` is on top; False (and nothing popped) if there is
        none in the stack. Keeps the stack a path (questions → review → result), so Esc always
        means one step back along it."""
        if not any(isinstance(s, kind) for s in self.screen_stack):
            return False
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def asking(self) -> bool:
        """True while a dialog waits for an answer (e.g. a conflict raised by the change
        that also asked to move on): moving now would pop the dialog before it is mounted
        and drop the change with it, so the move is not made and the user stays put."""
        from textual.screen import ModalScreen

        return isinstance(self.screen, ModalScreen)

    def action_review(self) -> None:
        from .screens.review import ReviewScreen

        if self.asking():
            return
        if self.assessment is not None and not self.pop_to(ReviewScreen):
            self.push_screen(ReviewScreen(self.assessment))

    def action_result(self) -> None:
        from .screens.result import ResultScreen

        if self.asking():
            return
        if self.assessment is not None and not self.pop_to(ResultScreen):
            self.push_screen(ResultScreen(self.assessment))

    def action_questions(self) -> None:
        from .screens.question import QuestionScreen

        if self.assessment is None or self.asking():
            return
        if self.pop_to(QuestionScreen) and isinstance(self.screen, QuestionScreen):
            self.screen.from_review = False
            self.screen.show(self.assessment.resume_at())
        else:
            self.push_screen(QuestionScreen(self.assessment, self.assessment.resume_at()))

    def action_edit_meta(self) -> None:
        from .screens.meta import MetaScreen

        assessment = self.assessment
        if assessment is None:
            return

        def apply(result: tuple[Checklist, dict[str, str]] | None) -> None:
            if result is not None:
                self.guarded(lambda: assessment.set_meta(**result[1]))
                self.refresh_bindings()
                self.screen.refresh(recompose=False)
                self._show_title()

        self.push_screen(
            MetaScreen(
                [assessment.checklist],
                chosen=assessment.checklist,
                meta=assessment.session.meta.model_dump(),
                editing=True,
            ),
            apply,
        )

    def _install_signal_handlers(self) -> None:
        """SIGTERM, SIGHUP (terminal closed) and SIGINT: save what is being typed, then exit.
        Answers are saved the moment they are given; this rescues a note mid-typing."""
        import asyncio
        import contextlib
        import signal

        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            sig = getattr(signal, name, None)
            if sig is None:
                continue  # not on this platform (Windows has no SIGHUP)
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self._on_signal)

    def exit(
        self, result: object | None = None, return_code: int = 0, message: object | None = None
    ) -> None:
        from .writer import exiting

        exiting()  # the terminal may be gone: the way out never waits on it for long
        super().exit(result, return_code, message)  # type: ignore[arg-type]

    def _on_signal(self) -> None:
        self.flush_all()
        self.rescue_details()
        self.rescue()
        self.close_assessment()
        self.exit(return_code=1)

    def rescue_details(self) -> None:
        """Details typed in an open details dialog are kept like a half-typed note: for the
        open session they are saved into it (rescued to a new file if that fails); for a new
        session the session is created with them (it has no answers yet)."""
        import contextlib

        from ..assessment import Assessment
        from ..errors import IopError
        from .screens.meta import MetaScreen

        for screen in self.screen_stack:
            if not isinstance(screen, MetaScreen):
                continue
            pending = screen.pending()
            if pending is None:
                continue
            checklist, values = pending
            if screen.editing:
                if self.assessment is not None:
                    with contextlib.suppress(IopError, ValueError):
                        self.assessment.set_meta(**values)
                continue
            with contextlib.suppress(IopError, ValueError, OSError):
                created = Assessment.new(checklist, self.sessions_dir, **values)
                try:
                    with contextlib.suppress(IopError, OSError):
                        created.save()
                    self.rescue(created)
                finally:
                    created.close()

    def rescue(self, assessment: Assessment | None = None) -> Path | None:
        """No one to ask (a signal; the terminal may be gone): changes that are not on disk
        (read-only, or a save failed) go to a new file rather than nowhere: in the sessions
        folder, else the home folder, else the temp folder. The original is never written."""
        import contextlib
        import tempfile

        from ..errors import IopError

        a = assessment or self.assessment
        if a is None or not a.unsaved:
            return None
        for directory in (None, Path.home(), Path(tempfile.gettempdir())):
            with contextlib.suppress(IopError, OSError):
                return a.save_copy(directory)
        return None

    def close_assessment(self) -> None:
        if self.assessment is not None:
            self.assessment.close()

    def flush_all(self) -> None:
        """Save anything still pending on any screen (a note being typed)."""
        for screen in self.screen_stack:
            if isinstance(screen, AppScreen):
                screen.flush()

    def action_save_copy(self) -> None:
        """Save as a new file under a new title (asked first), and go on in the new file."""
        from ..session import Meta
        from .screens.copy import CopyScreen

        a = self.assessment
        if a is None:
            return
        self.flush_all()
        before = a.path

        def chosen(title: str | None) -> None:
            if title is None:
                return
            meta = a.session.meta
            a.session.meta = Meta(**{**meta.model_dump(), "title": title})
            if not self.guarded(a.save_copy):
                a.session.meta = meta
                return
            self._show_title()
            self.refresh_bindings()
            old = before.name if before is not None else tr("copy.no_file")
            self.notify(tr("msg.copy_open", path=self.shown_path(a.path), old=old), timeout=12)

        current = before.name if before is not None else tr("copy.no_file")
        self.push_screen(CopyScreen(a.session.meta.title, current), chosen)

    @property
    def reports_dir(self) -> Path:
        from .. import store

        return store.reports_dir(self.sessions_dir)

    def shown_path(self, path: Path | str | None) -> str:
        """A file as the user may see it: in a browser (serve) only its name, the server's
        folders are none of a participant's business."""
        if path is None:
            return ""
        return Path(path).name if self.is_web else str(path)

    def deliver_to_browser(self, path: Path) -> None:
        """In a browser (serve) a written report is also downloaded: the participant's copy
        is on the server, out of their reach."""
        if self.is_web:
            self.deliver_binary(path, save_filename=path.name, open_method="download")

    def action_export(self, fmt: str = "html") -> Path | None:
        """Write the report of the open assessment and say where (one key away)."""
        from ..errors import IopError

        a = self.assessment
        if a is None:
            return None
        try:
            path, replaced = a.export(fmt, self.reports_dir)
        except IopError as exc:
            self.notify(tr("msg.export_failed", error=exc), severity="error", timeout=10)
            return None
        message = "msg.export_replaced" if replaced else "msg.exported"
        self.notify(tr(message, path=self.shown_path(path)), timeout=10)
        self.deliver_to_browser(path)
        if isinstance(self.screen, AppScreen):
            self.screen.exported(path)
        return path

    def action_export_long(self) -> Path | None:
        """The appendix: the full question-by-question record (HTML)."""
        from ..errors import IopError

        a = self.assessment
        if a is None:
            return None
        try:
            path, replaced = a.export("html", self.reports_dir, long=True)
        except IopError as exc:
            self.notify(tr("msg.export_failed", error=exc), severity="error", timeout=10)
            return None
        message = "msg.export_replaced" if replaced else "msg.exported"
        self.notify(tr(message, path=self.shown_path(path)), timeout=10)
        self.deliver_to_browser(path)
        return path

    def action_export_document(self, kind: str) -> list[Path]:
        """A tjänsteskrivelse or IOP-avtal draft, as Word and Markdown."""
        from ..errors import IopError

        a = self.assessment
        if a is None:
            return []
        try:
            paths = a.export_documents(kind, self.reports_dir)
        except IopError as exc:
            self.notify(tr("msg.export_failed", error=exc), severity="error", timeout=10)
            return []
        shown = ", ".join(self.shown_path(p) for p in paths)
        self.notify(tr("msg.exported_doc", path=shown), timeout=10)
        for p in paths:
            self.deliver_to_browser(p)
        return paths

    def action_decision(self) -> None:
        """The decision part; saving it may also make the assessment fastställd."""
        from ..report import local_time, report_date
        from .screens.decision import DecisionScreen

        a = self.assessment
        if a is None:
            return
        if a.final:
            self.notify(tr("msg.final"), severity="warning", timeout=8)
            return

        def apply(result: tuple[Decision, bool] | None) -> None:
            if result is None:
                return
            decision, finalise = result
            if not self.guarded(lambda: a.set_decision(decision)):
                return
            if finalise:
                problem = a.finalise_problem()
                if problem is not None:
                    self.notify(
                        tr("decision.missing", problem=tr(problem)), severity="warning", timeout=10
                    )
                elif self.guarded(a.finalise) and a.session.decision.final is not None:
                    when = local_time(a.session.decision.final)
                    self.notify(tr("msg.finalised", when=when), timeout=10)
            self._show_title()
            self.refresh_bindings()

        label = a.checklist.outcome(a.verdict.outcome).label
        today = report_date(a.session, dt.date.today())
        self.push_screen(DecisionScreen(a.session.decision, label, today), apply)

    def action_new_copy(self) -> None:
        """A changeable copy of a fastställd assessment."""
        a = self.assessment
        if a is not None and self.guarded(a.new_copy):
            self._show_title()
            self.notify(tr("msg.new_copy", path=self.shown_path(a.path)))

    def take_screenshot(self) -> None:
        """Save an SVG of the screen in the data folder (Textual's default, ~/Downloads, is
        missing on many machines) and say where; in a browser (serve) it is downloaded."""
        import io

        from ..store import ensure_private_dir, screenshots_dir
        from ..verdict_view import sentence

        try:
            folder = ensure_private_dir(screenshots_dir(self.sessions_dir))
        except OSError as exc:
            self.notify(tr("msg.screenshot_failed", error=exc), severity="error", timeout=10)
            return
        name = f"{sentence(self.sub_title or 'iop-tui')[:40]}-{self._stamp()}.svg"
        self.deliver_text(
            io.StringIO(self.export_screenshot()),
            save_directory=folder,
            save_filename="".join(c if c.isalnum() or c in "-_." else "_" for c in name),
            open_method="browser",
            mime_type="image/svg+xml",
            name="skarmbild",
        )

    @staticmethod
    def _stamp() -> str:
        import datetime as dt

        return dt.datetime.now().strftime("%Y%m%d-%H%M%S")

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == "skarmbild":
            where = self.shown_path(event.path) if event.path is not None else ""
            self.notify(tr("msg.screenshot", path=where), timeout=15)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == "skarmbild":
            self.notify(
                tr("msg.screenshot_failed", error=event.exception), severity="error", timeout=10
            )

    def action_keys(self) -> None:
        """The key sheet for the screen on top: its own keys, then the app's."""
        from ..verdict_view import legend
        from .screens.keys import KeysScreen, key_name
        from .screens.result import ResultScreen

        if isinstance(self.screen, KeysScreen):
            return
        # Our own bindings only (the screen's, then the app's), each with its Swedish
        # description; widgets' built-in ones (English, e.g. "Cursor up") stay out.
        seen: set[str] = set()
        keys: list[tuple[str, str]] = []
        for b in (*self.screen.BINDINGS, *self.BINDINGS):
            if not isinstance(b, Binding) or not b.description or b.description in seen:
                continue
            seen.add(b.description)
            keys.append((" / ".join(key_name(k.strip()) for k in b.key.split(",")), b.description))
        symbols = legend() if isinstance(self.screen, ResultScreen) else ()
        self.push_screen(KeysScreen(keys, symbols))

    def action_search(self) -> None:
        """Find a question by words in its text or help, and go there."""
        from .screens.question import QuestionScreen
        from .screens.search import SearchScreen

        a = self.assessment
        if a is None:
            return

        def chosen(qid: str | None) -> None:
            if qid is None:
                return
            self.action_questions()
            if isinstance(self.screen, QuestionScreen):
                self.screen.from_review = False
                self.screen.show(qid)

        self.push_screen(SearchScreen(a), chosen)

    # ------------------------------------------------------------------ looks (projector)

    def _apply_preferences(self) -> None:
        """The theme and layout the user chose last time (defaults if none or unreadable)."""
        from .. import preferences
        from .themes import register_all

        register_all(self)
        prefs = preferences.load()
        self.theme = prefs.theme
        self.set_class(prefs.spacious, "spacious")

    def _remember_looks(self) -> None:
        from dataclasses import replace

        from .. import preferences
        from ..errors import IopError

        # The language in the same file stays as chosen.
        prefs = replace(
            preferences.load(), theme=self.theme, spacious=self.has_class("spacious")
        )
        try:
            preferences.save(prefs)
        except IopError as exc:  # still applied, only not remembered
            self.notify(tr("msg.save_failed", error=exc), severity="warning", timeout=8)

    def action_toggle_theme(self) -> None:
        from .. import themes

        self.theme = themes.other_brightness(self.theme)
        self._remember_looks()

    def action_toggle_contrast(self) -> None:
        from .. import themes

        self.theme = themes.other_contrast(self.theme)
        self._remember_looks()
        high = themes.BY_NAME[self.theme].high_contrast
        self.notify(tr("msg.contrast_on" if high else "msg.contrast_off"), timeout=4)

    def action_handout(self) -> Path | None:
        """The one-page workshop handout, written beside the reports."""
        from .. import handout
        from ..store import atomic_write, ensure_private_dir

        try:
            folder = ensure_private_dir(self.reports_dir)
            path = folder / handout.default_name()
            atomic_write(path, handout.render().encode("utf-8"))
        except OSError as exc:
            self.notify(tr("msg.save_failed", error=exc), severity="error", timeout=10)
            return None
        self.notify(tr("msg.handout", path=self.shown_path(path)), timeout=15)
        self.deliver_to_browser(path)
        return path

    def action_quiz(self) -> None:
        from .screens.quiz import QuizScreen

        self.push_screen(QuizScreen())

    def action_toggle_spacious(self) -> None:
        self.toggle_class("spacious")
        self._remember_looks()
        on = self.has_class("spacious")
        self.notify(tr("msg.spacious_on" if on else "msg.spacious_off"), timeout=4)

    async def action_quit(self) -> None:
        a = self.assessment
        before = a.path if a is not None else None

        def quit_now() -> None:
            self.close_assessment()
            # A copy saved on the way out: say where, after the screen is gone.
            copy = a.path if a is not None and a.path != before else None
            self.exit(message=tr("msg.saved_copy", path=copy) if copy else None)

        self.confirm_leave(quit_now)

    # ------------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield SystemCommand(tr("cmd.new"), tr("cmd.new.help"), self.action_new)
        yield SystemCommand(tr("cmd.open"), tr("cmd.open.help"), self.action_sessions)
        yield SystemCommand(tr("cmd.examples"), tr("cmd.examples.help"), self.action_examples)
        yield SystemCommand(tr("cmd.quiz"), tr("cmd.quiz.help"), self.action_quiz)
        yield SystemCommand(tr("cmd.handout"), tr("cmd.handout.help"), self.action_handout)
        if self.assessment is not None:
            yield SystemCommand(tr("cmd.question"), tr("cmd.question.help"), self.action_questions)
            yield SystemCommand(tr("cmd.search"), tr("cmd.search.help"), self.action_search)
            yield SystemCommand(tr("cmd.review"), tr("cmd.review.help"), self.action_review)
            yield SystemCommand(tr("cmd.result"), tr("cmd.result.help"), self.action_result)
            yield SystemCommand(tr("cmd.meta"), tr("cmd.meta.help"), self.action_edit_meta)
            yield SystemCommand(tr("cmd.compare"), tr("cmd.compare.help"), self.action_compare)
            yield SystemCommand(
                tr("cmd.compare_sessions"),
                tr("cmd.compare_sessions.help"),
                self.action_compare_sessions,
            )
            from .. import catalog

            for c in catalog.installed().values():
                # only to a checklist with the same outcomes (not a follow-up)
                same = c.outcome_ids == self.assessment.checklist.outcome_ids
                if c.id != self.assessment.checklist.id and same:
                    yield SystemCommand(
                        f"{tr('cmd.carry')}: {c.id}",
                        tr("cmd.carry.help"),
                        lambda cid=c.id: self.action_carry(cid),
                    )
            yield SystemCommand(
                tr("cmd.save_copy"), tr("cmd.save_copy.help"), self.action_save_copy
            )
            yield SystemCommand(tr("cmd.decision"), tr("cmd.decision.help"), self.action_decision)
            if self.assessment.final:
                yield SystemCommand(
                    tr("cmd.new_copy"), tr("cmd.new_copy.help"), self.action_new_copy
                )
            for fmt in ("html", "md", "json"):
                yield SystemCommand(
                    tr(f"cmd.export.{fmt}"),
                    tr("cmd.export.help"),
                    lambda fmt=fmt: self.action_export(fmt),
                )
            yield SystemCommand(
                tr("cmd.export.long"), tr("cmd.export.help"), self.action_export_long
            )
            for kind in ("tjanst", "avtal"):
                yield SystemCommand(
                    tr(f"cmd.export.{kind}"),
                    tr("cmd.export.help"),
                    lambda kind=kind: self.action_export_document(kind),
                )
        yield SystemCommand(tr("cmd.glossary"), tr("cmd.glossary.help"), self.action_glossary)
        if self.assessment is not None and self.assessment.session.perspective == "organisation":
            yield SystemCommand(tr("cmd.handoff"), tr("cmd.handoff.help"), self.action_handoff)
        yield SystemCommand(tr("cmd.receive"), tr("cmd.receive.help"), self.action_receive)
        yield SystemCommand(tr("cmd.settings"), tr("cmd.settings.help"), self.action_settings)
        yield SystemCommand(tr("cmd.theme"), tr("cmd.theme.help"), self.action_toggle_theme)
        yield SystemCommand(
            tr("cmd.contrast"), tr("cmd.contrast.help"), self.action_toggle_contrast
        )
        yield SystemCommand(
            tr("cmd.spacious"), tr("cmd.spacious.help"), self.action_toggle_spacious
        )
        # Textual's own commands (App.get_system_commands), in the UI's language. Its theme
        # picker is left out: the light/dark toggle above is the choice the app supports.
        yield SystemCommand(tr("cmd.keys"), tr("cmd.keys.help"), self.action_keys)
        if screen.maximized is not None:
            yield SystemCommand(tr("cmd.minimize"), tr("cmd.minimize.help"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(tr("cmd.maximize"), tr("cmd.maximize.help"), screen.action_maximize)
        yield SystemCommand(
            tr("cmd.screenshot"),
            tr("cmd.screenshot.help"),
            lambda: self.set_timer(0.1, self.take_screenshot),
        )
        yield SystemCommand(tr("cmd.quit"), tr("cmd.quit.help"), self.action_quit)

    def action_command_palette(self) -> None:
        """Textual's palette, with its search field in the UI's language."""
        from textual.command import CommandPalette

        from .localize import Palette

        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(id="--command-palette", placeholder=tr("palette.placeholder")))

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's hint that it does not quit), in the UI's language."""
        from .screens.keys import key_name

        self.notify(
            tr("textual.help_quit", keys=key_name("ctrl+q")), title=tr("textual.help_quit_title")
        )
