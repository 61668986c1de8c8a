"""The proof of vote: the portal's signed statement that it put a ballot on the board.

    {"accuse": {"election_hash": φ, "scrutin": "<id>", "empreinte": "<ballot hash>",
                "hauteur": h, "horodatage": "<ISO 8601>"},
     "cle_portail": "<point>", "signature": {"challenge", "response"}}

The portal's receipt key is its own (not a trustee's), published in the board's opening
entry. A voter whose fingerprint is missing from the board, or at another height, holds a
statement the portal cannot deny; a proof for any fingerprint typed in a URL cannot be had
without the key. The receipt names no voter and no list. Schnorr signature as Belenios's
« sign », under its own usage tag.
"""

from __future__ import annotations

from typing import Any

from chiffrement.elgamal import Alea
from chiffrement.erreurs import DonneeInvalide, PreuveInvalide
from chiffrement.groupe import Point, point_depuis_texte, puissance_g, scalaire_aleatoire
from chiffrement.hachage import json_canonique
from chiffrement.preuves import preuve_depuis_json, signer, verifier_signature

USAGE_ACCUSE = "receipt"
_CHAMPS = {"election_hash", "scrutin", "empreinte", "hauteur", "horodatage"}


def signer_accuse(
    secret_portail: int,
    empreinte_parametres: str,
    scrutin: str,
    empreinte_bulletin: str,
    hauteur: int,
    horodatage: str,
    alea: Alea = scalaire_aleatoire,
) -> dict[str, Any]:
    """The signed proof of vote for one ballot put on the board at `hauteur`."""
    accuse = {
        "election_hash": empreinte_parametres,
        "scrutin": scrutin,
        "empreinte": empreinte_bulletin,
        "hauteur": hauteur,
        "horodatage": horodatage,
    }
    signature = signer(USAGE_ACCUSE, secret_portail, json_canonique(accuse).decode(), alea)
    return {
        "accuse": accuse,
        "cle_portail": puissance_g(secret_portail).texte(),
        "signature": signature.json(),
    }


def verifier_accuse(document: object, cle_publiee: Point) -> dict[str, Any]:
    """Check a proof of vote against the receipt key published on the board; return the
    statement. Raises if the key is another one or the signature does not hold."""
    if not isinstance(document, dict) or set(document) != {"accuse", "cle_portail", "signature"}:
        raise DonneeInvalide("preuve de vote : {accuse, cle_portail, signature} attendu")
    accuse = document["accuse"]
    if not isinstance(accuse, dict) or set(accuse) != _CHAMPS:
        raise DonneeInvalide(f"preuve de vote : champs {sorted(_CHAMPS)} attendus")
    cle = point_depuis_texte(document["cle_portail"], "preuve de vote, cle_portail")
    if cle != cle_publiee:
        raise PreuveInvalide("preuve de vote signée par une autre clé que celle du tableau")
    signature = preuve_depuis_json(document["signature"], "preuve de vote, signature")
    try:
        verifier_signature(USAGE_ACCUSE, cle, json_canonique(accuse).decode(), signature)
    except PreuveInvalide:
        raise PreuveInvalide("preuve de vote : signature fausse") from None
    return accuse
