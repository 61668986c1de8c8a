"""Pytest wiring: the acceptance fixtures and French steps are loaded as plugins."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

# Importing locust (the shape and SLO unit tests do) would let gevent monkey-patch this
# very process, under Playwright and the portal threads. Locust runs as a subprocess,
# whose environment drops this variable (tests/locust_essai.py).
os.environ["LOCUST_SKIP_MONKEY_PATCH"] = "1"

if TYPE_CHECKING:
    from steps.fixtures import Cible

pytest_plugins = [
    "steps.fixtures",
    "steps.fichiers_feature",
    "steps.profil",
    "steps.rapports",
    "steps.allure_pieces",
    "steps.diagnostic",
    "steps.communs",
    "steps.acces",
    "steps.identification",
    "steps.mot_de_passe",
    "steps.reassort",
    "steps.initialisation",
    "steps.activation",
    "steps.espace",
    "steps.courrier",
    "steps.periode",
    "steps.code_vote",
    "steps.vote",
    "steps.verification",
    "steps.accessibilite",
]


@pytest.fixture(scope="session")
def base_url(cible: Cible) -> str:
    """Playwright's base URL: the portal under test (here, to win over pytest-base-url's)."""
    return cible.portail_url
