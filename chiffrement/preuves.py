"""Zero-knowledge proofs made non-interactive by Fiat–Shamir (Belenios, Helios).

- Interval membership (Belenios « iprove »): a disjunctive Chaum–Pedersen proof that
  (alpha, beta) = (g^r, y^r · g^M) with M among given values. One per list (M ∈ {0, 1}) and
  one on the product of a scrutin's ciphertexts (the number of lists chosen).
- Schnorr signature (Belenios's PKI « sign »): a proof of knowledge of the signing key bound
  to the message; ballots are signed with the voter's credential, trustees sign their key.
- Correct partial decryption: a Chaum–Pedersen proof that log_g(X) = log_alpha(F).

Each challenge hashes the whole statement (strong Fiat–Shamir): the parameters' fingerprint
and what is proved come first in the hashed message, then the commitments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chiffrement.elgamal import Alea, Chiffre
from chiffrement.erreurs import DonneeInvalide, PreuveInvalide
from chiffrement.groupe import (
    ORDRE,
    Point,
    puissance_g,
    scalaire_aleatoire,
    scalaire_depuis_texte,
    scalaire_texte,
)
from chiffrement.hachage import etiquette, hacher_groupe


@dataclass(frozen=True, slots=True)
class Preuve:
    """Belenios's `proof`: a challenge and a response in Z_q."""

    challenge: int
    response: int

    def json(self) -> dict[str, str]:
        """Both scalars in base 10."""
        return {
            "challenge": scalaire_texte(self.challenge),
            "response": scalaire_texte(self.response),
        }


def preuve_depuis_json(donnee: object, quoi: str = "preuve") -> Preuve:
    """Read a `proof` received from outside, both scalars range-checked."""
    if not isinstance(donnee, dict) or set(donnee) != {"challenge", "response"}:
        raise DonneeInvalide(f"{quoi} : objet {{challenge, response}} attendu")
    return Preuve(
        scalaire_depuis_texte(donnee["challenge"], f"{quoi}.challenge"),
        scalaire_depuis_texte(donnee["response"], f"{quoi}.response"),
    )


def preuves_depuis_json(donnee: object, longueur: int, quoi: str) -> list[Preuve]:
    """Read a list of exactly `longueur` proofs."""
    if not isinstance(donnee, list) or len(donnee) != longueur:
        raise DonneeInvalide(f"{quoi} : liste de {longueur} preuve(s) attendue")
    return [preuve_depuis_json(p, f"{quoi}[{i}]") for i, p in enumerate(donnee)]


def _message_intervalle(contexte: str, chiffre: Chiffre) -> str:
    return f"{contexte}|{chiffre.alpha.texte()},{chiffre.beta.texte()}|"


def prouver_intervalle(
    contexte: str,
    cle: Point,
    chiffre: Chiffre,
    r: int,
    indice: int,
    valeurs: Sequence[int],
    alea: Alea = scalaire_aleatoire,
) -> list[Preuve]:
    """Prove that `chiffre` encrypts valeurs[indice] with randomness r, revealing nothing of
    which value: the other branches are simulated (random challenge and response)."""
    engagements: list[Point] = []
    simulees: dict[int, Preuve] = {}
    for j in range(len(valeurs)):
        if j == indice:
            continue
        simulees[j] = Preuve(alea(), alea())
    w = alea()
    for j, m in enumerate(valeurs):
        if j == indice:
            engagements += [puissance_g(w), cle**w]
        else:
            c, s = simulees[j].challenge, simulees[j].response
            engagements += [
                puissance_g(s) * chiffre.alpha**c,
                cle**s * (chiffre.beta / puissance_g(m)) ** c,
            ]
    total = hacher_groupe(etiquette("prove"), _message_intervalle(contexte, chiffre), engagements)
    c_vraie = (total - sum(p.challenge for p in simulees.values())) % ORDRE
    vraie = Preuve(c_vraie, (w - r * c_vraie) % ORDRE)
    return [vraie if j == indice else simulees[j] for j in range(len(valeurs))]


def verifier_intervalle(
    contexte: str, cle: Point, chiffre: Chiffre, preuves: Sequence[Preuve], valeurs: Sequence[int]
) -> None:
    """Check an interval proof; raise PreuveInvalide if it does not hold."""
    if len(preuves) != len(valeurs):
        raise PreuveInvalide("preuve d'intervalle : nombre de branches faux")
    engagements: list[Point] = []
    for p, m in zip(preuves, valeurs, strict=True):
        engagements += [
            puissance_g(p.response) * chiffre.alpha**p.challenge,
            cle**p.response * (chiffre.beta / puissance_g(m)) ** p.challenge,
        ]
    attendu = hacher_groupe(etiquette("prove"), _message_intervalle(contexte, chiffre), engagements)
    if attendu != sum(p.challenge for p in preuves) % ORDRE:
        raise PreuveInvalide("preuve d'intervalle fausse")


def signer(usage: str, secret: int, message: str, alea: Alea = scalaire_aleatoire) -> Preuve:
    """Belenios's sign(d, sk, M): Schnorr, challenge = HashGroup(d, vk|M, (g^w))."""
    publique = puissance_g(secret)
    w = alea()
    c = hacher_groupe(etiquette(usage), f"{publique.texte()}|{message}", [puissance_g(w)])
    return Preuve(c, (w - secret * c) % ORDRE)


def verifier_signature(usage: str, publique: Point, message: str, signature: Preuve) -> None:
    """Check a Schnorr signature by `publique` on `message`; raise PreuveInvalide if not."""
    engagement = puissance_g(signature.response) * publique**signature.challenge
    attendu = hacher_groupe(etiquette(usage), f"{publique.texte()}|{message}", [engagement])
    if attendu != signature.challenge:
        raise PreuveInvalide("signature fausse")


def _message_dechiffrement(contexte: str, publique: Point, alpha: Point, facteur: Point) -> str:
    return f"{contexte}|{publique.texte()}|{alpha.texte()},{facteur.texte()}|"


def prouver_dechiffrement(
    contexte: str, secret: int, alpha: Point, alea: Alea = scalaire_aleatoire
) -> tuple[Point, Preuve]:
    """A partial decryption factor alpha^x and its Chaum–Pedersen proof (Belenios's
    Hash_decrypt, with alpha and the factor added to the hashed statement)."""
    publique = puissance_g(secret)
    facteur = alpha**secret
    w = alea()
    message = _message_dechiffrement(contexte, publique, alpha, facteur)
    c = hacher_groupe(etiquette("decrypt"), message, [puissance_g(w), alpha**w])
    return facteur, Preuve(c, (w - secret * c) % ORDRE)


def verifier_dechiffrement(
    contexte: str, publique: Point, alpha: Point, facteur: Point, preuve: Preuve
) -> None:
    """Check that `facteur` = alpha^x for the x of `publique` = g^x."""
    a = puissance_g(preuve.response) * publique**preuve.challenge
    b = alpha**preuve.response * facteur**preuve.challenge
    message = _message_dechiffrement(contexte, publique, alpha, facteur)
    if hacher_groupe(etiquette("decrypt"), message, [a, b]) != preuve.challenge:
        raise PreuveInvalide("preuve de déchiffrement partiel fausse")
