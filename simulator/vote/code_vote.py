"""The code de vote: checked before the scrutins are shown, locked after repeated wrong
tries (as the password is), and reissued once the voter has answered the question défi
chosen at activation (the guide: « procédure de réassort de votre code de vote »).

The code itself is the credential authority's (simulator/autorite/): it gives each voter
the code of the notice and publishes only the public credential derived from it, which
the portal keeps (vote/credentials.py) and against which it checks the browser's proof
of possession (vote/possession.py); the vote's screen never receives the code. At a
réassort the authority draws the new code and mails it itself; the portal replaces the
credential (on the public board as well) and never meets the code.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable

from fixtures.identifiants import normalise_code_vote
from simulator import audit
from simulator.acces.comptes import exiger
from simulator.acces.identifiants import est_derive, verifier_derive
from simulator.acces.identite import normalise_reponse
from simulator.acces.passwords import verify_password
from simulator.acces.verrouillage import reserver_essai
from simulator.clock import Clock
from simulator.errors import PortalError
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.audit import append_audit
from simulator.storage.electeurs import Electeur, remplacer_code_vote
from simulator.storage.verrous import effacer_verrou
from simulator.vote.errors import (
    CodeVoteBloque,
    CodeVoteIncorrect,
    ReponseDefiIncorrecte,
    SansQuestionDefi,
)


def cle_verrou(electeur: Electeur) -> str:
    """The lock of the code de vote, apart from the password's (same table)."""
    return f"code-de-vote:{electeur.email}"


def _reserver(
    db: Database, settings: Settings, electeur: Electeur, maintenant: float
) -> int | None:
    """Charge one try to the voter's lock before checking it (verrouillage.py); refuse it
    unchecked if locked. Return the length of the lock this try set, if any."""
    with db.transaction() as conn:
        essai = reserver_essai(conn, cle_verrou(electeur), settings, maintenant)
    if essai.bloque_minutes is not None:
        raise CodeVoteBloque(essai.bloque_minutes)
    return essai.verrou_s


def _echec(
    db: Database, electeur: Electeur, maintenant: float, client: str | None, duree: int | None
) -> PortalError:
    """Record a checked wrong try (already counted by `_reserver`) and say what to show."""
    evenement = audit.CODE_VOTE_BLOQUE if duree is not None else audit.CODE_VOTE_REFUSE
    with db.transaction() as conn:
        append_audit(
            conn,
            maintenant,
            evenement,
            identifier=electeur.email,
            electeur_id=electeur.id,
            client=client,
        )
    return CodeVoteBloque(math.ceil(duree / 60)) if duree is not None else CodeVoteIncorrect()


def code_correct(db: Database, settings: Settings, electeur: Electeur, saisi: str) -> bool:
    """Whether `saisi` is the code de vote a test hook gave the voter (its Argon2id hash),
    or, in a database loaded before the credential authority, the roll's derived code
    (its salted fast hash). The vote itself checks a proof of possession instead; this
    seam serves the lock's tests, which do not depend on how a code is checked."""
    saisi = normalise_code_vote(saisi)
    if est_derive(electeur.code_vote_hash):
        return verifier_derive(str(electeur.code_vote_hash), saisi)
    return verify_password(electeur.code_vote_hash, saisi, settings.hash_cost)


def verifier_code_vote(
    db: Database,
    clock: Clock,
    settings: Settings,
    electeur: Electeur,
    correct: Callable[[], bool],
    client: str | None = None,
) -> None:
    """Accept the voter's code de vote, or refuse it (counting the failure, maybe locking).
    The code itself never reaches the portal: `correct` checks the browser's proof of
    possession of the credential derived from it (vote/possession.py); it runs only once
    the try is counted in the lock."""
    maintenant = clock.now()
    duree = _reserver(db, settings, electeur, maintenant)
    if not correct():
        raise _echec(db, electeur, maintenant, client, duree)
    # No audit event for a right code: one per named voter, in voting order, beside the
    # public board's order of ballots, would link voters to ballots (issue #21, attack
    # 2). Refusals, locks and réassorts are kept; the émargement says who voted.
    with db.transaction() as conn:
        effacer_verrou(conn, cle_verrou(electeur))


def reponse_correcte(db: Database, settings: Settings, electeur: Electeur, reponse: str) -> bool:
    """Whether `reponse` answers the voter's question défi (derived at load, or saved at
    activation)."""
    if est_derive(electeur.answer_hash):
        return verifier_derive(str(electeur.answer_hash), normalise_reponse(reponse))
    return verify_password(electeur.answer_hash, normalise_reponse(reponse), settings.hash_cost)


def reassort_code_vote(
    db: Database,
    clock: Clock,
    settings: Settings,
    electeur: Electeur,
    reponse: str,
    client: str | None,
    nouvelle_credential: Callable[[], Callable[[sqlite3.Connection], None]],
) -> None:
    """Check the answer to the question défi, then have the credential authority give the
    voter a new code de vote: `nouvelle_credential` asks it (the authority draws the code
    and mails it itself) and returns what records the new public credential; the previous
    code stops working in the same transaction. The portal never meets the new code."""
    if electeur.answer_hash is None or electeur.question is None:
        raise SansQuestionDefi()
    reponse = exiger(reponse, "Réponse secrète")
    maintenant = clock.now()
    duree = _reserver(db, settings, electeur, maintenant)
    if not reponse_correcte(db, settings, electeur, reponse):
        erreur = _echec(db, electeur, maintenant, client, duree)
        raise erreur if isinstance(erreur, CodeVoteBloque) else ReponseDefiIncorrecte()
    ecrire_credential = nouvelle_credential()
    with db.transaction() as conn:
        remplacer_code_vote(conn, electeur.email, None)
        ecrire_credential(conn)
        effacer_verrou(conn, cle_verrou(electeur))
        append_audit(
            conn,
            maintenant,
            audit.CODE_VOTE_REASSORT,
            identifier=electeur.email,
            electeur_id=electeur.id,
            client=client,
        )
