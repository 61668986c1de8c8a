"""Attack 4 of issue #21, as a database administrator with read access would try it: the
roll's secret, a voter's code de vote, password or challenge answer must not be read
back from the SQLite file (nor its WAL) after a roll is loaded."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import deriver_code_vote, deriver_identifiants, normalise_code_vote
from simulator.acces import comptes
from simulator.acces.identifiants import est_derive
from simulator.acces.passwords import hash_password
from simulator.clock import Clock
from simulator.commandes.chargement import charger_et_annoncer, charger_liste
from simulator.commandes.oubli_secret import ANCIEN_MARQUEUR
from simulator.settings import Settings
from simulator.storage import Database
from simulator.storage.electeurs import electeur_par_email, premier_electeur_actif
from simulator.vote.code_vote import code_correct, reponse_correcte

SECRET = "secret-de-la-liste-chargee"
REGLES = Settings(hash_cost="fast")


def _octets_de_la_base(chemin: Path) -> bytes:
    """Everything an administrator can read: the file, its WAL and shared memory."""
    return b"".join(
        p.read_bytes() for p in (chemin, Path(f"{chemin}-wal"), Path(f"{chemin}-shm")) if p.exists()
    )


@pytest.fixture
def chargee(tmp_path: Path) -> tuple[Database, str]:
    """A database with a generated roll loaded, and one of its `actif` voters."""
    liste = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=30, seed=3, actif_share=0.5), liste)
    db = Database(tmp_path / "p.sqlite3")
    charger_liste(db, liste, SECRET)
    email = premier_electeur_actif(db.reader())
    assert email is not None
    return db, email


def test_the_file_holds_neither_the_secret_nor_any_derived_credential(
    chargee: tuple[Database, str],
) -> None:
    """Read byte by byte: no secret, no code de vote, no password, no answer in clear."""
    db, email = chargee
    octets = _octets_de_la_base(db.path)
    derives = deriver_identifiants(email, SECRET)
    code = deriver_code_vote(email, SECRET)
    for en_clair in (SECRET, derives.password, derives.answer, code, normalise_code_vote(code)):
        assert en_clair.encode() not in octets, en_clair
    meta = db.reader().execute("SELECT key FROM roll_meta").fetchall()
    assert "secret" not in {r["key"] for r in meta}


def test_the_stored_hashes_still_check_each_derived_credential(
    chargee: tuple[Database, str],
) -> None:
    """The portal keeps what checks a password or an answer without giving it back, and
    nothing of the code de vote (the credential authority's)."""
    db, email = chargee
    electeur = electeur_par_email(db.reader(), email)
    assert electeur is not None
    assert est_derive(electeur.password_hash) and electeur.code_vote_hash is None
    assert not code_correct(db, REGLES, electeur, deriver_code_vote(email, SECRET))
    reponse = deriver_identifiants(email, SECRET).answer
    assert reponse_correcte(db, REGLES, electeur, reponse.upper())
    assert not reponse_correcte(db, REGLES, electeur, "reponse-0000000000000000")
    connecte = comptes.authentifier(
        db, Clock(db), REGLES, email, deriver_identifiants(email, SECRET).password
    )
    assert connecte.email == email


def test_a_restart_announces_the_demo_voter_without_the_stored_secret(
    chargee: tuple[Database, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """No secret stored: the banner derives with --secret, and says so if it is not the
    roll's."""
    db, email = chargee
    charger_et_annoncer(argparse.Namespace(db=db.path, liste=None, secret=SECRET))
    sortie = capsys.readouterr().out
    assert deriver_identifiants(email, SECRET).password in sortie
    charger_et_annoncer(argparse.Namespace(db=db.path, liste=None, secret="un-autre"))
    sortie = capsys.readouterr().out
    assert "autre secret" in sortie
    assert deriver_identifiants(email, "un-autre").password not in sortie


def test_the_banner_passes_over_a_voter_who_chose_their_own_password(
    chargee: tuple[Database, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The first active voter activated their account with a password of their own: the
    banner does not show the roll's password for them (the portal would refuse it) but
    the next active voter's, and how to get that voter's notice code."""
    db, email = chargee
    with db.transaction() as conn:
        conn.execute(
            "UPDATE voters SET password_hash = ? WHERE email = ?",
            (hash_password("Un-mot-a-moi-2026!", "fast"), email),
        )
    charger_et_annoncer(argparse.Namespace(db=db.path, liste=None, secret=SECRET))
    sortie = capsys.readouterr().out
    assert deriver_identifiants(email, SECRET).password not in sortie
    suivant = sortie.split("identifiant ")[1].split()[0]
    assert suivant != email
    assert deriver_identifiants(suivant, SECRET).password in sortie
    assert f"--electeur {suivant}" in sortie


def test_the_banner_keeps_a_voter_who_logged_in_with_the_roll_s_password(
    chargee: tuple[Database, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """At a first login the portal puts an Argon2id hash in place of the derived one, for
    the same password: after a restart the banner still shows that voter (whose notice
    `make run` prints), not the next one."""
    db, email = chargee
    mot_de_passe = deriver_identifiants(email, SECRET).password
    with db.transaction() as conn:
        conn.execute(
            "UPDATE voters SET password_hash = ? WHERE email = ?",
            (hash_password(mot_de_passe, "production"), email),
        )
    charger_et_annoncer(argparse.Namespace(db=db.path, liste=None, secret=SECRET))
    sortie = capsys.readouterr().out
    assert f"identifiant {email} " in sortie and mot_de_passe in sortie, sortie


def test_a_database_of_an_older_portal_forgets_its_secret_at_start(tmp_path: Path) -> None:
    """An older load kept the secret and markers: the next start hashes and forgets."""
    db = Database(tmp_path / "ancienne.sqlite3")
    email = "a.b@ac-reims.fr"
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO voters (email, password_hash, question, answer_hash) VALUES (?,?,?,?)",
            (email, ANCIEN_MARQUEUR, "Q ?", ANCIEN_MARQUEUR),
        )
        conn.execute("INSERT INTO roll_meta (key, value) VALUES ('secret', ?)", (SECRET,))
    charger_et_annoncer(argparse.Namespace(db=db.path, liste=None, secret=SECRET))
    with sqlite3.connect(db.path) as brut:
        assert (
            brut.execute("SELECT COUNT(*) FROM roll_meta WHERE key = 'secret'").fetchone()[0] == 0
        )
    electeur = electeur_par_email(db.reader(), email)
    assert electeur is not None
    assert electeur.code_vote_hash is None  # the code is the authority's, not derived here
    assert comptes.authentifier(
        db, Clock(db), REGLES, email, deriver_identifiants(email, SECRET).password
    )
