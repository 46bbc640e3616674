"""Practice cases told as a patient would tell them: a presenting complaint, a history and an
examination, in varied words, with the realistic details and the negatives a clinician hears.

Why: a story with one sentence per finding is a checklist, and students learn to spot
keywords instead of reasoning. Here

- the **presenting complaint** gives the patient's name, age and job and what brought them,
  the most pressing complaint first (chest pain before a twitching calf);
- the **history** holds what the student learns by asking: how long, how often, what it is
  like, triggers, risk factors, medicines, and details that do not matter (a hobby, a harmless
  past illness), with the *negatives* a clinician would ask about ("no chest pain");
- the **examination** holds what only examining reveals: swelling, pitting, a warm leg, the
  pulse, weakness, wasting, reflexes.

Every field the scenario sets is stated in exactly one stage (``CUES`` lists the words that
show it is there; a test checks every generated and library case against them), negatives are
only ever stated for fields that are false, and nothing in the text names a triage level, a
score or a test. All choices come from the ``random.Random`` passed in, so the same seed gives
the same words on every machine.
"""
from __future__ import annotations

import random
import re
from typing import Any, Callable, Mapping

from .stages import Stage, TestResult

# -- where each field is told -------------------------------------------------------------------
#: Findings that only the examination reveals (everything else is told in the history).
EXAMINATION_FIELDS = ("leg_warm", "leg_swollen", "calf_swelling_3cm", "pitting_edema", "vein_tenderness",
                      "collateral_veins", "skin_redness", "tender_surface_vein", "heart_rate_over_100",
                      "muscle_weakness", "muscle_wasting", "brisk_reflexes", "alternative_diagnosis_likely",
                      "pe_most_likely")
#: What a patient says first, most pressing first: the first true one is the presenting complaint.
PRESENTING_ORDER = ("seizure", "chest_pain", "coughing_blood", "short_of_breath", "fainted", "calf_pain",
                    "skin_redness", "sudden_pain_during_activity", "swelling_behind_knee", "speech_or_swallowing_problems")

#: Words that show a field is stated in a text (case-insensitive regular expressions). Used by
#: the tests: every revealed field of every staged case must match one of its cues.
CUES: dict[str, tuple[str, ...]] = {
    "age_years": (r"\b\d{1,3}\b", r"-year-old", r"\baged\b"),
    "sex": (r"\b(she|he|her|his|him|woman|man|girl|boy|mrs|mr|ms|miss)\b",),
    "duration_days": (r"\b\d+\s*(day|days|week|weeks|month|months|year|years)\b",
                      r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                      r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\s+(day|days|week|weeks|month|months|"
                      r"year|years)\b",
                      r"\b(yesterday|today|this morning|last night|since|a day|a week|a month|a year|"
                      r"a fortnight|months|years|weeks)\b"),
    "frequency": (r"now and then|every so often|on and off|once or twice|occasional|many times|over and over|"
                  r"dozens of times|\bconstant\b|all the time|non-?stop|without a break|never stops|frequent|"
                  r"several times|a few times|most days|every day|each day|\boften\b|times a (day|week)|"
                  r"comes? and goes?|come and go|from time to time",),
    "severity": (r"\bmild|barely|hardly|\bfaint\b|slight|moderate|clearly|visible|severe|strong|violent|"
                 r"moves the|kicks|jerks the",),
    "both_legs": (r"both (legs|calves|thighs|shins)", r"either leg", r"each leg", r"both sides"),
    "movement": (r"flicker|ripple|rippling|worm|quiver|fasciculat|cramp|knot|hardens|tight|jerk|jolt|jump|kick|urge|"
                 r"restless|move (the|her|his|my) legs|twitch",),
    "when_falling_asleep": (r"asleep|drift(ing|s)? off|dozing|sleep start|nodding off",),
    "evening_or_night": (r"evening|night|bedtime|in bed",),
    "calf_pain": (r"calf.{0,40}\b(pain|painful|aches?|aching|hurts?|sore)\b|\b(pain|painful|aches?|aching|hurts?|sore)\b.{0,40}calf",),
    "pain_worsening": (r"(pain|ache).{0,60}(worse|increasing|building|more)|worse.{0,40}(pain|ache)|"
                       r"(pain|ache).{0,40}getting",),
    "leg_warm": (r"warm|hot to (the )?touch|warmer",),
    "leg_swollen": (r"(whole|entire|all of the) (leg|limb).{0,40}swollen|swollen.{0,40}(whole|entire) leg|"
                    r"leg.{0,30}(is|are|looks|has) (swollen|puffy)|swelling of the (whole|entire) leg|"
                    r"leg has swollen|leg is swollen",),
    "calf_swelling_3cm": (r"\b([3-9]|1[0-9])(\.\d)? ?(cm|centimetres) (larger|bigger|more|wider|greater|thicker)",),
    "pitting_edema": (r"\bpit(ting|s)?\b|\bdent\b|\bindent",),
    "vein_tenderness": (r"tender.{0,40}(deep )?veins?|along the (line of the )?(deep )?veins?|"
                        r"deep veins?.{0,30}tender",),
    "collateral_veins": (r"collateral|superficial veins?.{0,40}(stand|visible|prominent)|(prominent|visible|new) "
                         r"(surface |superficial )?veins",),
    "active_cancer": (r"cancer|chemotherapy|radiotherapy|tumou?r|lymphoma|leukaemia|myeloma|palliative",),
    "paralysis_or_cast": (r"plaster|cast|paraly|paresis|weak since (a|her|his) stroke",),
    "bedridden_or_surgery": (r"operation|(?<!the )surgery|replacement|replaced|bed(ridden| for)|laid up|in bed for",),
    "previous_dvt": (r"(clot|thrombosis|dvt).{0,40}(before|ago|previous|in the past)|previous (dvt|clot)|"
                     r"had a (dvt|clot)\b",),
    "alternative_diagnosis_likely": (r"(?<!no )(?<!no other )(another|different) (diagnosis|explanation|cause)",
                                     r"at least as likely|more likely than a clot|as likely as a clot"),
    "pregnant_or_postpartum": (r"pregnan|weeks? pregnant|gave birth|had (a|her) baby|delivered|postnatal|"
                               r"post-?partum|newborn",),
    "hormonal_contraception_or_hrt": (r"\bpill\b|hormone replacement|\bhrt\b|contracepti",),
    "long_haul_travel": (r"flight|flew|long-haul|long haul|coach|long journey|drove .{0,30}hours",),
    "chest_pain": (r"chest.{0,30}(pain|ache|tight|hurt)|(pain|ache|tight).{0,30}chest",),
    "short_of_breath": (r"breath|breathless|puff|winded",),
    "coughing_blood": (r"cough.{0,40}blood|blood.{0,30}(cough|sputum|tissue|phlegm)|haemoptysis",),
    "fainted": (r"faint|passed out|blacked out|collapsed|came round|lost consciousness|slid to the floor",),
    "typical_faint": (r"(hot|warm|stuffy|crowded|standing|queue|heat).{0,120}(light-?headed|dizzy|grey|sweaty|clammy)"
                      r"|(light-?headed|dizzy|grey|sweaty|clammy).{0,120}(came round|back to normal|recovered)",),
    "seizure": (r"(jerk|shak|shook|stiff|rigid|convuls|fit|seizure).{0,120}(respond|aware|conscious|unresponsive|"
                r"did not know|no memory|came to)|(unresponsive|unconscious|not responding|did not respond)"
                r".{0,120}(jerk|shak|stiff|convuls)",),
    "heart_rate_over_100": (r"pulse (is |of )?(10[1-9]|1[1-9]\d)|heart rate (is |of )?(10[1-9]|1[1-9]\d)|"
                            r"(10[1-9]|1[1-9]\d) (beats )?(a|per) minute",),
    "immobilised_or_surgery_4_weeks": (r"operation|(?<!the )surgery|procedure|replacement|replaced|\bbed\b|laid up|"
                                       r"immobil",),
    "previous_pe": (r"clot in (the|her|his|a) lung|pulmonary embolism|\bpe\b",),
    "pe_most_likely": (r"(no|cannot find a|can't find a) (better|other|more likely) (explanation|diagnosis|cause)|"
                       r"clot in the lung.{0,40}(most likely|likeliest|best explanation)|"
                       r"(most likely|likeliest|best) (explanation|diagnosis).{0,60}clot in the lung",),
    "skin_redness": (r"\bred(ness|dened)?\b.{0,60}(skin|spread)|(skin|shin).{0,40}\bred",),
    "fever": (r"fever|feverish|shiver|temperature (of )?3[89]|3[89](\.\d)? ?°?c|rigors|hot and cold",),
    "tender_surface_vein": (r"\bcord\b|hard,? (red|tender)? ?vein|vein.{0,40}(hard|\bcord\b)",),
    "swelling_behind_knee": (r"behind (the|her|his)( left| right)? knee",),
    "sudden_pain_during_activity": (r"(sudden|suddenly|snap|kicked|felt something go).{0,80}"
                                    r"(game|match|squash|tennis|football|run|playing|lunge|sprint)|"
                                    r"(game|match|squash|tennis|football|run|playing|lunge|sprint).{0,80}"
                                    r"(sudden|suddenly|snap|kicked|felt something go)",),
    "salt_loss": (r"vomit|diarrh|stomach bug|gastro|sweat|water tablet|diuretic",),
    "thyroid_symptoms": (r"weight|racing heart|heart racing|palpitation|tremor|trembl|shaky hands|\bheat\b|"
                         r"hot all the time|thyroid|kilo|\bkg\b",),
    "stress": (r"stress|pressure|anxious|worr|deadline|exams?\b|overwhelmed|tense",),
    "new_medication": (r"(new|started|began|prescribed).{0,60}(medicine|tablet|drug|medication|antidepressant|inhaler|"
                       r"pill)|(medicine|tablet|medication|antidepressant).{0,40}(new|started)",),
    "known_neurological_disease": (r"multiple sclerosis|\bms\b|parkinson|neuropathy|nerve disease|neurological|"
                                   r"myasthenia|spinal",),
    "epilepsy": (r"epilep",),
    "caffeine": (r"coffee|caffeine|espresso|energy drink|cola",),
    "alcohol": (r"alcohol|drink(s|ing)? .{0,20}(heavily|a lot|beer|wine|spirits|pints|units)|pints|units|binge|"
                r"\bwine\b|\bbeer\b",),
    "lack_of_sleep": (r"(sleep(ing)?|slept) (badly|poorly|little)|little sleep|short of sleep|night shift|up all night|"
                      r"all-nighter|hardly slept|not slept|insomnia|sleepless|few hours' sleep|four hours",),
    "recent_exercise": (r"marathon|\brun\b|\bran\b|running|gym|training|race|hike|cycl|match|squash|football|"
                        r"exercise|workout|tennis|climb",),
    "muscle_weakness": (r"weak|4/5|3/5|cannot (lift|stand on)|gives way|foot drop|trips",),
    "muscle_wasting": (r"wast|thinner|\bthin(ned)?\b|smaller|shrunk|lost bulk|loss of bulk",),
    "muscle_stiffness": (r"stiff|rigid|tight",),
    "brisk_reflexes": (r"brisk|exaggerated|jumpy reflexes|reflexes.{0,30}(increased|lively|brisk)",),
    "getting_worse": (r"worse|spreading|progress|more and more|steadily|each week|every week",),
    "numbness": (r"numb|pins and needles|tingl|feels different|dead|less feeling|sensation",),
    "speech_or_swallowing_problems": (r"speech|speak|slurr|swallow|chok",),
}
_CUE_RE = {field: tuple(re.compile(c, re.IGNORECASE) for c in cues) for field, cues in CUES.items()}


_NEGATION = re.compile(r"\b(no|not|neither|nor|never|without)\b", re.IGNORECASE)
#: Fields whose cue words may sit in a negative clause ("without a break" is constant twitching).
_NEGATION_SAFE = frozenset({"age_years", "sex", "duration_days", "frequency", "severity", "movement"})


def states(text: str, field: str) -> bool:
    """Whether ``text`` says ``field`` (one of its ``CUES``), outside a denial: a cue found in a
    sentence that says "no", "not", "neither", "never" or "without" before it does not count,
    so "neither leg is swollen" never passes for a swollen leg."""
    for cue in _CUE_RE[field]:
        for match in cue.finditer(text):
            if field in _NEGATION_SAFE:
                return True
            start = max(text.rfind(".", 0, match.start()), text.rfind(";", 0, match.start())) + 1
            if not _NEGATION.search(text, start, match.start()):
                return True
    return False


# -- people -------------------------------------------------------------------------------------
_FIRST = {
    "female": ("Amira", "Beth", "Chloe", "Dorota", "Ellie", "Fatima", "Grace", "Hannah", "Ines", "Jade", "Kavya",
               "Laura", "Maya", "Nadia", "Olivia", "Priya", "Rosa", "Sian", "Tamsin", "Uma", "Vera", "Wen",
               "Yasmin", "Zoe", "Aoife", "Bisi", "Carmen", "Delyth", "Esther", "Freya", "Gemma", "Hui",
               "Ife", "Joanna", "Kerry", "Leila", "Mairead", "Noor", "Pam", "Ruth"),
    "male": ("Aaron", "Ben", "Chidi", "Daniel", "Emre", "Finn", "Gareth", "Hamid", "Ivan", "Jamal", "Kofi",
             "Liam", "Marek", "Nikhil", "Owen", "Pedro", "Raj", "Sam", "Tariq", "Umar", "Viktor", "Wei",
             "Yusuf", "Zak", "Alun", "Bilal", "Callum", "Dev", "Ewan", "Felix", "George", "Harvey", "Idris",
             "Jonah", "Kieran", "Luca", "Mohammed", "Nathan", "Oscar", "Rhys"),
}
_SURNAMES = ("Adeyemi", "Bose", "Campbell", "Davies", "Evans", "Fernandes", "Green", "Hughes", "Iqbal",
             "Jones", "Khan", "Lewis", "Mensah", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Singh",
             "Taylor", "Usman", "Vaughan", "Walsh", "Xu", "Young", "Zielinski", "Ahmed", "Brown", "Chen",
             "Doyle", "Ellis", "Fraser", "Gill", "Hall", "Ibrahim", "Jenkins", "Kowalski", "Lloyd", "Morgan",
             "Nguyen", "Owusu", "Price", "Rahman", "Shah", "Thomas", "Wood", "Yilmaz", "Murphy", "Okafor", "Reid")
# Jobs and pastimes that neither add a clot risk (no long flights, no long drives) nor a trigger.
_JOBS = ("a primary-school teacher", "a pharmacist", "an accountant", "a librarian", "a hairdresser",
         "a software developer", "a nurse on a day ward", "a chef", "a shop manager", "an electrician",
         "a dental hygienist", "a civil servant", "an architect", "a postal worker", "a baker",
         "a bank clerk", "a florist", "a physiotherapy assistant", "a solicitor", "a gardener",
         "a care worker", "a graphic designer", "a plumber", "a receptionist", "a museum guide",
         "a carpenter", "a music teacher", "a social worker", "an estate agent", "a joiner",
         "a translator", "a bookseller", "a lab technician", "a pharmacy dispenser", "a tailor")
_RETIRED = ("a retired teacher", "a retired engineer", "a retired nurse", "a retired postman", "a retired shopkeeper",
            "a retired bus mechanic", "a retired civil servant", "a retired farmer", "a retired librarian")
_STUDENT = ("a history student", "a law student", "an engineering student", "a nursing student",
            "an art student", "a maths student", "an apprentice electrician")
_HOBBIES = ("sings in a choir", "grows vegetables on an allotment", "plays chess online", "paints watercolours",
            "volunteers at a food bank", "reads crime novels", "bakes bread at weekends", "keeps bees",
            "does jigsaw puzzles", "plays the piano", "knits", "collects vinyl records", "birdwatches from the garden",
            "plays board games with friends", "restores old radios")
_CHILD_HOBBIES = ("plays the clarinet", "is in the school chess club", "loves drawing", "plays video games",
                  "is learning the guitar", "reads fantasy novels", "builds model kits")
# Harmless past history: nothing that touches a clot, the nerves, the muscles or the lungs.
_PAST = ("had {his} appendix out as a child", "gets hay fever in summer", "broke a wrist years ago",
         "has mild eczema", "wears glasses for reading", "had {his} tonsils out as a teenager",
         "had chickenpox as a child")
_SETTINGS = ("comes to see you in general practice", "is your next patient in the GP surgery",
             "books an appointment at the practice", "asks to be seen at the walk-in centre",
             "comes to the student health centre", "sees you in the out-of-hours clinic",
             "is sent to you by the practice nurse", "comes to the surgery")
_CHILD_SETTINGS = ("is brought to the surgery by {parent}", "comes to see you with {parent}",
                   "is brought to the walk-in centre by {parent}")


def _pronouns(sex: str) -> dict[str, str]:
    if sex == "female":
        return {"He": "She", "he": "she", "His": "Her", "his": "her", "him": "her", "Mr": "Ms"}
    return {"He": "He", "he": "he", "His": "His", "his": "his", "him": "him", "Mr": "Mr"}


def _fill(template: str, p: Mapping[str, str]) -> str:
    out = template
    for key in ("He", "His", "he", "his", "him"):
        out = re.sub(r"\{" + key + r"\}", p[key], out)
    return out


# -- the words for each finding -----------------------------------------------------------------
# Each entry: field -> templates (one is picked). {he}/{his}/... become the patient's pronouns;
# {side} the affected side ("left"/"right"); {part} the affected place ("left calf").
PHRASES: dict[str, tuple[str, ...]] = {
    # presenting complaints
    "seizure": ("{His} partner saw {him} go stiff and jerk all over for about a minute last night; {he} did not "
                "respond and remembers nothing of it.",
                "A colleague found {him} on the floor this morning, shaking all over and not responding; "
                "{he} came to a few minutes later, confused.",
                "{His} flatmate says {he} went rigid on the sofa, then shook for about a minute, unresponsive, "
                "and was drowsy afterwards."),
    "chest_pain": ("Since this morning {he} has had pain in the chest.",
                   "{He} has a pain in the chest that started last night.",
                   "{He} mentions a chest pain that came on today."),
    "coughing_blood": ("{He} has coughed up streaks of blood twice today.",
                       "This morning {he} coughed up blood-stained phlegm."),
    "short_of_breath": ("{He} gets out of breath walking across the room, which is new.",
                        "{He} has been breathless since yesterday, even at rest.",
                        "{He} feels short of breath climbing a single flight of stairs, which is new for {him}."),
    "fainted": ("{He} passed out earlier today and was out for a few seconds.",
                "Earlier today {he} blacked out briefly."),
    "typical_faint": ("It happened after standing for a long time in a hot, crowded queue: {he} felt hot, "
                      "sweaty and light-headed, {his} vision greyed, {he} slid to the floor and came round "
                      "within a minute, back to normal.",),
    "calf_pain": ("{His} {side} calf has been aching, a pulling pain.",
                  "{He} has a pulling pain in the {side} calf.",
                  "The {side} calf hurts with a dull, pulling ache."),
    "skin_redness": ("The skin of the {side} shin has turned red, and the redness is spreading.",
                     "There is red skin over the {side} shin, spreading day by day."),
    "sudden_pain_during_activity": ("During a squash game {he} felt a sudden sharp pain in the {side} calf, "
                                    "as if kicked.",
                                    "While sprinting for a bus {he} felt something go in the {side} calf, "
                                    "suddenly, like a kick."),
    "swelling_behind_knee": ("{He} felt a 'pop' behind the {side} knee, where {he} has had a lump for months.",
                             "There has been a lump behind the {side} knee for a while, and yesterday {he} "
                             "felt it go."),
    "speech_or_swallowing_problems": ("{His} family has noticed that {his} speech is slurred, and {he} sometimes "
                                      "chokes on drinks.",
                                      "{He} has trouble swallowing and {his} speech has become slurred."),
    # history of the twitching
    "both_legs": ("It affects both legs.", "It happens in both calves."),
    "when_falling_asleep": ("It only happens just as {he} is drifting off to sleep.",
                            "It comes only as {he} is nodding off at night."),
    "evening_or_night": ("It is worse in the evening and at night.", "It bothers {him} most in the evening, in bed."),
    "pain_worsening": ("The pain has been getting worse day by day.", "The ache is building, worse each day."),
    "getting_worse": ("Over the weeks it has been getting steadily worse and spreading.",
                      "It has been getting worse week by week."),
    "muscle_stiffness": ("The leg feels stiff.", "{His} leg muscles feel stiff and tight."),
    "numbness": ("Part of the {side} foot feels numb.", "{He} has pins and needles and numbness over the {side} shin."),
    # causes, triggers and risk factors
    "stress": ("{He} admits to feeling stressed and anxious lately.", "{He} says {he} has been very stressed recently."),
    "stress_at_work": ("{He} is under a lot of pressure at work.", "{He} has had a stressful few weeks at work."),
    "stress_exams": ("{He} has exams coming up and feels under pressure.",),
    "caffeine": ("{He} drinks six or seven cups of coffee a day.", "{He} gets through several energy drinks a day."),
    "alcohol": ("{He} has been drinking heavily at weekends.", "{He} drinks a bottle of wine most evenings."),
    "lack_of_sleep": ("{He} has slept badly for a week.", "{He} has had little sleep for several nights."),
    "lack_of_sleep_at_work": ("{He} has been doing night shifts and sleeps little.",),
    "recent_exercise": ("{He} ran a half-marathon on Sunday.", "{He} has been training hard at the gym this week.",
                        "{He} did a long hill hike at the weekend."),
    "new_medication": ("{He} started a new medicine from {his} doctor a week before it began.",
                       "Two weeks ago {he} was prescribed a new tablet, and the twitching started soon after."),
    "known_neurological_disease": ("{He} has multiple sclerosis.", "{He} has a known nerve disease (neuropathy)."),
    "epilepsy": ("{He} has known epilepsy, treated with tablets.", "{He} has had epilepsy since childhood."),
    "active_cancer": ("{He} is having chemotherapy for bowel cancer.",
                      "{He} is being treated for breast cancer.", "{He} is on treatment for a lymphoma."),
    "paralysis_or_cast": ("{His} {side} leg was in a plaster cast until last week.",
                          "{His} {side} ankle came out of plaster a few days ago."),
    "bedridden_or_surgery": ("{He} had a knee replacement seven weeks ago.",
                             "{He} was in bed for a week with pneumonia two months ago.",
                             "{He} had an operation on {his} hip under general anaesthetic six weeks ago."),
    "bedridden_and_recent": ("{He} had an operation under general anaesthetic three weeks ago.",
                             "{He} was laid up in bed for five days two weeks ago."),
    "immobilised_or_surgery_4_weeks": ("{He} had a small operation on {his} hand under local anaesthetic three "
                                       "weeks ago.",),
    "previous_dvt": ("{He} had a clot in the leg (a DVT, confirmed on a scan) five years ago.",
                     "A scan showed a DVT in {his} leg a few years ago."),
    "previous_pe": ("{He} had a pulmonary embolism, a clot in the lung, three years ago.",),
    "pregnant_or_postpartum": ("She is {weeks} weeks pregnant.", "She had her baby {postnatal} weeks ago."),
    "hormonal_contraception_or_hrt": ("She takes the combined contraceptive pill.", "She takes HRT for the menopause."),
    "long_haul_travel": ("{He} flew back from Australia last week.", "{He} came home on a long-haul flight five days ago."),
    "fever": ("{He} has felt hot and shivery since yesterday.", "{He} has had a fever and shivers."),
    "salt_loss": ("{He} had a stomach bug with vomiting and diarrhoea this week.",
                  "{He} has had diarrhoea and vomiting for three days."),
    "thyroid_symptoms": ("{He} has lost weight without trying, feels hot all the time and has a racing heart.",
                         "{He} mentions weight loss, shaky hands and feeling hot all the time."),
    # examination
    "leg_warm": ("The {side} calf is warm to the touch.", "The {side} leg feels warmer than the other."),
    "leg_swollen": ("The whole {side} leg is swollen.", "The entire {side} leg is swollen from the thigh down."),
    "calf_swelling_3cm": ("Measured 10 cm below the tibial tuberosity, the {side} calf is {cm} cm larger around "
                          "than the other.",),
    "pitting_edema": ("Pressing on the {side} shin leaves a pit.", "There is pitting oedema over the {side} ankle."),
    "vein_tenderness": ("{He} is tender along the line of the deep veins of the {side} leg.",
                        "Pressing along the deep veins of the {side} thigh and calf is tender."),
    "collateral_veins": ("New superficial veins (not varicose) stand out over the {side} leg.",
                         "There are prominent collateral superficial veins on the {side} leg, not varicose ones."),
    "tender_surface_vein": ("A red, hard, tender cord runs along a vein just under the skin of the {side} calf.",),
    "heart_rate_over_100": ("{His} pulse is {pulse} a minute.", "The heart rate is {pulse} a minute."),
    "muscle_weakness": ("Lifting the {side} foot against resistance is weak (4/5).",
                        "The {side} leg muscles are weak when you test them."),
    "muscle_wasting": ("The {side} calf looks thinner than the other (wasting).",
                       "The muscles of the {side} shin have wasted."),
    "brisk_reflexes": ("The knee and ankle reflexes are brisk.", "{His} reflexes are brisk at the knees and ankles."),
    "alternative_diagnosis_likely": ("On balance another explanation seems at least as likely to you as a clot.",),
    "pe_most_likely": ("After the examination you cannot find a better explanation than a clot in the lung.",),
}
_FREQUENCY = {"occasional": ("It comes and goes, now and then.", "It happens every so often, with long gaps."),
              "frequent": ("It happens many times a day.", "It twitches over and over through the day."),
              "constant": ("It is constant and never stops.", "It goes on all the time, without a break.")}
_SEVERITY = {"mild": ("It is mild, barely visible.", "The movement is slight, hardly visible."),
             "moderate": ("It is moderate, clearly visible under the skin.", "You can clearly see it when it happens."),
             "severe": ("It is severe, strong enough to jerk the foot.", "It is strong enough to move the whole foot.")}
_MOVEMENT = {"fasciculation": ("{He} describes a fine flicker under the skin, like a worm moving.",
                               "It looks like a ripple under the skin."),
             "cramp": ("Each time the muscle knots up painfully for a minute or two.",
                       "The muscle hardens into a painful cramp and then slowly lets go."),
             "jerk": ("The leg gives a sudden jerk.", "It is a sudden jump of the whole leg."),
             "urge_to_move": ("It is mostly an unpleasant urge to move the legs when sitting still; walking about "
                              "eases it.",)}

# -- negatives: what a clinician asks, stated only for fields that are false -----------------------
_NEGATIVES = (
    # (shown when, fields asked about, the phrase for each)
    ("clot", ("chest_pain", "short_of_breath", "coughing_blood"),
     {"chest_pain": "chest pain", "short_of_breath": "breathlessness", "coughing_blood": "coughing up blood"}),
    ("neuro", ("muscle_weakness", "numbness", "speech_or_swallowing_problems"),
     {"muscle_weakness": "weakness", "numbness": "numbness",
      "speech_or_swallowing_problems": "trouble speaking or swallowing"}),
)
_EXAM_LEG_SIGNS = ("leg_warm", "leg_swollen", "pitting_edema", "vein_tenderness")
_EXAM_LEG_WORDS = {"leg_warm": "warmth", "leg_swollen": "swelling of the whole leg", "pitting_edema": "pitting oedema",
                   "vein_tenderness": "tenderness along the deep veins"}
#: The words a negative uses for each field ("No chest pain.").
NEGATIVE_WORDS = {**_NEGATIVES[0][2], **_NEGATIVES[1][2], **_EXAM_LEG_WORDS}
#: Every way a story denies a finding: (regular expression, the fields it denies). A test checks
#: that a generated story never denies a field that is true.
DENIALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    *((r"\bNo\b[^.]*\b" + re.escape(word) + r"\b", (field,)) for field, word in NEGATIVE_WORDS.items()),
    (r"never been told .{0,10} epilepsy|no history of epilepsy", ("epilepsy",)),
    (r"started no new medicine|No new medicines", ("new_medication",)),
    (r"calves are soft, the same size and not tender", ("calf_pain", "calf_swelling_3cm", "vein_tenderness",
                                                        "leg_swollen")),
    (r"legs look and feel normal", ("leg_warm", "leg_swollen", "vein_tenderness", "calf_swelling_3cm", "skin_redness",
                                    "pitting_edema", "collateral_veins", "tender_surface_vein")),
    (r"Power, muscle bulk and reflexes are normal|Strength and reflexes are normal, with no wasting",
     ("muscle_weakness", "muscle_wasting", "brisk_reflexes")),
    (r"pulse is ([6-9]\d) a minute", ("heart_rate_over_100",)),
)
_LEG_SIGNS = ("calf_pain", "pain_worsening", "leg_warm", "leg_swollen", "calf_swelling_3cm", "pitting_edema",
              "vein_tenderness", "collateral_veins")
_CLOT_RISKS = ("active_cancer", "paralysis_or_cast", "bedridden_or_surgery", "previous_dvt", "previous_pe",
               "pregnant_or_postpartum", "hormonal_contraception_or_hrt", "long_haul_travel",
               "immobilised_or_surgery_4_weeks")
_LUNG_SIGNS = ("chest_pain", "short_of_breath", "coughing_blood", "fainted")


def _words(n: int) -> str:
    names = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
    return names[n] if 0 <= n < len(names) else str(n)


def duration_phrase(days: float) -> str:
    """Exact words for a duration: never rounded across a threshold (13 days is not 'two weeks')."""
    if days != int(days):
        return f"{days:g} days"
    days = int(days)
    if days == 0:
        return "less than a day"
    if days <= 20:
        return f"{_words(days)} day{'s' if days != 1 else ''}"
    if days % 365 == 0:
        years = days // 365
        return f"{_words(years)} year{'s' if years != 1 else ''}"
    if days % 7 == 0 and days <= 140:
        weeks = days // 7
        return f"{_words(weeks)} weeks"
    return f"{days} days"


def _opening(d: Mapping[str, Any], rng: random.Random, p: Mapping[str, str], used: set[str]) -> str:
    """The first sentence: who the patient is and where you meet them (unique within a run)."""
    sex = d.get("sex") or "male"
    age = d.get("age_years")
    for _attempt in range(50):
        name = f"{rng.choice(_FIRST[sex])} {rng.choice(_SURNAMES)}"
        if age is not None and age < 18:
            parent = f"{p['his']} {rng.choice(('mother', 'father'))}"
            sentence = f"{name}, aged {age}, {rng.choice(_CHILD_SETTINGS).format(parent=parent)}."
        else:
            if age is None:
                who = f"{name}, {rng.choice(_JOBS)} (the age is not in the notes)"
            else:
                job = rng.choice(_RETIRED if age >= 68 else _STUDENT if age <= 22 else _JOBS)
                who = rng.choice((f"{name}, {age}, {job}", f"{name}, {job} aged {age}", f"{name} ({age}), {job}"))
            sentence = f"{who}, {rng.choice(_SETTINGS)}."
        if sentence not in used:
            used.add(sentence)
            return sentence
    raise RuntimeError("could not find an unused opening sentence")  # pragma: no cover (50 draws of ~10^6)


def _phrase(field: str, rng: random.Random, p: Mapping[str, str], extra: Mapping[str, Any]) -> str:
    return _fill(rng.choice(PHRASES[field]), p).format(**extra)


def _negatives(d: Mapping[str, Any], kind: str, fields: tuple[str, ...], words: Mapping[str, str]) -> str | None:
    missing = [words[f] for f in fields if not d.get(f)]
    if not missing:
        return None
    if len(missing) == 1:
        return f"No {missing[0]}."
    return "No " + ", ".join(missing[:-1]) + f" or {missing[-1]}."


def tell(d: Mapping[str, Any], rng: random.Random, used_openings: set[str]) -> tuple[Stage, ...]:
    """The stages of one generated case from its scenario fields ``d`` (only set fields)."""
    sex = d.get("sex") or "male"
    p = _pronouns(sex)
    side = rng.choice(("left", "right"))
    place = rng.choice(("calf", "thigh", "shin"))
    extra = {"side": side, "cm": rng.choice((3, 3.5, 4, 5)), "pulse": rng.randint(104, 128),
             "weeks": rng.randint(10, 36), "postnatal": rng.randint(1, 5)}
    if d.get("calf_pain") or d.get("calf_swelling_3cm"):
        place = "calf"
    told: set[str] = set()

    age = d.get("age_years")
    working = age is not None and 23 <= age < 68
    studying = age is not None and age <= 22

    def say(field: str) -> str:
        told.add(field)
        if field == "stress" and (working or studying):
            return _phrase(rng.choice(("stress", "stress_at_work" if working else "stress_exams")), rng, p, extra)
        if field == "lack_of_sleep" and working:
            return _phrase(rng.choice(("lack_of_sleep", "lack_of_sleep_at_work")), rng, p, extra)
        if field == "bedridden_or_surgery" and d.get("immobilised_or_surgery_4_weeks"):
            told.add("immobilised_or_surgery_4_weeks")
            return _fill(rng.choice(PHRASES["bedridden_and_recent"]), p)
        return _phrase(field, rng, p, extra)

    # 1. presenting complaint: who, and the most pressing complaint first
    opening = _opening(d, rng, p, used_openings)
    presenting = [opening]
    chief = next((f for f in PRESENTING_ORDER if d.get(f)), None)
    where = "both legs" if d.get("both_legs") else f"the {side} {place}"
    twitch = rng.choice((f"{p['His']} {side} {place} has been twitching." if not d.get("both_legs")
                         else "Both legs have been twitching.",
                         f"{p['He']} is worried about twitching in {where}.",
                         f"{p['He']} has noticed twitching in {where}."))
    if d.get("both_legs"):
        told.add("both_legs")
    if chief is not None:
        presenting.append(say(chief))
        if chief == "fainted" and d.get("typical_faint"):
            presenting.append(say("typical_faint"))
        presenting.append(rng.choice(("{He} also mentions that ", "And ", "Besides that, ")).replace("{He}", p["He"])
                          + twitch[0].lower() + twitch[1:])
    else:
        presenting.append(twitch)
    reveals_presenting = [f for f in ("age_years", "sex") if d.get(f) is not None] + sorted(told)

    # 2. history
    history: list[str] = []
    told_before = set(told)
    if "duration_days" in d:
        history.append(rng.choice(("It started {dur} ago.", "It has been going on for {dur}.",
                                   "This has gone on for {dur}.")).format(dur=duration_phrase(d["duration_days"])))
        told.add("duration_days")
    for key, bank in (("frequency", _FREQUENCY), ("severity", _SEVERITY), ("movement", _MOVEMENT)):
        if key in d:
            history.append(_fill(rng.choice(bank[d[key]]), p))
            told.add(key)
    history_fields = [f for f in ("both_legs", "when_falling_asleep", "evening_or_night", "pain_worsening",
                                  "getting_worse", "muscle_stiffness", "numbness",
                                  "fever", "salt_loss", "thyroid_symptoms", "speech_or_swallowing_problems",
                                  "chest_pain", "short_of_breath", "coughing_blood", "fainted", "typical_faint", "seizure",
                                  "calf_pain", "sudden_pain_during_activity", "swelling_behind_knee")
                      if d.get(f) and f not in told]
    background = [f for f in ("stress", "caffeine", "alcohol", "lack_of_sleep", "recent_exercise", "new_medication",
                              "epilepsy", "known_neurological_disease", *_CLOT_RISKS)
                  if d.get(f) and f not in told]
    rng.shuffle(background)
    for field in history_fields + background:
        if field not in told:
            history.append(say(field))
    # negatives a clinician asks about
    has_leg_or_risk = any(d.get(f) for f in _LEG_SIGNS + _CLOT_RISKS + ("skin_redness", "fever"))
    if has_leg_or_risk or any(d.get(f) for f in _LUNG_SIGNS):
        kind, fields, words = _NEGATIVES[0]
        neg = _negatives(d, kind, fields, words)
        if neg:
            history.append(neg)
    if not has_leg_or_risk and not d.get("seizure") and not d.get("fainted"):
        kind, fields, words = _NEGATIVES[1]
        neg = _negatives(d, kind, fields, words)
        if neg:
            history.append(neg)
    if (d.get("seizure") or d.get("fainted")) and not d.get("epilepsy"):
        history.append(rng.choice(("{He} has never been told {he} has epilepsy.", "There is no history of epilepsy."))
                       .replace("{He}", p["He"]).replace("{he}", p["he"]))
    if not d.get("new_medication") and rng.random() < 0.6:
        history.append(rng.choice(("No new medicines.", f"{p['He']} has started no new medicine.")))
    # the details that do not matter
    detail = rng.choice(_CHILD_HOBBIES if age is not None and age < 18 else _HOBBIES)
    history.append(f"{p['He']} {detail}.")
    if rng.random() < 0.5 and (age is None or age >= 18):
        history.append(_fill("{He} " + rng.choice(_PAST) + ".", p))
    reveals_history = sorted(told - told_before)

    # 3. examination
    told_before = set(told)
    exam: list[str] = []
    exam_fields = [f for f in EXAMINATION_FIELDS if d.get(f) and f not in told]
    for field in exam_fields:
        if field not in ("alternative_diagnosis_likely", "pe_most_likely"):
            exam.append(say(field))
    if any(d.get(f) for f in _LEG_SIGNS):
        neg = _negatives(d, "leg", _EXAM_LEG_SIGNS, _EXAM_LEG_WORDS)
        if neg:
            exam.append(neg)
    elif not any(d.get(f) for f in ("skin_redness", "tender_surface_vein")):
        exam.append(rng.choice(("Both calves are soft, the same size and not tender.",
                                "The legs look and feel normal: no swelling, warmth or tenderness.")))
    if not any(d.get(f) for f in ("muscle_weakness", "muscle_wasting", "brisk_reflexes")):
        exam.append(rng.choice(("Power, muscle bulk and reflexes are normal.",
                                "Strength and reflexes are normal, with no wasting.")))
    if any(d.get(f) for f in _LUNG_SIGNS) and not d.get("heart_rate_over_100"):
        exam.append(f"{p['His']} pulse is {rng.randint(64, 96)} a minute.")
    for field in ("alternative_diagnosis_likely", "pe_most_likely"):
        if d.get(field):
            exam.append(say(field))
    reveals_exam = sorted(told - told_before)
    stages = [Stage("presenting", " ".join(presenting), tuple(reveals_presenting)),
              Stage("history", " ".join(history), tuple(reveals_history)),
              Stage("examination", " ".join(exam), tuple(reveals_exam))]
    leftover = set(d) - set(reveals_presenting) - set(reveals_history) - set(reveals_exam)
    assert not leftover, leftover  # every field is told (a bug here is a bug in the tables above)
    return tuple(stages)


def results_stage(test: str, positive: bool, p: Mapping[str, str] | None = None) -> Stage:
    """A results stage reporting one test."""
    words = {"d_dimer": "The D-dimer blood test", "compression_ultrasound": "The leg-vein ultrasound",
             "ctpa": "The CT pulmonary angiogram"}[test]
    outcome = {("d_dimer", True): "comes back raised (positive).", ("d_dimer", False): "comes back normal (negative).",
               ("compression_ultrasound", True): "shows a clot in a deep vein (positive).",
               ("compression_ultrasound", False): "shows no clot in the deep veins it can see (negative).",
               ("ctpa", True): "shows a clot in the lung arteries (positive).",
               ("ctpa", False): "shows no clot in the lung arteries (negative)."}[(test, positive)]
    return Stage("results", f"{words} {outcome}", (), (TestResult(test, positive),))


__all__ = ["DENIALS", "NEGATIVE_WORDS", "CUES", "EXAMINATION_FIELDS", "PHRASES", "duration_phrase", "results_stage", "states", "tell"]
