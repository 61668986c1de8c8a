"""From a scenario's words to the portal's: the `.feature` files say the guide's words or
name an outcome by its meaning, and the vocabulary in force says how this portal puts it.

A quoted text in a scenario is one of:
- a key of the vocabulary's `[messages]` (`captcha_errone`, `refus_longueur`…): an
  outcome the guide does not word, looked up in the portal's vocabulary;
- the guide's words for a link, a button, a field or a heading ("ACCÉDER AU PORTAIL
  ÉLECTIONS"): the reference vocabulary holds them under a key, and the portal's
  vocabulary says the same key in its own words;
- any other quote of the guide, taken as it is.

So a vendor's wording change is one edit of its vocabulary file, never a fork of the
scenarios.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache
from typing import Any

from harnais.vocabulaire import Messages, Vocabulaire, charger, vocabulaire

CLE = re.compile(r"[a-z][a-z0-9_]*")
# The sections whose values are things a user sees and names (not paths or patterns).
SECTIONS_VISIBLES = ("liens", "boutons", "champs", "titres", "vote")
CLES_DE_MESSAGES = frozenset(f.name for f in fields(Messages) if f.type == "str")


@cache
def _reference() -> Vocabulaire:
    return charger()


def est_cle(texte: str) -> bool:
    """Whether a scenario's quoted text names an outcome by meaning (a `[messages]` key)."""
    return CLE.fullmatch(texte) is not None


def message(texte: str) -> str:
    """The words this portal shows for an outcome: a `[messages]` key looked up, or the
    guide's own words (translated if they are a label the vocabulary holds)."""
    if not est_cle(texte):
        return libelle(texte)
    if texte not in CLES_DE_MESSAGES:
        raise AssertionError(
            f"« {texte} » n'est pas une clé de [messages] du vocabulaire "
            f"(connues : {', '.join(sorted(CLES_DE_MESSAGES))})"
        )
    valeur: str = getattr(vocabulaire().messages, texte)
    return valeur


def libelle(texte: str, *preferees: str) -> str:
    """The portal's words for the guide's label `texte`: the key under which the reference
    vocabulary holds it, read in the vocabulary in force (sections `preferees` first);
    the text itself when no key holds it."""
    reference, portail = _reference(), vocabulaire()
    ordre = (*preferees, *(s for s in SECTIONS_VISIBLES if s not in preferees))
    for nom in ordre:
        section_ref: Any = getattr(reference, nom)
        for champ in fields(section_ref):
            if getattr(section_ref, champ.name) == texte:
                traduit: str = getattr(getattr(portail, nom), champ.name)
                return traduit
    return texte
