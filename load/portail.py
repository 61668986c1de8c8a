"""What a simulated voter does on the portal's screens, with Locust's HTTP client: each
request named by screen, forms posted with their CSRF token, checks made explicit.

Paths, field names and the words that tell one screen from another come from the
vocabulary in force (`harnais/vocabulaire.toml`, or `--vocabulaire`), as for the
acceptance suite's page objects.
"""

from __future__ import annotations

import html
import re
import time
from typing import Any, NoReturn
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser

from harnais.crochets import CrochetRefuse, Crochets, Transport
from harnais.vocabulaire import vocabulaire
from load.courrier import CourrierDuVotant, MailManquant, boite_du_processus
from load.forms import csrf_if_any

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_OPTION = re.compile(r"<option[^>]*>([^<]*)</option>")
_ACTION = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]+)"', re.I)


class EcranInattendu(Exception):
    """The portal did not show the expected screen: the journey stops here, counted failed."""


def _texte(response: Any) -> str:
    text: str = response.text or ""
    return text


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
                return r.status_code, _texte(r)

    return envoyer


def questions_defi(page: str) -> list[str]:
    """The challenge questions the activation page offers, from its `<select>`."""
    nom = re.escape(vocabulaire().formulaires.question)
    select = re.search(rf'<select[^>]*name="{nom}"[^>]*>(.*?)</select>', page, re.S)
    if select is None:
        return []
    return [html.unescape(q).strip() for q in _OPTION.findall(select.group(1))]


def action_du_formulaire(page: str, sauf: str) -> str | None:
    """Where the page's own form posts (the first form not posting to `sauf`, logout)."""
    for action in _ACTION.findall(page):
        action = html.unescape(action)
        if action != sauf:
            return str(action)
    return None


def liens_scrutins(page: str, prefixe: str) -> list[str]:
    """The links of the scrutins still to vote, on the scrutins page."""
    return [html.unescape(h) for h in re.findall(rf'href="({re.escape(prefixe)}[^"]+)"', page)]


def listes_du_scrutin(page: str, champ: str) -> list[str]:
    """The candidate lists a scrutin's page offers (its radios' values)."""
    motif = rf'<input[^>]*type="radio"[^>]*name="{re.escape(champ)}"[^>]*value="([^"]*)"'
    return [html.unescape(v) for v in re.findall(motif, page)]


class Navigateur:
    """A voter's browser-less session: Locust's client plus the mail API and CAPTCHA."""

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
        self.csrf = ""
        self.page_courante = ""
        self.voc = vocabulaire()
        self._crochets = Crochets(transport_locust(self.client))
        self._courrier = CourrierDuVotant(
            user.environment, boite_du_processus(mail_api_url.rstrip("/"), mail_imap)
        )

    def _attendu(self, response: Any, marqueur: str, quoi: str) -> None:
        texte = _texte(response)
        if marqueur in texte:
            self.csrf = csrf_if_any(texte) or self.csrf
            self.page_courante = texte
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
        body = urlencode({self.voc.formulaires.csrf: self.csrf, **champs})
        with self.client.post(
            path, data=body, headers=FORM, name=nom, catch_response=True
        ) as response:
            if statut is not None and response.status_code != statut:
                response.failure(f"{nom} : statut {response.status_code}, attendu {statut}")
                raise EcranInattendu()
            self._attendu(response, marqueur, nom)

    def captcha(self) -> str:
        """Load the CAPTCHA image, then learn its digits (bypass code or test hook)."""
        self.client.get(self.voc.chemins.captcha_image, name="captcha.png")
        if self.captcha_code:
            return self.captcha_code
        try:
            return self._crochets.captcha()
        except CrochetRefuse as exc:
            raise EcranInattendu() from exc

    def s_identifier(self, email: str, captcha_faux: bool = False) -> None:
        """Home → identification → (wrong CAPTCHA first?) → password page."""
        chemins, champs, messages = self.voc.chemins, self.voc.formulaires, self.voc.messages
        self.page(chemins.accueil, "accueil", self.voc.liens.acceder)
        self.page(chemins.identification, "identification", messages.page_identification)
        if captcha_faux:
            self.captcha()
            self.envoyer(
                chemins.identification,
                "identification: CAPTCHA erroné",
                {champs.identifiant: email, champs.captcha: "0"},
                messages.captcha_errone,
                statut=400,
            )
        code = self.captcha()
        self.envoyer(
            chemins.identification,
            "identification: envoi",
            {champs.identifiant: email, champs.captcha: code},
            self.voc.titres.mot_de_passe,
        )

    def mot_de_passe(self, mot_de_passe: str, faux: bool = False) -> None:
        """Send the password; with `faux`, a wrong one first, refused as expected."""
        chemin, champ = self.voc.chemins.mot_de_passe, self.voc.formulaires.mot_de_passe
        if faux:
            self.envoyer(
                chemin,
                "mot de passe: erroné",
                {champ: mot_de_passe + "x"},
                self.voc.messages.identifiants_incorrects,
                statut=400,
            )
        self.envoyer(chemin, "mot de passe: envoi", {champ: mot_de_passe}, self.voc.titres.espace)

    def demander_reassort(self, email: str) -> str:
        """Ask for the réassort, wait for the mail (recorded as its own metric), return link."""
        try:
            avant = self._courrier.compter(email)
            demande = time.monotonic()
            champs = self.voc.formulaires
            self.envoyer(
                self.voc.chemins.reassort,
                "réassort: demande",
                {champs.depuis: champs.depuis_mot_de_passe},
                self.voc.messages.mail_envoye,
            )
            return self._courrier.attendre_lien(email, avant, demande)
        except MailManquant as exc:
            raise EcranInattendu() from exc

    def suivre_lien(self, lien: str) -> None:
        """Open the mailed link (only its path: the host is the one under test)."""
        parts = urlsplit(lien)
        self.page(f"{parts.path}?{parts.query}", "réassort: lien", self.voc.titres.initialisation)

    def initialiser(self, mot_de_passe: str) -> None:
        """Choose the new password on the initialisation screen."""
        code = self.captcha()
        champs = self.voc.formulaires
        self.envoyer(
            self.voc.chemins.initialisation,
            "initialisation: envoi",
            {
                champs.mot_de_passe: mot_de_passe,
                champs.confirmation: mot_de_passe,
                champs.captcha: code,
            },
            self.voc.messages.page_activation,
        )

    def activer(self, reponse: str | None) -> None:
        """'ACTIVER SON COMPTE' with an answer (to the first question the page offers), or
        'ACCÈS SANS ACTIVATION' with None."""
        champs, chemin = self.voc.formulaires, self.voc.chemins.activation
        if reponse is None:
            self.envoyer(
                chemin,
                "activation: sans activation",
                {champs.action: champs.action_sans_activation},
                self.voc.titres.espace,
            )
            return
        questions = questions_defi(self.page_courante)
        if not questions:
            self._echec_sans_requete("activation: envoi", "aucune question défi sur la page")
        self.envoyer(
            chemin,
            "activation: envoi",
            {
                champs.action: champs.action_activer,
                champs.question: questions[0],
                champs.reponse: reponse,
                champs.confirmation_reponse: reponse,
            },
            self.voc.titres.espace,
        )

    def voter(self, code_vote: str, combien: int, choix: Any) -> int:
        """« JE VOTE », the code de vote, then `combien` of the scrutins still to vote (all
        of them if fewer), a list chosen by `choix` (random.choice) in each; return how
        many ballots the portal acknowledged."""
        vote = self.voc.vote
        self.page(vote.chemin, "vote: code", vote.champ_code)
        self.envoyer(
            vote.chemin, "vote: code envoi", {vote.formulaire_code: code_vote}, vote.titre_scrutins
        )
        a_voter = liens_scrutins(self.page_courante, vote.chemin_scrutin)
        if not a_voter:
            self._echec_sans_requete("vote: scrutins", "aucun scrutin à voter")
        deposes = 0
        for lien in a_voter[:combien]:
            self.page(lien, "vote: listes", vote.bouton_je_veux_voter)
            listes = listes_du_scrutin(self.page_courante, vote.formulaire_liste)
            if not listes:
                self._echec_sans_requete("vote: listes", "aucune liste de candidats")
            self.envoyer(
                lien, "vote: choix", {vote.formulaire_liste: choix(listes)}, vote.lien_modifier
            )
            confirmation = action_du_formulaire(self.page_courante, self.voc.chemins.deconnexion)
            if confirmation is None:
                self._echec_sans_requete("vote: JE VOTE", "pas de formulaire de confirmation")
            self.envoyer(confirmation, "vote: JE VOTE", {}, vote.titre_accuse)
            deposes += 1
        return deposes

    def se_deconnecter(self) -> None:
        """Logout."""
        self.envoyer(self.voc.chemins.deconnexion, "déconnexion", {}, self.voc.liens.acceder)

    def _echec_sans_requete(self, nom: str, raison: str) -> NoReturn:
        """Count a failure seen on a page already loaded, and stop the journey."""
        self.user.environment.events.request.fire(
            request_type="POST",
            name=nom,
            response_time=0,
            response_length=0,
            exception=EcranInattendu(raison),
            context={},
        )
        raise EcranInattendu()
