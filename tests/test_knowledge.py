"""The knowledge base loads, covers what the engine needs, and a broken file is named precisely."""
import copy

import pytest
import yaml

from legtwitch import DataError
from legtwitch.knowledge import (CAUSE_IDS, SECTION_IDS, TEST_IDS, knowledge_path, load_knowledge,
                                 parse_knowledge)
from legtwitch.rules import RULE_IDS, THROMBOSIS_INDICATIONS


@pytest.fixture(scope="module")
def raw():
    return yaml.safe_load(knowledge_path().read_text(encoding="utf-8"))


def test_loads_with_the_three_source_sections():
    kb = load_knowledge()
    for section in SECTION_IDS:
        assert kb.sources[section].kind == "source_text"
    assert tuple(kb.tests) == TEST_IDS and tuple(kb.causes) == CAUSE_IDS
    assert tuple(kb.thrombosis_indications) == THROMBOSIS_INDICATIONS


def test_every_entry_cites_known_sources():
    kb = load_knowledge()
    for section in (kb.thrombosis_indications, kb.wells_criteria, kb.rules, kb.causes, kb.treatments, kb.tests):
        for entry in section.values():
            assert entry.source and all(s in kb.sources for s in entry.source), entry.id


def test_every_source_section_is_used():
    kb = load_knowledge()
    cited = {s for section in (kb.rules, kb.causes, kb.treatments, kb.tests) for e in section.values() for s in e.source}
    assert set(SECTION_IDS) <= cited


def test_wells_points_match_the_nice_table():
    points = {k: v.points for k, v in load_knowledge().wells_criteria.items()}
    assert points.pop("alternative_diagnosis_likely") == -2
    assert set(points.values()) == {1} and len(points) == 9


def _broken(raw, path, value):
    data = copy.deepcopy(raw)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize("path, value, message", [
    (("rules", "suspected_dvt", "source"), ["nice_ng999"], "entry 'suspected_dvt': field 'source': unknown source 'nice_ng999'"),
    (("rules", "suspected_dvt", "level"), "soon", "entry 'suspected_dvt': field 'level': got 'soon'"),
    (("treatments", "muscle_relaxants", "text"), KeyError, "entry 'muscle_relaxants': field 'text': is missing"),
    (("treatments", "muscle_relaxants", "for_causes"), ["stres"], "field 'for_causes': unknown cause 'stres'"),
    (("wells_criteria", "previous_dvt", "points"), "one", "entry 'previous_dvt': field 'points': must be a whole number"),
    (("tests", "emg", "colour"), "red", "entry 'emg': field 'colour': is not a known field"),
    (("rules", "suspected_dvt"), KeyError, "rule ids must match the engine; missing ['suspected_dvt']"),
    (("thresholds", "persistent_days", "value"), 14.5, "entry 'persistent_days': field 'value'"),
])
def test_broken_knowledge_names_file_entry_and_field(raw, path, value, message):
    with pytest.raises(DataError) as info:
        parse_knowledge(_broken(raw, path, value), "knowledge.yaml", rule_ids=RULE_IDS)
    assert str(info.value).startswith("knowledge.yaml: ")
    assert message in str(info.value)


def test_clot_risk_factors_match_the_rule_and_virchow():
    from legtwitch.rules import CLOT_RISK_FACTORS
    kb = load_knowledge()
    assert tuple(kb.clot_risk_factors) == CLOT_RISK_FACTORS
    for entry in kb.clot_risk_factors.values():
        assert entry.element and set(entry.element) <= {"stasis", "vessel_wall", "blood"}
        assert "statpearls_virchow" in entry.source


def test_pathways_name_known_tests_and_the_engine_knows_every_pathway():
    from legtwitch.pathways import PATHWAY_IDS
    kb = load_knowledge()
    assert tuple(kb.pathways) == PATHWAY_IDS
    for pathway in kb.pathways.values():
        assert pathway.steps and all(s.test in TEST_IDS for s in pathway.steps)


@pytest.mark.parametrize("path, value, message", [
    (("pathways", "pe_likely", "steps"), [], "entry 'pe_likely': field 'steps': must be a non-empty list"),
    (("pe_wells_criteria", "heart_rate", "points"), 9, "entry 'heart_rate': field 'points': must be from 0.5 to 5"),
    (("wells_criteria", "previous_dvt", "points"), 100, "entry 'previous_dvt': field 'points': must be from -3 to 3"),
    (("thresholds", "persistent_days", "value"), -5, "entry 'persistent_days': field 'value': must be from 1 to 365"),
    (("rules", "first_seizure", "patient"), KeyError, "entry 'first_seizure': field 'patient': is missing"),
    (("rules", "first_seizure", "basis"), "hunch", "entry 'first_seizure': field 'basis': got 'hunch'"),
    (("clot_risk_factors", "long_haul_travel", "element"), ["fate"], "unknown Virchow element 'fate'"),
    (("pe_wells_criteria", "haemoptysis", "any_of"), ["haemoptysis"], "unknown boolean scenario field 'haemoptysis'"),
])
def test_broken_clinical_model_is_named(raw, path, value, message):
    from legtwitch.pathways import PATHWAY_IDS
    with pytest.raises(DataError) as info:
        parse_knowledge(_broken(raw, path, value), "knowledge.yaml", rule_ids=RULE_IDS, pathway_ids=PATHWAY_IDS)
    assert message in str(info.value)


# -- ranges, uniqueness and ids -----------------------------------------------------------------------

def _with(raw, section, entry, value):
    data = copy.deepcopy(raw)
    data[section][entry] = value
    return data


@pytest.mark.parametrize("path, value, message", [
    (("thresholds", "persistent_days", "value"), -5, "entry 'persistent_days': field 'value': must be from 1 to 365, got -5"),
    (("thresholds", "persistent_days", "value"), 0, "must be from 1 to 365, got 0"),
    (("thresholds", "persistent_days", "value"), 366, "must be from 1 to 365, got 366"),
    (("thresholds", "persistent_days", "value"), 10 ** 400, "got 100000000000…000000 (401 digits)"),
    (("wells_criteria", "previous_dvt", "points"), 100, "entry 'previous_dvt': field 'points': must be from -3 to 3, got 100"),
    (("wells_criteria", "alternative_diagnosis_likely", "points"), -4, "must be from -3 to 3, got -4"),
    (("thresholds", "wells_likely_from", "value"), 12, "the totals the Wells criteria can reach, so that both categories can occur; got 12"),
    (("thresholds", "wells_likely_from", "value"), -3, "the totals the Wells criteria can reach"),
    (("thresholds", "wells_likely_from", "value"), 13, "must be from -3 to 12, got 13"),
    (("levels", "urgent", "colour"), "#b71c1c", "entry 'emergency': field 'colour': '#b71c1c' is already used by 'urgent'"),
    (("levels", "urgent", "symbol"), "‼", "field 'symbol': '‼' is already used by 'urgent'"),
    (("causes", "stress", "name"), "Epilepsy", "field 'name': 'Epileptic seizure' is already used by"),
    (("sources", "nhs_pe", "title"), "NHS: Deep vein thrombosis (DVT)", "field 'title': 'NHS: Deep vein thrombosis (DVT)' is already used by 'nhs_dvt'"),
])
def test_numbers_out_of_range_and_repeated_names_are_refused(raw, path, value, message):
    data = _broken(raw, path, value)
    if path[-1] == "name":  # make the repeated name one that exists
        data["causes"]["stress"]["name"] = raw["causes"]["epilepsy"]["name"]
    with pytest.raises(DataError) as info:
        parse_knowledge(data, "knowledge.yaml", rule_ids=RULE_IDS)
    assert message in str(info.value)


@pytest.mark.parametrize("section", ["sources", "rules", "causes", "tests", "wells_criteria"])
@pytest.mark.parametrize("bad_id", ["Bad-Id", "1st", "with space", "", "ünïcode"])
def test_entry_ids_are_lower_case_words(raw, section, bad_id):
    data = copy.deepcopy(raw)
    data[section] = {bad_id: next(iter(raw[section].values())), **raw[section]}
    with pytest.raises(DataError, match=f"knowledge.yaml: entry '{section}': id .* must be lower-case letters"):
        parse_knowledge(data, "knowledge.yaml", rule_ids=RULE_IDS)


def test_every_threshold_and_point_value_has_an_allowed_range():
    from legtwitch.knowledge import DVT_POINTS, PE_POINTS, THRESHOLD_IDS, THRESHOLD_RANGES
    kb = load_knowledge()
    assert tuple(THRESHOLD_RANGES) == THRESHOLD_IDS
    for tid, (low, high) in THRESHOLD_RANGES.items():
        assert low < high and low <= kb.thresholds[tid].value <= high, tid
    assert all(DVT_POINTS[0] <= c.points <= DVT_POINTS[1] for c in kb.wells_criteria.values())
    assert all(PE_POINTS[0] <= c.points <= PE_POINTS[1] for c in kb.pe_wells_criteria.values())


@pytest.mark.parametrize("content, message", [
    (None, "knowledge.yaml: cannot read file"),
    ("rules: [\n", "knowledge.yaml:2: invalid YAML"),
    ("sources: {}\nsources: {}\n", "knowledge.yaml:2: duplicate key 'sources'"),
    ("a: &x 1\n", "knowledge.yaml:1: YAML anchors and aliases"),
])
def test_a_broken_knowledge_file_is_a_data_error(tmp_path, monkeypatch, content, message):
    from legtwitch import knowledge
    path = tmp_path / "knowledge.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(knowledge, "knowledge_path", lambda: path)
    knowledge.load_knowledge.cache_clear()
    try:
        with pytest.raises(DataError, match=message):
            knowledge.load_knowledge()
    finally:
        knowledge.load_knowledge.cache_clear()
