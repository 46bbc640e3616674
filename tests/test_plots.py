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
    circles = [c for c in root.iter() if c.tag.endswith("circle") and c.get("r") == "9"]  # the row dots
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


# -- probability plots -------------------------------------------------------------------------
from legtwitch.plots import _LR_TICKS, fagan_nomogram, probability_ladder  # noqa: E402
from legtwitch.probability import ProbabilityError, post_test_probability, sequence  # noqa: E402


def _lines(svg: str):
    root = ET.fromstring(svg)
    return [e for e in root.iter() if e.tag.endswith("line")]


def test_fagan_nomogram_is_deterministic_accessible_svg():
    fig = fagan_nomogram(0.1, [("negative D-dimer", 0.109), ("positive D-dimer", 1.49)], title="Wells unlikely")
    root = ET.fromstring(fig.svg)
    assert root.get("role") == "img" and root.get("aria-label") == fig.alt
    assert fig.svg == fagan_nomogram(0.1, [("negative D-dimer", 0.109), ("positive D-dimer", 1.49)],
                                     title="Wells unlikely").svg
    assert fig.alt == ("Wells unlikely. Fagan nomogram. Pre-test probability 10 %; negative D-dimer (likelihood "
                       "ratio 0.109) leads to 1.2 %; positive D-dimer (likelihood ratio 1.49) leads to 14 %.")


# LR 0.02, 1 and 20 (ticks on the middle axis) from four starting points, where the post-test
# probability stays on the printed axis (0.1 % to 99.9 %).
ON_AXIS = [(pre, i) for pre in (0.02, 0.1, 0.4, 0.8) for i in (4, 9, 14)
           if 0.001 <= post_test_probability(pre, _LR_TICKS[i]) <= 0.999]


@pytest.mark.parametrize(("pre", "lr_index"), ON_AXIS)
def test_the_fagan_line_passes_through_the_likelihood_ratio(pre, lr_index):
    """A straight line from the pre-test point through the LR tick lands on the post-test point."""
    lr = _LR_TICKS[lr_index]
    lines = _lines(fagan_nomogram(pre, [("result", lr)]).svg)
    x_mid = float(lines[2].get("x1"))  # the middle axis
    ticks = [e for e in lines if float(e.get("x1")) == x_mid - 4]
    tick_y = float(ticks[lr_index].get("y1"))
    drawn = [e for e in lines if e.get("stroke") == "#1565c0"][0]
    x1, y1, x2, y2 = (float(drawn.get(k)) for k in ("x1", "y1", "x2", "y2"))
    assert abs((x1 + x2) / 2 - x_mid) < 1e-9
    assert abs((y1 + y2) / 2 - tick_y) < 0.15  # coordinates are written to 0.1
    assert f"leads to {_pct_of(post_test_probability(pre, lr))}" in fagan_nomogram(pre, [("result", lr)]).alt


def _pct_of(p):
    from legtwitch.probability import format_percent
    return format_percent(p)


@pytest.mark.parametrize("bad", [0, 1, -0.1, 1.5, "0.1", True])
def test_fagan_nomogram_refuses_an_impossible_probability(bad):
    with pytest.raises(ProbabilityError):
        fagan_nomogram(bad)


def test_probability_ladder_shows_each_step_against_the_threshold():
    steps = sequence(0.4, [("compression_ultrasound", False), ("d_dimer", True)])
    fig = probability_ladder(0.4, steps, title="DVT likely")
    root = ET.fromstring(fig.svg)
    assert root.get("role") == "img" and root.get("aria-label") == fig.alt
    assert fig.alt == ("DVT likely. Probability ladder: before testing 40 %; Leg-vein ultrasound negative 6.3 %; "
                       "D-dimer blood test positive 9.1 %; the last step is still above the test threshold (2 %).")
    assert "test threshold 2 %: below it, a clot counts as excluded" in fig.svg
    circles = [e for e in root.iter() if e.tag.endswith("circle")]
    ys = [float(c.get("cy")) for c in circles]
    assert ys[0] < ys[2] < ys[1]  # 40 % highest, 6.3 % lowest (SVG y grows downwards)
    assert fig.svg == probability_ladder(0.4, steps, title="DVT likely").svg


def test_probability_ladder_marks_where_nice_treats_and_where_it_stops():
    treat = probability_ladder(0.4, sequence(0.4, [("compression_ultrasound", True)]))
    assert "NICE treats here" in treat.svg and treat.alt.endswith("a positive scan is where NICE treats.")
    stop = probability_ladder(0.1, sequence(0.1, [("d_dimer", False)]))
    assert "NICE treats here" not in stop.svg and "below the test threshold: excluded" in stop.alt


@pytest.mark.parametrize("total", [-2, 1, 2, 9])
def test_wells_band_marker_and_label_never_sit_on_the_caption_or_leave_the_figure(total):
    import re as _re
    svg = wells_band(total).svg
    marker_bottom = max(float(y) for y in _re.findall(r"L[\d.]+,([\d.]+)", svg.split('<path d="M', 1)[1].split('"')[0]))
    texts = {t.text: (float(t.get("x")), float(t.get("y")), t.get("text-anchor")) for t in ET.fromstring(svg).iter()
             if t.tag.endswith("text")}
    caption_y = next(y for text, (_x, y, _a) in texts.items() if text.startswith("two-level Wells total"))
    label_x, label_y, anchor = next(v for text, v in texts.items() if text.startswith("this patient"))
    assert marker_bottom < label_y - 8 < caption_y - 20
    assert anchor == "start" and label_x >= 0 or anchor == "end" and label_x <= 560 or anchor == "middle"
