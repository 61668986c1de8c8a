"""The verifier on hostile files: any node of the published board, decryptions or results
replaced by anything gives a named refusal (ErreurChiffrement), never a crash."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.verificateur import verifier_dossier
from tests.chiffrement_essai import chemins_json, ecrire_dossier, election_complete, valeurs_json

ELECTION, FICHIERS = election_complete()
PIECES = {
    "tableau.json": {"entrees": ELECTION.entrees},
    "dechiffrements.json": FICHIERS["dechiffrements.json"],
    "resultats.json": FICHIERS["resultats.json"],
    "emargements.json": FICHIERS["emargements.json"],
    "credentials.json": ELECTION.credentials,
}
CIBLES = [
    (nom, chemin) for nom, piece in PIECES.items() for chemin in chemins_json(piece) if chemin
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cible=st.sampled_from(CIBLES), valeur=valeurs_json)
def test_une_piece_alteree_est_refusee_proprement(cible: tuple[str, Any], valeur: Any) -> None:
    """One node of one published file replaced: a typed refusal, or the same verdict if
    the value did not change anything."""
    nom, chemin = cible
    piece = copy.deepcopy(PIECES[nom])
    noeud: Any = piece
    for cle in chemin[:-1]:
        noeud = noeud[cle]
    if noeud[chemin[-1]] == valeur and type(noeud[chemin[-1]]) is type(valeur):
        return
    noeud[chemin[-1]] = valeur
    with tempfile.TemporaryDirectory() as dossier:
        ecrire_dossier(Path(dossier), ELECTION, FICHIERS)
        (Path(dossier) / nom).write_text(json.dumps(piece), encoding="utf-8")
        try:
            verifier_dossier(Path(dossier))
        except ErreurChiffrement:
            return
    raise AssertionError(f"{nom} altéré en {chemin} accepté")


def test_un_compte_publie_vrai_au_lieu_de_un_est_refuse() -> None:
    """A count is a JSON integer: `true` in the closing entry or the émargements, which
    Python's == takes for 1, is refused (found by the test above)."""
    for nom in ("tableau.json", "emargements.json"):
        piece = copy.deepcopy(PIECES[nom])
        comptes = piece["entrees"][-1]["contenu"]["bulletins"] if nom == "tableau.json" else piece
        scrutin = next(s for s, n in comptes.items() if n == 1)
        comptes[scrutin] = True
        with tempfile.TemporaryDirectory() as dossier:
            ecrire_dossier(Path(dossier), ELECTION, FICHIERS)
            (Path(dossier) / nom).write_text(json.dumps(piece), encoding="utf-8")
            try:
                verifier_dossier(Path(dossier))
            except ErreurChiffrement as refus:
                assert nom in str(refus)
                continue
        raise AssertionError(f"{nom} : un compte `true` accepté pour 1")
