"""Loading a roll into the portal: derived credentials work, bad files are refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from fixtures.generator import RollOptions, write_roll_file
from simulator import Settings, create_app
from simulator.roll import RollError, derive_credentials, load_roll
from simulator.storage import Database
from tests.conftest import Portail

HEADER = "civilite,nom,prenom,email,academie,corps,scrutins,etat\n"


def _write(tmp_path: Path, body: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "liste.csv"
    path.write_text(HEADER + body, encoding=encoding)
    return path


def test_generated_roll_loads_and_actif_voter_logs_in(tmp_path: Path) -> None:
    """An `actif` voter of a generated roll logs in with the password derived from the secret."""
    roll = tmp_path / "liste.csv"
    write_roll_file(RollOptions(count=40, seed=5, actif_share=0.5), roll)
    settings = Settings(db_path=tmp_path / "p.sqlite3", hash_cost="fast", test_hooks=True)
    db = Database(settings.db_path)
    assert load_roll(db, roll, "s3cret", "fast") == 40
    email = db.first_active_email()
    assert email is not None
    with TestClient(create_app(settings), follow_redirects=True) as client:
        portail = Portail(client)
        assert (
            portail.login(email, derive_credentials(email, "s3cret").password).url.path == "/espace"
        )
        portail.client.cookies.clear()
        wrong = portail.login(email, derive_credentials(email, "autre").password)
        assert wrong.status_code == 400


def test_derived_credentials_are_stable_and_follow_the_policy() -> None:
    """Same address and secret, same password; it has lower, upper, digit and special."""
    creds = derive_credentials("A.B@ac-reims.fr", "x")
    assert creds == derive_credentials("a.b@ac-reims.fr", "x")
    assert creds != derive_credentials("a.b@ac-reims.fr", "y")
    password = creds.password
    assert 12 <= len(password) <= 256
    assert any(c.islower() for c in password) and any(c.isupper() for c in password)
    assert any(c.isdigit() for c in password) and any(not c.isalnum() for c in password)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Mme,A,B,a.b@ac-reims.fr,Reims,PE,CSA,zombie\n", "ligne 2 : état « zombie » inconnu"),
        (
            "Mme,A,B,a.b@ac-reims.fr,Reims,PE,CSA,actif\nM.,C,D,A.B@ac-reims.fr,Reims,PE,CSA,nouveau\n",
            "ligne 3 : adresse a.b@ac-reims.fr déjà présente ligne 2",
        ),
        ("Mme,A,B,,Reims,PE,CSA,actif\n", "ligne 2 : adresse électronique vide"),
    ],
)
def test_bad_rows_are_refused_with_line_and_nothing_loaded(
    tmp_path: Path, body: str, expected: str
) -> None:
    """A bad row stops the load with its line number; no voter is loaded."""
    db = Database(tmp_path / "p.sqlite3")
    with pytest.raises(RollError, match=expected):
        load_roll(db, _write(tmp_path, body), "s", "fast")
    assert db.count_voters() == 0


def test_missing_column_and_bad_encoding_are_refused(tmp_path: Path) -> None:
    """A missing column is named; a non-UTF-8 file is refused as such."""
    db = Database(tmp_path / "p.sqlite3")
    path = tmp_path / "sans-etat.csv"
    path.write_text("civilite,nom,prenom,email,academie,corps,scrutins\n", encoding="utf-8")
    with pytest.raises(RollError, match="colonne\\(s\\) manquante\\(s\\) : etat"):
        load_roll(db, path, "s", "fast")
    latin = _write(tmp_path, "Mme,Léa,B,l.b@ac-reims.fr,Reims,PE,CSA,actif\n", encoding="latin-1")
    with pytest.raises(RollError, match="UTF-8"):
        load_roll(db, latin, "s", "fast")
    assert db.count_voters() == 0
