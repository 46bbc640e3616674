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
