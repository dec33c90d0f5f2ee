"""Issue 15: under `--lang en` the whole UI is English. One walk through start, a new
assessment's dialog, the question screen and its dialogs, review, result and its dialogs,
the palette, sessions with the delete question, the examples and the settings; on every
stop all the text on screen (the screenshot Textual would save) is checked for Swedish.
Then the organisation's own check (issue 14): its question wording, result and glossary."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.command import CommandInput
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input, Select

from iop_tui import catalog, i18n, preferences, store
from iop_tui.tui.localize import Palette
from iop_tui.tui.screens.confirm import FolderScreen, UnsavedScreen
from iop_tui.tui.screens.conflict import ConflictScreen
from iop_tui.tui.screens.copy import CopyScreen

from .apphelpers import SIZE, make_app

#: Swedish words the English texts keep on purpose, as the name of a thing (with their
#: English meaning beside them) or the name of the language itself.
KEPT = {
    "idéburen",
    "idéburet",
    "föreningsbidrag",
    "tjänsteskrivelse",  # the document is Swedish: it goes to a Swedish nämnd
    "språk",
}
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _swedish_only_words() -> set[str]:
    """Words of the Swedish UI strings that no English string uses."""
    english = {w.lower() for t in i18n.STRINGS["en"].values() for w in WORD.findall(t)}
    swedish = {w.lower() for t in i18n.STRINGS["sv"].values() for w in WORD.findall(t)}
    return {w for w in swedish - english if len(w) >= 4}


def screen_lines(app) -> list[str]:
    """Every line of text on the screen, as the screenshot has it (footer and the screen
    under a dialog included)."""
    rows: dict[str, list[str]] = {}
    svg = app.export_screenshot()
    for y, text in re.findall(r'<text[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(y, []).append(html.unescape(text).replace("\xa0", " "))
    return ["".join(parts) for _, parts in sorted(rows.items(), key=lambda r: float(r[0]))]


def swedish_in(lines: list[str], swedish_words: set[str], content: set[str]) -> Iterator[str]:
    for line in lines:
        for word in WORD.findall(line):
            low = word.lower()
            if low in KEPT or low in content:
                continue
            if set(low) & set("åäö") or low in swedish_words:
                yield f"{word!r} in: {line.strip()}"


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("sv")


@pytest.mark.long
async def test_every_screen_and_dialog_is_english(
    english: None, _isolated_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The palette says "no matches" only after half a second of no results: not in a test.
    monkeypatch.setattr(Palette, "_NO_MATCHES_COUNTDOWN", 0.01)
    swedish_words = _swedish_only_words()
    # The example cases' titles are session data (typed in Swedish, like a user's own).
    titles = {w.lower() for p in catalog.examples() for w in WORD.findall(store.load(p).meta.title)}
    found: dict[str, list[str]] = {}
    app = make_app(_isolated_data_dir)

    async def look(
        where: str, screen: str, content: set[str] = frozenset(), shows: str = ""
    ) -> None:
        await pilot.pause()
        assert type(app.screen).__name__ == screen, where  # the walk is where it should be
        # Messages shown as toasts count in full (a toast on screen may be cut short).
        toasts = told[:]
        told.clear()
        lines = screen_lines(app) + toasts
        for _ in range(40):  # the palette's "no matches" line comes a frame later
            if shows in "\n".join(lines):
                break
            await pilot.pause(0.05)
            lines = screen_lines(app) + toasts
        hits = list(swedish_in(lines, swedish_words, content))
        if shows not in "\n".join(lines):
            hits.append(f"{shows!r} not shown")
        if hits:
            found[where] = hits

    told: list[str] = []

    def hook(message: Message) -> None:
        if isinstance(message, Notify):
            told.extend((message.notification.title, message.notification.message))

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await look("start", "StartScreen", shows="Quit")
        await pilot.press("n")
        await look("new assessment dialog", "MetaScreen")
        await pilot.press("ctrl+s")
        await look("question", "QuestionScreen")
        await pilot.press("question_mark")
        await look("keys", "KeysScreen")
        await pilot.press("escape", "t")
        await look("terms", "InfoScreen")
        await pilot.press("escape", "slash")
        await look("search", "SearchScreen")
        await pilot.press("escape", "i")
        await look("details dialog", "MetaScreen")
        await pilot.press("escape", "j", "n", "o")
        await look("question after answers", "QuestionScreen")
        await pilot.press("g")
        await look("review", "ReviewScreen")
        await pilot.press("r")
        await look("result", "ResultScreen")
        await pilot.press("b")
        await look("decision dialog", "DecisionScreen")
        await pilot.press("escape", "ctrl+p")
        await look("palette", "Palette")
        app.screen.query_one(CommandInput).value = "zzqx"  # typed, without 4 key presses
        await look("palette without matches", "Palette", shows="No matches found")
        await pilot.press("escape", "escape", "escape", "escape")
        assert app.assessment is None
        await pilot.press("o")
        await look("sessions", "SessionsScreen")
        await pilot.press("delete")
        await look("delete question", "ConfirmScreen")
        await pilot.press("n", "escape", "e")
        await look("examples", "ExamplesScreen", titles)
        await pilot.press("escape")
        await pilot.press("ctrl+c")
        await look("ctrl+c hint", "StartScreen", shows="Press Ctrl+Q to quit")
        app.action_settings()
        await look("settings", "SettingsScreen")
        await pilot.press("escape")
        # The dialogs that only a failure opens (a file changed or deleted elsewhere, a save
        # refused, a copy to name, a folder to choose): shown directly, no key presses.
        for dialog in (
            ConflictScreen("x.toml"),
            ConflictScreen("x.toml", deleted=True),
            UnsavedScreen("disk full"),
            CopyScreen("Title", "title.toml"),
            FolderScreen(Path("reports")),
        ):
            await app.push_screen(dialog)
            await look(type(dialog).__name__, type(dialog).__name__)
            app.pop_screen()
        # Issue 14's organisation perspective: the own check from the start screen, a
        # question in the organisation's plain words, the result's organisation part and
        # the glossary. The glossary's definitions are checklist content: the Swedish name
        # a term keeps in brackets, "Civil society (civilsamhället)", is the name of a thing.
        checklist = catalog.get(catalog.default_id())
        plain = checklist.for_perspective("organisation").questions[0].text
        kept_names = {
            w.lower()
            for term in checklist.glossary
            for name in re.findall(r"\(([^)]*)\)", term.term)
            for w in WORD.findall(name)
        }
        await pilot.press("f", "ctrl+s")  # the same dialog as a new assessment's, seen above
        await look("own check question", "QuestionScreen", shows=plain[:40])
        await pilot.press("r")
        app.clear_notifications()  # the toast would hide the right half of the result
        # One tall screenshot instead of a look per scrolled page: the result is long.
        await pilot.resize_terminal(SIZE[0], 200)
        await look("own check result", "ResultScreen")
        seen = screen_lines(app)
        scroll = app.screen.query_one("#result-scroll")
        assert scroll.max_scroll_y == 0  # all of it was on the screen
        await pilot.resize_terminal(*SIZE)
        for heading in ("org.questions_intro", "org.prepare_heading", "org.contact_heading"):
            assert any(i18n.tr(heading) in line for line in seen), heading
        await pilot.press("l")
        await look("glossary", "GlossaryScreen", kept_names, shows=i18n.tr("glossary.filter"))
        app.screen.query_one("#glossary-filter", Input).value = "zzqx"
        await look("glossary without matches", "GlossaryScreen", shows="No terms found")
    for where, hits in found.items():
        print(where, *hits, sep="\n  ")
    assert found == {}


async def test_changing_the_language_in_the_settings_applies_at_once(
    _isolated_data_dir: Path,
) -> None:
    app = make_app(_isolated_data_dir)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert "Avsluta" in "\n".join(screen_lines(app))
            app.action_settings()
            await pilot.pause()
            app.screen.query_one("#language", Select).value = "en"
            await pilot.press("ctrl+s")
            await pilot.pause()
            lines = "\n".join(screen_lines(app))
            assert "New assessment" in lines and "^q Quit" in lines, lines
            assert preferences.saved_language() == "en"
    finally:
        i18n.set_language("sv")
