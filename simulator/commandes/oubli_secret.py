"""A database loaded by an older portal kept the roll's secret in `roll_meta` and marked
derived credentials "derive:hmac-sha256": at start the portal replaces each by the
salted hash of the derived secret (acces/identifiants.py), then deletes the secret, in
one transaction. The code de vote is left alone: it is the credential authority's, and
the portal checks the public credential it published instead."""

from __future__ import annotations

from fixtures.identifiants import deriver_identifiants
from simulator.acces.identifiants import empreinte_derivee
from simulator.acces.identite import normalise_reponse
from simulator.storage import Database
from simulator.storage.election import effacer_ancien_secret, lire_ancien_secret

ANCIEN_MARQUEUR = "derive:hmac-sha256"


def oublier_secret_stocke(db: Database) -> int:
    """Hash the derived credentials of an older database and forget its secret; return
    how many voters were rewritten (0: nothing stored, the usual case)."""
    if lire_ancien_secret(db.reader()) is None:
        return 0
    with db.transaction() as conn:
        secret = lire_ancien_secret(conn)
        if secret is None:  # another worker did it first
            return 0
        lignes = conn.execute(
            "SELECT id, email, password_hash, answer_hash FROM voters"
            " WHERE password_hash = ?1 OR answer_hash = ?1",
            (ANCIEN_MARQUEUR,),
        ).fetchall()
        for ligne in lignes:
            derives = deriver_identifiants(ligne["email"], secret)
            mot_de_passe, reponse = ligne["password_hash"], ligne["answer_hash"]
            if mot_de_passe == ANCIEN_MARQUEUR:
                mot_de_passe = empreinte_derivee(derives.password)
            if reponse == ANCIEN_MARQUEUR:
                reponse = empreinte_derivee(normalise_reponse(derives.answer))
            conn.execute(
                "UPDATE voters SET password_hash = ?, answer_hash = ? WHERE id = ?",
                (mot_de_passe, reponse, ligne["id"]),
            )
        effacer_ancien_secret(conn)
    return len(lignes)
