"""The group: Ed25519's prime-order subgroup, through libsodium (PyNaCl's bindings).

Belenios's « Ed25519 » group (doc/specification.tex, section Groups): the generator is the
RFC 8032 base point, the order is q = 2^252 + 27742317777372353535851937790883648493, and a
point is written as the compressed 256-bit number read in hexadecimal, 64 characters with
leading zeros — that is, the 32 bytes of RFC 8032's encoding, reversed, in hex.

Every point read from outside goes through `point_depuis_texte`: canonical encoding, on the
curve, in the prime-order subgroup, not of small order (so never the identity). Libsodium's
`crypto_core_ed25519_is_valid_point` checks all four. The identity only arises inside our
own computations (a list with no vote decodes to g^0), and is handled here since libsodium
refuses it as an input to a scalar multiplication.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import lru_cache

from nacl import bindings
from nacl.exceptions import RuntimeError as ErreurSodium

from chiffrement.erreurs import DonneeInvalide

NOM_GROUPE = "Ed25519"
ORDRE = 2**252 + 27742317777372353535851937790883648493

_TAILLE = 32
_OCTETS_IDENTITE = b"\x01" + bytes(31)


@dataclass(frozen=True, slots=True)
class Point:
    """A point of the prime-order subgroup, kept in RFC 8032's 32-byte encoding."""

    octets: bytes

    def __mul__(self, autre: Point) -> Point:
        """The group law, written multiplicatively as in the protocol's papers."""
        if self.octets == _OCTETS_IDENTITE:
            return autre
        if autre.octets == _OCTETS_IDENTITE:
            return self
        return Point(bindings.crypto_core_ed25519_add(self.octets, autre.octets))

    def __truediv__(self, autre: Point) -> Point:
        """self · autre⁻¹."""
        if autre.octets == _OCTETS_IDENTITE:
            return self
        if self.octets == _OCTETS_IDENTITE:
            return autre.inverse()
        return Point(bindings.crypto_core_ed25519_sub(self.octets, autre.octets))

    def __pow__(self, exposant: int) -> Point:
        """self^exposant, the exponent taken modulo the group order."""
        e = exposant % ORDRE
        if e == 0 or self.octets == _OCTETS_IDENTITE:
            return IDENTITE
        if self.octets == GENERATEUR.octets:
            return Point(bindings.crypto_scalarmult_ed25519_base_noclamp(_scalaire_octets(e)))
        return Point(bindings.crypto_scalarmult_ed25519_noclamp(_scalaire_octets(e), self.octets))

    def inverse(self) -> Point:
        """The inverse: the point with x negated (bit 255 of the encoding flipped)."""
        if self.octets == _OCTETS_IDENTITE:
            return self
        return Point(self.octets[:31] + bytes([self.octets[31] ^ 0x80]))

    def texte(self) -> str:
        """Belenios's serialization: the compressed point as a 64-digit hexadecimal number."""
        return self.octets[::-1].hex()

    def est_identite(self) -> bool:
        """Whether this is the neutral element."""
        return self.octets == _OCTETS_IDENTITE


def _scalaire_octets(e: int) -> bytes:
    return e.to_bytes(_TAILLE, "little")


IDENTITE = Point(_OCTETS_IDENTITE)
# RFC 8032, section 5.1: B = (x, 4/5) with x positive; its encoding is 0x58 then 0x66 × 31.
GENERATEUR = Point(b"\x58" + b"\x66" * 31)


def point_depuis_texte(texte: object, quoi: str = "point") -> Point:
    """Read a point from Belenios's hex form; refuse anything that is not a valid element."""
    if not isinstance(texte, str) or len(texte) != 2 * _TAILLE or texte != texte.lower():
        raise DonneeInvalide(f"{quoi} : 64 chiffres hexadécimaux minuscules attendus")
    try:
        octets = bytes.fromhex(texte)[::-1]
    except ValueError:
        raise DonneeInvalide(f"{quoi} : chiffres hexadécimaux attendus") from None
    # Canonical encoding, on the curve, prime-order subgroup, not of small order.
    if not bindings.crypto_core_ed25519_is_valid_point(octets):
        raise DonneeInvalide(f"{quoi} : pas un élément valide du groupe Ed25519")
    return Point(octets)


def scalaire_depuis_texte(texte: object, quoi: str = "scalaire") -> int:
    """Read a scalar written in base 10 (Belenios's Z_q); refuse anything outside [0, q)."""
    if not isinstance(texte, str) or not texte.isascii() or not texte.isdigit():
        raise DonneeInvalide(f"{quoi} : entier en base 10 attendu")
    if (len(texte) > 1 and texte[0] == "0") or len(texte) > 80:
        raise DonneeInvalide(f"{quoi} : écriture non canonique")
    valeur = int(texte)
    if valeur >= ORDRE:
        raise DonneeInvalide(f"{quoi} : hors de l'intervalle [0, q)")
    return valeur


def scalaire_texte(valeur: int) -> str:
    """A scalar in Belenios's form: base 10, reduced modulo q."""
    return str(valeur % ORDRE)


def scalaire_aleatoire() -> int:
    """A uniformly random non-zero scalar (libsodium refuses a zero exponent)."""
    return 1 + secrets.randbelow(ORDRE - 1)


def puissance_g(exposant: int) -> Point:
    """g^exposant."""
    if 0 <= exposant < _PETITES_PUISSANCES:
        return _petite_puissance_g(exposant)
    return GENERATEUR**exposant


# Proofs raise g to the small values a list may count (0, 1, a scrutin's bounds) for every
# ciphertext they check: those few powers are computed once.
_PETITES_PUISSANCES = 64


@lru_cache(maxsize=_PETITES_PUISSANCES)
def _petite_puissance_g(exposant: int) -> Point:
    return GENERATEUR**exposant


def produit(points: list[Point]) -> Point:
    """The product of a list of points (the identity for an empty list)."""
    resultat = IDENTITE
    for p in points:
        resultat = resultat * p
    return resultat


def petit_logarithme(cible: Point, maximum: int) -> int:
    """The m in [0, maximum] with g^m = cible, by baby steps and giant steps (O(√maximum))."""
    pas = max(1, int(maximum**0.5) + 1)
    bebes: dict[bytes, int] = {}
    courant = IDENTITE
    for j in range(pas):
        bebes.setdefault(courant.octets, j)
        courant = courant * GENERATEUR
    geant = (GENERATEUR**pas).inverse()
    courant = cible
    for i in range(pas + 1):
        trouve = bebes.get(courant.octets)
        if trouve is not None and i * pas + trouve <= maximum:
            return i * pas + trouve
        courant = courant * geant
    raise DonneeInvalide(f"le déchiffrement ne donne aucun compte entre 0 et {maximum}")


def _controle_libsodium() -> None:
    """Fail at import if libsodium lacks the Ed25519 core operations."""
    if not bindings.has_crypto_core_ed25519:
        raise ErreurSodium("libsodium sans crypto_core_ed25519 : PyNaCl trop ancien")


_controle_libsodium()
