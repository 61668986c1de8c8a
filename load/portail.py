"""What a simulated voter does on the portal's screens, with Locust's HTTP client: the
harness's one HTTP journey (`harnais/parcours_http.py`, which reads pages as a browser
user does) over Locust's session, each request named by screen, and the réassort mail.

A failed step is counted under its screen's name with the journey's own reason: the
marker, label or button that was not on the screen, and the screen shown instead.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from locust import FastHttpUser

from harnais.crochets import CrochetRefuse, Crochets, Transport
from harnais.ecran import Ecran
from harnais.erreurs_ecran import EcranInattendu
from harnais.navigation import FORMULAIRE, Navigation, Verification
from harnais.parcours_http import ParcoursHttp
from harnais.vocabulaire import vocabulaire
from load.courrier import CourrierDuVotant, MailManquant, boite_du_processus
from load.reserve import reserve_du_processus

__all__ = ["EcranInattendu", "Navigateur", "navigation_locust", "texte_lu", "transport_locust"]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def texte_lu(response: Any) -> str:
    """The body as a browser would read it: the charset the headers declare, else the
    `<meta charset>` of an HTML page's first kilobyte, else UTF-8 (JSON's only encoding,
    HTML's usual one); an image or other binary body has no text for the journey.
    Locust's own `.text` guesses the charset of every undeclared body (a CAPTCHA image,
    JSON) with charset_normalizer: a few percent of the injector's processor, spent on
    bytes the journey never reads as text."""
    contenu: bytes = response.content or b""
    genre = (response.headers.get("content-type") or "").lower()
    if not contenu or genre.startswith(("image/", "audio/", "video/", "font/")):
        return ""
    declare = genre.partition("charset=")[2].split(";")[0].strip().strip('"')
    if not declare and "html" in genre:
        trouve = _META_CHARSET.search(contenu[:1024])
        declare = trouve.group(1).decode("ascii") if trouve else ""
    try:
        return contenu.decode(declare or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know: read as UTF-8, as a last resort
        return contenu.decode("utf-8", errors="replace")


def transport_locust(client: Any) -> Transport:
    """Test-hook calls through Locust's client: counted under their name, failed on error."""

    def envoyer(
        methode: str, chemin: str, corps: dict[str, Any] | None, nom: str
    ) -> tuple[int, Any]:
        with client.request(methode, chemin, json=corps, name=nom, catch_response=True) as r:
            if r.status_code >= 400:
                r.failure(f"{nom} : statut {r.status_code}")
            try:
                return r.status_code, r.json()
            except ValueError:
                return r.status_code, texte_lu(r)

    return envoyer


def navigation_locust(client: Any) -> Navigation:
    """The journey's navigation over Locust's client: each request counted under its
    screen's name, successful when the journey's check passes, failed with its reason."""

    def naviguer(
        methode: str, chemin: str, corps: str | None, nom: str, verifier: Verification | None
    ) -> Ecran:
        options: dict[str, Any] = {"name": nom, "catch_response": True}
        if corps is not None:
            options.update(data=corps, headers=FORMULAIRE)
        with client.request(methode, chemin, **options) as reponse:
            ecran = Ecran(reponse.status_code, reponse.url or chemin, texte_lu(reponse), reponse)
            try:
                if verifier is not None:
                    verifier(ecran)
            except EcranInattendu as exc:
                reponse.failure(str(exc))
                exc.compte = True
                raise
            reponse.success()
            return ecran

    return naviguer


class Navigateur:
    """A voter's browser-less session: the journey over Locust's client, the mail API and
    the CAPTCHA (bypass code or test hook)."""

    def __init__(
        self,
        user: FastHttpUser,
        mail_api_url: str,
        captcha_code: str,
        mail_imap: str | None = None,
    ) -> None:
        self.user = user
        self.client = user.client
        self.captcha_code = captcha_code
        self.voc = vocabulaire()
        self._crochets = Crochets(transport_locust(self.client))
        self.parcours = ParcoursHttp(self.navigation(), self._captcha, self.voc)
        self.parcours.reserve = reserve_du_processus(user.environment)
        self._courrier = CourrierDuVotant(
            user.environment, boite_du_processus(mail_api_url.rstrip("/"), mail_imap)
        )

    def navigation(self) -> Navigation:
        """How this voter's requests go: Locust's client (a persona's trait, such as
        impatience in load/impatience.py, wraps it)."""
        return navigation_locust(self.client)

    def oublier_ecran(self) -> None:
        """A new window: no screen shown yet (the caller clears the cookies)."""
        self.parcours.ecran = None

    def _captcha(self) -> str:
        """The digits of the CAPTCHA just served: the bypass code, or the test hook."""
        if self.captcha_code:
            return self.captcha_code
        try:
            return self._crochets.captcha()
        except CrochetRefuse as exc:
            erreur = EcranInattendu(str(exc))
            erreur.compte = True  # the hook's request was counted failed
            raise erreur from exc

    @contextmanager
    def _etape(self, nom: str) -> Iterator[None]:
        """Count a failure the journey saw on a page already received (a form or a label
        missing), under `nom`; the requests' own failures are counted already."""
        try:
            yield
        except EcranInattendu as exc:
            if not exc.compte:
                self._echec_sans_requete(nom, exc)
            raise

    def s_identifier(self, email: str, captcha_faux: bool = False) -> None:
        """Home → identification → (wrong CAPTCHA first?) → password page."""
        with self._etape("identification: envoi"):
            self.parcours.arriver()
            if captcha_faux:
                self.parcours.s_identifier(
                    email,
                    captcha="0",
                    attendu=self.voc.messages.captcha_errone,
                    nom="identification: CAPTCHA erroné",
                )
            self.parcours.s_identifier(email)

    def mot_de_passe(self, mot_de_passe: str, faux: bool = False) -> None:
        """Send the password; with `faux`, a wrong one first, refused as expected."""
        with self._etape("mot de passe: envoi"):
            if faux:
                self.parcours.mot_de_passe(
                    mot_de_passe + "x",
                    attendu=self.voc.messages.identifiants_incorrects,
                    nom="mot de passe: erroné",
                )
            self.parcours.mot_de_passe(mot_de_passe)

    def demander_reassort(self, email: str) -> str:
        """Ask for the réassort, wait for the mail (recorded as its own metric), return link."""
        try:
            avant = self._courrier.compter(email)
            demande = time.monotonic()
            with self._etape("réassort: demande"):
                self.parcours.demander_reassort()
            return self._attendre_lien(email, avant, demande)
        except MailManquant as exc:  # counted already, as the MAIL entry
            raise EcranInattendu("mail de réassort") from exc

    def _attendre_lien(self, email: str, avant: int, demande: float) -> str:
        """The link of the mail asked at `demande` (a persona's trait may wait otherwise)."""
        return self._courrier.attendre_lien(email, avant, demande)

    def suivre_lien(self, lien: str) -> None:
        """Open the mailed link (only its path: the host is the one under test)."""
        with self._etape("réassort: lien"):
            self.parcours.suivre_lien_mail(lien)

    def initialiser(self, mot_de_passe: str) -> None:
        """Choose the new password on the initialisation screen."""
        with self._etape("initialisation: envoi"):
            self.parcours.initialiser(mot_de_passe)

    def activer(self, reponse: str | None) -> None:
        """'ACTIVER SON COMPTE' with an answer (to the first question the page offers), or
        'ACCÈS SANS ACTIVATION' with None."""
        nom = "activation: envoi" if reponse is not None else "activation: sans activation"
        with self._etape(nom):
            self.parcours.activer(reponse)

    def voter(self, code_vote: str, combien: int, choix: Callable[[list[str]], str]) -> int:
        """« JE VOTE », the code de vote, then `combien` of the scrutins still to vote (all
        of them if fewer), a list chosen by `choix` (random.choice) in each; return how
        many ballots the portal acknowledged."""
        with self._etape("vote: scrutins"):
            return self.parcours.voter(code_vote, combien, choix)

    def se_deconnecter(self) -> None:
        """Logout."""
        with self._etape("déconnexion"):
            self.parcours.se_deconnecter()

    def _echec_sans_requete(self, nom: str, raison: Exception) -> None:
        """Count a failure seen on a page already loaded (the journey then stops)."""
        self.user.environment.events.request.fire(
            request_type="POST",
            name=nom,
            response_time=0,
            response_length=0,
            exception=raison,
            context={},
        )
