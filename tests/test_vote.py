"""The vote without its screens: sealed ballots, one per voter and scrutin, a ballot box
kept apart from the émargement, and a count that needs the president and two delegates."""

from __future__ import annotations

import itertools
import multiprocessing
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.reference import academies, corps, listes_candidates
from simulator.acces import comptes
from simulator.storage import Database
from simulator.vote.errors import (
    DepouillementRefuse,
    ElectionNonScellee,
    ScrutinDejaVote,
    VoteRefuse,
)
from simulator.vote.scellement import reconstituer, sceller
from simulator.vote.urne import (
    cle_de_l_election,
    deposer_bulletin,
    depouiller,
    enregistrer_cle,
)

CSA = "CSA ministériel de l'éducation nationale"
ACADEMIQUE = "CSA académique de Reims"
ROOT = Path(__file__).resolve().parent.parent


def _electeur(db: Database) -> int:
    cree = comptes.creer_electeur(db, "fast", state="actif")
    row = db.reader().execute("SELECT id FROM voters WHERE email = ?", (cree.email,)).fetchone()
    return int(row["id"])


@pytest.fixture
def base(tmp_path: Path) -> Database:
    """A portal database with a sealed election (its fragments kept by the test)."""
    return Database(tmp_path / "p.sqlite3")


def test_president_and_any_two_delegates_rebuild_the_key() -> None:
    """Every pair of the three delegates, with the president, opens; the key is the same."""
    publique, fragments = sceller(3)
    president, delegues = fragments[0], fragments[1:]
    for paire in itertools.combinations(delegues, 2):
        assert reconstituer([president, *paire], publique).public_key == publique


@pytest.mark.parametrize(
    ("choix", "motif"),
    [
        ((0, 1), "au moins 2 délégués"),
        ((1, 2, 3), "président"),
    ],
)
def test_too_few_fragments_are_refused(choix: tuple[int, ...], motif: str) -> None:
    """The president alone with one delegate, or the delegates alone: a clear refusal."""
    publique, fragments = sceller(3)
    with pytest.raises(DepouillementRefuse, match=motif):
        reconstituer([fragments[i] for i in choix], publique)


def test_fragments_of_another_election_are_refused() -> None:
    """Fragments of another sealing never open this election's box."""
    publique, _ = sceller(3)
    _, autres = sceller(3)
    with pytest.raises(DepouillementRefuse, match="autre clé"):
        reconstituer(autres, publique)


def test_a_vote_is_sealed_final_and_kept_apart_from_its_voter(base: Database) -> None:
    """The box holds an unreadable ballot with no voter column; a second vote is refused."""
    enregistrer_cle(base, sceller(3)[0])
    electeur = _electeur(base)
    empreinte = deposer_bulletin(base, electeur, CSA, listes_candidates(CSA)[0])
    assert len(empreinte) == 64
    with pytest.raises(ScrutinDejaVote, match="définitif"):
        deposer_bulletin(base, electeur, CSA, listes_candidates(CSA)[1])
    colonnes = [r["name"] for r in base.reader().execute("PRAGMA table_info(urne)")]
    assert colonnes == ["id", "scrutin", "bulletin"]
    bulletin = base.reader().execute("SELECT bulletin FROM urne").fetchone()["bulletin"]
    assert listes_candidates(CSA)[0].encode() not in bytes(bulletin)


def test_the_box_and_the_emargement_only_grow(base: Database) -> None:
    """UPDATE and DELETE are refused by the database itself."""
    enregistrer_cle(base, sceller(3)[0])
    deposer_bulletin(base, _electeur(base), CSA, listes_candidates(CSA)[0])
    for sql in (
        "UPDATE urne SET scrutin = 'x'",
        "DELETE FROM urne",
        "UPDATE emargement SET scrutin = 'x'",
        "DELETE FROM emargement",
    ):
        with pytest.raises(sqlite3.DatabaseError, match="ajout seul"), base.transaction() as conn:
            conn.execute(sql)


@pytest.mark.parametrize(
    ("scrutin", "liste", "motif"),
    [
        ("CAPA des professeurs agrégés", None, "pas l'un des vôtres"),
        (CSA, "Liste inconnue", "ne se présente pas"),
    ],
)
def test_a_ballot_outside_the_voters_scrutins_or_lists_is_refused(
    base: Database, scrutin: str, liste: str | None, motif: str
) -> None:
    """Only the voter's scrutins, only the lists standing there."""
    enregistrer_cle(base, sceller(3)[0])
    with pytest.raises(VoteRefuse, match=motif):
        deposer_bulletin(base, _electeur(base), scrutin, liste or listes_candidates(scrutin)[0])


def test_no_vote_before_sealing(base: Database) -> None:
    """An election never sealed takes no ballot."""
    with pytest.raises(ElectionNonScellee, match="pas été scellée"):
        deposer_bulletin(base, _electeur(base), CSA, listes_candidates(CSA)[0])


def _voter(args: tuple[str, int]) -> str:
    chemin, electeur = args
    try:
        deposer_bulletin(Database(Path(chemin)), electeur, CSA, listes_candidates(CSA)[0])
    except ScrutinDejaVote:
        return "refusé"
    return "accepté"


def test_the_same_ballot_sent_at_once_by_two_processes_counts_once(base: Database) -> None:
    """Two workers submitting the same voter's ballot together: one vote, one refusal."""
    enregistrer_cle(base, sceller(3)[0])
    electeur = _electeur(base)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        issues = pool.map(_voter, [(str(base.path), electeur)] * 2)
    assert sorted(issues) == ["accepté", "refusé"]
    assert base.reader().execute("SELECT COUNT(*) AS n FROM urne").fetchone()["n"] == 1


def test_the_count_matches_the_emargement_and_publishes_every_receipt(base: Database) -> None:
    """Votes per list, ballots equal émargements, and each receipt among the fingerprints."""
    publique, fragments = sceller(3)
    enregistrer_cle(base, publique)
    premiere, seconde = listes_candidates(CSA)[:2]
    recus = [
        deposer_bulletin(base, _electeur(base), CSA, liste)
        for liste in (premiere, premiere, seconde)
    ]
    resultat = depouiller(base, [fragments[0], fragments[2], fragments[3]])
    csa = resultat.resultats[CSA]
    assert csa.voix == {premiere: 2, seconde: 1}
    assert (csa.bulletins, csa.emargements, csa.concordant) == (3, 3, True)
    assert csa.inscrits == 3 and resultat.resultats[ACADEMIQUE].bulletins == 0
    assert sorted(recus) == resultat.empreintes


def test_sealing_is_refused_on_a_box_that_holds_ballots(base: Database) -> None:
    """A new key pair cannot be laid over ballots sealed with the previous one."""
    enregistrer_cle(base, sceller(3)[0])
    deposer_bulletin(base, _electeur(base), CSA, listes_candidates(CSA)[0])
    avant = cle_de_l_election(base)
    with pytest.raises(Exception, match="déjà des bulletins"):
        enregistrer_cle(base, sceller(3)[0])
    assert cle_de_l_election(base) == avant


def test_every_scrutin_of_the_roll_has_three_to_eight_lists() -> None:
    """The candidate data covers every scrutin a generated roll can hold."""
    for grade, academie in itertools.product(corps(), academies()):
        for scrutin in grade.scrutins_pour(academie):
            assert 3 <= len(listes_candidates(scrutin)) <= 8, scrutin


def _commande(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_seal_and_count_commands(tmp_path: Path) -> None:
    """`sceller` writes the fragments and keeps them; `depouiller` counts with three of
    them, refuses with too few, and shouts when ballots and émargements disagree."""
    db, dossier = tmp_path / "p.sqlite3", tmp_path / "fragments"
    scelle = _commande("sceller", "--db", str(db), "--fragments", str(dossier))
    assert scelle.returncode == 0, scelle.stderr
    assert sorted(p.name for p in dossier.iterdir()) == [
        "delegue-1.json", "delegue-2.json", "delegue-3.json", "president.json",
    ]  # fmt: skip
    assert (dossier / "president.json").stat().st_mode & 0o777 == 0o600
    base = Database(db)
    deposer_bulletin(base, _electeur(base), CSA, listes_candidates(CSA)[0])
    trois = [str(dossier / n) for n in ("president.json", "delegue-1.json", "delegue-3.json")]
    compte = _commande("depouiller", "--db", str(db), "--empreintes", str(tmp_path / "e"), *trois)
    assert compte.returncode == 0, compte.stderr
    assert f"1  {listes_candidates(CSA)[0]}" in compte.stdout
    assert (tmp_path / "e").read_text().count("\n") == 1
    refuse = _commande("depouiller", "--db", str(db), *trois[:2])
    assert refuse.returncode == 2 and "au moins 2 délégués" in refuse.stderr
    again = _commande("sceller", "--db", str(db), "--fragments", str(dossier))
    assert again.returncode == 1 and "rien n'est écrasé" in again.stderr
    with base.transaction() as conn:  # a ballot without émargement: the box was tampered with
        conn.execute(
            "INSERT INTO urne (id, scrutin, bulletin) SELECT 'x', scrutin, bulletin FROM urne"
        )
    faux = _commande("depouiller", "--db", str(db), "--empreintes", str(tmp_path / "e"), *trois)
    assert faux.returncode == 3 and "ne concordent pas" in faux.stderr
    assert "2 bulletin(s) pour 1 émargement(s)" in faux.stdout


def test_a_database_made_before_the_code_de_vote_gets_its_column(tmp_path: Path) -> None:
    """A portal database created before the vote opens with `code_vote_hash` added, its
    voters kept (a roll's secret an older load stored is then hashed per voter and
    forgotten at the portal's start: tests/test_attaque_secret.py)."""
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
    assert "code_vote_hash" in colonnes
    electeur = db.reader().execute("SELECT * FROM voters").fetchone()
    assert electeur["email"] == "ancien@ac-reims.fr" and electeur["code_vote_hash"] is None
    Database(chemin)  # a second start (or worker) finds the column there: nothing to do
