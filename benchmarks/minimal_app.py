"""The baseline for start-up figures: the smallest Textual app that shows one line of text.

`benchmarks/run.py` starts it exactly as it starts `iop-tui` (same interpreter, same
terminal size, same readiness probe), so the ratio between the two is what our code adds.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

TEXT = "Minimal Textual app: ready"


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(TEXT, id="ready")


if __name__ == "__main__":
    MinimalApp().run()
