"""The tally (Belenios, sections Encrypted tally, Partial decryptions, Election result).

For each scrutin and each list, the ciphertexts of every accepted ballot are multiplied:
the product encrypts the list's number of votes. The president and `seuil` delegates each
give a factor alpha^x_i with a Chaum–Pedersen proof; the factors combine (the delegates'
with Lagrange coefficients) into alpha^x, and the count is the small discrete logarithm of
beta / alpha^x. No ballot is ever decrypted alone, and x is never rebuilt.

Shapes:
  tally  {"<scrutin>": {"bulletins": n, "chiffres": [ciphertext × lists]}}
  partial decryption  {"tiers": "president" | "delegue", "indice": 0 | j,
                       "election_hash": φ, "facteurs": {"<scrutin>": [{"factor", "proof"}]}}
  result {"election_hash": φ, "scrutins": {"<scrutin>": {"bulletins": n, "voix": [k × lists]}}}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chiffrement.bulletin import BulletinVerifie
from chiffrement.elgamal import Alea, Chiffre, chiffre_depuis_json, somme_chiffree
from chiffrement.erreurs import DonneeInvalide, Incoherence, PreuveInvalide
from chiffrement.groupe import (
    Point,
    petit_logarithme,
    point_depuis_texte,
    produit,
    scalaire_aleatoire,
)
from chiffrement.parametres import Parametres
from chiffrement.preuves import preuve_depuis_json, prouver_dechiffrement, verifier_dechiffrement
from chiffrement.tiers import lagrange_en_zero


@dataclass(frozen=True)
class TallyScrutin:
    """A scrutin's encrypted tally: one product ciphertext per list."""

    bulletins: int
    chiffres: tuple[Chiffre, ...]


Tally = dict[str, TallyScrutin]


def calculer_tally(parametres: Parametres, bulletins: Iterable[BulletinVerifie]) -> Tally:
    """Multiply the checked ballots' ciphertexts, scrutin by scrutin, list by list."""
    par_scrutin: dict[str, list[BulletinVerifie]] = {s: [] for s in parametres.scrutins}
    for b in bulletins:
        par_scrutin[b.scrutin].append(b)
    tally: Tally = {}
    for ident, liste in par_scrutin.items():
        nombre = len(parametres.scrutins[ident].listes)
        # A scrutin without ballots has nothing to decrypt: no ciphertext, zero votes.
        colonnes = [somme_chiffree(b.chiffres[i] for b in liste) for i in range(nombre)]
        tally[ident] = TallyScrutin(len(liste), tuple(colonnes) if liste else ())
    return tally


def tally_json(tally: Tally) -> dict[str, Any]:
    """The tally as published."""
    return {
        s: {"bulletins": t.bulletins, "chiffres": [c.json() for c in t.chiffres]}
        for s, t in tally.items()
    }


def _contexte(phi: str, scrutin: str, liste: int) -> str:
    return f"{phi}|{scrutin}|{liste}"


def dechiffrer_partiellement(
    parametres: Parametres,
    tally: Tally,
    tiers: str,
    indice: int,
    secret: int,
    alea: Alea = scalaire_aleatoire,
) -> dict[str, Any]:
    """One trustee's partial decryption of the whole tally, each factor with its proof."""
    facteurs: dict[str, list[dict[str, Any]]] = {}
    for ident, t in tally.items():
        facteurs[ident] = []
        for i, c in enumerate(t.chiffres):
            f, p = prouver_dechiffrement(
                _contexte(parametres.empreinte, ident, i), secret, c.alpha, alea
            )
            facteurs[ident].append({"factor": f.texte(), "proof": p.json()})
    return {
        "tiers": tiers,
        "indice": indice,
        "election_hash": parametres.empreinte,
        "facteurs": facteurs,
    }


def _cle_du_tiers(parametres: Parametres, tiers: object, indice: object) -> tuple[str, Point]:
    if tiers == "president" and indice == 0:
        return "le président", parametres.tiers.president_cle
    if (
        tiers == "delegue"
        and isinstance(indice, int)
        and not isinstance(indice, bool)
        and 1 <= indice <= len(parametres.tiers.delegues_noms)
    ):
        return f"le délégué {indice}", parametres.tiers.cle_verification(indice)
    raise DonneeInvalide(f"déchiffrement partiel d'un tiers inconnu : {tiers} {indice}")


def verifier_dechiffrement_partiel(
    parametres: Parametres, tally: Tally, partiel: object
) -> tuple[str, int, dict[str, list[Point]]]:
    """Check one partial decryption against the trustee's public key; return its factors.
    The error names the trustee and the fragment that does not hold."""
    if not isinstance(partiel, dict):
        raise DonneeInvalide("déchiffrement partiel : objet attendu")
    qui, cle = _cle_du_tiers(parametres, partiel.get("tiers"), partiel.get("indice"))
    if partiel.get("election_hash") != parametres.empreinte:
        raise Incoherence(f"déchiffrement partiel de {qui} : autres paramètres")
    facteurs = partiel.get("facteurs")
    if not isinstance(facteurs, dict) or set(facteurs) != set(tally):
        raise DonneeInvalide(f"déchiffrement partiel de {qui} : un jeu de facteurs par scrutin")
    lus: dict[str, list[Point]] = {}
    for ident, t in tally.items():
        liste = facteurs[ident]
        if not isinstance(liste, list) or len(liste) != len(t.chiffres):
            raise DonneeInvalide(f"déchiffrement partiel de {qui}, {ident} : un facteur par liste")
        lus[ident] = []
        for i, (brut, c) in enumerate(zip(liste, t.chiffres, strict=True)):
            quoi = f"déchiffrement partiel de {qui}, {ident}, liste {i + 1}"
            if not isinstance(brut, dict) or set(brut) != {"factor", "proof"}:
                raise DonneeInvalide(f"{quoi} : {{factor, proof}} attendu")
            f = point_depuis_texte(brut["factor"], quoi)
            p = preuve_depuis_json(brut["proof"], quoi)
            try:
                verifier_dechiffrement(
                    _contexte(parametres.empreinte, ident, i), cle, c.alpha, f, p
                )
            except PreuveInvalide:
                raise PreuveInvalide(f"{quoi} : fragment altéré (preuve fausse)") from None
            lus[ident].append(f)
    return str(partiel["tiers"]), int(partiel["indice"]), lus


def calculer_resultat(
    parametres: Parametres, tally: Tally, partiels: list[object]
) -> dict[str, Any]:
    """Check every partial decryption, then combine the president's and `seuil` delegates'
    factors and decode each count. Refuses (naming why) with too few or any bad fragment."""
    president: dict[str, list[Point]] | None = None
    delegues: dict[int, dict[str, list[Point]]] = {}
    for partiel in partiels:
        tiers, indice, facteurs = verifier_dechiffrement_partiel(parametres, tally, partiel)
        if tiers == "president":
            if president is not None:
                raise Incoherence("deux déchiffrements partiels du président")
            president = facteurs
        else:
            if indice in delegues:
                raise Incoherence(f"deux déchiffrements partiels du délégué {indice}")
            delegues[indice] = facteurs
    seuil = parametres.tiers.seuil
    if president is None:
        raise Incoherence("le déchiffrement partiel du président manque")
    if len(delegues) < seuil:
        raise Incoherence(f"{len(delegues)} délégué(s) sur les {seuil} nécessaires")
    choisis = sorted(delegues)[:seuil]
    lambdas = lagrange_en_zero(choisis)
    scrutins: dict[str, Any] = {}
    for ident, t in tally.items():
        voix = [0] * len(parametres.scrutins[ident].listes) if not t.chiffres else []
        for i, c in enumerate(t.chiffres):
            facteur = president[ident][i] * produit(
                [delegues[j][ident][i] ** lambdas[j] for j in choisis]
            )
            voix.append(petit_logarithme(c.beta / facteur, t.bulletins))
        scrutins[ident] = {"bulletins": t.bulletins, "voix": voix}
    return {"election_hash": parametres.empreinte, "scrutins": scrutins}


def tally_depuis_json(parametres: Parametres, donnee: object) -> Tally:
    """Read a published tally (the verifier recomputes it and compares)."""
    if not isinstance(donnee, dict) or set(donnee) != set(parametres.scrutins):
        raise DonneeInvalide("tally : un objet par scrutin attendu")
    tally: Tally = {}
    for ident, t in donnee.items():
        if not isinstance(t, dict) or not isinstance(t.get("bulletins"), int):
            raise DonneeInvalide(f"tally.{ident} : {{bulletins, chiffres}} attendu")
        brut = t.get("chiffres")
        attendus = len(parametres.scrutins[ident].listes) if t["bulletins"] else 0
        if not isinstance(brut, list) or len(brut) != attendus:
            raise DonneeInvalide(f"tally.{ident} : un chiffré par liste attendu")
        tally[ident] = TallyScrutin(t["bulletins"], tuple(chiffre_depuis_json(c) for c in brut))
    return tally
