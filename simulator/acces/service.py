"""The access service: one method per thing a voter does on the way in.

Built once by `create_app`, it holds the database, the clock, the settings and the
outbox; a screen's handler reads the form, calls one method and renders
what it returns, or the typed error it raises (`web.form_again`). Every rule is here or
in the domain modules it calls (comptes, reassort, politique, ratelimit), none in a handler.

The methods are coroutines for one reason: they decide what may run on the event loop
(cheap checks, WAL reads) and what goes to the thread pool (Argon2, write transactions).
A hop to the pool costs every request of the opening peak, so none is taken for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from simulator.acces import comptes, politique, ratelimit, reassort
from simulator.acces.errors import CaptchaIncorrect, MotDePasseRefuse
from simulator.acces.passwords import hash_password
from simulator.clock import Clock
from simulator.courrier.outbox import OutboxSender
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.electeurs import Electeur, electeur_par_id
from simulator.storage.liens import LienReassort


@dataclass(frozen=True)
class Activation:
    """A new password accepted at initialisation, waiting for the activation screen."""

    electeur_id: int
    password_hash: str


@dataclass(frozen=True)
class ServiceAcces:
    """Identify, log in, ask for a réassort, open its link, choose a password, activate
    or enter without activation: the voter's whole way in (logging out is the web
    session's end, `web/screens/entree.deconnexion`)."""

    db: Database
    clock: Clock
    settings: Settings
    outbox: OutboxSender | None

    # CAPTCHA and identification --------------------------------------------------

    async def verifier_captcha(self, attendu: str | None, saisi: str, client: str) -> None:
        """Check the digits typed against the CAPTCHA shown (or the recette bypass code);
        refuse an address past its quota of wrong CAPTCHAs, and count each wrong one."""
        if self.settings.captcha_failures_per_window > 0:
            await run_in_threadpool(
                ratelimit.check_captcha_allowance, self.db, self.clock, self.settings, client
            )
        try:
            comptes.verifier_captcha(attendu, saisi, self.settings.election.captcha_recette)
        except CaptchaIncorrect:
            # Failures are audited even when the limit is off.
            await run_in_threadpool(
                ratelimit.record_captcha_failure, self.db, self.clock, self.settings, client
            )
            raise

    async def identifier(
        self, identifiant: str, captcha_attendu: str | None, captcha_saisi: str, client: str
    ) -> str:
        """The address typed, normalised, once its CAPTCHA is right. Known or not, every
        address goes on to the password page: nothing tells whether it is on the roll."""
        email = comptes.normalise_identifiant(comptes.exiger(identifiant, "Identifiant"))
        await self.verifier_captcha(captcha_attendu, captcha_saisi, client)
        return email

    # Login -----------------------------------------------------------------------

    async def se_connecter(self, email: str, mot_de_passe: str, client: str) -> Electeur:
        """The active voter whose Élections password this is, or a refusal (maybe a lock)."""
        return await run_in_threadpool(
            comptes.authentifier, self.db, self.clock, self.settings, email, mot_de_passe, client
        )

    def electeur(self, electeur_id: object) -> Electeur | None:
        """The logged-in voter of a session, if any (a WAL read: on the loop)."""
        return (
            electeur_par_id(self.db.reader(), electeur_id) if isinstance(electeur_id, int) else None
        )

    # Réassort --------------------------------------------------------------------

    async def demander_reassort(self, email: str, client: str) -> None:
        """Queue a réassort mail for a voter on the roll (nothing for an unknown address,
        and the same answer), and wake the sender at once."""
        await run_in_threadpool(
            reassort.demander_reassort, self.db, self.clock, self.settings, email, client
        )
        if self.outbox is not None:
            self.outbox.wake()

    async def ouvrir_lien(self, jeton: str, client: str) -> LienReassort:
        """The usable link behind a mailed token, or a typed refusal."""
        return await run_in_threadpool(reassort.ouvrir_lien, self.db, self.clock, jeton, client)

    async def choisir_mot_de_passe(
        self,
        lien_id: int,
        mot_de_passe: str,
        confirmation: str,
        captcha_attendu: str | None,
        captcha_saisi: str,
        client: str,
    ) -> Activation:
        """'Initialisation du mot de passe Élections': both fields given, the CAPTCHA right,
        every rule of the policy met, the confirmation equal; then the link is used up
        and the password hashed, to be saved only if the voter activates."""
        comptes.exiger(mot_de_passe, "Mot de passe Élections")
        comptes.exiger(confirmation, "Confirmation du mot de passe Élections")
        await self.verifier_captcha(captcha_attendu, captcha_saisi, client)
        broken = politique.regles_enfreintes(mot_de_passe)
        if broken:
            raise MotDePasseRefuse(broken)
        if mot_de_passe != confirmation:
            raise MotDePasseRefuse([politique.MESSAGE_CONFIRMATION])
        electeur_id = await run_in_threadpool(
            reassort.consommer_lien, self.db, self.clock, lien_id, client
        )
        password_hash = await run_in_threadpool(
            hash_password, mot_de_passe, self.settings.hash_cost
        )
        return Activation(electeur_id, password_hash)

    # Activation ------------------------------------------------------------------

    async def activer(
        self, activation: Activation, question: str, reponse: str, confirmation: str, client: str
    ) -> int:
        """'ACTIVER SON COMPTE': the password and the hashed answer to the défi are saved."""
        await run_in_threadpool(
            comptes.activer,
            self.db,
            self.clock,
            self.settings,
            activation.electeur_id,
            activation.password_hash,
            question,
            reponse,
            confirmation,
            client,
        )
        return activation.electeur_id

    async def entrer_sans_activation(self, activation: Activation, client: str) -> int:
        """'ACCÈS SANS ACTIVATION': nothing is saved; the next login asks for a réassort."""
        await run_in_threadpool(
            comptes.entrer_sans_activation, self.db, self.clock, activation.electeur_id, client
        )
        return activation.electeur_id
