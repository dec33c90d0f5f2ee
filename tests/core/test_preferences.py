"""Issue 15: the theme and the large-text layout are remembered in the user's config dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from iop_tui import preferences, themes
from iop_tui.preferences import Preferences


def test_defaults_without_a_file(_isolated_config_dir: Path) -> None:
    assert not preferences.preferences_path().exists()
    assert preferences.load() == Preferences(themes.DEFAULT, False)


def test_saved_in_the_config_dir_and_read_back(_isolated_config_dir: Path) -> None:
    path = preferences.save(Preferences(theme=themes.CONTRAST_LIGHT.name, spacious=True))
    assert path == _isolated_config_dir / "preferences.toml"
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert preferences.load() == Preferences(themes.CONTRAST_LIGHT.name, True)
    # No temp file left beside it.
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".preferences")] == []


def test_each_config_dir_has_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    monkeypatch.setenv("IOP_TUI_CONFIG_DIR", str(a))
    preferences.save(Preferences(theme=themes.LIGHT.name))
    monkeypatch.setenv("IOP_TUI_CONFIG_DIR", str(b))
    assert preferences.load().theme == themes.DEFAULT
    monkeypatch.setenv("IOP_TUI_CONFIG_DIR", str(a))
    assert preferences.load().theme == themes.LIGHT.name


@pytest.mark.parametrize(
    "text",
    [
        "theme = ",  # not TOML
        'theme = "textual-nord"\nspacious = "yes"',  # not ours, wrong type
        "\xff\xfe",
    ],
)
def test_a_damaged_file_means_the_defaults(text: str, _isolated_config_dir: Path) -> None:
    preferences.preferences_path().write_bytes(text.encode("latin-1"))
    assert preferences.load() == Preferences()


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(preferences.PreferencesError, match="cannot write"):
        preferences.save(Preferences(), blocker / "preferences.toml")
