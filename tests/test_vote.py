"""The vote without its screens: ballots built by the voter's browser, checked against
the voter's credential and scrutin, one per voter and scrutin, a box kept apart from the
émargement, a public board chained by hashes, and a count from the board that decrypts no
single ballot."""

from __future__ import annotations

import itertools
import json
import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from chiffrement.hachage import empreinte
from chiffrement.verificateur import verifier_dossier
from fixtures.reference import academies, corps, listes_candidates
from simulator.storage import Database
from simulator.storage.electeurs import Electeur
from simulator.storage.tableau import entrees
from simulator.vote import urne
from simulator.vote.depouillement import DepouillementRefuse, depouiller_election
from simulator.vote.errors import BulletinRefuse, ScrutinDejaVote, TableauClos
from simulator.vote.scrutins_publics import identifiant_scrutin
from tests.vote_essai import ACADEMIQUE, CSA, UrneEssai, urne_essai


@pytest.fixture
def essai(tmp_path: Path) -> UrneEssai:
    """A sealed election in a portal database, its board opened."""
    return urne_essai(tmp_path)


def _deposer(e: UrneEssai, electeur: Electeur, bulletin: Any, nom: str = CSA) -> urne.Depot:
    verifie = urne.verifier(e.parametres, electeur, identifiant_scrutin(nom), bulletin)
    return urne.deposer_bulletin(e.db, electeur, nom, verifie, bulletin)


def test_a_ballot_is_final_and_kept_apart_from_its_voter(essai: UrneEssai) -> None:
    """The box holds the ballot with no voter column, the board holds it at once under the
    receipt's fingerprint; a second vote in the scrutin is refused."""
    electeur, x = essai.electeur()
    bulletin = essai.bulletin(x, 2)
    depot = _deposer(essai, electeur, bulletin)
    assert depot.empreinte == empreinte(bulletin)
    with pytest.raises(ScrutinDejaVote, match="définitif"):
        _deposer(essai, electeur, essai.bulletin(x, 1))
    colonnes = [r["name"] for r in essai.db.reader().execute("PRAGMA table_info(urne)")]
    assert colonnes == ["id", "scrutin", "bulletin"]
    au_tableau = entrees(essai.db.reader())[depot.hauteur]
    assert au_tableau["type"] == "bulletin" and au_tableau["contenu"] == bulletin
    stocke = bytes(essai.db.reader().execute("SELECT bulletin FROM urne").fetchone()["bulletin"])
    assert listes_candidates(CSA)[2].encode() not in stocke
    assert electeur.email.encode() not in stocke


@pytest.mark.parametrize(
    ("alteration", "motif"),
    [
        ("preuve", "preuve"),
        ("autre_credential", "pas signé avec la clé de votre code de vote"),
        ("autre_scrutin", "autre scrutin"),
        ("illisible", "illisible"),
    ],
)
def test_a_forged_ballot_is_refused_with_a_clear_message(
    essai: UrneEssai, alteration: str, motif: str
) -> None:
    """A changed proof, another voter's credential, a ballot for another scrutin, a body
    that is no JSON: refused, named, nothing stored."""
    electeur, x = essai.electeur()
    autre, y = essai.electeur()
    bulletin = essai.bulletin(x)
    if alteration == "preuve":
        bulletin["message"]["answer"]["individual_proofs"][0][0]["response"] = "1"
    texte = json.dumps(bulletin)
    if alteration == "autre_credential":
        texte = json.dumps(essai.bulletin(y))
    if alteration == "autre_scrutin":
        texte = json.dumps(essai.bulletin(x, 0, ACADEMIQUE))
    if alteration == "illisible":
        texte = "{pas du json"
    with pytest.raises(BulletinRefuse, match=motif):
        verifie = urne.verifier(
            essai.parametres, electeur, identifiant_scrutin(CSA), urne.lire_bulletin(texte)
        )
        urne.deposer_bulletin(essai.db, electeur, CSA, verifie, bulletin)
    assert essai.db.reader().execute("SELECT COUNT(*) AS n FROM urne").fetchone()["n"] == 0
    del autre


def test_a_replayed_ballot_is_refused(essai: UrneEssai) -> None:
    """The same ballot again (by its voter, or posted for another voter): refused."""
    electeur, x = essai.electeur()
    autre, _ = essai.electeur()
    bulletin = essai.bulletin(x)
    _deposer(essai, electeur, bulletin)
    with pytest.raises(ScrutinDejaVote):
        _deposer(essai, electeur, bulletin)
    with pytest.raises(BulletinRefuse, match="pas signé"):
        _deposer(essai, autre, bulletin)


def test_the_box_the_emargement_and_the_board_only_grow(essai: UrneEssai) -> None:
    """UPDATE and DELETE are refused by the database itself."""
    electeur, x = essai.electeur()
    _deposer(essai, electeur, essai.bulletin(x))
    for sql in (
        "UPDATE urne SET scrutin = 'x'",
        "DELETE FROM urne",
        "UPDATE emargement SET scrutin = 'x'",
        "DELETE FROM emargement",
        "UPDATE tableau SET type = 'x'",
        "DELETE FROM tableau",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="ajout seul"), essai.db.transaction() as c:
            c.execute(sql)


def _voter(args: tuple[str, str, str]) -> str:
    chemin, electeur_json, bulletin_json = args
    from simulator.vote.parametres_publics import charger_parametres_publics

    db = Database(Path(chemin))
    parametres = charger_parametres_publics(db, Path(chemin).parent / "publication")
    electeur = Electeur(**json.loads(electeur_json))
    bulletin = json.loads(bulletin_json)
    try:
        verifie = urne.verifier(parametres, electeur, identifiant_scrutin(CSA), bulletin)
        urne.deposer_bulletin(db, electeur, CSA, verifie, bulletin)
    except ScrutinDejaVote:
        return "refusé"
    return "accepté"


def test_the_same_ballot_sent_at_once_by_two_processes_counts_once(essai: UrneEssai) -> None:
    """Two workers submitting the same voter's ballot together: one vote, one refusal."""
    electeur, x = essai.electeur()
    champs = {**electeur.__dict__, "scrutins": list(electeur.scrutins)}
    args = (str(essai.db.path), json.dumps(champs), json.dumps(essai.bulletin(x)))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        issues = pool.map(_voter, [args] * 2)
    assert sorted(issues) == ["accepté", "refusé"]
    assert essai.db.reader().execute("SELECT COUNT(*) AS n FROM urne").fetchone()["n"] == 1


def test_the_count_from_the_board_matches_and_the_verifier_agrees(
    essai: UrneEssai, tmp_path: Path
) -> None:
    """Votes per list from the homomorphic sums, ballots = émargements, the verifier
    recomputes it all from the published folder; no ballot is taken after the count."""
    votes = [0, 0, 1]
    for indice in votes:
        electeur, x = essai.electeur()
        _deposer(essai, electeur, essai.bulletin(x, indice))
    cles = sorted(essai.tiers.glob("*.cle"))
    publication = tmp_path / "resultats"
    resultat = depouiller_election(essai.db, essai.publication, publication, cles, 0.0)
    voix = resultat["scrutins"][identifiant_scrutin(CSA)]["voix"]
    assert voix[:2] == [2, 1] and sum(voix) == 3
    rapport = verifier_dossier(publication)
    assert rapport.bulletins[identifiant_scrutin(CSA)] == 3
    electeur, x = essai.electeur()
    with pytest.raises(TableauClos):
        _deposer(essai, electeur, essai.bulletin(x))


def test_the_count_needs_the_president_and_two_delegates(essai: UrneEssai, tmp_path: Path) -> None:
    """Two keys are too few; nothing is published."""
    electeur, x = essai.electeur()
    _deposer(essai, electeur, essai.bulletin(x))
    deux = [essai.tiers / "president.cle", essai.tiers / "delegue-1.cle"]
    with pytest.raises(DepouillementRefuse):
        depouiller_election(essai.db, essai.publication, tmp_path / "r", deux, 0.0)
    assert not (tmp_path / "r" / "resultats.json").exists()


def test_every_scrutin_of_the_roll_has_three_to_eight_lists() -> None:
    """The candidate data covers every scrutin a generated roll can hold."""
    for grade, academie in itertools.product(corps(), academies()):
        for scrutin in grade.scrutins_pour(academie):
            assert 3 <= len(listes_candidates(scrutin)) <= 8, scrutin


def test_a_database_made_before_the_code_de_vote_gets_its_columns(tmp_path: Path) -> None:
    """A portal database created before the vote opens with `code_vote_hash` and
    `credential` added, its voters kept (a roll's secret an older load stored is then
    hashed per voter and forgotten at the portal's start: tests/test_attaque_secret.py)."""
    chemin = tmp_path / "ancienne.sqlite3"
    ancienne = sqlite3.connect(chemin)
    ancienne.execute(
        "CREATE TABLE voters (id INTEGER PRIMARY KEY, email TEXT NOT NULL, civilite TEXT NOT NULL"
        " DEFAULT '', nom TEXT NOT NULL DEFAULT '', prenom TEXT NOT NULL DEFAULT '',"
        " academie TEXT NOT NULL DEFAULT '', corps TEXT NOT NULL DEFAULT '', scrutins TEXT NOT"
        " NULL DEFAULT '', password_hash TEXT, question TEXT, answer_hash TEXT)"
    )
    ancienne.execute("INSERT INTO voters (email) VALUES ('ancien@ac-reims.fr')")
    ancienne.commit()
    ancienne.close()
    db = Database(chemin)
    colonnes = {r["name"] for r in db.reader().execute("PRAGMA table_info(voters)")}
    assert {"code_vote_hash", "credential"} <= colonnes
    electeur = db.reader().execute("SELECT * FROM voters").fetchone()
    assert electeur["email"] == "ancien@ac-reims.fr" and electeur["code_vote_hash"] is None
    Database(chemin)  # a second start (or worker) finds the columns there: nothing to do
