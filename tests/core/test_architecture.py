"""The architecture is declared, not remembered.

The layers and the rule that only `iop_tui.tui` may import Textual or Rich are import-linter
contracts in pyproject.toml (`lint-imports`, run by CI). These tests keep those contracts
honest: every module of the package is named in the layers, so a new module cannot slip
past them, and the core really loads no UI library (checked at run time, in a fresh
interpreter, for every module found in the package, not for a hand-typed list).
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import iop_tui

#: The project's pyproject.toml, wherever this test file sits under it.
PYPROJECT = next(
    p for d in Path(__file__).resolve().parents if (p := d / "pyproject.toml").exists()
)


def _top_level_modules() -> list[str]:
    """Every module and subpackage directly under iop_tui, as found on disk."""
    return sorted(
        f"iop_tui.{m.name}" for m in pkgutil.iter_modules(iop_tui.__path__) if m.name != "__init__"
    )


def _core_modules() -> list[str]:
    """Every module of the package outside the Textual layer (and not the entry point,
    which runs the command when imported)."""
    found = [m.name for m in pkgutil.walk_packages(iop_tui.__path__, "iop_tui.")]
    return sorted(m for m in found if not m.startswith("iop_tui.tui") and m != "iop_tui.__main__")


CORE_TESTS = Path(__file__).resolve().parent


def _contract(contract_id: str) -> dict[str, object]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["id"] == contract_id)


def test_every_module_is_in_a_layer() -> None:
    layers = _contract("layers")["layers"]
    assert isinstance(layers, list)
    named = [m.strip() for layer in layers for m in str(layer).split("|")]
    assert len(named) == len(set(named)), "a module is named in two layers"
    assert sorted(named) == _top_level_modules()


def test_the_ui_contract_covers_the_whole_package() -> None:
    contract = _contract("ui-only-in-tui")
    assert contract["source_modules"] == ["iop_tui"]
    assert sorted(contract["forbidden_modules"]) == ["rich", "textual"]  # type: ignore[call-overload]


def test_core_modules_import_no_textual() -> None:
    core = _core_modules()
    assert "iop_tui.listing" in core and "iop_tui.assessment" in core  # found, not typed
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_core_tests_import_no_ui() -> None:
    """tests/core mirrors the core: no test there imports Textual, Rich, the Textual layer
    or the app tests' helpers (those tests live in tests/app)."""
    banned = ("textual", "rich", "iop_tui.tui", "tests.app")
    found = []
    for path in sorted(CORE_TESTS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level == 2:  # from ..x: relative to tests/
                    base = f"tests.{base}"
                names = [base]
            else:
                continue
            bad = [n for n in names if any(n == b or n.startswith(f"{b}.") for b in banned)]
            found += [f"{path.name}: {n}" for n in bad]
    assert found == []
