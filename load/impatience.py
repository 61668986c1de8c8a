"""Impatient voters (`--impatience`): what real voters do when the portal is slow.

A voter gives a screen `--impatience-ecran-s` seconds, then reloads it (or resubmits
its form), up to `--impatience-essais` times with `--impatience-reflexion-s` seconds of
thought in between; likewise when the screen that comes is an error page. The screen is
read as the voter reads it (harnais/ecran.py): blank, or saying none of the portal's
refusals (the vocabulary's words: a wrong CAPTCHA, a link expired…), it is reloaded;
never by its HTTP status. When the réassort mail has not come after
`--impatience-mail-s` seconds, the voter presses the réassort button again, found by
its label (the same number of times). Past `--impatience-abandon-s` from the arrival, or
once the tries are spent, the voter gives up. Each retry is counted apart, under its
persona (load/compteurs.py), and an abandon is a journey's outcome of its own.

Without `--impatience`, a voter waits as long as the client lets it (Locust's 60 s)
and never tries again: the navigator then only counts the réassort links refused.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from locust import FastHttpUser, events
from locust.runners import MasterRunner

from fixtures import arguments
from harnais.ecran import Ecran
from harnais.navigation import Navigation, Verification
from harnais.vocabulaire import Vocabulaire
from load import arrivees, compteurs
from load.courrier import MailEnRetard
from load.portail import EcranInattendu, Navigateur


@events.init_command_line_parser.add_listener
def ajouter_options(parser: Any) -> None:
    """The impatience trait's options and their defaults (README: « Électeurs impatients »)."""
    group = parser.add_argument_group("Électeurs impatients")
    group.add_argument(
        "--impatience",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="les électeurs rechargent un écran lent ou en erreur, redemandent un mail "
        "qui tarde, et abandonnent (--no-impatience : jamais ; défaut : non, oui pour les "
        "profils 2018 et 2022)",
    )
    group.add_argument(
        "--impatience-ecran-s",
        type=arguments.nombre_positif,
        default=10.0,
        help="secondes laissées à un écran avant de le recharger (défaut : 10)",
    )
    group.add_argument(
        "--impatience-essais",
        type=arguments.entier_naturel,
        default=3,
        help="nouveaux essais par écran, et nouvelles demandes de mail (défaut : 3)",
    )
    group.add_argument(
        "--impatience-reflexion-s",
        type=arguments.nombre_naturel,
        default=5.0,
        help="secondes avant de recharger ou de redemander (défaut : 5)",
    )
    group.add_argument(
        "--impatience-mail-s",
        type=arguments.nombre_positif,
        default=60.0,
        help="secondes d'attente du mail de réassort avant d'en redemander un (défaut : 60)",
    )
    group.add_argument(
        "--impatience-abandon-s",
        type=arguments.nombre_positif,
        default=600.0,
        help="secondes après l'arrivée où l'électeur abandonne (défaut : 600)",
    )


@events.test_start.add_listener
def regler_le_client(environment: Any, **_kwargs: Any) -> None:
    """An impatient voter leaves a screen after `--impatience-ecran-s`: the personas'
    HTTP client gives up then (read when each user is created, after this)."""
    options = environment.parsed_options
    if options is None or not options.impatience or isinstance(environment.runner, MasterRunner):
        return
    for classe in environment.user_classes:
        if issubclass(classe, FastHttpUser):
            classe.network_timeout = options.impatience_ecran_s
            classe.connection_timeout = options.impatience_ecran_s


# What the portal says when it refuses a voter's gesture on purpose (a wrong CAPTCHA, a
# link expired, a code blocked…): a voter reads it and does not reload. Keys of the
# vocabulary, so that another portal's words serve (its --vocabulaire file).
REFUS_MESSAGES = (
    "captcha_errone",
    "identifiants_incorrects",
    "verrouille",
    "identifiant_obligatoire",
    "captcha_obligatoire",
    "lien_deja_utilise",
    "lien_expire",
    "lien_remplace",
    "confirmation_differente",
    "reponses_differentes",
    "reponse_manquante",
    "refus_longueur",
    "refus_minuscule",
    "refus_majuscule",
    "refus_chiffre",
    "refus_special",
    "refus_caracteres",
)
REFUS_VOTE = ("code_incorrect", "code_bloque", "deja_vote", "non_ouvert", "clos", "sans_defi")
LIEN_REFUSE = ("lien_deja_utilise", "lien_expire", "lien_remplace")


def _dit_un_de(ecran: Ecran, mots: list[str]) -> bool:
    return any(ecran.montre(m) for m in mots if m.strip())


def lien_refuse(ecran: Ecran, voc: Vocabulaire) -> bool:
    """The screen refuses a réassort link (used, expired, replaced), in the portal's words."""
    return _dit_un_de(ecran, [getattr(voc.messages, cle) for cle in LIEN_REFUSE])


def relancable(ecran: Ecran, voc: Vocabulaire) -> bool:
    """A screen a voter would reload, read as the voter reads it: a blank page (nothing
    came: the voter's patience ran out, the connection dropped), or a page that is none of
    the portal's answers to the gesture: it says none of the portal's refusals (an error
    page, « trop de tentatives », a proxy's « service indisponible »…)."""
    if not ecran.texte:
        return True
    refus = [getattr(voc.messages, cle) for cle in REFUS_MESSAGES]
    refus += [getattr(voc.vote, cle) for cle in REFUS_VOTE]
    return not _dit_un_de(ecran, refus)


class NavigateurSuivi(Navigateur):
    """The navigator of load/portail.py, remembering the last screen received and
    counting the réassort links the portal refuses (expired, used, or replaced by a later
    mail), as their screen says."""

    dernier_ecran: Ecran | None = None

    def navigation(self) -> Navigation:
        """Locust's navigation, keeping each screen received before it is checked."""
        interne = super().navigation()

        def naviguer(
            methode: str, chemin: str, corps: str | None, nom: str, verifier: Verification | None
        ) -> Ecran:
            def garder(ecran: Ecran) -> None:
                self.dernier_ecran = ecran
                if verifier is not None:
                    verifier(ecran)

            return interne(methode, chemin, corps, nom, garder)

        return naviguer

    def suivre_lien(self, lien: str) -> None:
        """Open the mailed link; a refusal the screen words is counted."""
        self.dernier_ecran = None
        try:
            super().suivre_lien(lien)
        except EcranInattendu:
            if self.dernier_ecran is not None and lien_refuse(self.dernier_ecran, self.voc):
                compteurs.local.ajouter(type(self.user).__name__, "liens_refuses")
            raise


class NavigateurImpatient(NavigateurSuivi):
    """A navigator that reloads, resubmits, asks again and gives up, as set by the options."""

    def __init__(
        self, user: Any, mail_api_url: str, captcha_code: str, mail_imap: str | None = None
    ) -> None:
        options = user.environment.parsed_options
        self.essais = int(options.impatience_essais)
        self.reflexion_s = float(options.impatience_reflexion_s)
        self.mail_s = float(options.impatience_mail_s)
        self.abandon_s = float(options.impatience_abandon_s)
        super().__init__(user, mail_api_url, captcha_code, mail_imap)

    def _relancer(self, tentative: int, quoi: str) -> None:
        """Count one retry after `tentative` tries and think it over, or give up (the
        failure that made the voter leave is counted already)."""
        arrivee = getattr(self.user, "arrivee", time.monotonic())
        patience = time.monotonic() - arrivee + self.reflexion_s <= self.abandon_s
        if tentative > self.essais or not patience:
            arrivees.issue(self.user, "abandons")
            erreur = EcranInattendu(f"{quoi} : électeur parti après {tentative - 1} relance(s)")
            erreur.compte = True
            raise erreur
        compteurs.local.ajouter(type(self.user).__name__, "relances")
        time.sleep(self.reflexion_s)

    def navigation(self) -> Navigation:
        """Each request reloaded (a GET) or resubmitted (a form, as sent) while the screen
        that comes is blank or an error page, as `relancable` reads it."""
        suivie = super().navigation()

        def naviguer(
            methode: str, chemin: str, corps: str | None, nom: str, verifier: Verification | None
        ) -> Ecran:
            tentative = 0
            while True:
                self.dernier_ecran = None
                try:
                    return suivie(methode, chemin, corps, nom, verifier)
                except EcranInattendu:
                    ecran = self.dernier_ecran
                    if ecran is None or not relancable(ecran, self.voc):
                        raise
                    tentative += 1
                    self._relancer(tentative, nom)

        return naviguer

    def _attendre_lien(self, email: str, avant: int, demande: float) -> str:
        """Wait `--impatience-mail-s` for the mail, then press the réassort button again,
        and so on; the delay measured is the voter's, from the first request."""
        tentative = 0
        while True:
            try:
                return self._courrier.attendre_lien(email, avant, demande, self.mail_s)
            except MailEnRetard:
                tentative += 1
                try:
                    self._relancer(tentative, "réassort: mail")
                except EcranInattendu:
                    self._courrier.abandonne(demande)
                    raise
            with self._etape("réassort: nouvelle demande"):
                self.parcours.demander_reassort()


def navigateur(
    user: Any, mail_api_url: str, captcha_code: str, mail_imap: str | None = None
) -> Navigateur:
    """The navigator of a persona: impatient with `--impatience`."""
    options = user.environment.parsed_options
    if options is not None and options.impatience:
        return NavigateurImpatient(user, mail_api_url, captcha_code, mail_imap)
    return NavigateurSuivi(user, mail_api_url, captcha_code, mail_imap)
