"""Regenerate the README screenshots: SVGs exported by the app itself.

.venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from pathlib import Path

from iop_tui import catalog, preferences, profile, store, themes
from iop_tui.tui.app import IopApp

DOCS = Path(__file__).parent


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        # Not the user's own profile and looks: the screenshots show the defaults.
        os.environ["IOP_TUI_CONFIG_DIR"] = str(Path(tmp) / "config")
        profile.save(profile.Profile())
        sessions = Path(tmp) / "sessions"
        sessions.mkdir()
        source = catalog.examples_dir() / "07-kvinnojour-osakra-svar-oklart.toml"
        # The question screen part-way through; the result of the whole case.
        half = sessions / "kvinnojour-halvvags.toml"
        shutil.copy(source, half)
        session = store.load(half)
        session.answers = dict(list(session.answers.items())[:12])
        half.write_text(session.to_toml(), encoding="utf-8")
        app = IopApp(sessions, open_path=half)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.save_screenshot("screenshot-question.svg", str(DOCS))
        whole = sessions / "kvinnojour.toml"
        shutil.copy(source, whole)
        app = IopApp(sessions, open_path=whole)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("r")
            await pilot.pause()
            app.save_screenshot("screenshot-result.svg", str(DOCS))
            # Before → after: the suggested answer to the first question that would change it.
            await pilot.press("f", "enter")
            await pilot.pause()
            app.save_screenshot("screenshot-before-after.svg", str(DOCS))
        # The quiz on a projector: high contrast and large text, the answer revealed.
        preferences.save(preferences.Preferences(themes.CONTRAST_DARK.name, spacious=True))
        app = IopApp(sessions)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("e", "q", "down", "down", "enter", "v")
            await pilot.pause()
            app.save_screenshot("screenshot-quiz-contrast.svg", str(DOCS))


if __name__ == "__main__":
    asyncio.run(main())
