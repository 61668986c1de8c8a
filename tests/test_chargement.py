"""Loading a roll into the portal: derived credentials work, bad files are refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from fixtures.identifiants import deriver_identifiants
from simulator import Settings, create_app
from simulator.acces.identifiants import est_derive
from simulator.commandes.chargement import ListeRefusee, charger_liste
from simulator.storage import Database
from simulator.storage.electeurs import (
    compter_electeurs,
    electeur_par_email,
    premier_electeur_actif,
)
from tests.conftest import Portail

HEADER = "civilite,nom,prenom,email,academie,corps,scrutins,etat\n"


def _write(tmp_path: Path, body: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "liste.csv"
    path.write_text(HEADER + body, encoding=encoding)
    return path


def test_generated_roll_loads_and_actif_voter_logs_in(tmp_path: Path) -> None:
    """An `actif` voter of a generated roll logs in with the password derived from the secret."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=40, seed=5, actif_share=0.5), roll)
    settings = Settings(db_path=tmp_path / "p.sqlite3", hash_cost="fast", test_hooks=True)
    db = Database(settings.db_path)
    assert charger_liste(db, roll, "s3cret") == 40
    email = premier_electeur_actif(db.reader())
    assert email is not None
    with TestClient(create_app(settings), follow_redirects=True) as client:
        portail = Portail(client)
        assert (
            portail.login(email, deriver_identifiants(email, "s3cret").password).url.path
            == "/espace"
        )
        portail.client.cookies.clear()
        wrong = portail.login(email, deriver_identifiants(email, "autre").password)
        assert wrong.status_code == 400


def test_derived_credentials_are_stable_and_follow_the_policy() -> None:
    """Same address and secret, same password; it has lower, upper, digit and special."""
    creds = deriver_identifiants("A.B@ac-reims.fr", "x")
    assert creds == deriver_identifiants("a.b@ac-reims.fr", "x")
    assert creds != deriver_identifiants("a.b@ac-reims.fr", "y")
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
    with pytest.raises(ListeRefusee, match=expected):
        charger_liste(db, _write(tmp_path, body), "s")
    assert compter_electeurs(db.reader()) == 0


def test_missing_column_and_bad_encoding_are_refused(tmp_path: Path) -> None:
    """A missing column is named; a non-UTF-8 file is refused as such."""
    db = Database(tmp_path / "p.sqlite3")
    path = tmp_path / "sans-etat.csv"
    path.write_text("civilite,nom,prenom,email,academie,corps,scrutins\n", encoding="utf-8")
    with pytest.raises(ListeRefusee, match="colonne\\(s\\) manquante\\(s\\) : etat"):
        charger_liste(db, path, "s")
    latin = _write(tmp_path, "Mme,Léa,B,l.b@ac-reims.fr,Reims,PE,CSA,actif\n", encoding="latin-1")
    with pytest.raises(ListeRefusee, match="UTF-8"):
        charger_liste(db, latin, "s")
    assert compter_electeurs(db.reader()) == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Mme,A,B,pas-une-adresse,Reims,PE,CSA,actif\n",
            "ligne 2 : adresse électronique « pas-une-adresse » mal formée",
        ),
        (
            "Mme,A,B,a.b@ac-reims.fr,Reims,PE,,actif\n",
            "ligne 2 : 0 scrutin\\(s\\) : il en faut de 1 à 7",
        ),
        ("Mme,A,B,a.b@ac-reims.fr,Reims,PE,1|2|3|4|5|6|7|8,actif\n", "ligne 2 : 8 scrutin"),
        ("Mme,A,B,a.b@ac-reims.fr,Reims\n", "ligne 2 : nombre de champs différent de l'en-tête"),
        ("Mme,A,B,a.b@ac-reims.fr,Reims,PE,CSA,actif,en-trop\n", "ligne 2 : nombre de champs"),
    ],
)
def test_malformed_rows_are_refused(tmp_path: Path, body: str, expected: str) -> None:
    """Bad address, 0 or 8 ballots, too few or too many fields: refused with the line."""
    db = Database(tmp_path / "p.sqlite3")
    good = "M.,C,D,c.d@ac-reims.fr,Reims,PE,CSA,nouveau\n"
    with pytest.raises(ListeRefusee, match=expected.replace("ligne 2", "ligne 3")):
        charger_liste(db, _write(tmp_path, good + body), "s")
    assert compter_electeurs(db.reader()) == 0


def test_derived_credential_is_hashed_for_real_at_first_login(tmp_path: Path) -> None:
    """A roll's `actif` voter starts with the derived password's fast hash; its first good
    login stores a genuine Argon2id hash; a wrong password changes nothing."""
    roll = _write(tmp_path, "Mme,A,B,a.b@ac-reims.fr,Reims,PE,CSA,actif\n")
    settings = Settings(
        db_path=tmp_path / "p.sqlite3", hash_cost="fast", test_hooks=True, outbox_enabled=False
    )
    db = Database(settings.db_path)
    charger_liste(db, roll, "secret-x")
    assert est_derive(electeur_par_email(db.reader(), "a.b@ac-reims.fr").password_hash)  # type: ignore[union-attr]
    password = deriver_identifiants("a.b@ac-reims.fr", "secret-x").password
    with TestClient(create_app(settings), follow_redirects=True) as client:
        portail = Portail(client)
        assert portail.login("a.b@ac-reims.fr", "Faux-mot-2-passe!").status_code == 400
        assert est_derive(electeur_par_email(db.reader(), "a.b@ac-reims.fr").password_hash)  # type: ignore[union-attr]
        client.cookies.clear()
        assert portail.login("a.b@ac-reims.fr", password).url.path == "/espace"
        stored = electeur_par_email(db.reader(), "a.b@ac-reims.fr").password_hash  # type: ignore[union-attr]
        assert stored is not None and stored.startswith("$argon2id$")
        client.cookies.clear()
        assert portail.login("a.b@ac-reims.fr", password).url.path == "/espace"


def test_loader_reports_progress_up_to_the_total(tmp_path: Path) -> None:
    """The progress callback ends on (total, total)."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=2500, seed=3), roll)
    seen: list[tuple[int, int]] = []
    charger_liste(Database(tmp_path / "p.sqlite3"), roll, "s", lambda d, t: seen.append((d, t)))
    assert seen[-1] == (2500, 2500)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
