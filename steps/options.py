"""The suite's options to point it at a portal, each with its environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from fixtures.identifiants import SECRET_DEMONSTRATION


@dataclass(frozen=True)
class Option:
    """One command-line option, readable from an environment variable too."""

    nom: str
    variable: str
    aide: str
    reglages: dict[str, Any] = field(default_factory=dict)
    defaut: Any = None

    def ajouter(self, group: Any) -> None:
        """Register the option, its default taken from the environment if set there."""
        if self.reglages.get("action") == "store_true":
            defaut: Any = bool(os.environ.get(self.variable))
        else:
            defaut = os.environ.get(self.variable, self.defaut)
        group.addoption(
            self.nom, default=defaut, help=f"{self.aide} ({self.variable})", **self.reglages
        )


FICHIER: dict[str, Any] = {"type": Path}

OPTIONS = (
    Option(
        "--portail-url",
        "PORTAIL_URL",
        "URL d'un portail déjà démarré (défaut : portail de référence lancé par la suite)",
    ),
    Option("--mail-api-url", "MAIL_API_URL", "URL de l'API mail compatible Mailpit de ce portail"),
    Option(
        "--mail-imap",
        "MAIL_IMAP",
        "boîte IMAP où arrivent les mails des comptes de test, au lieu de l'API Mailpit : "
        "imaps://UTILISATEUR@HÔTE[:PORT]/DOSSIER, mot de passe dans MAIL_IMAP_MOT_DE_PASSE, "
        "autorité de certification privée dans MAIL_IMAP_CA",
        {"metavar": "URL"},
    ),
    Option(
        "--avec-crochets",
        "PORTAIL_CROCHETS",
        "le portail visé expose les points d'accès /__test__/ (variable à 1)",
        {"action": "store_true"},
    ),
    Option(
        "--captcha-code", "CAPTCHA_CODE", "code de contournement du CAPTCHA d'un portail de recette"
    ),
    Option(
        "--liste",
        "LISTE",
        "comptes de test fournis (format de la liste électorale) d'où viennent les électeurs "
        "des scénarios, au lieu du point d'accès de test",
        {**FICHIER, "metavar": "CSV"},
    ),
    Option(
        "--secret-liste",
        "SECRET_LISTE",
        "secret de la liste, d'où dérivent les mots de passe des comptes « actif » (défaut : "
        "celui de la démonstration)",
        defaut=SECRET_DEMONSTRATION,
    ),
    Option(
        "--registre",
        "REGISTRE",
        "registre de l'état des comptes de la liste (défaut : LISTE.registre, à côté)",
        {**FICHIER, "metavar": "FICHIER"},
    ),
    Option(
        "--portail-reference",
        "PORTAIL_REFERENCE",
        "le portail de --portail-url est le portail de référence : ses scénarios @reference "
        "(données de démonstration) sont joués (variable à 1)",
        {"action": "store_true"},
    ),
    Option(
        "--tolerer-absent",
        "TOLERER_ABSENT",
        "ce que la loi exige (lien d'évitement, CAPTCHA sonore, déclaration d'accessibilité) "
        "et que le vocabulaire déclare absent est ignoré au lieu d'échouer (variable à 1)",
        {"action": "store_true"},
    ),
    Option(
        "--attente-s",
        "ATTENTE_S",
        "secondes d'attente d'un champ, d'un bouton ou d'un message avant l'échec, qui nomme "
        "alors ce qui était cherché et les noms accessibles les plus proches (défaut : 5)",
        {"type": float, "metavar": "SECONDES"},
        defaut=5.0,
    ),
    Option(
        "--vocabulaire",
        "VOCABULAIRE",
        "libellés et chemins d'un autre portail, posés sur ceux du guide "
        "(harnais/vocabulaire.toml)",
        {**FICHIER, "metavar": "TOML"},
    ),
)


def ajouter_options(parser: pytest.Parser) -> None:
    """Register every option of the suite under « Portail sous test »."""
    group = parser.getgroup("portail", "Portail sous test")
    for option in OPTIONS:
        option.ajouter(group)
