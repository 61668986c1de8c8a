"""Fixtures of the HTTP-level tests: a fresh portal app and database per test, and actions."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from harnais.courrier import Mailbox
from harnais.crochets import Crochets, transport_httpx
from harnais.ecran import Ecran
from harnais.navigation import chemin_de, navigation_httpx
from harnais.parcours_http import ParcoursHttp
from harnais.vocabulaire import vocabulaire
from simulator import Settings, create_app
from simulator.acces.comptes import QUESTIONS_DEFI
from simulator.autorite.essai import autorite_essai
from simulator.mailsink import MailSink
from simulator.settings import OUVERTURE_2026, PARIS
from simulator.storage import Database
from simulator.vote.scrutins_publics import sceller_essai


def csrf_of(html: str) -> str:
    """The reference portal's anti-forgery token, from a page's first form that has one
    (white-box tests of the reference portal post raw requests with it)."""
    jetons = [f.caches().get("csrf") for f in Ecran(200, "/", html).formulaires()]
    token = next((j for j in jetons if j), None)
    assert token, "la page n'a pas de formulaire avec jeton CSRF"
    return token


def page_text(response: Any) -> str:
    """A page's HTML with entities decoded (Jinja escapes the apostrophes of French)."""
    return html.unescape(response.text)


def _ecran(reponse: Any) -> Ecran:
    """An httpx response read as the harness's HTTP journey reads a screen."""
    return Ecran(reponse.status_code, str(reponse.url), reponse.text, reponse)


class Portail:
    """Actions on the portal as a user would do them, over the test client: the harness's
    one HTTP journey (`harnais/parcours_http.py`: labels, buttons and words from the
    vocabulary), which only acts here, the tests judging what the portal answered; hooks
    through the harness's one client. Each action returns the client's last response."""

    def __init__(self, client: TestClient | httpx.Client) -> None:
        self.client = client
        self.voc = vocabulaire()
        self.crochets = Crochets(transport_httpx(client))
        self.parcours = ParcoursHttp(
            navigation_httpx(client), self.crochets.captcha, self.voc, verifier=False
        )

    def creer_electeur(self, state: str = "actif", **fields: Any) -> dict[str, Any]:
        """Create a voter through the test hook."""
        return asdict(self.crochets.creer_electeur(state, **fields))

    def captcha(self) -> str:
        """The CAPTCHA digits last shown to this client."""
        return self.crochets.captcha()

    def _poster(self, chemin: str, champs: dict[str, str], depuis: Any = None) -> Any:
        """Post raw fields to `chemin` with the hidden inputs of the form that posts there
        on the page `depuis` (by default the page at `chemin`, loaded first as a browser
        would): for the reference portal's white-box tests of refused input."""
        page = _ecran(self.client.get(chemin) if depuis is None else depuis)
        formulaires = page.formulaires()
        cible = [f for f in formulaires if chemin_de(f.envoi().url).split("?")[0] == chemin]
        caches = (cible or formulaires)[0].caches() if formulaires else {}
        return self.client.post(chemin, data={**caches, **champs})

    def identify(self, email: str, captcha: str | None = None) -> Any:
        """Open the identification page, fill it (CAPTCHA read by the hook unless given)
        and press CONNEXION."""
        self.parcours.ouvrir(self.voc.chemins.identification, "identification")
        return self.parcours.s_identifier(email, captcha).brut

    def login(self, email: str, password: str) -> Any:
        """Identify, then type the Élections password and press CONNEXION."""
        self.identify(email)
        return self.parcours.mot_de_passe(password).brut

    def demander_reassort(self, email: str) -> Any:
        """Identify, then press 'Besoin du réassort…' on the password page."""
        self.identify(email)
        return self.parcours.demander_reassort().brut

    def ouvrir_lien(self, link: str) -> Any:
        """Follow a réassort link from a mail (only its path and query are used)."""
        return self.parcours.suivre_lien_mail(link).brut

    def set_password(
        self, password: str, confirmation: str | None = None, captcha: str | None = None
    ) -> Any:
        """Fill the initialisation page (reloaded first: the session must be on it)."""
        self.parcours.ouvrir(self.voc.chemins.initialisation, "initialisation")
        return self.parcours.initialiser(password, confirmation, captcha).brut

    def activer(
        self,
        answer: str,
        confirmation: str | None = None,
        question: str = QUESTIONS_DEFI[1],
        action: str = "activer",
    ) -> Any:
        """Fill the activation page and press « ACTIVER SON COMPTE » (`action`
        "activer") or « ACCÈS SANS ACTIVATION » ("sans_activation")."""
        self.parcours.ouvrir(self.voc.chemins.activation, "activation")
        if action == "sans_activation":
            return self.parcours.activer(None).brut
        return self.parcours.activer(answer, confirmation, question).brut

    # The vote -----------------------------------------------------------------------

    def aller_a(self, instant: datetime) -> None:
        """Put the portal's clock at this instant (test hook)."""
        self.crochets.aller_a(instant)

    def ouvrir_vote(self, code: str) -> Any:
        """« JE VOTE », then the code de vote."""
        return self.parcours.ouvrir_vote(code).brut

    def choisir(self, numero: int, liste: str) -> Any:
        """On one scrutin's page, choose a list and press « JE VEUX VOTER »."""
        return self.parcours.choisir_liste(f"{self.voc.vote.chemin_scrutin}{numero}", liste).brut

    def voter(self, numero: int, liste: str) -> Any:
        """Choose a list of scrutin `numero`, then « JE VOTE » on its confirmation."""
        self.choisir(numero, liste)
        return self.parcours.je_vote().brut


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
    """Settings of a test portal: own SQLite file, hooks on, cheap hashing, quick outbox,
    and an election sealed for it as a bureau would (cheap derivation, test keys beside
    it for the count hook)."""
    if "parametres" not in overrides and not (tmp_path / "publication").exists():
        publication, tiers = sceller_essai(tmp_path)
        overrides = {"parametres": str(publication), "fragments_test": str(tiers), **overrides}
    elif "parametres" not in overrides:
        overrides = {
            "parametres": str(tmp_path / "publication"),
            "fragments_test": str(tmp_path / "tiers"),
            **overrides,
        }
    options: dict[str, Any] = {
        "db_path": tmp_path / "portail.sqlite3",
        "test_hooks": True,
        "hash_cost": "fast",
        "smtp_port": smtp_port,
        "outbox_poll_seconds": 0.05,
        "outbox_max_backoff_seconds": 0.2,
    }
    return Settings.depuis(**{**options, **overrides})


@contextmanager
def portail_regle(tmp_path: Path, smtp_port: int, **overrides: Any) -> Iterator[Portail]:
    """A portal app built with these settings (see `make_settings`), driven as a browser
    would by its own client: for the tests that need settings of their own."""
    settings = make_settings(tmp_path, smtp_port, **overrides)
    with TestClient(create_app(settings), follow_redirects=True) as client:
        yield Portail(client)


@contextmanager
def portail_dans_le_vote(tmp_path: Path, smtp_port: int) -> Iterator[Portail]:
    """A portal sealed apart (the trustees' keys in tmp_path), a credential authority
    beside it for the réassort of the code de vote, its clock two hours into the 2026
    vote."""
    publication, _ = sceller_essai(tmp_path)
    with (
        autorite_essai(publication, tmp_path / "autorite.cle", smtp_port) as appel,
        portail_regle(tmp_path, smtp_port, **appel) as portail,
    ):
        portail.aller_a(datetime.fromtimestamp(OUVERTURE_2026, PARIS) + timedelta(hours=2))
        yield portail


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
