"""The Textual app: a thin shell that owns the open Assessment and moves between screens.

Screens render state and send intent (answer, note, navigate) to the Assessment; nothing
here decides a verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from ..i18n import tr
from .screens.start import StartScreen

if TYPE_CHECKING:
    from ..assessment import Assessment
    from ..checklist import Checklist

LIGHT, DARK = "textual-light", "textual-dark"


class IopApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = tr("app.title")
    SUB_TITLE = tr("app.subtitle")
    BINDINGS = [
        Binding("ctrl+q", "quit", tr("key.quit"), priority=True),
        Binding("f2", "toggle_theme", tr("key.theme"), show=False),
    ]

    def __init__(
        self,
        sessions_dir: Path,
        *,
        open_path: Path | None = None,
        new_checklist: str | None = None,
    ) -> None:
        super().__init__()
        self.sessions_dir = sessions_dir
        self.assessment: Assessment | None = None
        self._open_path = open_path
        self._new_checklist = new_checklist

    def get_default_screen(self) -> Screen:
        # The start screen is the base of the stack (no blank default screen under it):
        # one screen less to compose and style at start-up.
        return StartScreen()

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self.theme = DARK
        if self._open_path is not None:
            self.open_session(self._open_path)
        elif self._new_checklist is not None:
            self.action_new(self._new_checklist)

    # ------------------------------------------------------------------ safety net

    def guarded(self, action: Callable[[], object]) -> bool:
        """Run a change that saves; show a message instead of crashing when it cannot.
        Returns True when it worked. The change stays in memory either way."""
        from ..errors import IopError
        from ..store import ConflictError

        try:
            action()
        except ConflictError:
            self.resolve_conflict()
            return False
        except IopError as exc:
            self.notify(tr("msg.save_failed", error=exc), severity="error", timeout=8)
            return False
        return True

    def resolve_conflict(self) -> None:
        """The file changed on disk: never overwrite it without asking."""
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
                    self.notify(tr("msg.saved_copy", path=assessment.path))
            else:
                self.notify(tr("msg.not_saved"), severity="warning", timeout=8)

        self.push_screen(ConflictScreen(str(assessment.path)), chosen)

    # ------------------------------------------------------------------ starting

    def action_new(self, checklist_id: str | None = None) -> None:
        from .. import catalog
        from .screens.meta import MetaScreen

        checklists = list(catalog.installed().values())
        chosen = catalog.get(checklist_id) if checklist_id else None

        def create(result: tuple[Checklist, dict[str, str]] | None) -> None:
            if result is None:
                return
            from ..assessment import Assessment

            checklist, meta = result
            assessment = Assessment.new(checklist, self.sessions_dir, **meta)
            if any(meta.values()):
                self.guarded(assessment.save)
            self.begin(assessment)

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
        """Open a saved session; one open elsewhere can be opened read-only; a shipped
        example always opens as a copy."""
        from .. import catalog
        from ..assessment import Assessment
        from ..errors import IopError, LockedError
        from .screens.confirm import ConfirmScreen

        if path.resolve().parent == catalog.examples_dir().resolve():
            self.open_example(path)
            return
        try:
            assessment = Assessment.open(path, self.sessions_dir)
        except LockedError as exc:

            def answer(read_only: bool | None) -> None:
                if read_only:
                    opened = self._try_open(
                        lambda: Assessment.open(path, self.sessions_dir, read_only=True)
                    )
                    if opened is not None:
                        self.begin(opened)

            self.push_screen(
                ConfirmScreen(
                    tr(
                        "lock.ask",
                        who=exc.host or "?",
                        pid=exc.pid,
                        since=exc.since or "?",
                        name=path.name,
                    )
                ),
                answer,
            )
            return
        except IopError as exc:
            self.notify(tr("msg.open_failed", error=exc), severity="error", timeout=8)
            return
        self.begin(assessment)

    def open_example(self, path: Path) -> None:
        from ..assessment import Assessment

        assessment = self._try_open(lambda: Assessment.from_example(path, self.sessions_dir))
        if assessment is not None:
            self.notify(tr("msg.example_copy"))
            self.begin(assessment)

    def begin(self, assessment: Assessment) -> None:
        """Show an assessment from its first unanswered question, on top of the start screen."""
        from .screens.question import QuestionScreen

        if self.assessment is not None and self.assessment is not assessment:
            self.assessment.close()  # release the lock of the session we leave
        self.assessment = assessment
        self.sub_title = assessment.session.meta.title or tr("app.subtitle")
        if assessment.read_only:
            self.sub_title = f"{self.sub_title} ({tr('lock.read_only')})"
        while len(self.screen_stack) > 1:  # keep the start screen
            self.pop_screen()
        self.push_screen(QuestionScreen(assessment, assessment.resume_at()))
        if assessment.first_unanswered() is None:
            self.action_review()  # nothing left to answer: start where one checks answers
        if assessment.changes.changed:
            from rich.text import Text

            from .screens.info import InfoScreen

            self.push_screen(InfoScreen(tr("changes.heading"), Text(assessment.changes.describe())))

    # ------------------------------------------------------------------ moving around

    def pop_to(self, kind: type[Screen]) -> bool:
        """Pop screens until one of `kind` is on top; False (and nothing popped) if there is
        none in the stack. Keeps the stack a path (questions → review → result), so Esc always
        means one step back along it."""
        if not any(isinstance(s, kind) for s in self.screen_stack):
            return False
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def action_review(self) -> None:
        from .screens.review import ReviewScreen

        if self.assessment is not None and not self.pop_to(ReviewScreen):
            self.push_screen(ReviewScreen(self.assessment))

    def action_result(self) -> None:
        from .screens.result import ResultScreen

        if self.assessment is not None and not self.pop_to(ResultScreen):
            self.push_screen(ResultScreen(self.assessment))

    def action_questions(self) -> None:
        from .screens.question import QuestionScreen

        if self.assessment is None:
            return
        if self.pop_to(QuestionScreen) and isinstance(self.screen, QuestionScreen):
            self.screen.show(self.assessment.resume_at())
        else:
            self.begin(self.assessment)

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
                self.sub_title = assessment.session.meta.title or tr("app.subtitle")

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

    def _on_signal(self) -> None:
        self.flush_all()
        self.close_assessment()
        self.exit(return_code=1)

    def close_assessment(self) -> None:
        if self.assessment is not None:
            self.assessment.close()

    def flush_all(self) -> None:
        """Save anything still pending on any screen (a note being typed)."""
        for screen in self.screen_stack:
            flush = getattr(screen, "flush", None)
            if callable(flush):
                flush()

    def action_save_copy(self) -> None:
        a = self.assessment
        if a is not None and self.guarded(a.save_copy):
            self.sub_title = a.session.meta.title or tr("app.subtitle")
            self.notify(tr("msg.saved_copy", path=a.path))

    @property
    def reports_dir(self) -> Path:
        return self.sessions_dir.parent / "rapporter"

    def action_export(self, fmt: str = "html") -> Path | None:
        """Write the report for the open assessment and say where (issue: one key away)."""
        from ..errors import IopError
        from ..report import default_export_path, write_report

        a = self.assessment
        if a is None:
            return None
        name = a.path if a.path is not None else (a.session.meta.title or "bedomning")
        try:
            path = write_report(
                a.checklist,
                a.session,
                fmt,
                default_export_path(name, fmt, self.reports_dir),
                create_dir=True,
            )
        except IopError as exc:
            self.notify(tr("msg.export_failed", error=exc), severity="error", timeout=10)
            return None
        self.notify(tr("msg.exported", path=path), timeout=10)
        return path

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    async def action_quit(self) -> None:
        self.flush_all()
        self.close_assessment()
        self.exit()

    # ------------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(tr("cmd.new"), tr("cmd.new.help"), self.action_new)
        yield SystemCommand(tr("cmd.open"), tr("cmd.open.help"), self.action_sessions)
        yield SystemCommand(tr("cmd.examples"), tr("cmd.examples.help"), self.action_examples)
        if self.assessment is not None:
            yield SystemCommand(tr("cmd.question"), tr("cmd.question.help"), self.action_questions)
            yield SystemCommand(tr("cmd.review"), tr("cmd.review.help"), self.action_review)
            yield SystemCommand(tr("cmd.result"), tr("cmd.result.help"), self.action_result)
            yield SystemCommand(tr("cmd.meta"), tr("cmd.meta.help"), self.action_edit_meta)
            yield SystemCommand(
                tr("cmd.save_copy"), tr("cmd.save_copy.help"), self.action_save_copy
            )
            for fmt in ("html", "md", "json"):
                yield SystemCommand(
                    tr(f"cmd.export.{fmt}"),
                    tr("cmd.export.help"),
                    lambda fmt=fmt: self.action_export(fmt),
                )
        yield SystemCommand(tr("cmd.theme"), tr("cmd.theme.help"), self.action_toggle_theme)
        yield from super().get_system_commands(screen)
