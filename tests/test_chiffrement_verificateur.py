"""The verifier on published folders: a sound election passes; attacks 3, 5 and 7 of
issue 21, and a broken chain, are each named."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import deriver_secret
from chiffrement.erreurs import Incoherence
from chiffrement.groupe import puissance_g, scalaire_aleatoire
from chiffrement.hachage import empreinte
from chiffrement.verificateur import verifier_dossier
from tests.chiffrement_essai import ElectionEssai, ecrire_dossier, election_complete


@pytest.fixture(scope="module")
def publiee() -> tuple[ElectionEssai, dict[str, Any]]:
    """One counted election shared by the module's tests (each alters a copy)."""
    return election_complete()


def test_une_election_saine_passe(publiee: Any, tmp_path: Path) -> None:
    """Every step is checked and the recomputed result is the published one."""
    e, fichiers = publiee
    ecrire_dossier(tmp_path, e, fichiers)
    rapport = verifier_dossier(tmp_path)
    assert rapport.bulletins == {"csa": 3, "cap": 1}
    assert rapport.resultats is not None
    assert rapport.resultats["scrutins"]["csa"]["voix"] == [1, 1, 1]
    assert rapport.resultats["scrutins"]["cap"]["voix"] == [0] * 6 + [1]


def test_pendant_le_vote_le_tableau_seul(publiee: Any, tmp_path: Path) -> None:
    """Without closing nor counting files, the board alone is checked."""
    e, _ = publiee
    pendant = copy.deepcopy(e)
    pendant.entrees = pendant.entrees[:3]
    ecrire_dossier(tmp_path, pendant, {})
    assert verifier_dossier(tmp_path).bulletins == {"csa": 2, "cap": 0}


def _refuse(tmp_path: Path, e: ElectionEssai, fichiers: dict[str, Any], motif: str) -> None:
    ecrire_dossier(tmp_path, e, fichiers)
    with pytest.raises(Incoherence, match=motif):
        verifier_dossier(tmp_path)


def test_entree_modifiee_rompt_la_chaine(publiee: Any, tmp_path: Path) -> None:
    """A ballot replaced in the board breaks the next entry's link."""
    e, fichiers = publiee
    faux = copy.deepcopy(e)
    autre = construire_bulletin(e.par, "csa", [0], e.secrets_electeurs[1])
    faux.entrees[2]["contenu"] = autre
    _refuse(tmp_path, faux, fichiers, "entrée 3 : chaînage rompu")


def test_attaque_3_bulletin_force_sans_credential(publiee: Any, tmp_path: Path) -> None:
    """A forged ballot (a key of the attacker's) plus a forged émargement, the chain
    recomputed by the attacker: the credential is not on the published list."""
    e, _ = publiee
    faux = copy.deepcopy(e)
    intrus = deriver_secret("XXXX-XXXX-XXXX", e.par.election, "intrus", 10)
    faux.entrees = faux.entrees[:-1]
    faux.publier(construire_bulletin(e.par, "csa", [0], intrus))
    _refuse(tmp_path, faux, {"emargements.json": {"csa": 4, "cap": 1}}, "non inscrite")


def test_attaque_3_bulletin_en_double(publiee: Any, tmp_path: Path) -> None:
    """The same ballot appended twice: the second is refused."""
    e, _ = publiee
    faux = copy.deepcopy(e)
    faux.entrees = faux.entrees[:-1]
    faux.publier(faux.entrees[1]["contenu"])
    _refuse(tmp_path, faux, {}, "déjà voté")


def test_attaque_3_bulletins_differents_des_emargements(publiee: Any, tmp_path: Path) -> None:
    """Ballots ≠ émargements in one scrutin: named with both counts."""
    e, fichiers = publiee
    faux = {**fichiers, "emargements.json": {"csa": 2, "cap": 1}}
    _refuse(tmp_path, e, faux, "csa : 3 bulletin.s. pour 2 émargement")


def test_attaque_5_cle_echangee(publiee: Any, tmp_path: Path) -> None:
    """The key swapped in the published parameters: their fingerprint no longer matches."""
    e, fichiers = publiee
    faux = copy.deepcopy(e)
    faux.document["cle_publique"] = puissance_g(scalaire_aleatoire()).texte()
    ecrire_dossier(tmp_path, faux, fichiers)
    (tmp_path / "parametres.empreinte").write_text(e.par.empreinte)
    with pytest.raises(Incoherence, match="paramètres modifiés"):
        verifier_dossier(tmp_path)


def test_attaque_7_resultat_publie_faux(publiee: Any, tmp_path: Path) -> None:
    """A published result that the decryptions do not give."""
    e, fichiers = publiee
    resultats = copy.deepcopy(fichiers["resultats.json"])
    resultats["scrutins"]["csa"]["voix"] = [3, 0, 0]
    _refuse(tmp_path, e, {**fichiers, "resultats.json": resultats}, "resultats.json")


def test_dechiffrement_altere_nomme(publiee: Any, tmp_path: Path) -> None:
    """An altered partial decryption is named by the verifier too."""
    e, fichiers = publiee
    partiels = copy.deepcopy(fichiers["dechiffrements.json"])
    partiels[2]["facteurs"]["csa"][1]["factor"] = puissance_g(9).texte()
    faux = {**fichiers, "dechiffrements.json": partiels}
    _refuse(tmp_path, e, faux, "délégué 3, csa, liste 2 : fragment altéré")


def test_credentials_changees(publiee: Any, tmp_path: Path) -> None:
    """A credential added to the published list after opening: the opening names another."""
    e, fichiers = publiee
    faux = copy.deepcopy(e)
    faux.credentials["credentials"].append(
        {"credential": puissance_g(scalaire_aleatoire()).texte(), "scrutins": ["csa"]}
    )
    assert empreinte(faux.credentials) != empreinte(e.credentials)
    _refuse(tmp_path, faux, fichiers, "ouverture ne désigne pas")


def test_fichier_illisible(publiee: Any, tmp_path: Path) -> None:
    """A file that is not JSON is named."""
    e, fichiers = publiee
    ecrire_dossier(tmp_path, e, fichiers)
    (tmp_path / "tally.json").write_text("{", encoding="utf-8")
    with pytest.raises(Incoherence, match=r"tally\.json : JSON illisible"):
        verifier_dossier(tmp_path)
    assert json.loads((tmp_path / "resultats.json").read_text())
