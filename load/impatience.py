"""Impatient voters (`--impatience`): what real voters do when the portal is slow.

A voter gives a screen `--impatience-ecran-s` seconds, then reloads it (or resubmits
its form), up to `--impatience-essais` times with `--impatience-reflexion-s` seconds of
thought in between; likewise when the portal answers an error (5xx, 429). When the
réassort mail has not come after `--impatience-mail-s` seconds, the voter asks for a
new one (the same number of times). Past `--impatience-abandon-s` from the arrival, or
once the tries are spent, the voter gives up. Each retry is counted apart, under its
persona (load/compteurs.py), and an abandon is a journey's outcome of its own.

Without `--impatience`, a voter waits as long as the client lets it (Locust's 60 s)
and never tries again: the navigator then only counts the réassort links refused.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from locust import FastHttpUser, events
from locust.runners import MasterRunner

from fixtures import arguments
from load import arrivees, compteurs
from load.courrier import ApiCourrierIndisponible
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


def relancable(statut: int | None) -> bool:
    """A screen a voter would reload: none came (timeout, reset: 0), or an error page."""
    return statut is not None and (statut == 0 or statut == 429 or statut >= 500)


class NavigateurSuivi(Navigateur):
    """The navigator of load/portail.py, counting the réassort links the portal refuses
    (expired or replaced by a later mail) and remembering each screen's status."""

    dernier_statut: int | None = None

    def _attendu(self, response: Any, marqueur: str, quoi: str) -> None:
        self.dernier_statut = response.status_code
        super()._attendu(response, marqueur, quoi)

    def suivre_lien(self, lien: str) -> None:
        """Open the mailed link; a refusal (not an error page) is counted."""
        self.dernier_statut = None
        try:
            super().suivre_lien(lien)
        except EcranInattendu:
            if self.dernier_statut is not None and not relancable(self.dernier_statut):
                compteurs.local.ajouter(type(self.user).__name__, "liens_refuses")
            raise


class NavigateurImpatient(NavigateurSuivi):
    """A navigator that reloads, resubmits, asks again and gives up, as set by the options."""

    def __init__(self, user: Any, mail_api_url: str, captcha_code: str) -> None:
        super().__init__(user, mail_api_url, captcha_code)
        options = user.environment.parsed_options
        self.essais = int(options.impatience_essais)
        self.reflexion_s = float(options.impatience_reflexion_s)
        self.mail_s = float(options.impatience_mail_s)
        self.abandon_s = float(options.impatience_abandon_s)

    def _relancer(self, tentative: int) -> None:
        """Count one retry after `tentative` tries and think it over, or give up."""
        arrivee = getattr(self.user, "arrivee", time.monotonic())
        patience = time.monotonic() - arrivee + self.reflexion_s <= self.abandon_s
        if tentative > self.essais or not patience:
            arrivees.issue(self.user, "abandons")
            raise EcranInattendu()
        compteurs.local.ajouter(type(self.user).__name__, "relances")
        time.sleep(self.reflexion_s)

    def _insister(self, faire: Callable[[], None]) -> None:
        tentative = 0
        while True:
            self.dernier_statut = None
            try:
                faire()
                return
            except EcranInattendu:
                if not relancable(self.dernier_statut):
                    raise
                tentative += 1
                self._relancer(tentative)

    def page(self, path: str, nom: str, marqueur: str) -> None:
        """GET a screen, reloading it while it does not come."""
        self._insister(lambda: Navigateur.page(self, path, nom, marqueur))

    def envoyer(
        self, path: str, nom: str, champs: dict[str, str], marqueur: str, statut: int | None = None
    ) -> None:
        """POST a form, resubmitting it while no answer comes."""
        self._insister(lambda: Navigateur.envoyer(self, path, nom, champs, marqueur, statut))

    def _attendre_mail(self, email: str, avant: int, demande: float) -> str:
        """Wait `--impatience-mail-s` for the mail, then ask for another one, and so on;
        the delay measured is the voter's, from the first request."""
        tentative = 0
        while True:
            lien = self._mail_dans(email, avant, demande, time.monotonic() + self.mail_s)
            if lien is not None:
                return lien
            tentative += 1
            try:
                self._relancer(tentative)
            except EcranInattendu:
                ecoule = (time.monotonic() - demande) * 1000
                self._mesure_mail(ecoule, TimeoutError("mail non reçu, électeur parti"))
                raise
            champs = self.voc.formulaires
            self.envoyer(
                self.voc.chemins.reassort,
                "réassort: nouvelle demande",
                {champs.depuis: champs.depuis_mot_de_passe},
                self.voc.messages.mail_envoye,
            )

    def _mail_dans(self, email: str, avant: int, demande: float, limite: float) -> str | None:
        """The newest mail's link if a mail beyond the `avant` first came by `limite`."""
        motif = self.voc.motif_lien_reassort()
        while True:
            reste = limite - time.monotonic()
            mails = self._mails_pour(email, max(0.0, reste) if avant == 0 else 0.0)
            if len(mails) > avant:
                ecoule = (time.monotonic() - demande) * 1000
                try:
                    trouve = motif.search(self._mail.message(mails[0]["ID"])["Text"])
                except (ApiCourrierIndisponible, OSError) as exc:
                    self._mesure_mail(ecoule, exc)
                    raise EcranInattendu() from exc
                if trouve is None:
                    self._mesure_mail(ecoule, ValueError("mail sans lien de réassort"))
                    raise EcranInattendu()
                self._mesure_mail(ecoule)
                return trouve.group(0)
            if time.monotonic() >= limite:
                return None
            time.sleep(min(1.0, max(0.0, limite - time.monotonic())))


def navigateur(user: Any, mail_api_url: str, captcha_code: str) -> Navigateur:
    """The navigator of a persona: impatient with `--impatience`."""
    options = user.environment.parsed_options
    if options is not None and options.impatience:
        return NavigateurImpatient(user, mail_api_url, captcha_code)
    return NavigateurSuivi(user, mail_api_url, captcha_code)
