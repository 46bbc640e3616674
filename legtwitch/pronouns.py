"""Do the words of a vignette or question match the patient's sex? (a check for authors)

A question that calls a man "she" (or a woman "he") is a small error that tells students the
text was not read carefully; worse, it can make them doubt the finding next to it. The
check looks for the pronouns and the person nouns (man, woman, boy, girl) that would refer
to the patient; other people in a story ("his wife", "her daughter") are not flagged.
"""
from __future__ import annotations

import re

_WORDS = {
    "male": ("he", "him", "his", "himself", "man", "boy"),
    "female": ("she", "her", "hers", "herself", "woman", "girl"),
}


def pronoun_mismatches(text: str, sex: str | None) -> list[str]:
    """Words in ``text`` that belong to the other sex ('she' in a text about a man).

    With ``sex`` unknown, every gendered word is returned: the text then needs a sex.
    """
    words = re.findall(r"[a-z]+", text.lower())
    if sex is None:
        wrong = set(_WORDS["male"]) | set(_WORDS["female"])
    else:
        other = "female" if sex == "male" else "male"
        wrong = set(_WORDS[other])
    return sorted({w for w in words if w in wrong})
