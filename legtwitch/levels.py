"""``TriageLevel``: the ordered four-step scale SELF_CARE < SEE_DOCTOR < URGENT < EMERGENCY."""
from __future__ import annotations

import enum
from functools import total_ordering


@total_ordering
class TriageLevel(enum.Enum):
    """How soon the person should act. Ordered: a higher level is more urgent.

    The words a student should learn for each level (``action``), its label, symbol and
    colour come from the knowledge base, so renderers never show colour alone.
    """

    SELF_CARE = "self_care"
    SEE_DOCTOR = "see_doctor"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _ORDER[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, TriageLevel):
            return NotImplemented
        return self.rank < other.rank

    def __hash__(self) -> int:
        return hash(self.value)

    @classmethod
    def parse(cls, value: "str | TriageLevel") -> "TriageLevel":
        """Accept a level or its value (``"urgent"``); anything else is a one-line error."""
        if isinstance(value, TriageLevel):
            return value
        for level in cls:
            if value == level.value:
                return level
        raise ValueError(f"unknown triage level {value!r}; allowed: " + ", ".join(l.value for l in cls))

    def _info(self):
        from .knowledge import load_knowledge
        return load_knowledge().levels[self.value]

    @property
    def label(self) -> str:
        return self._info().label

    @property
    def symbol(self) -> str:
        return self._info().symbol

    @property
    def colour(self) -> str:
        return self._info().colour

    @property
    def action(self) -> str:
        return self._info().action

    @property
    def detail(self) -> str:
        return self._info().detail


_ORDER = {level: i for i, level in enumerate(TriageLevel)}


# Icons drawn as SVG, so that a badge or a chart never depends on a font having the symbol
# (some fonts lack the text symbols): the same shapes as the symbols, in a 16 x 16 box, drawn
# in ``currentColor``. Text output keeps the Unicode symbol.
_ICON_SHAPES = {
    "self_care": '<path d="M3 8.5 L6.5 12 L13 4.5" fill="none" stroke="currentColor" stroke-width="2.2" '
                 'stroke-linecap="round" stroke-linejoin="round"/>',
    "see_doctor": '<circle cx="8" cy="8" r="6.6" fill="none" stroke="currentColor" stroke-width="1.6"/>'
                  '<circle cx="8" cy="4.9" r="1.1" fill="currentColor"/>'
                  '<path d="M8 7.3 V11.8" stroke="currentColor" stroke-width="1.9" stroke-linecap="round"/>',
    "urgent": '<path d="M8 1.8 L14.6 13.9 H1.4 Z" fill="none" stroke="currentColor" stroke-width="1.5" '
              'stroke-linejoin="round"/><path d="M8 6 V9.7" stroke="currentColor" stroke-width="1.8" '
              'stroke-linecap="round"/><circle cx="8" cy="11.8" r="0.95" fill="currentColor"/>',
    "emergency": '<path d="M5.4 2.4 V9.8 M10.6 2.4 V9.8" stroke="currentColor" stroke-width="2.3" '
                 'stroke-linecap="round"/><circle cx="5.4" cy="13.1" r="1.25" fill="currentColor"/>'
                 '<circle cx="10.6" cy="13.1" r="1.25" fill="currentColor"/>',
}


def level_icon_shapes(level: "TriageLevel") -> str:
    """The SVG shapes of a level's icon (16 x 16 box, currentColor) to place inside an SVG."""
    return _ICON_SHAPES[level.value]


def level_icon_svg(level: "TriageLevel", size: str = "1em") -> str:
    """A level's icon as inline SVG (decorative: the badge says the level in words)."""
    return (f'<svg class="lt-icon" aria-hidden="true" focusable="false" width="{size}" height="{size}" '
            f'viewBox="0 0 16 16" style="vertical-align:-0.125em">{_ICON_SHAPES[level.value]}</svg>')
