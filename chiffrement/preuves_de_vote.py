"""Voters' proofs of vote held against a published board (`verifier --preuves`).

Each proof must be signed by the receipt key that the board's opening publishes, for
these parameters, and the board must hold that very ballot (fingerprint and scrutin) at
the height the proof names. A board from which a ballot was removed, and whose chain was
then recomputed, holds together on its own: only what voters kept can tell. A removed
ballot's own proof names it, and so does every proof given for a ballot after it, since
their heights have moved: proofs collected from voters anchor the chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from chiffrement.accuse import verifier_accuse
from chiffrement.erreurs import ErreurChiffrement, Incoherence
from chiffrement.groupe import point_depuis_texte
from chiffrement.tableau import est_le_bulletin


def fichiers_de_preuves(chemins: Iterable[Path]) -> list[Path]:
    """The proof files named: a file as it is, a folder for every `*.json` in it."""
    fichiers: list[Path] = []
    for chemin in chemins:
        fichiers.extend(sorted(chemin.glob("*.json")) if chemin.is_dir() else [chemin])
    return fichiers


def _lire(chemin: Path) -> object:
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise Incoherence(f"{chemin.name} : preuve de vote illisible ({e})") from None


def verifier_preuves(entrees: list[dict[str, Any]], fichiers: Iterable[Path]) -> int:
    """Check each proof of vote against the board (its entries, the chain already
    checked); return how many. Raises an ErreurChiffrement naming the first proof that
    does not hold."""
    ouverture = entrees[0]["contenu"]
    cle = point_depuis_texte(ouverture.get("cle_accuses"), "clé des preuves de vote")
    nombre = 0
    for chemin in fichiers:
        try:
            accuse = verifier_accuse(_lire(chemin), cle)
        except ErreurChiffrement as e:
            raise Incoherence(f"{chemin.name} : {e}") from None
        if accuse["election_hash"] != ouverture.get("election_hash"):
            raise Incoherence(f"{chemin.name} : preuve de vote d'une autre élection")
        hauteur = accuse["hauteur"]
        trouvee = entrees[hauteur] if type(hauteur) is int and 0 < hauteur < len(entrees) else None
        if not est_le_bulletin(trouvee, accuse["empreinte"], accuse["scrutin"]):
            raise Incoherence(
                f"{chemin.name} : le portail a signé le bulletin {str(accuse['empreinte'])[:16]}… "
                f"à la hauteur {hauteur}, que le tableau ne porte pas là : tableau réécrit"
            )
        nombre += 1
    return nombre
