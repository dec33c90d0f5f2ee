"""Regenerate the README screenshots: SVGs exported by the app itself.

.venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from pathlib import Path

from iop_tui import catalog, store
from iop_tui.tui.app import IopApp

DOCS = Path(__file__).parent


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
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


if __name__ == "__main__":
    asyncio.run(main())
