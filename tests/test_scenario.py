"""Scenario validation: bad input is a one-line error naming the field and what is allowed."""
import json
import math

import pytest

from legtwitch import Scenario, ScenarioError
from legtwitch.scenario import BOOLEAN_FIELDS, FIELD_SPECS, GROUPS, SPECS


def test_defaults_are_false_and_unknown():
    s = Scenario()
    assert all(getattr(s, f) is False for f in BOOLEAN_FIELDS)
    assert (s.age_years, s.duration_days, s.frequency, s.severity) == (None, None, None, None)
    assert Scenario.from_dict({}) == s


def test_three_constructions_agree(tmp_path):
    data = {"age_years": 40, "duration_days": 3.5, "frequency": "frequent", "calf_pain": True}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data))
    assert Scenario(**data) == Scenario.from_dict(data) == Scenario.from_file(path)


def test_scenario_is_immutable():
    with pytest.raises(AttributeError):
        Scenario().calf_pain = True


def test_vocabulary_matches_the_issue_table():
    assert set(GROUPS) == {spec.group for spec in FIELD_SPECS}
    required = """age_years duration_days frequency severity both_legs calf_pain pain_worsening leg_warm
    leg_swollen calf_swelling_3cm pitting_edema vein_tenderness collateral_veins active_cancer paralysis_or_cast
    bedridden_or_surgery previous_dvt alternative_diagnosis_likely chest_pain short_of_breath coughing_blood
    fainted seizure stress new_medication known_neurological_disease epilepsy caffeine lack_of_sleep
    recent_exercise muscle_weakness muscle_wasting numbness speech_or_swallowing_problems""".split()
    assert set(required) <= set(SPECS)


@pytest.mark.parametrize("key, hint", [("calf_pian", "calf_pain"), ("legwarm", "leg_warm"),
                                       ("duration", "duration_days"), ("seizures", "seizure")])
def test_unknown_key_names_it_and_the_closest_valid_key(key, hint):
    with pytest.raises(ValueError, match=f"unknown field '{key}'; did you mean {hint}\\?"):
        Scenario.from_dict({key: True})


@pytest.mark.parametrize("field, value, allowed", [
    ("calf_pain", "yes", "true or false"),
    ("calf_pain", 1, "true or false"),
    ("calf_pain", None, "true or false"),
    ("age_years", 121, "from 0 to 120"),
    ("age_years", -1, "from 0 to 120"),
    ("age_years", 30.5, "whole number"),
    ("age_years", True, "whole number"),
    ("age_years", "30", "whole number"),
    ("duration_days", -0.5, "from 0 to 36500"),
    ("duration_days", math.nan, "from 0 to 36500"),
    ("duration_days", math.inf, "from 0 to 36500"),
    ("duration_days", 36500.5, "from 0 to 36500"),
    ("frequency", "often", "occasional, frequent, constant"),
    ("severity", "Mild", "mild, moderate, severe"),
])
def test_bad_values_name_field_value_and_what_is_allowed(field, value, allowed):
    with pytest.raises(ValueError) as info:
        Scenario.from_dict({field: value})
    message = str(info.value)
    shown = "null" if value is None else repr(value)  # YAML users wrote null
    assert f"field {field!r}" in message and f"got {shown}" in message and allowed in message
    assert "\n" not in message
    assert info.value.field == field


def test_keyword_construction_validates_too():
    with pytest.raises(ScenarioError, match="field 'leg_warm'"):
        Scenario(leg_warm="true")


def test_whole_number_float_age_is_kept_as_int():
    assert Scenario(age_years=30.0).age_years == 30


def test_not_a_mapping():
    with pytest.raises(ValueError, match="must be a mapping"):
        Scenario.from_dict(["calf_pain"])


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("calf_pain: true\nleg_warm: [true\nage_years: 3\n")
    with pytest.raises(ValueError, match=r"broken\.yaml:\d+: invalid YAML"):
        Scenario.from_file(path)


def test_malformed_json_names_file_and_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "calf_pain": true,\n  "leg_warm": tru\n}')
    with pytest.raises(ValueError, match=r"broken\.json:3: invalid JSON"):
        Scenario.from_file(path)


def test_field_error_in_a_file_names_file_line_and_field(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text("age_years: 40\nfrequency: sometimes\n")
    with pytest.raises(ValueError, match=r"case\.yaml:2: field 'frequency': got 'sometimes'"):
        Scenario.from_file(path)


def test_yaml_cannot_construct_python_objects(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(ValueError, match=r"evil\.yaml:1: YAML tags .* are not allowed"):
        Scenario.from_file(path)


@pytest.mark.parametrize("content", ["", "\n\n", "# just a comment\n", "null\n", "~\n", "---\n"])
def test_empty_file_is_an_error_not_self_care(tmp_path, content):
    path = tmp_path / "empty.yaml"
    path.write_text(content)
    with pytest.raises(ValueError, match=r"empty\.yaml: the file is empty: a scenario needs at least one field"):
        Scenario.from_file(path)


def test_explicit_empty_mapping_is_a_scenario_without_findings(tmp_path):
    path = tmp_path / "nothing.json"
    path.write_text("{}")
    assert Scenario.from_file(path) == Scenario()


def test_case_file_with_empty_scenario_is_an_error(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("id: c\nscenario:\ntitle: x\n")
    with pytest.raises(ValueError, match=r"c\.yaml:2: field 'scenario' is empty: a scenario needs at least one field"):
        Scenario.from_file(path)


def test_case_file_with_unknown_key_is_rejected(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("scenario:\n  calf_pain: true\nvignete: text\n")
    with pytest.raises(ValueError, match="unknown case key 'vignete'; did you mean vignette"):
        Scenario.from_file(path)


def test_replace_and_to_dict_round_trip():
    s = Scenario(calf_pain=True, duration_days=2)
    assert s.to_dict() == {"duration_days": 2, "calf_pain": True}
    assert s.replace(calf_pain=False) == Scenario(duration_days=2)
    assert repr(s) == "Scenario(duration_days=2, calf_pain=True)"
    with pytest.raises(ValueError, match="did you mean"):
        s.replace(calfpain=True)


@pytest.mark.parametrize("field, value, shown", [
    pytest.param("age_years", 10 ** 400, "got 100000000000…000000 (401 digits), allowed: a whole number from 0 to 120", id="age_10_400"),
    pytest.param("age_years", -10 ** 400, "got -10000000000…000000 (401 digits)", id="age_minus_10_400"),
    pytest.param("age_years", 10 ** 5000, "got a whole number of about 5000 digits", id="age_10_5000"),
    pytest.param("duration_days", 10 ** 400, "from 0 to 36500", id="duration_10_400"),
    pytest.param("duration_days", 1e308 * 10, "got inf", id="duration_inf"),
    pytest.param("frequency", "x" * 100_000, "(100000 characters)", id="long_text"),
    pytest.param("calf_pain", b"true", "got b'true'", id="bytes"),
    pytest.param("age_years", __import__("decimal").Decimal("30"), "got Decimal('30')", id="decimal"),
])
def test_any_value_at_all_is_refused_in_one_short_line(field, value, shown):
    """Values of any size or type: no OverflowError, no megabyte-long message."""
    for build in (lambda: Scenario(**{field: value}), lambda: Scenario.from_dict({field: value})):
        with pytest.raises(ScenarioError) as info:
            build()
        message = str(info.value)
        assert shown in message and "\n" not in message and len(message) < 300


def test_durations_stop_at_a_hundred_years():
    import sys
    assert Scenario(duration_days=36500).duration_days == 36500
    for days in (36500.001, sys.float_info.max, int(sys.float_info.max)):
        with pytest.raises(ScenarioError, match="allowed: a number from 0 to 36500"):
            Scenario(duration_days=days)
