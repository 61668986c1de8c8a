"""The published results as people read them: each scrutin by its name, each list by its
number on the ballot page and its name, instead of bare identifiers and vote arrays. One
wording for the bureau's count and for every verifier, and one summary of a verifier's
report for both verifier commands."""

from __future__ import annotations

from typing import Any

from chiffrement.parametres import Parametres
from chiffrement.verificateur import Rapport


def resultats_en_clair(parametres: Parametres, resultats: dict[str, Any]) -> list[str]:
    """Lines for `resultats.json` under these parameters: a scrutin's name, identifier and
    ballots, then one line per list (« liste 2, NOM : 14 voix »), in the ballot's order."""
    lignes: list[str] = []
    for ident, resultat in resultats["scrutins"].items():
        scrutin = parametres.scrutins.get(ident)
        nom = f"{scrutin.nom} ({ident})" if scrutin is not None else ident
        bulletins = resultat.get("bulletins")
        lignes.append(nom if bulletins is None else f"{nom} : {bulletins} bulletin(s)")
        noms = scrutin.listes if scrutin is not None else ()
        for i, voix in enumerate(resultat["voix"], start=1):
            liste = f"liste {i}, {noms[i - 1]}" if i <= len(noms) else f"liste {i}"
            lignes.append(f"  {liste} : {voix} voix")
    return lignes


def rapport_en_clair(rapport: Rapport, bulletins_par_scrutin: bool = False) -> list[str]:
    """A verifier's summary when all holds: the election, each check passed, the ballots
    per scrutin if asked, then the results once counted (`resultats_en_clair`)."""
    lignes = [f"Élection {rapport.empreinte} : tout tient."]
    lignes += [f"  ✓ {etape}" for etape in rapport.etapes]
    if bulletins_par_scrutin:
        comptes = ", ".join(f"{s} : {n}" for s, n in rapport.bulletins.items())
        lignes.append(f"Bulletins par scrutin : {comptes}")
    if rapport.resultats is not None and rapport.parametres is not None:
        lignes.append("Résultats :")
        lignes += [
            f"  {ligne}" for ligne in resultats_en_clair(rapport.parametres, rapport.resultats)
        ]
    return lignes
