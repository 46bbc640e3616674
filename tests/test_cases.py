"""The curated case library: it loads, the engine agrees with every case, and it covers
every level, field, field group and source section."""

import pytest
import yaml

from legtwitch import Scenario, triage
from legtwitch.cases import case_check, cases_dir, get_case, load_case_file, load_cases, parse_case
from legtwitch.pronouns import pronoun_mismatches
from legtwitch.errors import DataError
from legtwitch.knowledge import SECTION_IDS
from legtwitch.levels import TriageLevel
from legtwitch.scenario import FIELD_SPECS, GROUPS, fields_in_group

CASES = load_cases()
CASE_FILES = sorted(cases_dir().glob("*.yaml"))


def _is_set(case, field):
    value = getattr(case.scenario, field)
    return value is not None and value is not False


def test_library_loads_with_at_least_30_cases():
    assert len(CASES) >= 30
    assert len(CASE_FILES) == len(CASES)


def test_ids_unique_and_equal_to_file_names():
    ids = [c.id for c in CASES]
    assert len(set(ids)) == len(ids)
    assert sorted(ids) == sorted(p.stem for p in CASE_FILES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_engine_agrees_with_case(case):
    result = triage(case.scenario)
    assert result.level is case.expected_level, result.rule_ids
    if case.expected_wells is None:
        assert result.wells is None
    else:
        assert result.wells is not None and result.wells.total == case.expected_wells
    if case.expected_pe_wells is None:
        assert result.pe_wells is None
    else:
        assert result.pe_wells is not None and result.pe_wells.total == case.expected_pe_wells
    assert result.first_test == case.expected_first_test
    assert case_check(case, result).startswith("Engine agrees")


def test_case_check_names_every_disagreement():
    case = get_case("pe_after_hip_surgery")
    wrong = triage(case.scenario.replace(chest_pain=False, short_of_breath=False))
    message = case_check(case, wrong)
    assert message.startswith("Engine DISAGREES")
    for part in ("level expected Emergency, got Urgent", "PE Wells expected 6, got none",
                 "first test expected CT pulmonary angiogram (CTPA), got Leg-vein ultrasound"):
        assert part in message


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_vignette_pronouns_match_the_case_sex(case):
    assert case.scenario.sex in ("female", "male"), "every library case states the patient's sex"
    text = " ".join([case.title, case.vignette, *case.teaching_points])
    assert pronoun_mismatches(text, case.scenario.sex) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_shape(case):
    assert 2 <= len(case.teaching_points) <= 4
    assert case.title.strip() and case.vignette.strip()
    if case.scenario.age_years is not None:  # the age in the scenario is the one read aloud
        assert f"{case.scenario.age_years}-year-old" in case.vignette


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_file_is_a_valid_cli_input(path):
    assert Scenario.from_file(path) == get_case(path.stem).scenario


@pytest.mark.parametrize("level", list(TriageLevel), ids=lambda lv: lv.value)
def test_every_level_has_several_cases(level):
    assert sum(c.expected_level is level for c in CASES) >= 3


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_field_group_is_used(group):
    assert any(_is_set(c, f) for c in CASES for f in fields_in_group(group))


@pytest.mark.parametrize("field", [s.name for s in FIELD_SPECS])
def test_every_vocabulary_field_is_used(field):
    assert any(_is_set(c, field) for c in CASES)


@pytest.mark.parametrize("section", sorted(SECTION_IDS))
def test_every_source_section_is_cited(section):
    assert any(section in c.sections for c in CASES)


def test_boundary_pairs_differ_as_taught():
    assert get_case("thirteen_days_no_trigger").expected_level is TriageLevel.SELF_CARE
    assert get_case("fourteen_days_no_trigger").expected_level is TriageLevel.SEE_DOCTOR
    two, one = triage(get_case("wells_exactly_two").scenario), triage(get_case("wells_exactly_one").scenario)
    assert (two.wells.total, two.wells.category, two.test_ids[0]) == (2, "likely", "compression_ultrasound")
    assert (one.wells.total, one.wells.category, one.test_ids[0]) == (1, "unlikely", "d_dimer")
    first, known = get_case("first_seizure_after_all_nighter"), get_case("seizure_known_epilepsy")
    assert first.expected_level is TriageLevel.EMERGENCY and known.expected_level is TriageLevel.URGENT


def test_alternative_diagnosis_lowers_wells():
    case = get_case("baker_cyst_alternative")
    without = triage(case.scenario.replace(alternative_diagnosis_likely=False)).wells.total
    assert case.expected_wells == without - 2


def test_child_case_gets_no_wells_score_and_says_why():
    case = get_case("teen_cast_calf_pain")
    result = triage(case.scenario)
    assert case.scenario.age_years < 18
    assert result.wells is None and "Under 18" in result.scores_note
    assert result.first_test == "compression_ultrasound"


def test_epilepsy_surgery_taught_for_long_standing_constant_twitching_only():
    assert "epilepsy_surgery" in triage(get_case("long_standing_epc").scenario).treatment_ids
    assert "epilepsy_surgery" not in triage(get_case("new_constant_twitching_epilepsy").scenario).treatment_ids
    assert "muscle_relaxants" in triage(get_case("ms_muscle_relaxant").scenario).treatment_ids


def test_every_new_pathway_has_a_library_case():
    pathways = {p for c in CASES for p in triage(c.scenario).pathway_ids}
    for needed in ("pe_likely", "pe_unlikely", "pe_pregnancy", "dvt_likely", "dvt_unlikely", "dvt_pregnancy",
                   "dvt_child", "first_seizure", "new_constant_twitching_in_epilepsy",
                   "long_standing_constant_twitching_in_epilepsy", "faint", "neurological_work_up"):
        assert needed in pathways


# -- broken case files --------------------------------------------------------------------
def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _good():
    return yaml.safe_load((cases_dir() / "classic_calf_dvt.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("field, value, needle", [
    ("scenario", {"calf_pain": "yes"}, "calf_pain"),
    ("scenario", {"calf_pian": True}, "calf_pain"),
    ("expected_level", "urgentish", "urgentish"),
    ("expected_wells", "three", "three"),
    ("teaching_points", [], "teaching_points"),
    ("sections", ["thrombosis", "nowhere"], "nowhere"),
    ("scenario", None, "is empty: a scenario needs at least one field"),
    ("expected_wells", 100, "field 'expected_wells': must be from"),
    ("expected_wells", True, "must be a whole number or null, got True"),
])
def test_broken_case_file_names_file_case_and_field(tmp_path, field, value, needle):
    data = _good()
    data["id"] = "broken_case"
    data[field] = value
    path = _write(tmp_path, "broken_case.yaml", data)
    with pytest.raises(DataError) as info:
        load_case_file(path)
    err = info.value
    assert (err.file, err.entry, err.field) == ("broken_case.yaml", "broken_case", field)
    message = str(err)
    assert "broken_case.yaml" in message and "'broken_case'" in message and needle in message
    assert "\n" not in message


def test_missing_key_is_named(tmp_path):
    data = _good()
    del data["expected_wells"]
    with pytest.raises(DataError) as info:
        parse_case(data, "x.yaml")
    assert (info.value.file, info.value.entry, info.value.field) == ("x.yaml", "classic_calf_dvt", "expected_wells")


def test_good_copy_parses(tmp_path):
    path = _write(tmp_path, "copy.yaml", _good())
    assert load_case_file(path) == get_case("classic_calf_dvt")
