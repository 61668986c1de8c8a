"""Proof of possession of the credential: how the voter shows the code de vote without
sending it.

The code de vote screen asks for the code; the browser derives the signing key x from it
(chiffrement.credential) and answers the portal's challenge with a Schnorr signature by x
(Belenios's « sign », under its own usage tag) over

    φ | voter | challenge

where φ is the parameters' fingerprint, the voter is the identifier that salts the
derivation, and the challenge is a random string the portal drew for this session. The
portal checks it against the public credential g^x it holds: a right signature means the
right code, and neither the code nor x ever reaches the portal. A signature serves once:
the challenge is drawn anew for every display of the screen.
"""

from __future__ import annotations

from typing import Any

from chiffrement.elgamal import Alea
from chiffrement.erreurs import DonneeInvalide, PreuveInvalide
from chiffrement.groupe import Point, scalaire_aleatoire
from chiffrement.preuves import preuve_depuis_json, signer, verifier_signature

USAGE_POSSESSION = "possession"


def message_possession(empreinte_parametres: str, electeur: str, defi: str) -> str:
    """What the proof signs: the election's fingerprint, the voter and the challenge."""
    for quoi, valeur in (("empreinte", empreinte_parametres), ("défi", defi)):
        if not valeur or "|" in valeur:
            raise DonneeInvalide(f"preuve de possession : {quoi} vide ou mal formé")
    return f"{empreinte_parametres}|{electeur}|{defi}"


def prouver_possession(
    secret: int,
    empreinte_parametres: str,
    electeur: str,
    defi: str,
    alea: Alea = scalaire_aleatoire,
) -> dict[str, Any]:
    """The signature by x answering the challenge (JSON: {challenge, response})."""
    message = message_possession(empreinte_parametres, electeur, defi)
    return signer(USAGE_POSSESSION, secret, message, alea).json()


def verifier_possession(
    credential: Point, empreinte_parametres: str, electeur: str, defi: str, preuve: object
) -> None:
    """Check the answer to the challenge against the public credential; raise
    PreuveInvalide (a wrong code, for the screen) or DonneeInvalide (not a proof)."""
    signature = preuve_depuis_json(preuve, "preuve de possession")
    message = message_possession(empreinte_parametres, electeur, defi)
    try:
        verifier_signature(USAGE_POSSESSION, credential, message, signature)
    except PreuveInvalide:
        raise PreuveInvalide("preuve de possession fausse pour cette credential") from None
