"""The voter-roll generator: deterministic, unique addresses, folded accents, homonyms."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fixtures.adresses import Annuaire, fold
from fixtures.cli import main as fixtures_main
from fixtures.decoupage import decouper_liste
from fixtures.generateur import OptionsListe, ecrire_fichier_liste, ecrire_liste
from fixtures.liste import COLONNES
from fixtures.reference import academies, corps


def _roll(count: int, seed: int = 7, share: float = 0.2) -> str:
    out = io.StringIO()
    ecrire_liste(OptionsListe(count=count, seed=seed, actif_share=share), out)
    return out.getvalue()


def test_same_seed_same_bytes_other_seed_other_roll() -> None:
    """Same seed and options: identical output; another seed: another roll."""
    assert _roll(300) == _roll(300)
    assert _roll(300) != _roll(300, seed=8)


def test_rows_have_every_column_and_consistent_ballots() -> None:
    """Every row has the roll's columns, a known académie and 1 to 7 ballots of its corps."""
    rows = list(csv.DictReader(io.StringIO(_roll(500))))
    assert tuple(rows[0].keys()) == COLONNES
    names = {a.nom: a for a in academies()}
    grades = {c.nom: c for c in corps()}
    for row in rows:
        academie = names[row["academie"]]
        assert row["email"].endswith("@" + academie.domaine)
        ballots = tuple(row["scrutins"].split("|"))
        assert 1 <= len(ballots) <= 7
        assert ballots == grades[row["corps"]].scrutins_pour(academie)
        assert row["etat"] in ("nouveau", "actif")


def test_addresses_are_unique_and_share_of_actif_is_respected() -> None:
    """No address twice in a roll; the `actif` share is close to the one asked."""
    rows = list(csv.DictReader(io.StringIO(_roll(3000, share=0.25))))
    emails = [r["email"] for r in rows]
    assert len(set(emails)) == len(emails)
    actifs = sum(r["etat"] == "actif" for r in rows) / len(rows)
    assert 0.21 < actifs < 0.29


def test_fold_removes_accents_spaces_and_apostrophes() -> None:
    """Accents folded, blanks become hyphens, apostrophes dropped, ligatures spelled out."""
    assert fold("Hélène") == "helene"
    assert fold("Jean Pierre") == "jean-pierre"
    assert fold("D'Artagnan") == "dartagnan"
    assert fold("Marie-Ève") == "marie-eve"
    assert fold("Lætitia Cœur") == "laetitia-coeur"


def test_homonyms_are_numbered_per_domain() -> None:
    """The second Jean Dupont of a domain is jean.dupont2; another domain starts again."""
    book = Annuaire()
    assert book.allocate("Jean", "Dupont", "ac-reims.fr") == "jean.dupont@ac-reims.fr"
    assert book.allocate("Jean", "Dupont", "ac-reims.fr") == "jean.dupont2@ac-reims.fr"
    assert book.allocate("Jean", "Dupont", "ac-lille.fr") == "jean.dupont@ac-lille.fr"
    assert book.allocate("Jéan", "Dupont", "ac-reims.fr") == "jean.dupont3@ac-reims.fr"


def test_cli_writes_the_file(tmp_path: Path) -> None:
    """`python -m fixtures generate` writes the CSV and leaves no partial file behind."""
    out = tmp_path / "liste.csv"
    assert fixtures_main(["generate", "--count", "25", "--seed", "3", "--out", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 26
    assert not list(tmp_path.glob("*.partiel"))


def test_split_parts_are_disjoint_and_cover_the_roll(tmp_path: Path) -> None:
    """`split --parts 3`: three files with the header, no row twice, none lost."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=100, seed=9), roll)
    paths = decouper_liste(roll, 3, tmp_path / "parties")
    assert [p.name for p in paths] == [f"liste.partie-{i}-sur-3.csv" for i in (1, 2, 3)]
    header, *rows = roll.read_text(encoding="utf-8").splitlines()
    parts = [p.read_text(encoding="utf-8").splitlines() for p in paths]
    assert all(part[0] == header for part in parts)
    dealt = [row for part in parts for row in part[1:]]
    assert sorted(dealt) == sorted(rows) and len(set(dealt)) == len(dealt)
    assert sorted(len(part) - 1 for part in parts) == [33, 33, 34]


def test_split_cli_refuses_a_missing_file(tmp_path: Path) -> None:
    """A missing roll: French message, exit status 2."""
    assert fixtures_main(["split", str(tmp_path / "absente.csv"), "--parts", "2"]) == 2


def test_names_include_compound_forms_and_elided_ballots() -> None:
    """Hyphenated first or last names appear; ballots say « d'Amiens », not « de Amiens »."""
    rows = list(csv.DictReader(io.StringIO(_roll(3000))))
    assert any("-" in r["prenom"] for r in rows) and any("-" in r["nom"] for r in rows)
    amiens = [r for r in rows if r["academie"] == "Amiens" and "académique" in r["scrutins"]]
    assert amiens and all("CSA académique d'Amiens" in r["scrutins"] for r in amiens)
