"""The code de vote: checked before the scrutins are shown, locked after repeated wrong
tries (as the password is), and reissued by mail once the voter has answered the question
défi chosen at activation (the guide: « procédure de réassort de votre code de vote »).

A roll's voter has the code derived from the roll's secret (fixtures/identifiants.py),
of which the load kept only a salted hash in `code_vote_hash`; a réassort stores the
Argon2id hash of a fresh code there, which voids the derived one for good. The vote's
screen never receives the code: the portal keeps the public credential derived from it
(vote/credentials.py) and checks the browser's proof of possession (vote/possession.py);
a réassort replaces the credential too, on the public board as well.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable

from fixtures.identifiants import normalise_code_vote, tirer_code_vote
from simulator import audit
from simulator.acces.comptes import exiger
from simulator.acces.identifiants import est_derive, verifier_derive
from simulator.acces.identite import normalise_reponse
from simulator.acces.passwords import hash_password, verify_password
from simulator.acces.verrouillage import reserver_essai
from simulator.clock import Clock
from simulator.courrier.mails import mail_code_vote, mettre_en_file
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
    """Whether `saisi` is the voter's current code de vote (the portal meets a code in
    clear only when it derives the roll's credentials at start, vote/credentials.py).

    The seam of the code's check, and nothing else: the lock around it (`_reserver`) does
    not depend on how a code is checked. Today: the salted fast hash of the code derived
    at load (acces/identifiants.py), or the Argon2id hash of a reissued code."""
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
    client: str | None = None,
    credential: Callable[[str], Callable[[sqlite3.Connection], None]] | None = None,
) -> None:
    """Check the answer to the question défi, then give the voter a new code de vote by
    mail; the previous code stops working in the same transaction. `credential`, given the
    new code, derives its public credential (slow, before the transaction) and returns
    what records it in the transaction (vote/credentials.py)."""
    if electeur.answer_hash is None or electeur.question is None:
        raise SansQuestionDefi()
    reponse = exiger(reponse, "Réponse secrète")
    maintenant = clock.now()
    duree = _reserver(db, settings, electeur, maintenant)
    if not reponse_correcte(db, settings, electeur, reponse):
        erreur = _echec(db, electeur, maintenant, client, duree)
        raise erreur if isinstance(erreur, CodeVoteBloque) else ReponseDefiIncorrecte()
    code = tirer_code_vote()
    empreinte = hash_password(normalise_code_vote(code), settings.hash_cost)
    mail = mail_code_vote(electeur, code, settings.titre_election)
    ecrire_credential = credential(code) if credential is not None else None
    with db.transaction() as conn:
        remplacer_code_vote(conn, electeur.email, empreinte)
        if ecrire_credential is not None:
            ecrire_credential(conn)
        effacer_verrou(conn, cle_verrou(electeur))
        mettre_en_file(conn, electeur.email, mail, maintenant)
        append_audit(
            conn,
            maintenant,
            audit.CODE_VOTE_REASSORT,
            identifier=electeur.email,
            electeur_id=electeur.id,
            client=client,
        )
