"""A headless Textual driver that notes when the first screen is ready, then ends the app.

`benchmarks/run.py` starts `iop-tui` and the minimal app with
`TEXTUAL_DRIVER=startup_probe:ProbeDriver` (a setting Textual reads itself), so both run their
real start-up code unchanged; only the driver differs from a terminal run.

"Ready" means: the first frame is composed that shows the widget named by
`$IOP_BENCH_READY` (a CSS selector), laid out with a non-empty region. In a terminal that frame
would be written out at this moment; headless, Textual skips only the writing. The moment is
written as CLOCK_MONOTONIC nanoseconds (the same clock for every process on the machine) to
`$IOP_BENCH_OUT`.
"""

from __future__ import annotations

import os
import time
from typing import Any

from textual.drivers.headless_driver import HeadlessDriver


class ProbeDriver(HeadlessDriver):
    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._selector = os.environ.get("IOP_BENCH_READY", "Screen")
        self._out = os.environ["IOP_BENCH_OUT"]
        self._done = False
        display = app._display

        # App._display is where every frame goes (private, but stable across Textual 8);
        # wrapping it on the instance keeps the app's own code untouched.
        def probed(screen: Any, renderable: Any) -> None:
            shown = renderable is not None and not app._batch_count
            display(screen, renderable)
            if shown and not self._done and self._ready(app):
                self._done = True
                now = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
                with open(self._out, "w", encoding="ascii") as f:
                    f.write(str(now))
                app.exit()

        app._display = probed

    def _ready(self, app: Any) -> bool:
        try:
            widget = app.screen.query(self._selector).first()
            return widget.region.area > 0
        except Exception:  # not mounted or not laid out yet: not ready
            return False
