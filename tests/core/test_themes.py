"""Issue 15: every theme the app offers passes WCAG contrast for the text it draws (AA 4.5:1,
AAA 7:1 for the high-contrast ones), computed from the theme data, without the UI."""

from __future__ import annotations

from dataclasses import replace

import pytest

from iop_tui import themes


def test_contrast_ratio_matches_known_values() -> None:
    white, black = (255, 255, 255), (0, 0, 0)
    assert themes.contrast_ratio(white, black) == pytest.approx(21.0)
    assert themes.contrast_ratio(black, black) == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" grey (4.54:1).
    assert themes.contrast_ratio(themes.parse_hex("#767676"), white) == pytest.approx(4.54, 0.01)


def test_auto_text_is_white_on_dark_and_black_on_light_at_its_opacity() -> None:
    assert themes.resolve("auto 100%", (18, 18, 18)) == (255, 255, 255)
    assert themes.resolve("auto 100%", (224, 224, 224)) == (0, 0, 0)
    assert themes.resolve("auto 50%", (0, 0, 0)) == (128, 128, 128)


@pytest.mark.parametrize("theme", themes.SELECTABLE, ids=lambda t: t.name)
def test_every_selectable_theme_meets_its_contrast_minimum(theme: themes.ThemeSpec) -> None:
    assert themes.contrast_problems(theme) == []
    assert theme.minimum == (themes.AAA if theme.high_contrast else themes.AA)


def test_a_bad_pair_is_reported() -> None:
    # Textual's own light theme draws headings in orange on light grey: caught.
    orange = replace(themes.LIGHT, base={**themes.LIGHT.base, "accent": "#FFA62B"})
    problems = themes.contrast_problems(orange)
    assert problems and all("accent on" in p for p in problems)
    # Textual's dark theme's list highlight (white 87% on #0178D4) is below AA too.
    cursor = replace(
        themes.DARK,
        variables={
            **themes.DARK.variables,
            "block-cursor-background": "#0178D4",
            "block-cursor-foreground": "auto 87%",
        },
    )
    assert themes.contrast_problems(cursor) == [
        "iop-dark: block-cursor-foreground on block-cursor-background: 3.79:1 < 4.5:1"
    ]


def test_a_high_contrast_theme_is_held_to_aaa() -> None:
    grey = replace(
        themes.CONTRAST_DARK, variables={**themes.CONTRAST_DARK.variables, "text-muted": "#8C8C8C"}
    )
    # #8C8C8C on black is about 6.9:1: enough for AA, not for the projector theme.
    assert any("text-muted on background" in p for p in themes.contrast_problems(grey))


def test_the_toggles_move_between_the_four_themes() -> None:
    assert themes.other_brightness(themes.DARK.name) == themes.LIGHT.name
    assert themes.other_brightness(themes.LIGHT.name) == themes.DARK.name
    assert themes.other_contrast(themes.DARK.name) == themes.CONTRAST_DARK.name
    assert themes.other_contrast(themes.LIGHT.name) == themes.CONTRAST_LIGHT.name
    assert themes.other_brightness(themes.CONTRAST_DARK.name) == themes.CONTRAST_LIGHT.name
    assert themes.other_contrast(themes.CONTRAST_LIGHT.name) == themes.LIGHT.name
    assert themes.other_contrast("no-such-theme") == themes.CONTRAST_DARK.name
