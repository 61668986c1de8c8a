"""How voters are named and how they prove who they are: normalised identifiants,
challenge questions and answers."""

from __future__ import annotations

import unicodedata

from fixtures.identifiants import QUESTION_DERIVEE, normalise_identifiant

__all__ = ["QUESTIONS_DEFI", "normalise_identifiant", "normalise_reponse"]

# Challenge questions offered in the "Défi" drop-down; the first is the guide's own.
QUESTIONS_DEFI: tuple[str, ...] = (
    QUESTION_DERIVEE,
    "Quel est le nom de la rue où vous avez grandi ?",
    "Quel est le prénom de votre meilleur(e) ami(e) d'enfance ?",
    "Quel était le nom de votre première école ?",
    "Dans quelle ville vos parents se sont-ils rencontrés ?",
    "Quel est le titre de votre livre préféré ?",
)


def normalise_reponse(raw: str) -> str:
    """Challenge answers compare case- and accent-insensitively, blanks collapsed."""
    decomposed = unicodedata.normalize("NFKD", raw.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())
