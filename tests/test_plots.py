"""The SVG plots: deterministic, valid XML, and saying in text what they draw."""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest

from legtwitch import Scenario, TriageLevel, triage
from legtwitch.plots import Figure, level_chart, wells_band, wells_range


def test_wells_range_comes_from_the_criteria():
    assert wells_range() == (-2, 9)


@pytest.mark.parametrize("total", [None, -2, 0, 1, 2, 9])
def test_wells_band_is_valid_deterministic_svg(total):
    fig = wells_band(total)
    root = ET.fromstring(fig.svg)
    assert root.tag.endswith("svg") and root.get("role") == "img"
    assert fig.svg == wells_band(total).svg
    assert "0x" not in fig.svg


def test_wells_band_marks_the_category_at_the_nice_threshold():
    assert "Marked: 1, DVT unlikely" in repr(wells_band(1))
    assert "Marked: 2, DVT likely" in repr(wells_band(2))
    assert "-2 to 1 means DVT unlikely" in repr(wells_band())
    assert "Marked" not in repr(wells_band())


def test_wells_band_marker_moves_with_the_total():
    def marker_x(total):
        svg = wells_band(total).svg
        start = svg.index('<path d="M') + len('<path d="M')
        return float(svg[start:svg.index(",", start)])
    xs = [marker_x(t) for t in range(-2, 10)]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)


@pytest.mark.parametrize("bad", [10, -3, 1.5, True, "2"])
def test_wells_band_rejects_impossible_totals(bad):
    with pytest.raises(ValueError, match="total must be"):
        wells_band(bad)


def test_level_chart_places_each_row_in_its_level_column():
    rows = [("nothing", triage(Scenario())), ("calf pain", triage(Scenario(calf_pain=True))),
            ("chest pain", TriageLevel.EMERGENCY), ("frequent", "see_doctor")]
    fig = level_chart(rows, title="One finding at a time")
    assert repr(fig) == ("One finding at a time. Triage level per row - nothing: Self-care; calf pain: Urgent; "
                         "chest pain: Emergency; frequent: See a doctor.")
    root = ET.fromstring(fig.svg)
    circles = [c for c in root.iter() if c.tag.endswith("circle")]
    xs = [float(c.get("cx")) for c in circles]
    assert xs[0] < xs[3] < xs[1] < xs[2]
    assert [c.get("fill") for c in circles] == [TriageLevel.SELF_CARE.colour, TriageLevel.URGENT.colour,
                                                TriageLevel.EMERGENCY.colour, TriageLevel.SEE_DOCTOR.colour]
    assert fig.svg == level_chart(rows, title="One finding at a time").svg


def test_level_chart_needs_rows_and_valid_levels():
    with pytest.raises(ValueError):
        level_chart([])
    with pytest.raises(ValueError):
        level_chart([("x", "later")])


def test_figure_displays_as_svg_and_saves(tmp_path):
    fig = wells_band(3)
    assert isinstance(fig, Figure) and fig.svg in fig._repr_html_() and html.escape(fig.alt) in fig._repr_html_()
    path = fig.save(tmp_path / "w.svg")
    assert path.read_text(encoding="utf-8") == fig.svg
