"""What a load run says when it goes wrong: a missed SLO fails it, a persona's failure
names the missing label or words, bad options stop it before any voter."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.lancement import locust_command, portail_de_charge
from tests.locust_essai import echecs, lancer, lancer_profil


@pytest.mark.charge
def test_missed_threshold_fails_the_run(tmp_path: Path) -> None:
    """A p95 threshold nobody can hold: verdict MANQUÉ and exit status 1."""
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        result = lancer_profil(
            "connexion",
            portal,
            tmp_path / "r",
            "--users",
            "2",
            "--spawn-rate",
            "2",
            "--parcours-s",
            "1",
            "--run-time",
            "4s",
            "--slo-p95-ms",
            "0.001",
        )
    assert result.returncode == 1
    assert "MANQUÉ" in result.stdout and "SLO MANQUÉS" in result.stdout


@pytest.mark.charge
@pytest.mark.parametrize(
    ("vocabulaire", "ecran", "attendus"),
    [
        # A label the portal does not show: named, with the closest labels present.
        ('[champs]\nmot_de_passe = "Code du coffre"\n', "mot de passe: envoi",
         ("champ « Code du coffre » introuvable", "« Mot de passe Elections »")),
        # Words the screen reached does not say: named, with the screen shown.
        ('[titres]\nespace = "Tableau de bord"\n', "mot de passe: envoi",
         ("« Tableau de bord » absent de l'écran « Espace électeur",)),
    ],
)  # fmt: skip
def test_a_persona_failure_names_the_missing_label_or_words(
    tmp_path: Path, vocabulaire: str, ecran: str, attendus: tuple[str, ...]
) -> None:
    """A vocabulary that does not match the portal: each failure in Locust's report says
    which label or words were missing and on which screen, not a status code."""
    fichier = tmp_path / "v.toml"
    fichier.write_text(vocabulaire, encoding="utf-8")
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        result = lancer_profil(
            "connexion", portal, tmp_path / "r", "--vocabulaire", str(fichier),
            "--users", "4", "--spawn-rate", "4", "--parcours-s", "1", "--run-time", "10s",
        )  # fmt: skip
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    par_ecran = echecs(tmp_path / "r")
    assert ecran in par_ecran, par_ecran
    assert all(attendu in par_ecran[ecran] for attendu in attendus), par_ecran[ecran]


@pytest.mark.charge
def test_bad_options_stop_the_run_before_any_voter(tmp_path: Path) -> None:
    """A negative factor is refused by the parser; a missing or malformed roll, or a
    vocabulary with an unknown key, stops the run at its start with a French message and
    status 2, without a verdict (nothing was measured)."""
    host, mails = "http://127.0.0.1:9", "http://127.0.0.1:9"
    for extra, said in (
        (("--facteur", "-1"), "argument --facteur: -1 : il faut un nombre strictement positif"),
        (("--participation", "40"), "une part s'écrit entre 0 et 1"),
    ):
        result = lancer(locust_command("ouverture", host, mails, *extra))
        assert result.returncode == 2 and said in result.stderr, result.stderr[-2000:]
    sans_liste = tmp_path / "absente.csv"
    result = lancer(
        locust_command(
            "parcours", host, mails, "--users", "1", "--run-time", "30s", liste=sans_liste
        )
    )
    assert result.returncode == 2, result.stdout[-2000:] + result.stderr[-2000:]
    assert "--liste : fichier introuvable" in result.stderr
    assert "Verdict SLO" not in result.stdout
    mauvaise_liste = tmp_path / "mauvaise.csv"
    ecrire_fichier_liste(OptionsListe(count=3, seed=1), mauvaise_liste)
    lignes = mauvaise_liste.read_text(encoding="utf-8").splitlines()
    lignes[2] = lignes[2].rsplit(",", 1)[0] + ",active"
    mauvaise_liste.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    mauvais_vocabulaire = tmp_path / "v.toml"
    mauvais_vocabulaire.write_text('[boutons]\nconnection = "OK"\n', encoding="utf-8")
    for extra, said in (
        (("--vocabulaire", str(mauvais_vocabulaire)), "clé(s) inconnue(s) dans [boutons]"),
        (("--liste", str(mauvaise_liste)), "ligne 3 : état « active » inconnu"),
    ):
        result = lancer(
            locust_command("parcours", host, mails, "--users", "1", "--run-time", "30s", *extra)
        )
        assert result.returncode == 2 and said in result.stderr, result.stderr[-2000:]
