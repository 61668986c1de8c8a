"""Domain rules of identification and login; no HTTP here."""

from __future__ import annotations

import hmac
import math
import secrets
import unicodedata
from dataclasses import dataclass

from fixtures.identifiants import normalise_code_vote, tirer_code_vote
from simulator import audit
from simulator.acces import ratelimit
from simulator.acces.errors import (
    CaptchaIncorrect,
    CompteVerrouille,
    ConnexionRefusee,
    ReponsesDefiInvalides,
)
from simulator.acces.identifiants import est_derive, verifier_derive
from simulator.acces.identite import QUESTIONS_DEFI, normalise_identifiant, normalise_reponse
from simulator.acces.passwords import hash_password, verify_password
from simulator.acces.verrouillage import reserver_essai
from simulator.clock import Clock
from simulator.errors import ChampObligatoire, EtapeManquante, PortalError
from simulator.settings import HashCost, Settings
from simulator.storage import Database
from simulator.storage.audit import append_audit
from simulator.storage.electeurs import (
    Electeur,
    NouvelElecteur,
    electeur_par_email,
    electeur_par_id,
    enregistrer_activation,
    inserer_electeurs,
    remplacer_empreinte,
)
from simulator.storage.verrous import effacer_verrou

__all__ = ["QUESTIONS_DEFI", "normalise_identifiant", "normalise_reponse"]


def exiger(value: str, label: str) -> str:
    """Return a stripped field value, or raise if it is empty."""
    value = value.strip()
    if not value:
        raise ChampObligatoire(label)
    return value


def verifier_captcha(expected: str | None, typed: str, recette: str | None = None) -> None:
    """Compare the typed digits with the code shown (a missing code never matches), or
    with a staging portal's bypass code `recette`, which every CAPTCHA accepts."""
    # NFKC: full-width digits typed on some keyboards (« １２３ ») are the digits they show.
    typed = unicodedata.normalize("NFKC", exiger(typed, "CAPTCHA")).replace(" ", "")
    # Bytes, not str: compare_digest refuses non-ASCII text, and anything may be typed.
    saisi = typed.encode()
    if recette and hmac.compare_digest(recette.encode(), saisi):
        return
    if expected is None or not hmac.compare_digest(expected.encode(), saisi):
        raise CaptchaIncorrect()


def authentifier(
    db: Database,
    clock: Clock,
    settings: Settings,
    email: str,
    password: str,
    client: str | None = None,
) -> Electeur:
    """Return the active voter whose Élections password this is, or refuse (maybe locking)."""
    password = exiger(password, "Mot de passe Elections")
    now = clock.now()
    ratelimit.check_password_allowance(db, clock, settings, client)
    # The try is charged to the lock before Argon2 runs (verrouillage.py): a burst of
    # wrong passwords sent at once gets no more than the lock's tries checked.
    with db.transaction() as conn:
        essai = reserver_essai(conn, email, settings, now)
        if essai.bloque_minutes is not None:
            append_audit(conn, now, audit.CONNEXION_VERROUILLEE, identifier=email, client=client)
    if essai.bloque_minutes is not None:
        raise CompteVerrouille(essai.bloque_minutes)
    electeur = electeur_par_email(db.reader(), email)
    stored = electeur.password_hash if electeur is not None and electeur.is_active else None
    # The slow Argon2 work runs outside any transaction: writers are never held up by it.
    upgraded: str | None = None
    if est_derive(stored):
        # First login of a voter loaded from a roll: check the derived password, then
        # pay the production Argon2 cost once, as a real login would (identifiants.py).
        ok = verifier_derive(str(stored), password)
        upgraded = hash_password(password, settings.hash_cost) if ok else None
        if not ok:
            verify_password(None, password, settings.hash_cost)
    else:
        ok = verify_password(stored, password, settings.hash_cost)
    if ok and electeur is not None:
        with db.transaction() as conn:
            if upgraded is not None:
                remplacer_empreinte(conn, electeur.id, upgraded)
            effacer_verrou(conn, email)
            ratelimit.record_entry(conn, settings, client, email, now)
            append_audit(
                conn,
                now,
                audit.CONNEXION_REUSSIE,
                identifier=email,
                electeur_id=electeur.id,
                client=client,
            )
        return electeur
    error: PortalError
    with db.transaction() as conn:
        electeur_id = electeur.id if electeur else None
        ratelimit.record_password_failure(conn, settings, client, now)
        duree = essai.verrou_s  # the failure itself was counted by reserver_essai
        if duree is not None:
            append_audit(
                conn,
                now,
                audit.VERROUILLAGE,
                identifier=email,
                electeur_id=electeur_id,
                client=client,
                detail=f"{duree} s",
            )
            error = CompteVerrouille(math.ceil(duree / 60))
        else:
            append_audit(
                conn,
                now,
                audit.CONNEXION_ECHOUEE,
                identifier=email,
                electeur_id=electeur_id,
                client=client,
            )
            error = ConnexionRefusee()
    raise error


def verifier_defi(question: str, answer: str, confirmation: str) -> str:
    """Validate the 'Défi' form; return the normalised answer to hash."""
    if question not in QUESTIONS_DEFI:
        raise ReponsesDefiInvalides("Veuillez choisir une question défi dans la liste.")
    if not answer.strip() or not confirmation.strip():
        raise ReponsesDefiInvalides(
            "Veuillez saisir la réponse à la question défi et la ressaisir."
        )
    normalised = normalise_reponse(answer)
    if normalised != normalise_reponse(confirmation):
        raise ReponsesDefiInvalides("Les deux réponses à la question défi sont différentes.")
    return normalised


def activer(
    db: Database,
    clock: Clock,
    settings: Settings,
    electeur_id: int,
    password_hash: str,
    question: str,
    answer: str,
    confirmation: str,
    client: str | None = None,
) -> None:
    """'ACTIVER SON COMPTE': save the new password and the hashed answer to the défi."""
    normalised = verifier_defi(question, answer, confirmation)
    answer_hash = hash_password(normalised, settings.hash_cost)
    electeur = electeur_par_id(db.reader(), electeur_id)
    if electeur is None:
        raise EtapeManquante()
    now = clock.now()
    with db.transaction() as conn:
        enregistrer_activation(conn, electeur_id, password_hash, question, answer_hash)
        effacer_verrou(conn, electeur.email)
        ratelimit.record_entry(conn, settings, client, electeur.email, now)
        append_audit(
            conn,
            now,
            audit.ACTIVATION,
            identifier=electeur.email,
            electeur_id=electeur_id,
            client=client,
        )


def entrer_sans_activation(
    db: Database, clock: Clock, electeur_id: int, client: str | None = None
) -> None:
    """'ACCÈS SANS ACTIVATION': nothing is saved, only the event is recorded."""
    with db.transaction() as conn:
        append_audit(
            conn, clock.now(), audit.ACCES_SANS_ACTIVATION, electeur_id=electeur_id, client=client
        )


def generer_mot_de_passe() -> str:
    """A random password that satisfies the portal's policy (for test voters)."""
    return f"Ep-{secrets.token_urlsafe(12)}-7a"


@dataclass(frozen=True)
class ElecteurCree:
    """A voter created by the test hook, with the secrets it was given in clear."""

    email: str
    state: str
    password: str | None
    question: str | None
    answer: str | None
    code_vote: str


def creer_electeur(
    db: Database,
    cost: HashCost,
    *,
    state: str,
    email: str | None = None,
    password: str | None = None,
    question: str | None = None,
    answer: str | None = None,
    code_vote: str | None = None,
    nom: str = "Martin",
    prenom: str = "Camille",
    academie: str = "Reims",
    scrutins: tuple[str, ...] = (
        "CSA ministériel de l'éducation nationale",
        "CSA académique de Reims",
    ),
) -> ElecteurCree:
    """Insert one voter, `nouveau` (no password yet) or `actif` (password and answer set),
    with its code de vote (drawn at random unless given)."""
    email = normalise_identifiant(email or f"electeur.{secrets.token_hex(6)}@ac-reims.fr")
    password_hash = answer_hash = None
    if state == "actif":
        password = password or generer_mot_de_passe()
        question = question or QUESTIONS_DEFI[0]
        answer = answer or "Labrador"
        password_hash = hash_password(password, cost)
        answer_hash = hash_password(normalise_reponse(answer), cost)
    else:
        password = question = answer = None
    code_vote = code_vote or tirer_code_vote()
    record = NouvelElecteur(
        email=email,
        civilite="Mme",
        nom=nom,
        prenom=prenom,
        academie=academie,
        scrutins=scrutins,
        password_hash=password_hash,
        question=question,
        answer_hash=answer_hash,
        code_vote_hash=hash_password(normalise_code_vote(code_vote), cost),
    )
    with db.transaction() as conn:
        inserer_electeurs(conn, [record])
    return ElecteurCree(
        email=email,
        state=state,
        password=password,
        question=question,
        answer=answer,
        code_vote=code_vote,
    )
