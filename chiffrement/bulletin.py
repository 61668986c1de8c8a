"""A ballot for one scrutin (Belenios's homomorphic answer, signed with the credential).

    {"message": {"election_uuid": "<election>", "election_hash": "<φ>",
                 "scrutin": "<id>", "credential": "<g^x>",
                 "answer": {"choices": [{"alpha", "beta"} × lists],
                            "individual_proofs": [[proof, proof] × lists],
                            "overall_proof": [proof × (max − min + 1)]}},
     "signature": {"challenge", "response"}}

Each list gets a ciphertext of 0 or 1 with its proof; the product of a scrutin's ciphertexts
gets a proof that the number of lists chosen is within [min, max] (exactly one list when
min = max = 1). The statement S0 = φ|scrutin|credential opens every hash, as Belenios's
S0 = φ|credential does, with the scrutin added since a voter casts one ballot per scrutin.
The fingerprint of a ballot — the receipt's « empreinte » — is SHA-256 of its canonical JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chiffrement.credential import credential_publique
from chiffrement.elgamal import Alea, Chiffre, chiffre_depuis_json, chiffrer, somme_chiffree
from chiffrement.erreurs import DonneeInvalide, PreuveInvalide
from chiffrement.groupe import ORDRE, Point, point_depuis_texte, scalaire_aleatoire
from chiffrement.hachage import empreinte, json_canonique
from chiffrement.parametres import Parametres, Scrutin
from chiffrement.preuves import (
    preuve_depuis_json,
    preuves_depuis_json,
    prouver_intervalle,
    signer,
    verifier_intervalle,
    verifier_signature,
)

USAGE_BULLETIN = "ballot"
_CLES_MESSAGE = {"election_uuid", "election_hash", "scrutin", "credential", "answer"}
_CLES_REPONSE = {"choices", "individual_proofs", "overall_proof"}


def contexte(phi: str, scrutin: str, credential: Point) -> str:
    """S0: what every proof of a ballot is bound to."""
    return f"{phi}|{scrutin}|{credential.texte()}"


def _contexte_global(s0: str, chiffres: Sequence[Chiffre]) -> str:
    """S: S0 followed by every ciphertext, for the overall proof."""
    return s0 + "|" + ",".join(f"{c.alpha.texte()},{c.beta.texte()}" for c in chiffres)


def _scrutin(parametres: Parametres, ident: object) -> Scrutin:
    if not isinstance(ident, str) or ident not in parametres.scrutins:
        raise DonneeInvalide(f"scrutin inconnu : {ident!r}")
    return parametres.scrutins[ident]


def construire_bulletin(
    parametres: Parametres,
    scrutin: str,
    choix: Sequence[int],
    secret: int,
    alea: Alea = scalaire_aleatoire,
) -> dict[str, Any]:
    """Encrypt the chosen lists (indices into the scrutin's lists), prove, sign."""
    s = _scrutin(parametres, scrutin)
    if len(set(choix)) != len(choix) or any(not 0 <= i < len(s.listes) for i in choix):
        raise DonneeInvalide("choix : indices de listes distincts et existants attendus")
    if not s.min <= len(choix) <= s.max:
        raise DonneeInvalide(f"choix : entre {s.min} et {s.max} liste(s) attendue(s)")
    credential = credential_publique(secret)
    s0 = contexte(parametres.empreinte, scrutin, credential)
    valeurs = [1 if i in choix else 0 for i in range(len(s.listes))]
    chiffres, aleas = [], []
    for m in valeurs:
        c, r = chiffrer(parametres.cle, m, alea)
        chiffres.append(c)
        aleas.append(r)
    individuelles = [
        [p.json() for p in prouver_intervalle(s0, parametres.cle, c, r, m, (0, 1), alea)]
        for c, r, m in zip(chiffres, aleas, valeurs, strict=True)
    ]
    bornes = list(range(s.min, s.max + 1))
    globale = prouver_intervalle(
        _contexte_global(s0, chiffres),
        parametres.cle,
        somme_chiffree(chiffres),
        sum(aleas) % ORDRE,
        len(choix) - s.min,
        bornes,
        alea,
    )
    message = {
        "election_uuid": parametres.election,
        "election_hash": parametres.empreinte,
        "scrutin": scrutin,
        "credential": credential.texte(),
        "answer": {
            "choices": [c.json() for c in chiffres],
            "individual_proofs": individuelles,
            "overall_proof": [p.json() for p in globale],
        },
    }
    signature = signer(USAGE_BULLETIN, secret, json_canonique(message).decode(), alea)
    return {"message": message, "signature": signature.json()}


@dataclass(frozen=True)
class BulletinVerifie:
    """What the portal, the board and the tally need of a checked ballot."""

    scrutin: str
    credential: Point
    chiffres: tuple[Chiffre, ...]
    empreinte: str


def verifier_bulletin(parametres: Parametres, bulletin: object) -> BulletinVerifie:
    """Check a ballot from outside: shape, every point, every proof, the signature.
    Raises DonneeInvalide or PreuveInvalide naming what fails. Whether the credential may
    vote in this scrutin (and has not yet) is the board's question, not this one."""
    if not isinstance(bulletin, dict) or set(bulletin) != {"message", "signature"}:
        raise DonneeInvalide("bulletin : objet {message, signature} attendu")
    message = bulletin["message"]
    if not isinstance(message, dict) or set(message) != _CLES_MESSAGE:
        raise DonneeInvalide(f"bulletin.message : champs {sorted(_CLES_MESSAGE)} attendus")
    if message["election_uuid"] != parametres.election:
        raise DonneeInvalide("bulletin d'une autre élection")
    if message["election_hash"] != parametres.empreinte:
        raise DonneeInvalide("bulletin construit avec d'autres paramètres (empreinte différente)")
    s = _scrutin(parametres, message["scrutin"])
    credential = point_depuis_texte(message["credential"], "bulletin.credential")
    reponse = message["answer"]
    if not isinstance(reponse, dict) or set(reponse) != _CLES_REPONSE:
        raise DonneeInvalide(f"bulletin.answer : champs {sorted(_CLES_REPONSE)} attendus")
    brut = reponse["choices"]
    if not isinstance(brut, list) or len(brut) != len(s.listes):
        raise DonneeInvalide(f"bulletin : {len(s.listes)} chiffrés attendus (un par liste)")
    chiffres = [chiffre_depuis_json(c, f"choices[{i}]") for i, c in enumerate(brut)]
    individuelles = reponse["individual_proofs"]
    if not isinstance(individuelles, list) or len(individuelles) != len(s.listes):
        raise DonneeInvalide("bulletin : une preuve par liste attendue")
    bornes = list(range(s.min, s.max + 1))
    globale = preuves_depuis_json(reponse["overall_proof"], len(bornes), "overall_proof")
    signature = preuve_depuis_json(bulletin["signature"], "signature")
    s0 = contexte(parametres.empreinte, s.id, credential)
    for i, (c, p) in enumerate(zip(chiffres, individuelles, strict=True)):
        preuves = preuves_depuis_json(p, 2, f"individual_proofs[{i}]")
        try:
            verifier_intervalle(s0, parametres.cle, c, preuves, (0, 1))
        except PreuveInvalide:
            raise PreuveInvalide(f"liste {i + 1} : preuve « 0 ou 1 » fausse") from None
    try:
        verifier_intervalle(
            _contexte_global(s0, chiffres),
            parametres.cle,
            somme_chiffree(chiffres),
            globale,
            bornes,
        )
    except PreuveInvalide:
        raise PreuveInvalide(
            f"preuve du nombre de listes choisies (entre {s.min} et {s.max}) fausse"
        ) from None
    try:
        verifier_signature(USAGE_BULLETIN, credential, json_canonique(message).decode(), signature)
    except PreuveInvalide:
        raise PreuveInvalide("signature du bulletin fausse pour sa credential") from None
    return BulletinVerifie(s.id, credential, tuple(chiffres), empreinte(bulletin))
