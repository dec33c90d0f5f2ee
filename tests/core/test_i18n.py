"""Every UI string key used in the code exists, in Swedish (the default) and in English."""

from __future__ import annotations

import re
from pathlib import Path

from iop_tui import i18n

PACKAGE = Path(i18n.__file__).parent
KEY = re.compile(r"""\btr\(\s*["']([a-z_.]+)["']""")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        keys |= set(KEY.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_used_key_has_swedish_text() -> None:
    used = used_keys()
    assert len(used) > 50  # the scan finds the calls
    whole = {k for k in used if not k.endswith(".")}
    prefixes = {k for k in used if k.endswith(".")}  # tr("answer." + value)
    assert sorted(whole - i18n.STRINGS["sv"].keys()) == []
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in i18n.STRINGS["sv"]), prefix


def test_english_has_every_key_and_falls_back() -> None:
    assert set(i18n.STRINGS["en"]) == set(i18n.STRINGS["sv"])
    i18n.set_language("en")
    try:
        assert i18n.tr("answer.yes") == "Yes"
        del i18n.STRINGS["en"]["answer.no"]
        assert i18n.tr("answer.no") == "Nej"  # a key missing in English falls back
    finally:
        i18n.STRINGS["en"]["answer.no"] = "No"
        i18n.set_language("sv")


def test_formatting_placeholders_match_between_languages() -> None:
    field = re.compile(r"{(\w+)}")
    for key, text in i18n.STRINGS["en"].items():
        assert set(field.findall(text)) == set(field.findall(i18n.STRINGS["sv"][key])), key
