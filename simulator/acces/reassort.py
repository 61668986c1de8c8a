"""Réassort of the Élections password: single-use links, hashed, expiring, superseded."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from simulator import audit
from simulator.acces.comptes import normalise_identifiant
from simulator.acces.errors import (
    LienDejaUtilise,
    LienExpire,
    LienInconnu,
    LienInvalide,
    LienRemplace,
)
from simulator.clock import Clock
from simulator.courrier.mails import mail_reassort, mettre_en_file
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.audit import append_audit
from simulator.storage.electeurs import electeur_par_email
from simulator.storage.liens import (
    LienReassort,
    inserer_lien,
    lien_par_empreinte,
    lien_par_id,
    marquer_lien_utilise,
)

CHEMIN_LIEN = "/reassort/lien"


def token_digest(token: str) -> str:
    """Links are stored by the SHA-256 of their token, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class DemandeReassort:
    """What a réassort request did: whether a mail was queued (never shown to the visitor)."""

    queued: bool


def demander_reassort(
    db: Database, clock: Clock, settings: Settings, identifiant: str, client: str | None
) -> DemandeReassort:
    """Queue a réassort mail for a voter on the roll; for an unknown address, do nothing."""
    email = normalise_identifiant(identifiant)
    electeur = electeur_par_email(db.reader(), email)
    now = clock.now()
    with db.transaction() as conn:
        append_audit(
            conn,
            now,
            audit.REASSORT_DEMANDE,
            identifier=email,
            client=client,
            electeur_id=electeur.id if electeur else None,
            detail=None if electeur else "adresse inconnue",
        )
        if electeur is None:
            return DemandeReassort(queued=False)
        token = secrets.token_urlsafe(32)
        lifetime = settings.election.duree_lien_reassort_s
        inserer_lien(conn, electeur.id, token_digest(token), now, now + lifetime)
        link = f"{settings.public_url}{CHEMIN_LIEN}?{urlencode({'jeton': token})}"
        mail = mail_reassort(electeur, link, lifetime // 60, settings.election.titre_election)
        mettre_en_file(conn, electeur.email, mail, now)
    return DemandeReassort(queued=True)


def _check_usable(link: LienReassort, now: float) -> None:
    if link.used_at is not None:
        raise LienDejaUtilise()
    if link.superseded_at is not None:
        raise LienRemplace()
    if link.expires_at <= now:
        raise LienExpire()


def ouvrir_lien(db: Database, clock: Clock, token: str, client: str | None) -> LienReassort:
    """The usable link behind a token, or a typed refusal (unknown, used, replaced, expired)."""
    now = clock.now()
    link = lien_par_empreinte(db.reader(), token_digest(token)) if token else None
    try:
        if link is None:
            raise LienInconnu()
        _check_usable(link, now)
    except LienInvalide as exc:
        event = audit.LIEN_EXPIRE if isinstance(exc, LienExpire) else audit.LIEN_REFUSE
        with db.transaction() as conn:
            append_audit(
                conn,
                now,
                event,
                electeur_id=link.electeur_id if link else None,
                client=client,
                detail=type(exc).__name__,
            )
        raise
    return link


def consommer_lien(db: Database, clock: Clock, link_id: int, client: str | None) -> int:
    """Use a link up (the new password was accepted); return its voter's id."""
    now = clock.now()
    with db.transaction() as conn:
        link = lien_par_id(conn, link_id)
        if link is None:
            raise LienInconnu()
        try:
            _check_usable(link, now)
        except LienExpire:
            append_audit(conn, now, audit.LIEN_EXPIRE, electeur_id=link.electeur_id, client=client)
            error: Exception = LienExpire()
        except (LienDejaUtilise, LienRemplace) as exc:
            error = exc
        else:
            marquer_lien_utilise(conn, link.id, now)
            append_audit(conn, now, audit.LIEN_UTILISE, electeur_id=link.electeur_id, client=client)
            return link.electeur_id
    raise error
