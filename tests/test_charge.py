"""Load profiles, run as real Locust processes against portals started for the test."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.lancement import locust_command, locust_env, portail_de_charge
from simulator.commandes.demonstration import sceller_demonstration
from simulator.commandes.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent


def _locust(
    profil: str, portal: PortalProcess, out: Path, *extra: str, **comptes: Any
) -> subprocess.CompletedProcess[str]:
    """A headless run of a profile against `portal`, CSV reports at `out` (`comptes`:
    `liste=` and `secret=` as `locust_command` takes them)."""
    url, mails = portal.url, portal.mail_api_url
    return _lancer(locust_command(profil, url, mails, "--csv", str(out), *extra, **comptes))


def _lancer(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a real Locust (or a script starting one) from the project's root, output kept."""
    return subprocess.run(
        command, capture_output=True, text=True, timeout=180, cwd=ROOT, env=locust_env()
    )


def _stats(prefix: Path) -> dict[str, dict[str, str]]:
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


@pytest.mark.charge
def test_every_persona_runs_and_the_mail_delay_is_measured(tmp_path: Path) -> None:
    """`load/parcours.py`: every persona's screens, the vote's included, the mail delay,
    SLO held, and the arrival rate set by the users and `--parcours-s` (20 users, one
    voter every 2.5 s each: 8 a second), measured after a warm-up excluded by
    `--chauffe-s`. Twenty users give every persona at least one (their weights sum to 20)."""
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        result = _locust(
            "parcours",
            portal,
            tmp_path / "r",
            "--users",
            "20",
            "--spawn-rate",
            "20",
            "--parcours-s",
            "2.5",
            "--chauffe-s",
            "3",
            "--run-time",
            "13s",
            # Latency is not what this test checks (the gate has its own test): a loose
            # threshold keeps a busy CI machine from failing it.
            "--slo-p95-ms",
            "5000",
        )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "SLO tenus." in result.stdout
    stats = _stats(tmp_path / "r")
    for screen in (
        "identification: envoi",
        "mot de passe: envoi",
        "réassort: demande",
        "réassort: lien",
        "initialisation: envoi",
        "activation: envoi",
        "délai du mail de réassort",
        "activation: sans activation",
        "identification: CAPTCHA erroné",
        "mot de passe: erroné",
        "déconnexion",
        "vote: code",
        "vote: code envoi",
        "vote: listes",
        "vote: choix",
        "vote: JE VOTE",
        "parcours: Votant",
        "parcours: ElecteurActif",
        "parcours: Maladroit",
        "parcours: PremiereConnexion",
        "parcours: SansActivation",
    ):
        assert screen in stats, f"aucune requête « {screen} »"
        assert int(stats[screen]["Request Count"]) > 0, f"aucune requête « {screen} »"
    assert stats["parcours: Votant"]["Type"] == "PARCOURS"
    # A first connection's journey holds its mail wait: longer than its mail's delay.
    assert float(stats["parcours: PremiereConnexion"]["Average Response Time"]) > float(
        stats["délai du mail de réassort"]["Average Response Time"]
    )
    assert stats["délai du mail de réassort"]["Type"] == "MAIL"
    assert int(stats["Aggregated"]["Failure Count"]) == 0
    # Each voter loads the home page once: its rate is the arrival rate, 8 per second.
    assert 6.0 <= float(stats["accueil"]["Requests/s"]) <= 10.0, stats["accueil"]


@pytest.mark.charge
def test_roll_accounts_are_never_shared_across_workers(tmp_path: Path) -> None:
    """With a roll and two Locust processes, no account is used by two simulated voters."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=4000, seed=11, actif_share=0.5), roll)
    db = tmp_path / "p.sqlite3"
    with portail_de_charge(db, roll, "s3") as portal:
        result = _locust(
            "parcours",
            portal,
            tmp_path / "r",
            "--users",
            "10",
            "--spawn-rate",
            "5",
            "--parcours-s",
            "1",
            "--run-time",
            "10s",
            "--slo-p95-ms",
            "5000",
            "--processes",
            "2",
            liste=roll,
            secret="s3",
        )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        asked = Counter(
            r[0]
            for r in conn.execute(
                "SELECT identifier FROM audit_log WHERE event = 'reassort_demande'"
            )
        )
        logins = Counter(
            r[0]
            for r in conn.execute(
                "SELECT identifier FROM audit_log WHERE event = 'connexion_reussie'"
            )
        )
    assert asked and logins, "aucun parcours n'a abouti"
    assert max(asked.values()) == 1, "un compte « nouveau » a servi deux fois"
    assert max(logins.values()) == 1, "un compte « actif » a servi deux fois"
    assert not set(asked) & set(logins)


@pytest.mark.charge
def test_missed_threshold_fails_the_run(tmp_path: Path) -> None:
    """A p95 threshold nobody can hold: verdict MANQUÉ and exit status 1."""
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        result = _locust(
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


def _echecs(prefix: Path) -> dict[str, str]:
    """Locust's failures report: the error message of each failed screen, by name."""
    with Path(f"{prefix}_failures.csv").open(encoding="utf-8") as handle:
        return {row["Name"]: row["Error"] for row in csv.DictReader(handle)}


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
        result = _locust(
            "connexion", portal, tmp_path / "r", "--vocabulaire", str(fichier),
            "--users", "4", "--spawn-rate", "4", "--parcours-s", "1", "--run-time", "10s",
        )  # fmt: skip
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    echecs = _echecs(tmp_path / "r")
    assert ecran in echecs, echecs
    assert all(attendu in echecs[ecran] for attendu in attendus), echecs[ecran]


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
        result = _lancer(locust_command("ouverture", host, mails, *extra))
        assert result.returncode == 2 and said in result.stderr, result.stderr[-2000:]
    sans_liste = tmp_path / "absente.csv"
    result = _lancer(
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
        result = _lancer(
            locust_command("parcours", host, mails, "--users", "1", "--run-time", "30s", *extra)
        )
        assert result.returncode == 2 and said in result.stderr, result.stderr[-2000:]


@pytest.mark.charge
def test_make_load_rehearses_late_mails_and_passes_locust_options(tmp_path: Path) -> None:
    """`scripts/charge.py --panne-retard` holds every mail back in the sink: the measured
    mail delay is never shorter; options it does not know reach Locust."""
    result = _lancer(
        [
            sys.executable,
            "scripts/charge.py",
            "--profil",
            "parcours",
            "--facteur",
            "0.001",
            "--duree",
            "12s",
            "--panne-retard",
            "1,5",
            "--travail",
            str(tmp_path / "travail"),
            "--resultats",
            str(tmp_path / "r"),
            # Locust's own options, passed through: many voters soon, latency not judged.
            "--parcours-s",
            "2",
            "--slo-p95-ms",
            "5000",
        ]
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "mails lisibles 1.5 s après leur acceptation" in result.stdout
    mail = _stats(tmp_path / "r" / "parcours")["délai du mail de réassort"]
    assert int(mail["Request Count"]) > 0
    assert float(mail["Min Response Time"]) >= 1500, mail


@pytest.mark.charge
def test_every_persona_runs_against_a_recette_portal_without_hooks(tmp_path: Path) -> None:
    """Against a portal played in recette mode (no hooks, CAPTCHA bypass code), with the
    accounts of a list: every persona gets through, first connections by the réassort
    mail, and no request ever goes to a test hook."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=600, seed=5, actif_share=0.5), roll)
    base = tmp_path / "p.sqlite3"
    with PortalProcess(
        "--db", str(tmp_path / "p.sqlite3"), "--voters", str(roll), "--secret", "s5",
        "--captcha-recette", "97531", "--hash-cost", "fast",
        "--limite-formulaires", "0", "--limite-captcha", "0",
        "--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours",
        *sceller_demonstration(base, tmp_path / "scellement", roll, "s5").options(),
    ) as portal:  # fmt: skip
        assert any("Mode recette" in line for line in portal.lines)
        assert httpx.get(f"{portal.url}/__test__/clock").status_code == 404
        result = _locust(
            "parcours", portal, tmp_path / "r",
            "--captcha-code", "97531", "--users", "20", "--spawn-rate", "20",
            "--parcours-s", "2.5", "--run-time", "10s", "--slo-p95-ms", "5000",
            liste=roll, secret="s5",
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    stats = _stats(tmp_path / "r")
    assert not [name for name in stats if name.startswith("crochet")], sorted(stats)
    for screen in ("mot de passe: envoi", "réassort: lien", "activation: envoi",
                   "activation: sans activation", "identification: CAPTCHA erroné",
                   "vote: code envoi", "vote: JE VOTE"):  # fmt: skip
        assert screen in stats, f"aucune requête « {screen} »"
        assert int(stats[screen]["Request Count"]) > 0, f"aucune requête « {screen} »"
    assert int(stats["Aggregated"]["Failure Count"]) == 0
