"""A portal's profile: the screens and capabilities its vocabulary declares absent.

Another portal's vocabulary may say, in an `[absences]` section, what it does not have:

    [absences]
    vote = "la recette de ce lot ne porte que sur l'accès"
    captcha_audio = "prévu pour la version 2"

Each key is a capability below, each value the reason given. The scenarios that need one
carry its tag (`@vote`, `@captcha_audio`…); they are reported apart, before any browser
starts, as absent from this portal (declared), with the file and line of the
declaration. What the law requires (the RGAA: skip link, audio CAPTCHA, accessibility
statement) stays a failure unless the run tolerates it (`--tolerer-absent`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Capacite:
    """A screen or feature a scenario may need, and whether the law requires it."""

    description: str
    exigee_par_la_loi: bool = False


# Keyed by the tag the scenarios that need it carry.
CAPACITES: dict[str, Capacite] = {
    "vote": Capacite("les écrans de vote (code de vote, scrutins, listes, accusé)"),
    "nouveau_captcha": Capacite("le bouton « Nouveau CAPTCHA »"),
    "captcha_audio": Capacite("la version sonore du CAPTCHA (RGAA 1.4, WCAG 1.1.1)", True),
    "evitement": Capacite("le lien d'évitement vers le contenu (RGAA 12.7)", True),
    "declaration_accessibilite": Capacite(
        "la déclaration d'accessibilité (loi n° 2005-102, art. 47)", True
    ),
}


@dataclass(frozen=True)
class Absence:
    """One capability a portal's vocabulary declares absent, and where it says so."""

    capacite: str
    raison: str
    fichier: str
    ligne: int

    @property
    def exigee_par_la_loi(self) -> bool:
        """Whether the law requires what is missing (then it stays a failure)."""
        return CAPACITES[self.capacite].exigee_par_la_loi

    def decrire(self) -> str:
        """« absent de ce portail (déclaré) : … », with the declaration's file and line."""
        return (
            f"absent de ce portail (déclaré) : {CAPACITES[self.capacite].description} — "
            f"« {self.raison} » ({self.fichier}, ligne {self.ligne})"
        )


class ProfilInvalide(ValueError):
    """The `[absences]` section cannot be used; the message names the file and the key."""


def _ligne(texte: str, cle: str) -> int:
    """The line of `cle = …` inside the `[absences]` section of a TOML text (1-based)."""
    dans_section = False
    for numero, ligne in enumerate(texte.splitlines(), start=1):
        entete = re.match(r"\s*\[([^\]]+)\]", ligne)
        if entete:
            dans_section = entete.group(1).strip() == "absences"
        elif dans_section and re.match(rf"\s*\"?{re.escape(cle)}\"?\s*=", ligne):
            return numero
    return 0


def lire_absences(source: Path, donnees: Any) -> dict[str, Absence]:
    """The `[absences]` of a vocabulary file, checked: known capabilities, a reason each."""
    if not isinstance(donnees, dict):
        raise ProfilInvalide(f"vocabulaire {source} : [absences] doit être une table")
    inconnues = sorted(set(donnees) - set(CAPACITES))
    if inconnues:
        raise ProfilInvalide(
            f"vocabulaire {source} : capacité(s) inconnue(s) dans [absences] : "
            f"{', '.join(inconnues)} (connues : {', '.join(CAPACITES)})"
        )
    for cle, raison in donnees.items():
        if not isinstance(raison, str) or not raison.strip():
            raise ProfilInvalide(
                f"vocabulaire {source} : [absences] {cle} doit dire pourquoi (un texte non vide)"
            )
    texte = source.read_text(encoding="utf-8") if donnees else ""
    return {
        cle: Absence(cle, raison.strip(), str(source), _ligne(texte, cle))
        for cle, raison in donnees.items()
    }
