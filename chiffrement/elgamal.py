"""Exponential ElGamal (Helios, Belenios): m is encrypted as (g^r, y^r · g^m).

Ciphertexts multiply component-wise, and the product encrypts the sum of the messages:
the tally of a list is the product of its ciphertexts, never a decryption of one ballot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from chiffrement.erreurs import DonneeInvalide
from chiffrement.groupe import IDENTITE, Point, point_depuis_texte, puissance_g, scalaire_aleatoire

# A source of random scalars: the default is the system's CSPRNG; tests inject a fixed one to
# compare the browser's ballots with Python's byte for byte.
Alea = Callable[[], int]


@dataclass(frozen=True, slots=True)
class Chiffre:
    """An ElGamal ciphertext (alpha, beta)."""

    alpha: Point
    beta: Point

    def __mul__(self, autre: Chiffre) -> Chiffre:
        """The homomorphic sum: component-wise product."""
        return Chiffre(self.alpha * autre.alpha, self.beta * autre.beta)

    def json(self) -> dict[str, str]:
        """Belenios's `ciphertext` structure."""
        return {"alpha": self.alpha.texte(), "beta": self.beta.texte()}


CHIFFRE_NEUTRE = Chiffre(IDENTITE, IDENTITE)


def chiffrer(cle: Point, message: int, alea: Alea = scalaire_aleatoire) -> tuple[Chiffre, int]:
    """Encrypt a small integer; return the ciphertext and its randomness r (for the proofs)."""
    r = alea()
    return Chiffre(puissance_g(r), (cle**r) * puissance_g(message)), r


def chiffre_depuis_json(donnee: object, quoi: str = "chiffré") -> Chiffre:
    """Read a `ciphertext` received from outside, both points validated."""
    if not isinstance(donnee, dict) or set(donnee) != {"alpha", "beta"}:
        raise DonneeInvalide(f"{quoi} : objet {{alpha, beta}} attendu")
    return Chiffre(
        point_depuis_texte(donnee["alpha"], f"{quoi}.alpha"),
        point_depuis_texte(donnee["beta"], f"{quoi}.beta"),
    )


def somme_chiffree(chiffres: Iterable[Chiffre]) -> Chiffre:
    """The homomorphic product of ciphertexts (encrypts the sum of their messages)."""
    total = CHIFFRE_NEUTRE
    for c in chiffres:
        total = total * c
    return total
