"""A voter for each need of a scenario, brought there through the portal if need be.

A need (`nouveau`, `actif`, `votant`, `reassort`) is first served by an account already
in that state. When the list has none left, `actif` and `votant` take an account a
réassort can activate (never used, or left half-way) and activate it through the
portal's own screens, as a voter would: a list of only never-used accounts runs every
scenario. A need that nothing can serve fails its own scenario, with the counts of what
the list still holds; the other scenarios go on.
"""

from __future__ import annotations

import pytest

from harnais.comptes import REPLIS, ComptesEpuises, Electeur
from steps.contexte import Contexte
from steps.electeurs import Fournisseur
from steps.parcours import activer_par_reassort


def electeur_pour(request: pytest.FixtureRequest, contexte: Contexte, besoin: str) -> Electeur:
    """Give the scenario a voter for this need, activating one through the réassort when
    no account of that state is left; fail this scenario alone when none can serve."""
    fournisseur: Fournisseur = request.getfixturevalue("fournisseur")
    page = request.getfixturevalue("page")
    try:
        contexte.electeur, contexte.compte = fournisseur.prendre(besoin)
        # From here on, what reaches the portal decides whether a failure can have
        # changed the account (harnais/comptes/etats.py, `etat_rendu`).
        contexte.surveiller(page)
        return contexte.electeur
    except ComptesEpuises as epuise:
        repli = REPLIS.get(besoin)
        if repli is None:
            pytest.fail(str(epuise), pytrace=False)
        try:
            contexte.electeur, contexte.compte = fournisseur.prendre(repli)
        except ComptesEpuises as aussi:
            pytest.fail(f"{epuise}\nRepli impossible : {aussi}", pytrace=False)
        contexte.surveiller(page)
    activer_par_reassort(
        page,
        request.getfixturevalue("cible"),
        contexte,
        request.getfixturevalue("boite_mail"),
    )
    return contexte.electeur_requis()
