"""Sealing the election: its key pair, and the private key split among the bureau de vote.

Before opening, `sceller` draws the election's key pair. The portal keeps only the public
key, with which every ballot is sealed as it arrives (PyNaCl sealed box): it can never
read a ballot. The private key is split so that counting needs the president **and** at
least two delegates (R.211-552, R.211-573): the president's fragment is a random mask,
the masked key is shared among the delegates by Shamir's scheme with a threshold of two
(pycryptodome, whose scheme shares 16 bytes: each half of the 32-byte key is shared on
its own, under the same delegate numbers). A set of fragments that does not rebuild the
election's key is refused, never silently used.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from Crypto.Protocol.SecretSharing import Shamir
from nacl.public import PrivateKey, PublicKey

from simulator.vote.errors import DepouillementRefuse

SEUIL_DELEGUES = 2
PRESIDENT = "president"
DELEGUE = "delegue"


def empreinte_cle(cle: PublicKey) -> str:
    """A short fingerprint of the election's public key, printed on every fragment."""
    return hashlib.sha256(bytes(cle)).hexdigest()[:16]


@dataclass(frozen=True)
class Fragment:
    """One holder's part of the private key: the president's (number 0) or a delegate's."""

    role: str
    numero: int
    part: bytes
    cle: str

    def vers_texte(self) -> str:
        """The fragment as the JSON its holder keeps."""
        data = {"role": self.role, "numero": self.numero, "part": self.part.hex(), "cle": self.cle}
        return json.dumps(data, ensure_ascii=False) + "\n"

    @classmethod
    def depuis_fichier(cls, chemin: Path) -> Fragment:
        """Read a fragment file; a file that is not one is refused by name."""
        try:
            data = json.loads(chemin.read_text(encoding="utf-8"))
            fragment = cls(
                str(data["role"]),
                int(data["numero"]),
                bytes.fromhex(data["part"]),
                str(data["cle"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DepouillementRefuse(
                f"{chemin} n'est pas un fragment de clé lisible ({exc})"
            ) from exc
        if fragment.role not in (PRESIDENT, DELEGUE) or len(fragment.part) != 32:
            raise DepouillementRefuse(f"{chemin} n'est pas un fragment de clé lisible")
        return fragment


def _masque(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def sceller(delegues: int) -> tuple[PublicKey, list[Fragment]]:
    """A new key pair: its public key, and the fragments of its private key (the
    president's, then one per delegate). The private key itself is then forgotten."""
    if delegues < SEUIL_DELEGUES:
        raise ValueError(f"il faut au moins {SEUIL_DELEGUES} délégués")
    cle = PrivateKey.generate()
    publique = cle.public_key
    empreinte = empreinte_cle(publique)
    masque = secrets.token_bytes(32)
    masquee = _masque(bytes(cle), masque)
    moities = [
        Shamir.split(SEUIL_DELEGUES, delegues, masquee[i : i + 16], ssss=False) for i in (0, 16)
    ]
    fragments = [Fragment(PRESIDENT, 0, masque, empreinte)]
    for (numero, debut), (_, fin) in zip(*moities, strict=True):
        fragments.append(Fragment(DELEGUE, numero, debut + fin, empreinte))
    return publique, fragments


def reconstituer(fragments: list[Fragment], publique: PublicKey) -> PrivateKey:
    """The election's private key from the president's fragment and two delegates'; a
    clear refusal when one is missing, or when they belong to another election."""
    attendue = empreinte_cle(publique)
    etrangers = [f for f in fragments if f.cle != attendue]
    if etrangers:
        raise DepouillementRefuse(
            f"{len(etrangers)} fragment(s) d'une autre clé que celle de l'élection ({attendue})"
        )
    presidents = [f for f in fragments if f.role == PRESIDENT]
    delegues = {f.numero: f for f in fragments if f.role == DELEGUE}
    if not presidents:
        raise DepouillementRefuse("le fragment du président du bureau de vote manque")
    if len(delegues) < SEUIL_DELEGUES:
        raise DepouillementRefuse(
            f"il faut les fragments d'au moins {SEUIL_DELEGUES} délégués ({len(delegues)} donné(s))"
        )
    choisis = sorted(delegues.values(), key=lambda f: f.numero)[:SEUIL_DELEGUES]
    masquee = b"".join(
        Shamir.combine([(f.numero, f.part[i : i + 16]) for f in choisis], ssss=False)
        for i in (0, 16)
    )
    cle = PrivateKey(_masque(masquee, presidents[0].part))
    if cle.public_key != publique:
        raise DepouillementRefuse("les fragments donnés ne reconstituent pas la clé de l'élection")
    return cle
