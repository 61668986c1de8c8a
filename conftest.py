"""Pytest wiring: the acceptance fixtures and French steps are loaded as plugins."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from steps.fixtures import Cible

pytest_plugins = [
    "steps.fixtures",
    "steps.rapports",
    "steps.communs",
    "steps.acces",
    "steps.identification",
    "steps.mot_de_passe",
    "steps.reassort",
    "steps.initialisation",
    "steps.activation",
    "steps.espace",
    "steps.courrier",
]


@pytest.fixture(scope="session")
def base_url(cible: Cible) -> str:
    """Playwright's base URL: the portal under test (here, to win over pytest-base-url's)."""
    return cible.portail_url
