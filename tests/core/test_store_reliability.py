"""Round two of the attacks on the core (issue 17): names Windows reserves, the rights of
the sessions folder, a session deleted while open elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import store


@pytest.mark.parametrize("title", ["COM¹", "LPT²", "com³", "Lpt¹", "COM⁹", "nul"])
def test_superscript_digits_count_as_digits_in_reserved_names(title: str) -> None:
    """Item 19: "COM¹" and "LPT²" gave file names Windows reserves."""
    stem = store.safe_stem(title)
    assert stem.endswith("-bedomning"), stem


def test_ordinary_superscripts_are_kept() -> None:
    assert store.safe_stem("m²-pris") == "m²-pris"


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _wide_sessions_folder(tmp_path: Path, mini) -> tuple[Path, Path]:
    from iop_tui.session import Session

    directory = tmp_path / "sessions"
    directory.mkdir()
    path = store.create(directory, Session.new(mini, title="x")).path
    directory.chmod(0o755)
    return directory, path


@pytest.mark.parametrize("how", ["open", "save", "list"])
def test_a_wide_sessions_folder_is_tightened_on_open_save_and_list(
    tmp_path: Path, mini, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """Item 16: a 0755 sessions folder was tightened only when a session was created."""
    from iop_tui import catalog, listing
    from iop_tui.assessment import Assessment

    monkeypatch.setattr(catalog, "for_session", lambda *_: mini)
    directory, path = _wide_sessions_folder(tmp_path, mini)
    if how == "list":
        listing.list_sessions(directory)
    else:
        with Assessment.open(path, directory) as a:
            if how == "save":
                directory.chmod(0o755)
                a.set_meta(title="y")
    assert _mode(directory) == 0o700


def test_a_folder_outside_the_sessions_folder_keeps_its_rights(tmp_path: Path, mini) -> None:
    from iop_tui import catalog
    from iop_tui.assessment import Assessment
    from iop_tui.session import Session

    elsewhere = tmp_path / "dokument"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    path = elsewhere / "x.toml"
    path.write_text(Session.new(mini, title="x").to_toml())
    with pytest.MonkeyPatch.context() as m:
        m.setattr(catalog, "for_session", lambda *_: mini)
        with Assessment.open(path, tmp_path / "sessions") as a:
            a.set_meta(title="y")
    assert _mode(elsewhere) == 0o755
