"""What the portal vouches for without its database: the index of the credential
authority's file each process builds (simulator/vote/credentials_autorite.py), the
board's replacements the authority signed (chiffrement/inscriptions.py), and what a
deposit requires of them in its transaction (simulator/vote/inscriptions.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chiffrement.bulletin import BulletinVerifie, construire_bulletin, verifier_bulletin
from chiffrement.credential import credential_publique
from chiffrement.credentials_publiques import CredentialsRefusees, ecrire_credentials
from chiffrement.inscriptions import Remplacements
from chiffrement.parametres import Parametres
from chiffrement.signature_autorite import cle_publique, signer_remplacement
from simulator.storage import Database
from simulator.vote.credentials_autorite import CredentialsDeLAutorite, Inscription
from simulator.vote.errors import BulletinRefuse
from simulator.vote.inscriptions import SCRUTIN_AUTRE, InscriptionsVouchees
from simulator.vote.parametres_publics import lire_parametres_publies
from simulator.vote.scrutins_publics import sceller_essai
from simulator.vote.urne import CLE_AUTRE

GRAINE = bytes(range(32))  # the authority's signing key, in these tests


@pytest.fixture
def parametres(tmp_path: Path) -> Parametres:
    """Public parameters of a test sealing."""
    publication, _ = sceller_essai(tmp_path / "scellement")
    return lire_parametres_publies(publication)


def _gx(i: int) -> str:
    return credential_publique(1000 + i).texte()


def test_the_index_gives_each_voter_the_file_s_credential_and_scrutins(
    tmp_path: Path, parametres: Parametres
) -> None:
    """300 voters (two sets of scrutins): each address gets its own g^x and scrutins, an
    address the file does not name gets nothing, the key is the header's; an altered
    file, or one whose fingerprint is not the start's, is refused."""
    ids = sorted(parametres.scrutins)
    emails = [f"v{i}@ac-lyon.fr" for i in range(300)]
    scrutins = {e: ids[: 1 + i % 2] for i, e in enumerate(emails)}
    chemin = tmp_path / "c.jsonl"
    empreinte = ecrire_credentials(
        chemin,
        parametres,
        [(e, _gx(i)) for i, e in enumerate(emails)],
        cle_autorite=cle_publique(GRAINE),
        scrutins=scrutins,
    )
    index = CredentialsDeLAutorite(chemin, empreinte)
    assert len(index) == 300 and index.cle_autorite == cle_publique(GRAINE)
    for i, e in enumerate(emails):
        inscription = index.inscription(e)
        assert inscription is not None
        assert (inscription.credential, inscription.scrutins) == (_gx(i), frozenset(scrutins[e]))
    assert index.inscription("absent@ac-lyon.fr") is None
    with pytest.raises(CredentialsRefusees, match="a changé depuis le démarrage"):
        CredentialsDeLAutorite(chemin, "0" * 64)
    lignes = chemin.read_bytes().split(b"\n")
    lignes[5] = lignes[5].replace(b"@ac-lyon", b"@ac-nice")
    altere = tmp_path / "altere.jsonl"
    altere.write_bytes(b"\n".join(lignes))
    with pytest.raises(CredentialsRefusees, match="altéré"):
        CredentialsDeLAutorite(altere)
    ancien = tmp_path / "format1.jsonl"
    ecrire_credentials(ancien, parametres, [("a@ac-lyon.fr", _gx(1))])
    sans = CredentialsDeLAutorite(ancien)
    assert sans.cle_autorite is None
    assert sans.inscription("a@ac-lyon.fr") == Inscription(_gx(1), None)


def _entree(
    parametres: Parametres, remplace: str, nouvelle: str, signee: bool
) -> dict[str, object]:
    contenu: dict[str, object] = {"credential": nouvelle, "scrutins": [], "remplace": remplace}
    if signee:
        contenu["signature"] = signer_remplacement(GRAINE, parametres.empreinte, remplace, nouvelle)
    return contenu


def test_only_the_replacements_the_authority_signed_are_followed(parametres: Parametres) -> None:
    """A chain of two signed réassorts is followed to its end; an unsigned entry, one
    signed for another replacement, a second replacement of one credential, and any
    entry when the file names no key are set aside, named by their height."""
    remplacements = Remplacements(cle_publique(GRAINE), parametres.empreinte)
    remplacements.lire(1, _entree(parametres, _gx(0), _gx(10), signee=True))
    remplacements.lire(2, _entree(parametres, _gx(1), _gx(11), signee=False))
    remplacements.lire(3, _entree(parametres, _gx(10), _gx(20), signee=True))
    faux = {**_entree(parametres, _gx(2), _gx(12), signee=True), "credential": _gx(13)}
    remplacements.lire(4, faux)
    remplacements.lire(5, _entree(parametres, _gx(0), _gx(30), signee=True))
    remplacements.lire(6, {"credential": _gx(40), "scrutins": [], "remplace": None})
    assert remplacements.courante(_gx(0)) == _gx(20)
    assert remplacements.courante(_gx(1)) == _gx(1)
    assert remplacements.courante(_gx(2)) == _gx(2)
    assert remplacements.ecartees == [2, 4, 5]
    sans_cle = Remplacements(None, parametres.empreinte)
    sans_cle.lire(1, _entree(parametres, _gx(0), _gx(10), signee=True))
    assert sans_cle.courante(_gx(0)) == _gx(0) and sans_cle.ecartees == [1]


def test_a_deposit_follows_the_board_as_it_grows(tmp_path: Path, parametres: Parametres) -> None:
    """What a deposit requires in its transaction (vote/inscriptions.py), on a real SQLite
    file: the file's credential in one of its scrutins; once a signed replacement is
    appended, the new credential and no longer the old one; an unsigned replacement
    appended after it changes nothing."""
    ids = sorted(parametres.scrutins)
    chemin = tmp_path / "c.jsonl"
    ecrire_credentials(
        chemin,
        parametres,
        [("a@ac-lyon.fr", _gx(1))],
        cle_autorite=cle_publique(GRAINE),
        scrutins={"a@ac-lyon.fr": ids[:1]},
    )
    inscriptions = InscriptionsVouchees(CredentialsDeLAutorite(chemin), parametres)
    db = Database(tmp_path / "portail.sqlite3")

    def bulletin(x: int, scrutin: str = ids[0]) -> BulletinVerifie:
        return verifier_bulletin(parametres, construire_bulletin(parametres, scrutin, [0], x))

    def exiger(verifie: BulletinVerifie) -> str:
        with db.transaction() as conn:
            try:
                inscriptions.exiger(conn, "a@ac-lyon.fr", verifie)
            except BulletinRefuse as refus:
                return refus.message
        return "pris"

    def ajouter(hauteur: int, contenu: dict[str, object]) -> None:
        with db.transaction() as conn:
            conn.execute(
                "INSERT INTO tableau (hauteur, type, entree) VALUES (?, 'credential', ?)",
                (hauteur, json.dumps({"contenu": contenu})),
            )

    assert exiger(bulletin(1001)) == "pris"
    assert exiger(bulletin(1001, ids[1])) == SCRUTIN_AUTRE
    ajouter(7, _entree(parametres, _gx(1), _gx(50), signee=True))
    assert exiger(bulletin(1001)) == CLE_AUTRE
    assert exiger(bulletin(1050)) == "pris"
    ajouter(9, _entree(parametres, _gx(50), _gx(60), signee=False))
    assert exiger(bulletin(1060)) == CLE_AUTRE
    assert exiger(bulletin(1050)) == "pris"
