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
