"""The colour themes a user can choose, as plain data, and the WCAG contrast check they pass.

Pure (no Textual): the Textual layer registers these as its themes, and a core test checks
that every text colour the app draws meets WCAG AA (4.5:1) on the background it is drawn on,
7:1 (AAA) for the high-contrast themes. Keeping the colours here, not only in Textual's
`Theme` objects, is what lets that test run without the UI.

A colour is `#RRGGBB`, or Textual's `auto N%`: black or white (whichever contrasts with the
background) at N% opacity over that background.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: WCAG 2 AA for normal text, and AAA (what a projector in a lit room needs).
AA = 4.5
AAA = 7.0

#: (text colour, background) pairs the app draws: body text and hints on every surface,
#: headings (`$accent`), the footer's keys and descriptions, the highlighted row of a list.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "panel"),
    ("text-muted", "background"),
    ("text-muted", "surface"),
    ("text-muted", "panel"),
    ("accent", "background"),
    ("accent", "surface"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
)

#: The keys of `ThemeSpec.base` (Textual's `Theme` fields); the rest are CSS variables.
BASE_KEYS = (
    "primary",
    "secondary",
    "accent",
    "warning",
    "error",
    "success",
    "foreground",
    "background",
    "surface",
    "panel",
)


@dataclass(frozen=True)
class ThemeSpec:
    name: str
    dark: bool
    high_contrast: bool
    #: Textual `Theme` fields (BASE_KEYS).
    base: Mapping[str, str]
    #: CSS variables set explicitly (a UI test checks that Textual draws with exactly these).
    variables: Mapping[str, str] = field(default_factory=dict)

    @property
    def minimum(self) -> float:
        return AAA if self.high_contrast else AA

    def colour(self, key: str) -> str:
        if key in self.variables:
            return self.variables[key]
        return self.base[key]


# Textual's own dark theme, except the highlighted row of a list: its white-ish text on
# #0178D4 is 3.8:1; a darker blue and full white make it 6.1:1.
DARK = ThemeSpec(
    name="iop-dark",
    dark=True,
    high_contrast=False,
    base={
        "primary": "#0178D4",
        "secondary": "#004578",
        "accent": "#FFA62B",
        "warning": "#FFA62B",
        "error": "#BA3C5B",
        "success": "#4EBF71",
        "foreground": "#E0E0E0",
        "background": "#121212",
        "surface": "#1E1E1E",
        "panel": "#242F38",
    },
    variables={
        "text": "auto 87%",
        "text-muted": "auto 60%",
        "footer-background": "#242F38",
        "footer-key-foreground": "#FFA62B",
        "footer-description-foreground": "#E0E0E0",
        "block-cursor-background": "#0063B1",
        "block-cursor-foreground": "#FFFFFF",
    },
)

# Textual's own light theme draws headings in orange on light grey (about 1.9:1) and footer
# keys in a mid blue: this one keeps its look with darker accents.
LIGHT = ThemeSpec(
    name="iop-light",
    dark=False,
    high_contrast=False,
    base={
        "primary": "#004578",
        "secondary": "#0178D4",
        "accent": "#8A4500",
        "warning": "#8A4500",
        "error": "#A3213F",
        "success": "#1E6B36",
        "foreground": "#1A1A1A",
        "background": "#E0E0E0",
        "surface": "#D8D8D8",
        "panel": "#D0D0D0",
    },
    variables={
        "text": "#1A1A1A",
        "text-muted": "#3D3D3D",
        "footer-background": "#D0D0D0",
        "footer-key-foreground": "#00406F",
        "footer-description-foreground": "#1A1A1A",
        "block-cursor-background": "#004578",
        "block-cursor-foreground": "#FFFFFF",
    },
)

CONTRAST_DARK = ThemeSpec(
    name="iop-contrast-dark",
    dark=True,
    high_contrast=True,
    base={
        "primary": "#FFFF00",
        "secondary": "#00FFFF",
        "accent": "#FFFF00",
        "warning": "#FFD700",
        "error": "#FF8080",
        "success": "#7CFC00",
        "foreground": "#FFFFFF",
        "background": "#000000",
        "surface": "#000000",
        "panel": "#101010",
    },
    variables={
        "text": "#FFFFFF",
        "text-muted": "#E6E6E6",
        "footer-background": "#000000",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "border": "#FFFFFF",
        "border-blurred": "#BFBFBF",
    },
)

CONTRAST_LIGHT = ThemeSpec(
    name="iop-contrast-light",
    dark=False,
    high_contrast=True,
    base={
        "primary": "#00005F",
        "secondary": "#003F00",
        "accent": "#00005F",
        "warning": "#5C3300",
        "error": "#8B0000",
        "success": "#004400",
        "foreground": "#000000",
        "background": "#FFFFFF",
        "surface": "#FFFFFF",
        "panel": "#F0F0F0",
    },
    variables={
        "text": "#000000",
        "text-muted": "#262626",
        "footer-background": "#F0F0F0",
        "footer-key-foreground": "#00005F",
        "footer-description-foreground": "#000000",
        "block-cursor-background": "#00005F",
        "block-cursor-foreground": "#FFFFFF",
        "border": "#000000",
        "border-blurred": "#404040",
    },
)

#: Every theme the app offers, default first.
SELECTABLE: tuple[ThemeSpec, ...] = (DARK, LIGHT, CONTRAST_DARK, CONTRAST_LIGHT)
DEFAULT = DARK.name
BY_NAME: dict[str, ThemeSpec] = {t.name: t for t in SELECTABLE}

#: (dark, high contrast) → theme: the two toggles move within this square.
_GRID: dict[tuple[bool, bool], str] = {(t.dark, t.high_contrast): t.name for t in SELECTABLE}


def other_brightness(name: str) -> str:
    """The light theme for a dark one and back, keeping high contrast on or off."""
    t = BY_NAME.get(name, DARK)
    return _GRID[(not t.dark, t.high_contrast)]


def other_contrast(name: str) -> str:
    """High contrast on or off, keeping light or dark."""
    t = BY_NAME.get(name, DARK)
    return _GRID[(t.dark, not t.high_contrast)]


# ---------------------------------------------------------------------- contrast (WCAG 2)


def parse_hex(colour: str) -> tuple[int, int, int]:
    text = colour.strip().lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg: tuple[int, int, int], bg: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio, 1 (none) to 21 (black on white)."""
    a, b = luminance(fg), luminance(bg)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def resolve(colour: str, background: tuple[int, int, int]) -> tuple[int, int, int]:
    """A colour as drawn on `background`: `auto N%` is white on a dark background and black on
    a light one (Textual's rule: perceived brightness below one half), N% opaque."""
    spec = colour.strip()
    if not spec.startswith("auto"):
        return parse_hex(spec)
    alpha = float(spec.removeprefix("auto").strip().rstrip("%") or 100) / 100
    r, g, b = background
    brightness = (299 * r + 587 * g + 114 * b) / 1000 / 255
    ink = 255 if brightness < 0.5 else 0
    return (
        round(ink * alpha + r * (1 - alpha)),
        round(ink * alpha + g * (1 - alpha)),
        round(ink * alpha + b * (1 - alpha)),
    )


def pair_ratio(theme: ThemeSpec, fg_key: str, bg_key: str) -> float:
    bg = parse_hex(theme.colour(bg_key))
    return contrast_ratio(resolve(theme.colour(fg_key), bg), bg)


def contrast_problems(theme: ThemeSpec) -> list[str]:
    """Each text/background pair below the theme's minimum, in words; empty when all pass."""
    out = []
    for fg, bg in TEXT_PAIRS:
        ratio = pair_ratio(theme, fg, bg)
        if ratio < theme.minimum:
            out.append(f"{theme.name}: {fg} on {bg}: {ratio:.2f}:1 < {theme.minimum}:1")
    return out
