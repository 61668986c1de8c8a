"""Whatever a hostile client posts in place of a ballot, the verifier answers with a typed
refusal (ErreurChiffrement), never a crash, and never accepts a changed ballot."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiffrement.bulletin import construire_bulletin, verifier_bulletin
from chiffrement.erreurs import ErreurChiffrement
from tests.chiffrement_essai import chemins_json, creer_election, valeurs_json

ELECTION = creer_election(electeurs=1)
BULLETIN = construire_bulletin(ELECTION.par, "csa", [1], ELECTION.secrets_electeurs[0])

CHEMINS = [c for c in chemins_json(BULLETIN) if c]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chemin=st.sampled_from(CHEMINS), valeur=valeurs_json)
def test_un_bulletin_altere_est_refuse_proprement(chemin: tuple[Any, ...], valeur: Any) -> None:
    """One node of a valid ballot replaced by anything: refused with a typed error."""
    faux = copy.deepcopy(BULLETIN)
    cible: Any = faux
    for cle in chemin[:-1]:
        cible = cible[cle]
    if cible[chemin[-1]] == valeur:
        return
    cible[chemin[-1]] = valeur
    try:
        verifier_bulletin(ELECTION.par, faux)
    except ErreurChiffrement:
        return
    raise AssertionError(f"bulletin altéré en {chemin} accepté")


@settings(max_examples=60, deadline=None)
@given(valeur=valeurs_json)
def test_n_importe_quoi_a_la_place_d_un_bulletin(valeur: Any) -> None:
    """Not even the shape of a ballot: a typed refusal."""
    try:
        verifier_bulletin(ELECTION.par, valeur)
    except ErreurChiffrement:
        return
    raise AssertionError("n'importe quoi accepté comme bulletin")
