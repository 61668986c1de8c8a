"""The browser's ballot (chiffrement/navigateur/bulletin.js, run under Node) against the
Python core: a JS ballot verifies in Python; with the same random draws, both sides make
the same bytes; the browser refuses changed parameters."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from chiffrement.bulletin import construire_bulletin, verifier_bulletin
from chiffrement.credential import credential_publique, deriver_secret
from chiffrement.erreurs import PreuveInvalide
from chiffrement.groupe import puissance_g, scalaire_aleatoire
from chiffrement.hachage import empreinte, hacher_vers_scalaire, json_canonique
from chiffrement.possession import prouver_possession, verifier_possession
from tests.chiffrement_essai import ElectionEssai, creer_election

RACINE = Path(__file__).resolve().parent.parent
PILOTE = RACINE / "tests" / "bulletin_node.mjs"
MODULES = RACINE / "chiffrement" / "navigateur" / "node_modules" / "@noble"


def _node(demande: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None or not MODULES.is_dir():
        pytest.fail("node ou chiffrement/navigateur/node_modules manque : lancez make install")
    sortie = subprocess.run(
        [node, str(PILOTE)],
        input=json.dumps(demande),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    reponse: dict[str, Any] = json.loads(sortie.stdout)
    return reponse


@pytest.fixture(scope="module")
def election() -> ElectionEssai:
    """One test election for the module."""
    return creer_election(electeurs=1)


def _demande(e: ElectionEssai, scrutin: str, choix: list[int], **autres: Any) -> dict[str, Any]:
    return {
        "document": e.document,
        "empreinte": e.par.empreinte,
        "scrutin": scrutin,
        "choix": choix,
        "code": "k7q2 m9xp-4tza",
        "election": e.par.election,
        "electeur": "agent@education.gouv.fr",
        "iterations": e.par.iterations,
        **autres,
    }


def test_un_bulletin_du_navigateur_est_verifie_par_python(election: ElectionEssai) -> None:
    """Built in JS with fresh randomness, checked by the portal's Python verifier."""
    for scrutin, choix in (("csa", [2]), ("cap", [0])):
        reponse = _node(_demande(election, scrutin, choix))
        assert "erreur" not in reponse, reponse
        verifie = verifier_bulletin(election.par, reponse["bulletin"])
        assert verifie.empreinte == reponse["empreinte"]
        attendu = deriver_secret(
            "K7Q2-M9XP-4TZA", election.par.election, "agent@education.gouv.fr", 10
        )
        assert reponse["credential"] == credential_publique(attendu).texte()


def test_derivation_webcrypto_et_noble_identiques(election: ElectionEssai) -> None:
    """The credential is the same through WebCrypto's PBKDF2 and @noble/hashes'."""
    natif = _node(_demande(election, "csa", [0], iterations=1000))
    noble = _node(_demande(election, "csa", [0], iterations=1000, sansWebCrypto=True))
    attendu = deriver_secret("K7Q2M9XP4TZA", election.par.election, "agent@education.gouv.fr", 1000)
    assert natif["secret"] == noble["secret"] == str(attendu)


def test_memes_aleas_memes_octets(election: ElectionEssai) -> None:
    """With the same random draws, JS and Python produce the same ballot, byte for byte."""
    suite = [hacher_vers_scalaire("essai-alea", str(i)) for i in range(200)]
    secret = deriver_secret("K7Q2M9XP4TZA", election.par.election, "agent@education.gouv.fr", 10)
    for scrutin, choix in (("csa", [1]), ("cap", [6])):
        tirages = iter(suite)
        python = construire_bulletin(election.par, scrutin, choix, secret, tirages.__next__)
        reponse = _node(_demande(election, scrutin, choix, alea=[str(x) for x in suite]))
        assert reponse["canonique"] == json_canonique(python).decode()
        assert reponse["empreinte"] == empreinte(python)


def test_le_navigateur_refuse_des_parametres_changes(election: ElectionEssai) -> None:
    """A key swapped in the parameters: refused by the fingerprint, and even with a
    fingerprint recomputed to match, by the trustees' keys."""
    faux = copy.deepcopy(election.document)
    faux["cle_publique"] = puissance_g(scalaire_aleatoire()).texte()
    reponse = _node({**_demande(election, "csa", [0]), "document": faux})
    assert "paramètres modifiés" in reponse["erreur"]
    reponse = _node(
        {**_demande(election, "csa", [0]), "document": faux, "empreinte": empreinte(faux)}
    )
    assert "différente de celle des tiers" in reponse["erreur"]


def test_un_bulletin_du_navigateur_altere_est_refuse(election: ElectionEssai) -> None:
    """The JS ballot with one ciphertext swapped for another's: Python refuses it."""
    bulletin = _node(_demande(election, "csa", [0]))["bulletin"]
    choix = bulletin["message"]["answer"]["choices"]
    choix[0], choix[1] = choix[1], choix[0]
    with pytest.raises(PreuveInvalide):
        verifier_bulletin(election.par, bulletin)


def test_vecteur_de_reponse_connue_dans_le_navigateur() -> None:
    """The browser module gives the committed vector's ballot, byte for byte."""
    from tests.chiffrement_essai import VECTEUR, aleas_du_vecteur

    v = json.loads(VECTEUR.read_text(encoding="utf-8"))
    reponse = _node(
        {
            "document": v["parametres"],
            "empreinte": v["empreinte_parametres"],
            "scrutin": v["scrutin"],
            "choix": v["choix"],
            "code": v["code"],
            "election": v["parametres"]["election"],
            "electeur": v["electeur"],
            "iterations": v["parametres"]["derivation"]["iterations"],
            "alea": [str(a) for a in aleas_du_vecteur()],
        }
    )
    assert reponse["secret"] == v["secret"]
    assert reponse["empreinte"] == v["empreinte_bulletin"]
    assert json.loads(reponse["canonique"]) == v["bulletin"]


def test_preuve_de_possession_du_navigateur_verifiee_par_python(election: ElectionEssai) -> None:
    """The code de vote screen's proof made by the browser holds in Python for the voter's
    credential, and fails for another challenge, another voter or another credential."""
    reponse = _node({**_demande(election, "csa", [0]), "defi": "d3f1-session"})
    preuve, electeur = reponse["possession"], "agent@education.gouv.fr"
    x = deriver_secret("K7Q2M9XP4TZA", election.par.election, electeur, election.par.iterations)
    credential = credential_publique(x)
    phi = election.par.empreinte
    verifier_possession(credential, phi, electeur, "d3f1-session", preuve)
    for autre in (
        (credential, phi, electeur, "autre-defi"),
        (credential, phi, "autre@education.gouv.fr", "d3f1-session"),
        (puissance_g(scalaire_aleatoire()), phi, electeur, "d3f1-session"),
    ):
        with pytest.raises(PreuveInvalide):
            verifier_possession(*autre, preuve)


def test_preuve_de_possession_memes_aleas_memes_octets(election: ElectionEssai) -> None:
    """Same x, same draw: the browser's proof and Python's are the same bytes."""
    suite = [scalaire_aleatoire() for _ in range(200)]
    reponse = _node(
        {**_demande(election, "csa", [0]), "defi": "abc", "alea": [str(v) for v in suite]}
    )
    x = int(reponse["secret"])
    # The ballot used the draws first: replay them, then the proof's one.
    restants = iter(suite)
    construire_bulletin(election.par, "csa", [0], x, lambda: next(restants))
    python = prouver_possession(
        x, election.par.empreinte, "agent@education.gouv.fr", "abc", lambda: next(restants)
    )
    assert python == reponse["possession"]
