"""The key ceremony, round by round, so that no one ever holds the whole election key.

Each round is run by one trustee on their own machine with their own file; only public
messages travel (through the bureau, who relays them). Pedersen's distributed key
generation for the delegates, as Belenios's threshold mode does, with shares sent
encrypted to their recipient (libsodium's sealed boxes, X25519) instead of Belenios's own
channel encryption:

  1. each delegate: `ouvrir_delegue` → a channel key pair; publishes the public half;
  2. each delegate: `distribuer` → polynomial commitments with a proof of knowledge, and
     one sealed share per delegate (itself included); keeps nothing;
  3. each delegate: `recevoir` → opens the shares sent to it, checks each against its
     dealer's commitments (naming a dealer whose share does not match), sums its key share;
  4. the president: `ouvrir_president` → a key of its own;
  5. anyone: `parametres.construire_parametres` from the public parts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from chiffrement.erreurs import DonneeInvalide, PreuveInvalide
from chiffrement.groupe import ORDRE, point_depuis_texte, scalaire_aleatoire
from chiffrement.tiers import (
    Polynome,
    cle_de_delegue,
    public_delegue,
    public_president,
    tirer_polynome,
    verifier_part,
)


@dataclass(frozen=True)
class SecretsDelegue:
    """What a delegate keeps between rounds 1 and 3: its channel's private key."""

    indice: int
    cle_canal: bytes


def ouvrir_president(nom: str) -> tuple[int, dict[str, object]]:
    """The president's own key: (secret, public part with its proof of knowledge)."""
    secret = scalaire_aleatoire()
    return secret, public_president(nom, secret)


def ouvrir_delegue(indice: int) -> tuple[SecretsDelegue, str]:
    """Round 1: a channel key pair; the public half (hex) goes to the other delegates."""
    if indice < 1:
        raise DonneeInvalide("les délégués sont numérotés à partir de 1")
    cle = PrivateKey.generate()
    return SecretsDelegue(indice, bytes(cle)), bytes(cle.public_key).hex()


def distribuer(
    indice: int, nom: str, seuil: int, canaux: dict[int, str]
) -> tuple[dict[str, object], dict[int, str]]:
    """Round 2: draw a polynomial, publish its commitments, seal one share per delegate
    (`canaux`: every delegate's channel key, this one's own included, so that its share
    comes back to it like the others). The polynomial is forgotten on return."""
    polynome: Polynome = tirer_polynome(seuil)
    public = public_delegue(nom, indice, polynome)
    scellees: dict[int, str] = {}
    for j, canal in canaux.items():
        message = json.dumps({"de": indice, "pour": j, "part": str(polynome.en(j))})
        boite = SealedBox(PublicKey(bytes.fromhex(canal)))
        scellees[j] = boite.encrypt(message.encode()).hex()
    return public, scellees


def _ouvrir_part(secrets: SecretsDelegue, donneur: int, scellee: str) -> int:
    try:
        clair = SealedBox(PrivateKey(secrets.cle_canal)).decrypt(bytes.fromhex(scellee))
        message: Any = json.loads(clair)
    except (CryptoError, ValueError):
        raise PreuveInvalide(f"part du délégué {donneur} illisible pour ce délégué") from None
    if not isinstance(message, dict) or message.get("de") != donneur:
        raise PreuveInvalide(f"part du délégué {donneur} : expéditeur différent")
    if message.get("pour") != secrets.indice or not isinstance(message.get("part"), str):
        raise PreuveInvalide(f"part du délégué {donneur} : destinataire différent")
    part = int(message["part"])
    if not 0 <= part < ORDRE:
        raise PreuveInvalide(f"part du délégué {donneur} hors de l'intervalle")
    return part


def recevoir(
    secrets: SecretsDelegue,
    parts_scellees: dict[int, str],
    publics: dict[int, dict[str, Any]],
) -> int:
    """Round 3: open the shares sent to this delegate, check each against its dealer's
    published commitments, and return this delegate's key share x_j."""
    if set(parts_scellees) != set(publics):
        raise DonneeInvalide("il faut une part de chaque délégué, et seulement d'eux")
    parts = []
    for donneur, scellee in sorted(parts_scellees.items()):
        part = _ouvrir_part(secrets, donneur, scellee)
        engagements = [point_depuis_texte(c, "engagement") for c in publics[donneur]["engagements"]]
        try:
            verifier_part(part, secrets.indice, engagements)
        except PreuveInvalide:
            raise PreuveInvalide(
                f"la part du délégué {donneur} pour le délégué {secrets.indice} "
                "ne concorde pas avec ses engagements publiés"
            ) from None
        parts.append(part)
    return cle_de_delegue(parts)
