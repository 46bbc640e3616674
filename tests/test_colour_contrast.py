"""Colours with text on or in them meet WCAG 2.1 AA (4.5:1 for normal text): the level badges
(white text on the level's colour), and the quiz verdicts (coloured text on white).

axe-core checks this in the browser too, but only for what a test has put on screen; this
checks every level and verdict colour, whether or not a test shows it."""
import pytest

from legtwitch.knowledge import load_knowledge
from legtwitch.widgets.quiz import _COLOURS

AA_NORMAL_TEXT = 4.5


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert contrast("#e65100", "#ffffff") < AA_NORMAL_TEXT  # the old "urgent" orange, which axe flagged


@pytest.mark.parametrize("level", list(load_knowledge().levels.values()), ids=lambda lv: lv.id)
def test_white_text_on_every_level_badge_is_readable(level):
    assert contrast(level.colour, "#ffffff") >= AA_NORMAL_TEXT, (level.id, level.colour)


@pytest.mark.parametrize("verdict", sorted(_COLOURS))
def test_quiz_verdict_colours_are_readable_on_white(verdict):
    assert contrast(_COLOURS[verdict], "#ffffff") >= AA_NORMAL_TEXT, (verdict, _COLOURS[verdict])
