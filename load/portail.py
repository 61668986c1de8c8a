"""What a simulated voter does on the portal's screens, with Locust's HTTP client: each
request named by screen, forms posted with their CSRF token, checks made explicit."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser

from load.courrier import ApiCourrierIndisponible, api_courrier
from load.forms import csrf_if_any
from simulator.identity import QUESTIONS_DEFI

LIEN = re.compile(r"https?://\S+/reassort/lien\?jeton=[\w\-]+")
DELAI_MAIL_MAX_S = 300.0
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class EcranInattendu(Exception):
    """The portal did not show the expected screen: the journey stops here, counted failed."""


def _texte(response: Any) -> str:
    text: str = response.text or ""
    return text


class Navigateur:
    """A voter's browser-less session: Locust's client plus the mail API and CAPTCHA."""

    def __init__(self, user: FastHttpUser, mail_api_url: str, captcha_code: str) -> None:
        self.user = user
        self.client = user.client
        self.captcha_code = captcha_code
        self.csrf = ""
        self._mail = api_courrier(mail_api_url.rstrip("/"))

    def _attendu(self, response: Any, marqueur: str, quoi: str) -> None:
        if marqueur in _texte(response):
            self.csrf = csrf_if_any(_texte(response)) or self.csrf
            response.success()
            return
        response.failure(f"{quoi} : écran inattendu (statut {response.status_code})")
        raise EcranInattendu()

    def page(self, path: str, nom: str, marqueur: str) -> None:
        """GET a screen and check it shows `marqueur`."""
        with self.client.get(path, name=nom, catch_response=True) as response:
            self._attendu(response, marqueur, nom)

    def envoyer(
        self, path: str, nom: str, champs: dict[str, str], marqueur: str, statut: int | None = None
    ) -> None:
        """POST a form with the current CSRF token; check the screen (and status) reached."""
        body = urlencode({"csrf": self.csrf, **champs})
        with self.client.post(
            path, data=body, headers=FORM, name=nom, catch_response=True
        ) as response:
            if statut is not None and response.status_code != statut:
                response.failure(f"{nom} : statut {response.status_code}, attendu {statut}")
                raise EcranInattendu()
            self._attendu(response, marqueur, nom)

    def captcha(self) -> str:
        """Load the CAPTCHA image, then learn its digits (bypass code or test hook)."""
        self.client.get("/captcha.png", name="captcha.png")
        if self.captcha_code:
            return self.captcha_code
        with self.client.get(
            "/__test__/captcha", name="crochet: captcha", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure("CAPTCHA illisible : le portail a-t-il --test-hooks ?")
                raise EcranInattendu()
            answer: str = response.json()["answer"]
            return answer

    def s_identifier(self, email: str, captcha_faux: bool = False) -> None:
        """Home → identification → (wrong CAPTCHA first?) → password page."""
        self.page("/", "accueil", "ACCÉDER AU PORTAIL ÉLECTIONS")
        self.page("/identification", "identification", "CAPTCHA")
        if captcha_faux:
            self.captcha()
            self.envoyer(
                "/identification",
                "identification: CAPTCHA erroné",
                {"identifiant": email, "captcha": "0"},
                "ne correspondent pas",
                statut=400,
            )
        code = self.captcha()
        self.envoyer(
            "/identification",
            "identification: envoi",
            {"identifiant": email, "captcha": code},
            "Saisie du mot de passe",
        )

    def mot_de_passe(self, mot_de_passe: str, faux: bool = False) -> None:
        """Send the password; with `faux`, a wrong one first, refused as expected."""
        if faux:
            self.envoyer(
                "/mot-de-passe",
                "mot de passe: erroné",
                {"mot_de_passe": mot_de_passe + "x"},
                "incorrect",
                statut=400,
            )
        self.envoyer(
            "/mot-de-passe",
            "mot de passe: envoi",
            {"mot_de_passe": mot_de_passe},
            "Mon espace électeur",
        )

    def demander_reassort(self, email: str) -> str:
        """Ask for the réassort, wait for the mail (recorded as its own metric), return link."""
        avant = len(self._mails_pour(email))
        demande = time.monotonic()
        self.envoyer(
            "/reassort",
            "réassort: demande",
            {"depuis": "mot-de-passe"},
            "Un mail vient de vous être envoyé",
        )
        lien = self._attendre_mail(email, avant, demande)
        return lien

    def suivre_lien(self, lien: str) -> None:
        """Open the mailed link (only its path: the host is the one under test)."""
        parts = urlsplit(lien)
        self.page(f"{parts.path}?{parts.query}", "réassort: lien", "Initialisation du mot de passe")

    def initialiser(self, mot_de_passe: str) -> None:
        """Choose the new password on the initialisation screen."""
        code = self.captcha()
        self.envoyer(
            "/initialisation",
            "initialisation: envoi",
            {"mot_de_passe": mot_de_passe, "confirmation": mot_de_passe, "captcha": code},
            "Afin d'activer votre compte",
        )

    def activer(self, reponse: str | None) -> None:
        """'ACTIVER SON COMPTE' with an answer, or 'ACCÈS SANS ACTIVATION' with None."""
        if reponse is None:
            self.envoyer(
                "/activation",
                "activation: sans activation",
                {"action": "sans_activation"},
                "Mon espace électeur",
            )
        else:
            self.envoyer(
                "/activation",
                "activation: envoi",
                {
                    "action": "activer",
                    "question": QUESTIONS_DEFI[0],
                    "reponse": reponse,
                    "confirmation_reponse": reponse,
                },
                "Mon espace électeur",
            )

    def se_deconnecter(self) -> None:
        """Logout."""
        self.envoyer("/deconnexion", "déconnexion", {}, "ACCÉDER AU PORTAIL ÉLECTIONS")

    # Mail ----------------------------------------------------------------------

    def _mesure_mail(self, duree_ms: float, exception: Exception | None = None) -> None:
        """Record the mail delay (or its failure) as the Locust entry of type MAIL."""
        self.user.environment.events.request.fire(
            request_type="MAIL",
            name="délai du mail de réassort",
            response_time=duree_ms,
            response_length=0,
            exception=exception,
            context={},
        )

    def _mails_pour(self, email: str, attente_s: float = 0.0) -> list[dict[str, Any]]:
        try:
            return self._mail.destines_a(email, attente_s)
        except (ApiCourrierIndisponible, OSError) as exc:
            self._mesure_mail(0.0, exc)
            raise EcranInattendu() from exc

    def _attendre_mail(self, email: str, avant: int, demande: float) -> str:
        """Wait for the mail: held inside the sink (`wait`) when the box was empty, so the
        delay is measured to the millisecond; polled otherwise, and against a Mailpit."""
        delai = 0.25
        limite = demande + DELAI_MAIL_MAX_S
        while True:
            mails = self._mails_pour(email, limite - time.monotonic() if avant == 0 else 0.0)
            if len(mails) > avant:
                ecoule = (time.monotonic() - demande) * 1000
                try:
                    detail = self._mail.message(mails[0]["ID"])
                except (ApiCourrierIndisponible, OSError) as exc:
                    self._mesure_mail(ecoule, exc)
                    raise EcranInattendu() from exc
                trouve = LIEN.search(detail["Text"])
                if trouve is None:
                    self._mesure_mail(ecoule, ValueError("mail sans lien de réassort"))
                    raise EcranInattendu()
                self._mesure_mail(ecoule)
                return trouve.group(0)
            if time.monotonic() > limite:
                self._mesure_mail(DELAI_MAIL_MAX_S * 1000, TimeoutError("mail non reçu"))
                raise EcranInattendu()
            time.sleep(delai)
            delai = min(delai * 1.5, 2.0)
