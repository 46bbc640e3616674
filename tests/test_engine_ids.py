"""The rule and pathway ids the knowledge base is checked against are the ones the code implements."""
from legtwitch import engine_ids
from legtwitch.engine import triage
from legtwitch.knowledge import load_knowledge
from legtwitch.pathways import applicable_pathways
from legtwitch.rules import RULES


def test_rule_ids_are_the_rules_in_order_then_the_default():
    assert tuple(r.id for r in RULES) + (engine_ids.NO_RED_FLAGS,) == engine_ids.RULE_IDS


def test_the_knowledge_base_describes_exactly_these_rules_and_pathways():
    kb = load_knowledge()
    assert tuple(kb.rules) == engine_ids.RULE_IDS
    assert tuple(kb.pathways) == engine_ids.PATHWAY_IDS


def test_every_pathway_the_code_can_choose_is_listed():
    import inspect
    from legtwitch import pathways
    source = inspect.getsource(pathways.applicable_pathways)
    chosen = {pid for pid in engine_ids.PATHWAY_IDS if f'"{pid}"' in source}
    assert chosen == set(engine_ids.PATHWAY_IDS)
    assert applicable_pathways and triage({"calf_pain": True}).pathway_ids[0] in engine_ids.PATHWAY_IDS
