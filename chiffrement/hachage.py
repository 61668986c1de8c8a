"""Canonical encoding and hashing: Belenios's HashToField and HashGroup.

- `json_canonique`: compact JSON, keys sorted, UTF-8 — the one byte string that both the
  browser and Python hash for a structure (Belenios serializes compactly in field order;
  we sort keys so that two implementations cannot disagree on order).
- `hacher_vers_scalaire` is Belenios's HashToField(d, m, 1): RFC 9380's hash_to_field with
  expand_message_xmd over SHA-256, k = 128, into Z_q, the tag suffixed with « -SHA256 ».
- `hacher_groupe` is Belenios's HashGroup(d, m, (y1…yn)): the message followed by the points'
  serializations joined by commas, tag suffixed with « -group_hash-Ed25519 ». Every
  Fiat–Shamir challenge goes through it, with the whole statement in m.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from chiffrement.groupe import NOM_GROUPE, ORDRE, Point

# Our domain-separation prefix. Not « BELENIOS-V2 »: our structures (one ballot per scrutin,
# a slow credential derivation, a president plus delegates) differ, so Belenios's tools
# must not mistake our files for theirs.
PREFIXE = "ELECTIONS-PRO-V1"

_OCTETS_BLOC = 32  # SHA-256 output
_OCTETS_ENTREE = 64  # SHA-256 block
# L = ceil((ceil(log2 q) + k) / 8) with k = 128 (RFC 9380, section 5).
_OCTETS_PAR_SCALAIRE = (ORDRE.bit_length() + 128 + 7) // 8


def json_canonique(valeur: object) -> bytes:
    """The canonical bytes of a JSON value: compact, keys sorted, UTF-8, no float."""
    return json.dumps(
        valeur, separators=(",", ":"), sort_keys=True, ensure_ascii=False, allow_nan=False
    ).encode()


def empreinte(valeur: object) -> str:
    """SHA-256 of the canonical JSON, in hexadecimal: a structure's fingerprint."""
    return hashlib.sha256(json_canonique(valeur)).hexdigest()


def expand_message_xmd(message: bytes, etiquette: bytes, longueur: int) -> bytes:
    """RFC 9380, section 5.3.1, with SHA-256."""
    blocs = -(-longueur // _OCTETS_BLOC)
    if blocs > 255 or longueur > 65535:
        raise ValueError("expand_message_xmd : longueur demandée trop grande")
    if len(etiquette) > 255:
        etiquette = hashlib.sha256(b"H2C-OVERSIZE-DST-" + etiquette).digest()
    etiquette_prime = etiquette + bytes([len(etiquette)])
    b0 = hashlib.sha256(
        bytes(_OCTETS_ENTREE) + message + longueur.to_bytes(2, "big") + b"\x00" + etiquette_prime
    ).digest()
    precedent = hashlib.sha256(b0 + b"\x01" + etiquette_prime).digest()
    sortie = bytearray(precedent)
    for i in range(2, blocs + 1):
        melange = bytes(a ^ b for a, b in zip(b0, precedent, strict=True))
        precedent = hashlib.sha256(melange + bytes([i]) + etiquette_prime).digest()
        sortie += precedent
    return bytes(sortie[:longueur])


def hacher_vers_scalaire(etiquette: str, message: str | bytes) -> int:
    """Belenios's HashToField(d, m, 1): one element of Z_q."""
    octets = message.encode() if isinstance(message, str) else message
    uniforme = expand_message_xmd(octets, (etiquette + "-SHA256").encode(), _OCTETS_PAR_SCALAIRE)
    return int.from_bytes(uniforme, "big") % ORDRE


def hacher_groupe(etiquette: str, message: str, points: Sequence[Point]) -> int:
    """Belenios's HashGroup(d, m, (y1…yn)): the Fiat–Shamir challenge of a proof."""
    serialisation = message + ",".join(p.texte() for p in points)
    return hacher_vers_scalaire(f"{etiquette}-group_hash-{NOM_GROUPE}", serialisation)


def etiquette(usage: str) -> str:
    """A domain-separation tag of ours (« ELECTIONS-PRO-V1-prove », …)."""
    return f"{PREFIXE}-{usage}"
