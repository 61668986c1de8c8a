"""Public credentials of the voters (Belenios's model): g^x, where x is derived from the
voter's code de vote by the parameters' slow derivation (chiffrement.credential). The
portal keeps g^x only; x is derived again by the voter's browser whenever the code is
typed.

They are computed where the code is known: at the loading of the roll or the portal's
first start with the parameters (the code derived from the roll's secret, which the
caller holds and the database does not), by the test hook that creates a voter,
and at a réassort of the code de vote (the new credential replaces the old one, on the
board too).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from chiffrement.credential import credential_publique, deriver_secret
from chiffrement.parametres import Parametres
from fixtures.identifiants import deriver_code_vote, normalise_code_vote
from simulator.acces.identifiants import est_derive, verifier_derive
from simulator.storage import Database
from simulator.storage.electeurs import Electeur, electeur_par_id, sans_credential
from simulator.vote.tableau_public import inscrire_credential

# Voters whose credentials are written per transaction when the roll's are computed.
PAR_LOT = 200


def ids_des_scrutins(parametres: Parametres, noms: tuple[str, ...]) -> list[str]:
    """The parameters' ids of the scrutins named (those not sealed left out)."""
    par_nom = {s.nom: i for i, s in parametres.scrutins.items()}
    return sorted(par_nom[n] for n in noms if n in par_nom)


def credential_du_code(parametres: Parametres, email: str, code: str) -> str:
    """The public credential of the voter `email` whose code de vote is `code`."""
    x = deriver_secret(code, parametres.election, email, parametres.iterations)
    return credential_publique(x).texte()


def _code_derive(email: str, empreinte: str | None, secret_liste: str) -> str | None:
    """The voter's code derived from the roll's secret, if it is still the voter's code
    (the load kept its salted hash; a réassort replaced it by another)."""
    code = deriver_code_vote(email, secret_liste)
    if empreinte is None:
        return code  # a database loaded before codes were hashed
    if est_derive(empreinte) and verifier_derive(empreinte, normalise_code_vote(code)):
        return code
    return None


def completer_credentials(
    db: Database,
    parametres: Parametres,
    secret_liste: str,
    progression: Callable[[int, int], None] = lambda fait, total: None,
) -> int:
    """Give every voter of the roll whose code is still the one derived from
    `secret_liste` its credential (the secret given, never read from the database);
    return how many were computed."""
    manquants = sans_credential(db.reader())
    faits = 0
    for debut in range(0, len(manquants), PAR_LOT):
        lot = manquants[debut : debut + PAR_LOT]
        codes = [(i, e, _code_derive(e, h, secret_liste)) for i, e, h in lot]
        calcules = [(i, credential_du_code(parametres, e, c)) for i, e, c in codes if c]
        with db.transaction() as conn:
            for electeur_id, credential in calcules:
                _inscrire(conn, parametres, electeur_id, credential, None)
        faits += len(calcules)
        progression(debut + len(lot), len(manquants))
    return faits


def _inscrire(
    conn: sqlite3.Connection,
    parametres: Parametres,
    electeur_id: int,
    credential: str,
    remplace: str | None,
) -> None:
    electeur = electeur_par_id(conn, electeur_id)
    if electeur is not None:
        scrutins = ids_des_scrutins(parametres, electeur.scrutins)
        inscrire_credential(conn, electeur_id, scrutins, credential, remplace)


def inscrire_code(db: Database, parametres: Parametres, electeur: Electeur, code: str) -> str:
    """Give a new voter the credential of its code de vote; return it."""
    credential = credential_du_code(parametres, electeur.email, code)
    with db.transaction() as conn:
        _inscrire(conn, parametres, electeur.id, credential, None)
    return credential


def remplacement(
    parametres: Parametres, electeur: Electeur
) -> Callable[[str], Callable[[sqlite3.Connection], None]]:
    """For a réassort of the code de vote: from the new code, the slow derivation done at
    once, and what writes the new credential (replacing the old one) in the réassort's
    own transaction."""

    def preparer(code: str) -> Callable[[sqlite3.Connection], None]:
        credential = credential_du_code(parametres, electeur.email, code)

        def ecrire(conn: sqlite3.Connection) -> None:
            _inscrire(conn, parametres, electeur.id, credential, electeur.credential)

        return ecrire

    return preparer
