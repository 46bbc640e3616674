"""The ranked differential, with the findings for and against each cause, and the treatments.

Every cause in knowledge.yaml lists the findings that make it more likely, less likely, or
rule it out (``legtwitch/features.py``). Ranking is explainable and fixed:

1. the must-not-miss causes that are in play (pulmonary embolism, DVT, a seizure, motor
   neurone disease), in that order;
2. the other causes in play, the best supported first (findings for minus findings against);
3. "no trigger found" (benign fasciculations), a diagnosis of exclusion, after every cause
   with evidence, and never beside real weakness, wasting, brisk reflexes or a seizure;
4. with no leg sign, DVT last, as the alternative to keep in mind.

Pulmonary embolism and DVT are in play when the engine's own rules find a lung warning sign
or a leg sign. A mimic of DVT (cellulitis, a Baker's cyst, a muscle tear) is ranked below DVT
whenever a leg sign is present: it never pushes the clot down, and it never lowers the level.
"""
from __future__ import annotations

from functools import lru_cache

from .knowledge import Entry, load_knowledge
from .result import CauseMatch, TreatmentAdvice
from .rules import is_persistent, leg_signs, pe_signs
from .scenario import Scenario

#: Findings that rule out benign fasciculations (also listed as its ``excluded_by`` in the data).
EXCLUDE_BENIGN_FASCICULATIONS = ("muscle_weakness", "muscle_wasting", "brisk_reflexes", "seizure")
_TWITCH_HISTORY = ("duration_days", "frequency", "severity", "movement")
_RULE_DRIVEN = ("pulmonary_embolism", "dvt")

_WHY = {
    "pe_suspected": "A warning sign of a clot in the lungs: rule out a pulmonary embolism first.",
    "dvt_suspected": "Leg signs of a clot are present: rule out a deep-vein thrombosis first.",
    "dvt_risk": "No leg sign of a clot, but a clot risk factor: keep DVT in mind and know the signs that bring the person back.",
    "dvt_background": "No leg sign of a clot now; think again if calf pain, warmth or swelling appear.",
    "benign_only": "No trigger and no warning sign: most likely harmless twitching that settles by itself.",
    "benign_after": "Only once the causes above are excluded: no trigger found, twitching settles by itself.",
}


def _feature_words(features) -> tuple[str, ...]:
    return tuple(f.words() for f in features)


class _Index:
    """Every finding the causes mention, grouped by scenario field (built once per knowledge base).

    A finding can only hold when its field is known (not ``None``) and not ``False``, so a
    triage evaluates only the findings on the few fields a scenario fills in, once each, and
    the causes those findings put in play, instead of every cause's lists one by one.
    """

    def __init__(self, kb) -> None:
        from .knowledge import FEATURE_LISTS
        self.kb = kb
        by_field: dict[str, dict[str, object]] = {}
        self.triggered_by: dict[str, set[str]] = {}  # finding -> causes it can put in play
        self.relevant: dict[str, frozenset[str]] = {}  # cause -> findings for or against it
        for cause in kb.causes.values():
            for name in FEATURE_LISTS:
                for f in getattr(cause, name) or ():
                    by_field.setdefault(f.field, {})[f.text] = f
            for f in cause.requires_all or cause.requires_any or ():
                self.triggered_by.setdefault(f.text, set()).add(cause.id)
            self.relevant[cause.id] = frozenset(f.text for f in (*cause.more_likely, *cause.less_likely))
        self.by_field = {field: tuple(fs.values()) for field, fs in by_field.items()}
        #: (rank in the file, cause, whether it is looked at even without a finding of its own)
        self.order = tuple((order, cause, cause.id in _RULE_DRIVEN or cause.rank_last)
                           for order, cause in enumerate(kb.causes.values()))

    def held(self, scenario: Scenario) -> frozenset[str]:
        """The texts of the findings that hold for ``scenario``."""
        out = set()
        by_field = self.by_field
        for field, value in vars(scenario).items():
            if value is None or value is False or field not in by_field:
                continue
            for f in by_field[field]:
                if f.holds(scenario):
                    out.add(f.text)
        return frozenset(out)

    def candidates(self, held: frozenset[str]) -> set[str]:
        """The causes that at least one held finding can put in play."""
        out: set[str] = set()
        for text in held:
            out |= self.triggered_by.get(text, set())
        return out


_INDEX: list[_Index] = []


def _index() -> _Index:
    kb = load_knowledge()
    if not _INDEX or _INDEX[0].kb is not kb:  # a reloaded knowledge base gets a new index
        _INDEX[:] = [_Index(kb)]
        _explained_for.cache_clear()
    return _INDEX[0]


def _held(features, held: frozenset[str]) -> tuple:
    return tuple([f for f in features if f.text in held])


def _in_play(cause: Entry, held: frozenset[str]) -> tuple:
    """The findings that put ``cause`` in play (empty when it is not)."""
    if cause.requires_all:
        found = _held(cause.requires_all, held)
        return found if len(found) == len(cause.requires_all) else ()
    if cause.requires_any:
        return _held(cause.requires_any, held)
    return ()


@lru_cache(maxsize=None)
def _match(cause_id: str, why: str, for_fields: tuple[str, ...], for_words: tuple[str, ...],
           against_words: tuple[str, ...], score: int) -> CauseMatch:
    cause = load_knowledge().causes[cause_id]
    return CauseMatch(cause_id, cause.name, why, for_fields, cause.must_not_miss, cause.source,
                      for_words, against_words, cause.next_step, score)


def _explained(cause: Entry, held: frozenset[str], base: tuple, why: str | None = None) -> CauseMatch:
    """A match for ``cause``: the findings that put it in play and raised it, those against it.

    Only the findings the cause lists matter, so the answer is cached on those.
    """
    return _explained_for(cause.id, held & _INDEX[0].relevant[cause.id], base, why)


@lru_cache(maxsize=8192)
def _explained_for(cause_id: str, held: frozenset[str], base: tuple, why: str | None) -> CauseMatch:
    cause = _INDEX[0].kb.causes[cause_id]
    raised = tuple(f for f in _held(cause.more_likely, held) if f not in base)
    against = _held(cause.less_likely, held)
    supporting = base + raised
    fields = tuple(dict.fromkeys(f.field for f in supporting))
    score = 2 * len(base) + len(raised) - len(against)
    text = why or (f"Findings for it: {'; '.join(_feature_words(supporting))}." if supporting else cause.text)
    return _match(cause.id, text, fields, _feature_words(supporting), _feature_words(against), score)


@lru_cache(maxsize=None)
def _fields(names: tuple[str, ...]) -> tuple:
    """Plain scenario fields wrapped as features (for the rule-driven causes)."""
    from .features import parse_feature
    return tuple(parse_feature(n) for n in names)


def likely_causes(scenario: Scenario) -> tuple[CauseMatch, ...]:
    """Ranked causes, each with the findings for and against it (see the module docstring)."""
    index = _index()
    kb = index.kb
    held = index.held(scenario)
    candidates = index.candidates(held)
    lung = pe_signs(scenario)
    legs = leg_signs(scenario)
    must: list[CauseMatch] = []
    others: list[tuple[int, int, CauseMatch]] = []
    last: list[CauseMatch] = []
    for order, cause, always in index.order:
        if not always and cause.id not in candidates:
            continue  # the cheap test first: most causes are not in play
        if cause.excluded_by and _held(cause.excluded_by, held):
            continue
        if cause.id == "pulmonary_embolism":
            if lung:
                must.append(_explained(cause, held, _fields(lung + legs), _WHY["pe_suspected"]))
            continue
        if cause.id == "dvt":
            if legs:
                must.append(_explained(cause, held, _fields(legs), _WHY["dvt_suspected"]))
            continue
        if cause.id == "convulsive_syncope" and "fainted" in lung:
            continue  # the faint counts as a lung warning sign: not a typical faint
        if cause.rank_last:
            last.append(cause)
            continue
        base = _in_play(cause, held)
        if not base:
            continue
        match = _explained(cause, held, base)
        if cause.must_not_miss:
            must.append(match)
        else:
            others.append((-match.score, order, match))
    out = must + [m for _s, _o, m in sorted(others, key=lambda t: (t[0], t[1]))]
    faint_only = any(m.id == "convulsive_syncope" for m in out) and \
        not any(getattr(scenario, f) is not None for f in _TWITCH_HISTORY)
    for cause in last:
        if faint_only:
            continue  # the jerks of a typical faint are the whole story
        out.append(_explained(cause, held, (), _WHY["benign_after" if out else "benign_only"]))
    if not legs:
        dvt = kb.causes["dvt"]
        risk = _held(dvt.more_likely, held)
        out.append(_explained(dvt, held, (), _WHY["dvt_risk" if risk else "dvt_background"]))
    return tuple(out)


@lru_cache(maxsize=None)
def _advice(treatment_id: str, cause_id: str) -> TreatmentAdvice:
    t = load_knowledge().treatments[treatment_id]
    return TreatmentAdvice(t.id, t.name, t.text, t.caution, cause_id, t.source, t.comment)


@lru_cache(maxsize=None)
def _treatments_for(cause_id: str):
    return tuple(t for t in load_knowledge().treatments.values() if cause_id in t.for_causes)


def matched_treatments(scenario: Scenario, causes: tuple[CauseMatch, ...]) -> tuple[TreatmentAdvice, ...]:
    """Treatments for the causes with evidence, in the order of the differential.

    "No treatment needed" only applies when no other cause was found; muscle relaxants only
    to a known neurological disease (red flags alone call for a work-up first); epilepsy surgery only
    to long-standing constant (permanent) twitching in known epilepsy; seizure first aid only to a seizure;
    anticoagulation (started by a doctor) only when a clot is actually suspected, and once.
    """
    cause_ids = [c.id for c in causes]
    clot_suspected = set()
    if pe_signs(scenario):
        clot_suspected.add("pulmonary_embolism")
    if leg_signs(scenario):
        clot_suspected.add("dvt")
    out: list[TreatmentAdvice] = []
    given: set[str] = set()
    for cause_id in cause_ids:
        if cause_id in ("dvt", "pulmonary_embolism") and cause_id not in clot_suspected:
            continue
        if cause_id == "benign_fasciculations" and cause_ids[0] != "benign_fasciculations":
            continue
        for t in _treatments_for(cause_id):
            if t.id == "epilepsy_surgery" and not (scenario.epilepsy and scenario.frequency == "constant"
                                                   and is_persistent(scenario)):
                continue  # only for long-standing (permanent) twitching, never for a new episode
            if t.id == "seizure_first_aid" and not scenario.seizure:
                continue
            if t.id == "muscle_relaxants" and not scenario.known_neurological_disease:
                continue  # the source text ties them to a known disease, not to red flags alone
            if t.id in given:
                continue
            given.add(t.id)
            out.append(_advice(t.id, cause_id))
    return tuple(out)
