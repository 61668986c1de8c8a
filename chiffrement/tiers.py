"""The trustees: the president's own key plus a t-of-n sharing among the delegates.

The election key is y = X_P · Y_D. The president holds x_P (X_P = g^x_P) alone. The
delegates generate Y_D jointly with Pedersen's protocol (as Belenios's threshold trustees
do): each delegate i draws a polynomial f_i of degree t−1, publishes Feldman commitments
C_i,k = g^a_i,k and sends f_i(j) to delegate j, who checks it against the commitments.
Delegate j's key is x_j = Σ_i f_i(j); its verification key Y_j = Π_i Π_k C_i,k^(j^k) is
public. The joint key Σ_i a_i,0 is never computed anywhere: t delegates' partial
decryptions combine with Lagrange coefficients, and the president's factor is always needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from chiffrement.elgamal import Alea
from chiffrement.erreurs import DonneeInvalide, PreuveInvalide
from chiffrement.groupe import (
    ORDRE,
    Point,
    point_depuis_texte,
    produit,
    puissance_g,
    scalaire_aleatoire,
)
from chiffrement.preuves import Preuve, preuve_depuis_json, signer, verifier_signature

USAGE_CLE = "trustee_key"


@dataclass(frozen=True)
class Polynome:
    """A delegate's secret polynomial a_0 + a_1·X + … (degree = threshold − 1)."""

    coefficients: tuple[int, ...]

    def en(self, j: int) -> int:
        """f(j) mod q: the share meant for delegate j."""
        return sum(a * pow(j, k, ORDRE) for k, a in enumerate(self.coefficients)) % ORDRE


def tirer_polynome(seuil: int, alea: Alea = scalaire_aleatoire) -> Polynome:
    """A delegate's fresh polynomial for a threshold of `seuil` delegates."""
    if seuil < 1:
        raise DonneeInvalide("seuil des délégués invalide")
    return Polynome(tuple(alea() for _ in range(seuil)))


def public_president(nom: str, secret: int, alea: Alea = scalaire_aleatoire) -> dict[str, object]:
    """The president's public part: the key and a proof of knowledge of its secret."""
    preuve = signer(USAGE_CLE, secret, f"president|{nom}", alea)
    return {"nom": nom, "cle": puissance_g(secret).texte(), "preuve": preuve.json()}


def public_delegue(
    nom: str, indice: int, polynome: Polynome, alea: Alea = scalaire_aleatoire
) -> dict[str, object]:
    """A delegate's public part: Feldman commitments, and a proof of knowledge of a_0 (so no
    delegate can choose its commitment to cancel the others')."""
    preuve = signer(USAGE_CLE, polynome.coefficients[0], f"delegue|{indice}|{nom}", alea)
    return {
        "nom": nom,
        "engagements": [puissance_g(a).texte() for a in polynome.coefficients],
        "preuve": preuve.json(),
    }


def verifier_part(part: int, destinataire: int, engagements: list[Point]) -> None:
    """Check a share f_i(j) received by delegate j against dealer i's commitments."""
    attendu = produit([c ** pow(destinataire, k, ORDRE) for k, c in enumerate(engagements)])
    if puissance_g(part) != attendu:
        raise PreuveInvalide("part de délégué non conforme aux engagements publiés")


def cle_de_delegue(parts: list[int]) -> int:
    """Delegate j's key share x_j: the sum of the shares every dealer sent it."""
    return sum(parts) % ORDRE


@dataclass(frozen=True)
class Tiers:
    """The trustees' public parts, validated: what a verifier needs."""

    president_nom: str
    president_cle: Point
    seuil: int
    delegues_noms: tuple[str, ...]
    engagements: tuple[tuple[Point, ...], ...]

    def cle_election(self) -> Point:
        """y = X_P · Π_i C_i,0."""
        return self.president_cle * produit([e[0] for e in self.engagements])

    def cle_verification(self, indice: int) -> Point:
        """Y_j: the public key matching delegate j's share (indices from 1)."""
        if not 1 <= indice <= len(self.engagements):
            raise DonneeInvalide(f"délégué {indice} inconnu")
        return produit(
            [c ** pow(indice, k, ORDRE) for e in self.engagements for k, c in enumerate(e)]
        )


def _preuve_cle(donnee: dict[str, object], quoi: str) -> Preuve:
    return preuve_depuis_json(donnee.get("preuve"), f"{quoi}.preuve")


def lire_tiers(donnee: object) -> Tiers:
    """Read and check the `tiers` structure: every point valid, every proof of knowledge."""
    if not isinstance(donnee, dict):
        raise DonneeInvalide("tiers : objet attendu")
    president = donnee.get("president")
    delegues = donnee.get("delegues")
    seuil = donnee.get("seuil")
    if not isinstance(president, dict) or not isinstance(delegues, list):
        raise DonneeInvalide("tiers : président et délégués attendus")
    if not isinstance(seuil, int) or isinstance(seuil, bool) or not 2 <= seuil <= len(delegues):
        raise DonneeInvalide("tiers : seuil entre 2 et le nombre de délégués attendu")
    nom = president.get("nom")
    if not isinstance(nom, str):
        raise DonneeInvalide("tiers.president : nom attendu")
    cle = point_depuis_texte(president.get("cle"), "tiers.president.cle")
    try:
        verifier_signature(USAGE_CLE, cle, f"president|{nom}", _preuve_cle(president, "président"))
    except PreuveInvalide:
        raise PreuveInvalide("clé du président sans preuve de connaissance valide") from None
    noms: list[str] = []
    engagements: list[tuple[Point, ...]] = []
    for i, d in enumerate(delegues, start=1):
        quoi = f"tiers.delegues[{i}]"
        if not isinstance(d, dict) or not isinstance(d.get("nom"), str):
            raise DonneeInvalide(f"{quoi} : nom attendu")
        brut = d.get("engagements")
        if not isinstance(brut, list) or len(brut) != seuil:
            raise DonneeInvalide(f"{quoi} : {seuil} engagements attendus")
        points = tuple(point_depuis_texte(c, f"{quoi}.engagements") for c in brut)
        try:
            verifier_signature(
                USAGE_CLE, points[0], f"delegue|{i}|{d['nom']}", _preuve_cle(d, quoi)
            )
        except PreuveInvalide:
            raise PreuveInvalide(f"délégué {i} : engagement sans preuve de connaissance") from None
        noms.append(str(d["nom"]))
        engagements.append(points)
    return Tiers(nom, cle, seuil, tuple(noms), tuple(engagements))


def lagrange_en_zero(indices: list[int]) -> dict[int, int]:
    """λ_δ = Π_{k≠δ} k / (k − δ) mod q: combine the shares of `indices` at 0."""
    if len(set(indices)) != len(indices) or any(i < 1 for i in indices):
        raise DonneeInvalide("indices de délégués invalides")
    coefficients: dict[int, int] = {}
    for d in indices:
        num, den = 1, 1
        for k in indices:
            if k != d:
                num = num * k % ORDRE
                den = den * (k - d) % ORDRE
        coefficients[d] = num * pow(den, -1, ORDRE) % ORDRE
    return coefficients
