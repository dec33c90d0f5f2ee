"""The core is pure: no Textual. Checked in a fresh interpreter so nothing leaks in."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "checklist",
    "engine",
    "session",
    "store",
    "catalog",
    "analysis",
    "listing",
    "i18n",
    "verdict_view",
    "report",
    "cli",
    "errors",
    "lock",
    "assessment",
    "changes",
]


def test_core_modules_import_no_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import iop_tui.{m}\n" for m in CORE)
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
