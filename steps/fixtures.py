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
    """The portal under test: its URL, its mail API, whether test hooks exist there, and
    the CAPTCHA bypass code of a staging portal, if any."""

    portail_url: str
    mail_api_url: str
    hooks: bool
    reference: bool = False
    captcha_code: str | None = None


@dataclass
class Contexte:
    """What one scenario has learnt so far: its voter, the links it received, the
    password it chose."""

    electeur: Electeur | None = None
    liens: list[str] = field(default_factory=list)
    mot_de_passe: str | None = None
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
    group.addoption(
        "--avec-crochets",
        action="store_true",
        default=bool(os.environ.get("PORTAIL_CROCHETS")),
        help="le portail visé expose les points d'accès /__test__/ (PORTAIL_CROCHETS=1)",
    )
    group.addoption(
        "--captcha-code",
        default=os.environ.get("CAPTCHA_CODE"),
        help="code de contournement du CAPTCHA d'un portail de recette (CAPTCHA_CODE)",
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
        yield Cible(
            portail_url=url.rstrip("/"),
            mail_api_url=mail.rstrip("/"),
            hooks=request.config.getoption("--avec-crochets"),
            captcha_code=request.config.getoption("--captcha-code"),
        )
        return
    running = start_reference_portal(tmp_path_factory.mktemp("portail"))
    yield Cible(
        portail_url=running.url,
        mail_api_url=running.mail_api_url,
        hooks=True,
        reference=True,
        captcha_code=request.config.getoption("--captcha-code"),
    )
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
    if cible.reference:
        box.set_chaos(refuse_ratio=0, delay_seconds=0)  # never leak a fault to the next one
    box.close()


@pytest.fixture
def panne_courrier(cible: Cible, boite_mail: Mailbox) -> Mailbox:
    """The reference sink's chaos switches; skipped on another portal (its Mailpit differs)."""
    if not cible.reference:
        pytest.skip("les pannes de messagerie ne se simulent que sur le portail de référence")
    return boite_mail


@pytest.fixture
def contexte() -> Contexte:
    """A fresh scenario context: scenarios never share a voter."""
    return Contexte()
