"""Credential entries of the board: a voter registered after the opening, a credential
replaced after a réassort of the code de vote. The board says so, and a replacement never
gives a second ballot nor lets the old credential vote again."""

from __future__ import annotations

from pathlib import Path

import pytest

from chiffrement import tableau
from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import credential_publique
from chiffrement.erreurs import ErreurChiffrement
from chiffrement.groupe import scalaire_aleatoire
from chiffrement.verificateur import verifier_dossier
from tests.chiffrement_essai import ElectionEssai, creer_election, ecrire_dossier


def _inscrire(e: ElectionEssai, secret: int, remplace: int | None = None) -> None:
    contenu = {
        "credential": credential_publique(secret).texte(),
        "scrutins": sorted(e.par.scrutins),
        "remplace": None if remplace is None else credential_publique(remplace).texte(),
    }
    e.entrees.append(tableau.entree(e.entrees[-1], "credential", contenu))


def _voter(e: ElectionEssai, secret: int, scrutin: str = "csa") -> None:
    e.publier(construire_bulletin(e.par, scrutin, [0], secret))


def test_electeur_inscrit_apres_l_ouverture_vote(tmp_path: Path) -> None:
    """A credential entry lets a voter added after the opening vote; the verifier agrees."""
    e = creer_election(electeurs=1)
    nouveau = scalaire_aleatoire()
    _inscrire(e, nouveau)
    _voter(e, nouveau)
    ecrire_dossier(tmp_path, e, {})
    assert verifier_dossier(tmp_path).bulletins["csa"] == 1


def test_sans_inscription_le_bulletin_est_refuse(tmp_path: Path) -> None:
    """The same ballot without the credential entry: the verifier names it."""
    e = creer_election(electeurs=1)
    _voter(e, scalaire_aleatoire())
    ecrire_dossier(tmp_path, e, {})
    with pytest.raises(ErreurChiffrement, match="non inscrite"):
        verifier_dossier(tmp_path)


def test_remplacement_ne_donne_pas_un_second_bulletin(tmp_path: Path) -> None:
    """Voted with the old credential, replaced: the new one cannot vote there again."""
    e = creer_election(electeurs=1)
    ancien, nouveau = e.secrets_electeurs[0], scalaire_aleatoire()
    _voter(e, ancien)
    _inscrire(e, nouveau, remplace=ancien)
    _voter(e, nouveau, "cap")  # a scrutin not yet voted: accepted
    ecrire_dossier(tmp_path, e, {})
    assert verifier_dossier(tmp_path).bulletins == {"csa": 1, "cap": 1}
    _voter(e, nouveau)
    ecrire_dossier(tmp_path, e, {})
    with pytest.raises(ErreurChiffrement, match="déjà voté"):
        verifier_dossier(tmp_path)


def test_l_ancienne_credential_ne_vote_plus(tmp_path: Path) -> None:
    """After a replacement, a ballot signed with the old credential is refused."""
    e = creer_election(electeurs=1)
    ancien = e.secrets_electeurs[0]
    _inscrire(e, scalaire_aleatoire(), remplace=ancien)
    _voter(e, ancien)
    ecrire_dossier(tmp_path, e, {})
    with pytest.raises(ErreurChiffrement, match="non inscrite"):
        verifier_dossier(tmp_path)


def test_remplacer_une_credential_inconnue_est_refuse(tmp_path: Path) -> None:
    """A replacement must name a registered credential; a credential twice is refused."""
    e = creer_election(electeurs=1)
    _inscrire(e, scalaire_aleatoire(), remplace=scalaire_aleatoire())
    ecrire_dossier(tmp_path, e, {})
    with pytest.raises(ErreurChiffrement, match="inconnue"):
        verifier_dossier(tmp_path)
    e = creer_election(electeurs=1)
    _inscrire(e, e.secrets_electeurs[0])
    ecrire_dossier(tmp_path, e, {})
    with pytest.raises(ErreurChiffrement, match="déjà inscrite"):
        verifier_dossier(tmp_path)
