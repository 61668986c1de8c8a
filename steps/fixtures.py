"""Pytest fixtures of the acceptance suite: target portal, browser, hooks, mailbox, voters."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from steps.browser import CHROMIUM_ARGS, chromium_executable
from steps.hooks_client import Electeur, TestHooks
from steps.mailbox import Mailbox
from steps.reference import start_reference_portal


@dataclass(frozen=True)
class Cible:
    """The portal under test: its URL, its mail API, and whether test hooks exist there."""

    portail_url: str
    mail_api_url: str
    hooks: bool


@dataclass
class Contexte:
    """What one scenario has learnt so far (its voter, its last mail…)."""

    electeur: Electeur | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    def electeur_requis(self) -> Electeur:
        """The scenario's voter; a step used before any 'Étant donné' fails clearly."""
        if self.electeur is None:
            raise AssertionError("aucun électeur : commencez le scénario par un « Étant donné »")
        return self.electeur


def pytest_addoption(parser: pytest.Parser) -> None:
    """Options to point the suite at another portal."""
    group = parser.getgroup("portail", "Portail sous test")
    group.addoption(
        "--portail-url",
        default=os.environ.get("PORTAIL_URL"),
        help="URL d'un portail déjà démarré (défaut : portail de référence lancé "
        "par la suite ; variable PORTAIL_URL)",
    )
    group.addoption(
        "--mail-api-url",
        default=os.environ.get("MAIL_API_URL"),
        help="URL de l'API mail compatible Mailpit de ce portail (MAIL_API_URL)",
    )


@pytest.fixture(scope="session")
def cible(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cible]:
    """The portal under test: a reference portal started on free ports unless a URL is given."""
    url = request.config.getoption("--portail-url")
    if url:
        mail = request.config.getoption("--mail-api-url")
        if not mail:
            raise pytest.UsageError("--portail-url demande aussi --mail-api-url")
        yield Cible(portail_url=url.rstrip("/"), mail_api_url=mail.rstrip("/"), hooks=False)
        return
    running = start_reference_portal(tmp_path_factory.mktemp("portail"))
    yield Cible(portail_url=running.url, mail_api_url=running.mail_api_url, hooks=True)
    running.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium when Playwright's own build is not installed."""
    args = {**browser_type_launch_args}
    executable = chromium_executable()
    if executable:
        args["executable_path"] = executable
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


@pytest.fixture(scope="session")
def hooks(cible: Cible) -> Iterator[TestHooks]:
    """Client of the portal's test hooks; scenarios needing it are skipped on other portals."""
    if not cible.hooks:
        pytest.skip("ce scénario a besoin des points d'accès de test (--test-hooks)")
    client = TestHooks(cible.portail_url)
    yield client
    client.close()


@pytest.fixture
def boite_mail(cible: Cible) -> Iterator[Mailbox]:
    """The mailbox of the portal under test, read through its Mailpit-compatible API."""
    box = Mailbox(cible.mail_api_url)
    yield box
    box.close()


@pytest.fixture
def contexte() -> Contexte:
    """A fresh scenario context: scenarios never share a voter."""
    return Contexte()
