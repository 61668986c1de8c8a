"""The voters of opening day, one Locust user class each, weighted as they arrive.

With a shape and open arrivals (the default), a user is a place in a pool that takes
its persona's next arrival from a clock (load/arrivees.py). Otherwise (closed
arrivals, or a profile without a shape), a user is a slot that lets a new voter in
every `--parcours-s` seconds on average, however fast the portal answers: arrivals per
second = users / parcours_s exactly, as long as a visit lasts less than that (Little's
law read the right way round). A slot whose voter is still busy when the next one is
due lets the next in at once, so a portal that slows down receives fewer voters, and
its p95 says why: coordinated omission, which open arrivals avoid.
"""

from __future__ import annotations

import random
import secrets
import time

from locust import FastHttpUser, task
from locust.exception import StopUser

from load import arrivees, bilan, profil  # noqa: F401  (ops report; declared absences)
from load.comptes import Compte, ListeEpuisee, comptes_du_worker, signaler_epuisement
from load.courrier import options_courrier
from load.impatience import navigateur
from load.options import PARCOURS_S
from load.portail import EcranInattendu, Navigateur
from load.seuils import PARCOURS

CHOIX_MOT_DE_PASSE = "Vote-2026-{}!"


class Electeur(FastHttpUser):
    """What every persona shares: an account of a given state and a browser-less session.

    FastHttpUser (geventhttpclient) rather than HttpUser (requests): several times less
    CPU per request, which leaves more of a small machine to the portal under test.
    """

    abstract = True
    etat = "actif"
    # What this persona needs of the portal beyond access (harnais/profil.py's names): not
    # started when the vocabulary declares one absent (load/profil.py).
    capacites: tuple[str, ...] = ()

    def on_start(self) -> None:
        """Read the run's options once; let the first voter in at a random moment of the
        first interval, so that users spawned together do not arrive together."""
        options = self.environment.parsed_options
        host = self.host or ""
        mail, imap = options_courrier(options, host)
        captcha = options.captcha_code if options else ""
        self.navigateur: Navigateur = navigateur(self, mail, captcha, imap)
        self.intervalle_s = float(options.parcours_s) if options else PARCOURS_S
        if arrivees.ouvertes(self.environment):
            return  # the arrival clock says when each voter comes
        premier = random.uniform(0, self.intervalle_s)
        time.sleep(premier)  # cooperative: Locust's processes are monkey-patched by gevent
        self.depart = time.monotonic()

    def wait_time(self) -> float:
        """Until the next voter is due: an interval of 0.5 to 1.5 × `--parcours-s` from
        the previous voter's arrival, minus what that visit already took (in open
        arrivals, none: the next arrival is awaited in `arrive`)."""
        if arrivees.ouvertes(self.environment):
            return 0.0
        self.depart += self.intervalle_s * random.uniform(0.5, 1.5)
        return max(0.0, self.depart - time.monotonic())

    def compte(self) -> Compte:
        """The next voter's account; the user stops when this worker's share is used up,
        and says so (log and report, load/comptes.py)."""
        comptes = comptes_du_worker(self.environment)
        try:
            return comptes.prendre(self.etat, self.client)
        except ListeEpuisee as exc:
            signaler_epuisement(self.environment, type(self).__name__, self.etat, comptes)
            raise StopUser() from exc

    def nouvelle_session(self) -> None:
        """New cookies, no screen shown yet (a new voter, or the same one in a new window)."""
        self.client.cookiejar.clear()
        self.navigateur.oublier_ecran()

    def context(self) -> dict[str, str]:
        """Each request is counted under its persona (load/compteurs.py)."""
        return {"persona": type(self).__name__}

    def arrive(self) -> None:
        """A new voter arrives (when its arrival falls due, in open arrivals): a new
        session, and the journey's clock starts at the arrival's due time."""
        self.arrivee = arrivees.attendre_son_tour(self)
        self.nouvelle_session()

    def parcours_fini(self) -> None:
        """The voter got where it came for (the voter space, or its last ballot): the
        whole journey since its arrival, mail wait included, is one PARCOURS entry named
        after the persona, with its own percentiles and SLO (load/slo.py)."""
        arrivees.entree(self, time.monotonic() - self.arrivee)
        self.environment.events.request.fire(
            request_type=PARCOURS,
            name=f"parcours: {type(self).__name__}",
            response_time=(time.monotonic() - self.arrivee) * 1000,
            response_length=0,
            exception=None,
            context={},
        )


class Votant(Electeur):
    """Most of the opening's arrivals: an active voter who logs in, opens the vote with
    the code de vote, votes in one to all of its scrutins (1 to 7), and logs out."""

    weight = 14
    capacites = ("vote",)

    @task
    def electeur(self) -> None:
        """One voter's whole visit."""
        self.arrive()
        compte = self.compte()
        assert compte.mot_de_passe and compte.code_vote
        nav = self.navigateur
        try:
            nav.s_identifier(compte.email)
            nav.mot_de_passe(compte.mot_de_passe)
            # Some vote in one go, some keep scrutins for later: k of n, uniformly.
            nav.voter(compte.code_vote, random.randint(1, 7), random.choice)
            self.parcours_fini()
            nav.se_deconnecter()
        except EcranInattendu:
            return


class ElecteurActif(Electeur):
    """Account already active, come to look before voting: identifiant, CAPTCHA,
    password, voter space, logout."""

    weight = 1
    maladroit = False

    @task
    def electeur(self) -> None:
        """One voter's whole visit."""
        self.arrive()
        compte = self.compte()
        assert compte.mot_de_passe
        try:
            self.navigateur.s_identifier(compte.email, captcha_faux=self.maladroit)
            self.navigateur.mot_de_passe(compte.mot_de_passe, faux=self.maladroit)
            self.parcours_fini()
            self.navigateur.se_deconnecter()
        except EcranInattendu:
            return


class PremiereConnexion(Electeur):
    """Never created a password: réassort, waits for the mail, follows the link, sets a
    password, activates, reaches the voter space."""

    etat = "nouveau"
    weight = 3
    reponse_defi: str | None = "Labrador"

    @task
    def electeur(self) -> None:
        """One voter's whole visit."""
        self.arrive()
        compte = self.compte()
        nav = self.navigateur
        try:
            nav.s_identifier(compte.email)
            lien = nav.demander_reassort(compte.email)
            self.nouvelle_session()  # the mail is opened in a new window
            nav.suivre_lien(lien)
            nav.initialiser(CHOIX_MOT_DE_PASSE.format(secrets.token_hex(4)))
            nav.activer(self.reponse_defi)
            self.parcours_fini()
            nav.se_deconnecter()
        except EcranInattendu:
            return


class SansActivation(PremiereConnexion):
    """Like the first-time voter, but chooses 'ACCÈS SANS ACTIVATION'."""

    weight = 1
    reponse_defi = None


class Maladroit(ElecteurActif):
    """Mistypes the CAPTCHA, then the password, before getting in."""

    weight = 1
    maladroit = True
