"""The scrutins as the public parameters name them, and a sealing for test portals.

A scrutin's id is its name in lower-case ASCII words joined by dashes; its lists are its
candidate lists (fixtures/listes_candidates.json); one list to choose (no blank vote).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

from chiffrement import bureau
from fixtures.reference import listes_candidates

# The scrutins of a voter the test hook creates (simulator/acces/comptes.py).
SCRUTINS_ESSAI = ("CSA ministériel de l'éducation nationale", "CSA académique de Reims")


def identifiant_scrutin(nom: str) -> str:
    """A scrutin's id in the parameters: its name in lower-case ASCII words joined by
    dashes; a long name keeps its start and a short hash, so two names never collide."""
    ascii_ = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode().lower()
    mots = "-".join(re.findall(r"[a-z0-9]+", ascii_)) or "scrutin"
    if len(mots) <= 48:
        return mots
    return f"{mots[:48].rstrip('-')}-{hashlib.sha256(nom.encode()).hexdigest()[:8]}"


def scrutins_publics(noms: list[str]) -> list[dict[str, Any]]:
    """The parameters' scrutins: one list to choose among the scrutin's candidate lists."""
    scrutins = []
    for nom in sorted(set(noms)):
        listes = list(listes_candidates(nom))
        scrutins.append(
            {"id": identifiant_scrutin(nom), "nom": nom, "listes": listes, "min": 1, "max": 1}
        )
    return scrutins


def sceller_essai(
    dossier: Path, noms: tuple[str, ...] = SCRUTINS_ESSAI, iterations: int = 10
) -> tuple[Path, Path]:
    """A test portal's sealing, in one process (a demonstration, never a real bureau's):
    parameters in `dossier/publication`, the trustees' keys in `dossier/tiers`; a cheap
    derivation and no sealed period (the test clock moves the portal's window). Returns
    (publication, tiers)."""
    publication, tiers = dossier / "publication", dossier / "tiers"
    bureau.sceller(
        tiers,
        publication,
        "essai-2026",
        "Élections professionnelles (essai)",
        scrutins_publics(list(noms)),
        3,
        iterations,
    )
    return publication, tiers
