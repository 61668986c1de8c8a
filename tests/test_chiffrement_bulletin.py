"""Ballots: a valid ballot verifies, and every tampering is refused with its reason."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from chiffrement.bulletin import construire_bulletin, contexte, verifier_bulletin
from chiffrement.credential import credential_publique, deriver_secret
from chiffrement.elgamal import chiffrer, somme_chiffree
from chiffrement.erreurs import DonneeInvalide, ErreurChiffrement, Incoherence, PreuveInvalide
from chiffrement.groupe import ORDRE, puissance_g, scalaire_aleatoire
from chiffrement.hachage import json_canonique
from chiffrement.parametres import lire_parametres
from chiffrement.preuves import prouver_intervalle, signer
from tests.chiffrement_essai import ElectionEssai, creer_election


@pytest.fixture(scope="module")
def election() -> ElectionEssai:
    """One test election for the module (ballots do not change it)."""
    return creer_election()


def test_un_bulletin_valide_est_accepte(election: ElectionEssai) -> None:
    """Proofs and signature verify; the fingerprint is stable and tells nothing of the list."""
    b = construire_bulletin(election.par, "csa", [1], election.secrets_electeurs[0])
    v = verifier_bulletin(election.par, b)
    assert v.scrutin == "csa" and len(v.chiffres) == 3 and len(v.empreinte) == 64
    assert verifier_bulletin(election.par, copy.deepcopy(b)).empreinte == v.empreinte
    autre = construire_bulletin(election.par, "csa", [1], election.secrets_electeurs[0])
    assert verifier_bulletin(election.par, autre).empreinte != v.empreinte


def _altere(b: dict[str, Any], chemin: list[Any], valeur: Any) -> dict[str, Any]:
    b = copy.deepcopy(b)
    cible: Any = b
    for cle in chemin[:-1]:
        cible = cible[cle]
    cible[chemin[-1]] = valeur
    return b


def test_chiffre_change_refuse(election: ElectionEssai) -> None:
    """A ciphertext replaced (here by g^1) breaks its proof."""
    b = construire_bulletin(election.par, "csa", [0], election.secrets_electeurs[0])
    faux = _altere(b, ["message", "answer", "choices", 1, "beta"], puissance_g(1).texte())
    with pytest.raises(PreuveInvalide, match="liste 2"):
        verifier_bulletin(election.par, faux)


def test_listes_permutees_refuse(election: ElectionEssai) -> None:
    """Swapping two lists' ciphertexts (with their proofs) moves the vote: refused."""
    b = construire_bulletin(election.par, "csa", [0], election.secrets_electeurs[0])
    reponse = b["message"]["answer"]
    faux = copy.deepcopy(b)
    for champ in ("choices", "individual_proofs"):
        faux["message"]["answer"][champ] = [reponse[champ][1], reponse[champ][0], reponse[champ][2]]
    with pytest.raises(PreuveInvalide):
        verifier_bulletin(election.par, faux)


def test_deux_listes_cochees_refuse(election: ElectionEssai) -> None:
    """Each ciphertext a valid 0/1 and the ballot signed, but two lists at 1: the overall
    proof cannot be made, and a forged one is refused."""
    par, secret = election.par, election.secrets_electeurs[1]
    cred = credential_publique(secret)
    s0 = contexte(par.empreinte, "csa", cred)
    faits = [chiffrer(par.cle, m) for m in (1, 1, 0)]
    chiffres = [c for c, _ in faits]
    individuelles = [
        [p.json() for p in prouver_intervalle(s0, par.cle, c, r, m, (0, 1))]
        for (c, r), m in zip(faits, (1, 1, 0), strict=True)
    ]
    s = s0 + "|" + ",".join(f"{c.alpha.texte()},{c.beta.texte()}" for c in chiffres)
    r_total = sum(r for _, r in faits) % ORDRE
    globale = prouver_intervalle(s, par.cle, somme_chiffree(chiffres), r_total, 0, [1])
    message = {
        "election_uuid": par.election,
        "election_hash": par.empreinte,
        "scrutin": "csa",
        "credential": cred.texte(),
        "answer": {
            "choices": [c.json() for c in chiffres],
            "individual_proofs": individuelles,
            "overall_proof": [p.json() for p in globale],
        },
    }
    faux = {
        "message": message,
        "signature": signer("ballot", secret, json_canonique(message).decode()).json(),
    }
    with pytest.raises(PreuveInvalide, match="nombre de listes"):
        verifier_bulletin(par, faux)


def test_trop_ou_pas_assez_de_listes_refuse_a_la_construction(election: ElectionEssai) -> None:
    """The builder itself refuses a choice outside [min, max] or an unknown list."""
    for choix in ([], [0, 1], [3]):
        with pytest.raises(DonneeInvalide):
            construire_bulletin(election.par, "csa", choix, election.secrets_electeurs[0])


def test_signature_d_une_autre_credential_refuse(election: ElectionEssai) -> None:
    """A ballot whose signature is replaced by another voter's: refused."""
    b = construire_bulletin(election.par, "csa", [2], election.secrets_electeurs[0])
    texte = json_canonique(b["message"]).decode()
    autre = signer("ballot", election.secrets_electeurs[1], texte).json()
    with pytest.raises(PreuveInvalide, match="signature"):
        verifier_bulletin(election.par, _altere(b, ["signature"], autre))


def test_credential_remplacee_refuse(election: ElectionEssai) -> None:
    """Claiming another credential breaks every proof (S0 names the credential)."""
    b = construire_bulletin(election.par, "csa", [2], election.secrets_electeurs[0])
    autre = credential_publique(election.secrets_electeurs[1]).texte()
    with pytest.raises(PreuveInvalide):
        verifier_bulletin(election.par, _altere(b, ["message", "credential"], autre))


def test_bulletin_rejoue_dans_un_autre_scrutin_refuse() -> None:
    """A ballot of one scrutin presented as another's (same number of lists): refused."""
    scrutins = [
        {"id": "un", "nom": "1", "listes": ["A", "B"], "min": 1, "max": 1},
        {"id": "deux", "nom": "2", "listes": ["C", "D"], "min": 1, "max": 1},
    ]
    e = creer_election(electeurs=1, scrutins=scrutins)
    b = construire_bulletin(e.par, "un", [0], e.secrets_electeurs[0])
    with pytest.raises(PreuveInvalide):
        verifier_bulletin(e.par, _altere(b, ["message", "scrutin"], "deux"))


def test_autre_cle_refuse(election: ElectionEssai) -> None:
    """A ballot built under other parameters (another key) is refused, even relabelled."""
    autre = creer_election(electeurs=1)
    b = construire_bulletin(autre.par, "csa", [0], election.secrets_electeurs[0])
    with pytest.raises(DonneeInvalide, match=r"autres paramètres|autre élection"):
        verifier_bulletin(election.par, b)
    faux = _altere(b, ["message", "election_hash"], election.par.empreinte)
    with pytest.raises(ErreurChiffrement):
        verifier_bulletin(election.par, faux)


def test_cle_echangee_dans_les_parametres_refusee(election: ElectionEssai) -> None:
    """Attack 5: the election key swapped in the parameters no longer matches the trustees,
    and the fingerprint published by the bureau no longer matches the document."""
    faux = copy.deepcopy(election.document)
    faux["cle_publique"] = puissance_g(scalaire_aleatoire()).texte()
    with pytest.raises(Incoherence, match="empreinte"):
        lire_parametres(faux, election.par.empreinte)
    with pytest.raises(Incoherence, match="clé publique"):
        lire_parametres(faux)


@pytest.mark.parametrize(
    "chemin",
    [["signature", "challenge"], ["message", "answer", "overall_proof", 0, "response"]],
)
def test_scalaire_hors_intervalle_refuse(election: ElectionEssai, chemin: list[Any]) -> None:
    """A scalar ≥ q (the same value plus q) is refused, not reduced."""
    b = construire_bulletin(election.par, "csa", [0], election.secrets_electeurs[0])
    cible: Any = b
    for cle in chemin:
        cible = cible[cle]
    with pytest.raises(DonneeInvalide, match="hors de l'intervalle"):
        verifier_bulletin(election.par, _altere(b, chemin, str(int(cible) + ORDRE)))


def test_credential_derivee_du_code() -> None:
    """The code's presentation does not matter; the voter and the election do."""
    a = deriver_secret("abcd-efgh-jkmn", "e", "v1", 10)
    assert a == deriver_secret("ABCD EFGH JKMN", "e", "v1", 10)
    assert a != deriver_secret("ABCD-EFGH-JKMN", "e", "v2", 10)
    assert a != deriver_secret("ABCD-EFGH-JKMN", "f", "v1", 10)
    assert a != deriver_secret("ABCD-EFGH-JKMP", "e", "v1", 10)


def test_preuve_de_vote_signee_par_le_portail(election: ElectionEssai) -> None:
    """The proof of vote verifies against the board's key; another key, another
    fingerprint or a changed height does not."""
    from chiffrement.accuse import signer_accuse, verifier_accuse

    cle = puissance_g(election.secret_portail)
    preuve = signer_accuse(
        election.secret_portail,
        election.par.empreinte,
        "csa",
        "ab" * 32,
        7,
        "2026-12-03T10:00:00+01:00",
    )
    assert verifier_accuse(preuve, cle)["empreinte"] == "ab" * 32
    with pytest.raises(PreuveInvalide, match="autre clé"):
        verifier_accuse(preuve, puissance_g(scalaire_aleatoire()))
    for champ, valeur in (("empreinte", "cd" * 32), ("hauteur", 8)):
        with pytest.raises(PreuveInvalide, match="signature fausse"):
            verifier_accuse(_altere(preuve, ["accuse", champ], valeur), cle)
    forge = signer_accuse(scalaire_aleatoire(), election.par.empreinte, "csa", "ab" * 32, 7, "x")
    with pytest.raises(PreuveInvalide):
        verifier_accuse(forge, cle)


def test_vecteur_de_reponse_connue() -> None:
    """The committed vector (tests/donnees/vecteur_bulletin.json): same parameters, code
    and draws give the same ballot, byte for byte, and it verifies. Guards against both
    implementations drifting together."""
    import json

    from chiffrement.hachage import empreinte
    from tests.chiffrement_essai import VECTEUR, aleas_du_vecteur

    v = json.loads(VECTEUR.read_text(encoding="utf-8"))
    par = lire_parametres(v["parametres"], v["empreinte_parametres"])
    x = deriver_secret(v["code"], par.election, v["electeur"], par.iterations)
    assert str(x) == v["secret"]
    b = construire_bulletin(par, v["scrutin"], v["choix"], x, iter(aleas_du_vecteur()).__next__)
    assert b == v["bulletin"] and empreinte(b) == v["empreinte_bulletin"]
    assert verifier_bulletin(par, b).empreinte == v["empreinte_bulletin"]
