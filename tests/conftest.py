"""Fixtures of the HTTP-level tests: a fresh portal app and database per test, and actions."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.testclient import TestClient

from harnais.crochets import Crochets, transport_httpx
from harnais.vocabulaire import vocabulaire
from load.forms import csrf_if_any
from simulator import Settings, create_app
from simulator.acces.comptes import QUESTIONS_DEFI
from simulator.mailsink import MailSink
from simulator.storage import Database
from steps.mailbox import Mailbox


def csrf_of(html: str) -> str:
    """The CSRF token of a page's form."""
    token = csrf_if_any(html)
    assert token, "la page n'a pas de formulaire avec jeton CSRF"
    return token


def page_text(response: Any) -> str:
    """A page's HTML with entities decoded (Jinja escapes the apostrophes of French)."""
    return html.unescape(response.text)


class Portail:
    """Actions on the portal as a browser would do them, over the test client; paths and
    field names from the harness's vocabulary, hooks through the harness's one client."""

    def __init__(self, client: TestClient | httpx.Client) -> None:
        self.client = client
        self.voc = vocabulaire()
        self.crochets = Crochets(transport_httpx(client))

    def creer_electeur(self, state: str = "actif", **fields: Any) -> dict[str, Any]:
        """Create a voter through the test hook."""
        return asdict(self.crochets.creer_electeur(state, **fields))

    def captcha(self) -> str:
        """The CAPTCHA digits last shown to this client."""
        return self.crochets.captcha()

    def _poster(self, chemin: str, champs: dict[str, str], depuis: Any = None) -> Any:
        """Post a form to `chemin` with the CSRF token of the page `depuis` (by default,
        the form at `chemin`, loaded first as a browser would)."""
        page = self.client.get(chemin) if depuis is None else depuis
        return self.client.post(
            chemin, data={self.voc.formulaires.csrf: csrf_of(page.text), **champs}
        )

    def identify(self, email: str, captcha: str | None = None) -> Any:
        """Open the identification page and submit it."""
        champs = self.voc.formulaires
        page = self.client.get(self.voc.chemins.identification)
        return self._poster(
            self.voc.chemins.identification,
            {
                champs.identifiant: email,
                champs.captcha: self.captcha() if captcha is None else captcha,
            },
            depuis=page,
        )

    def login(self, email: str, password: str) -> Any:
        """Identify, then submit the Élections password."""
        page = self.identify(email)
        champs = self.voc.formulaires
        return self._poster(self.voc.chemins.mot_de_passe, {champs.mot_de_passe: password}, page)

    def demander_reassort(self, email: str) -> Any:
        """Identify, then press 'Besoin du réassort…' on the password page."""
        page = self.identify(email)
        champs = self.voc.formulaires
        return self._poster(
            self.voc.chemins.reassort, {champs.depuis: champs.depuis_mot_de_passe}, page
        )

    def ouvrir_lien(self, link: str) -> Any:
        """Follow a réassort link from a mail (only its path and query are used)."""
        parts = urlsplit(link)
        return self.client.get(f"{parts.path}?{parts.query}")

    def set_password(
        self, password: str, confirmation: str | None = None, captcha: str | None = None
    ) -> Any:
        """Fill the initialisation page (the page must be the current one)."""
        champs = self.voc.formulaires
        page = self.client.get(self.voc.chemins.initialisation)
        return self._poster(
            self.voc.chemins.initialisation,
            {
                champs.mot_de_passe: password,
                champs.confirmation: password if confirmation is None else confirmation,
                champs.captcha: self.captcha() if captcha is None else captcha,
            },
            depuis=page,
        )

    def activer(
        self,
        answer: str,
        confirmation: str | None = None,
        question: str = QUESTIONS_DEFI[1],
        action: str = "activer",
    ) -> Any:
        """Submit the activation page with one of its two buttons."""
        champs = self.voc.formulaires
        return self._poster(
            self.voc.chemins.activation,
            {
                champs.question: question,
                champs.reponse: answer,
                champs.confirmation_reponse: answer if confirmation is None else confirmation,
                champs.action: action,
            },
        )

    # The vote -----------------------------------------------------------------------

    def aller_a(self, instant: datetime) -> None:
        """Put the portal's clock at this instant (test hook)."""
        self.crochets.aller_a(instant)

    def ouvrir_vote(self, code: str) -> Any:
        """« JE VOTE », then the code de vote."""
        vote = self.voc.vote
        return self._poster(vote.chemin, {vote.formulaire_code: code})

    def choisir(self, numero: int, liste: str) -> Any:
        """On one scrutin's page, choose a list and press « JE VEUX VOTER »."""
        vote = self.voc.vote
        return self._poster(f"{vote.chemin_scrutin}{numero}", {vote.formulaire_liste: liste})

    def voter(self, numero: int, liste: str) -> Any:
        """Choose a list of scrutin `numero`, then « JE VOTE » on its confirmation."""
        confirmation = self.choisir(numero, liste)
        return self._poster(
            f"{self.voc.vote.chemin_scrutin}{numero}/confirmation", {}, depuis=confirmation
        )


@pytest.fixture(scope="session")
def sink() -> Iterator[MailSink]:
    """One SMTP sink for the HTTP tests of a worker (each test starts it empty)."""
    started = MailSink().start()
    yield started
    started.stop()


@pytest.fixture
def mailbox(sink: MailSink) -> Iterator[Mailbox]:
    """The sink emptied and its chaos switched off, read through the tests' mailbox helper."""
    sink.store.delete()
    sink.chaos.configure({})
    box = Mailbox(sink.api_url, timeout=10.0)
    yield box
    box.close()


def make_settings(tmp_path: Path, smtp_port: int, **overrides: Any) -> Settings:
    """Settings of a test portal: own SQLite file, hooks on, cheap hashing, quick outbox."""
    options: dict[str, Any] = {
        "db_path": tmp_path / "portail.sqlite3",
        "test_hooks": True,
        "hash_cost": "fast",
        "smtp_port": smtp_port,
        "outbox_poll_seconds": 0.05,
        "outbox_max_backoff_seconds": 0.2,
    }
    return Settings(**{**options, **overrides})


@contextmanager
def portail_regle(tmp_path: Path, smtp_port: int, **overrides: Any) -> Iterator[Portail]:
    """A portal app built with these settings (see `make_settings`), driven as a browser
    would by its own client: for the tests that need settings of their own."""
    settings = make_settings(tmp_path, smtp_port, **overrides)
    with TestClient(create_app(settings), follow_redirects=True) as client:
        yield Portail(client)


@pytest.fixture
def settings(tmp_path: Path, sink: MailSink, mailbox: Mailbox) -> Settings:
    """Settings of a test portal delivering to the (emptied) test sink."""
    return make_settings(tmp_path, sink.smtp_port)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A test client of a freshly created portal app."""
    with TestClient(create_app(settings), follow_redirects=True) as test_client:
        yield test_client


@pytest.fixture
def portail(client: TestClient) -> Portail:
    """Browser-like actions on the portal (create voter, identify, log in)."""
    return Portail(client)


@pytest.fixture
def db(settings: Settings, client: TestClient) -> Database:
    """The test portal's database, to check what was stored."""
    return Database(settings.db_path)
