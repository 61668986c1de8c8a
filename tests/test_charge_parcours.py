"""Every persona's journey, run by a real Locust against portals started for the test:
with test hooks, in recette mode with a list's accounts, and on two Locust processes
that never share an account."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import httpx
import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.lancement import portail_de_charge
from simulator.commandes.demonstration import sceller_demonstration
from simulator.commandes.process import PortalProcess
from tests.locust_essai import lancer_profil, statistiques


@pytest.mark.charge
def test_every_persona_runs_and_the_mail_delay_is_measured(tmp_path: Path) -> None:
    """`load/parcours.py`: every persona's screens, the vote's included, the mail delay,
    SLO held, and the arrival rate set by the users and `--parcours-s` (20 users, one
    voter every 2.5 s each: 8 a second), measured after a warm-up excluded by
    `--chauffe-s`. Twenty users give every persona at least one (their weights sum to 20)."""
    with portail_de_charge(tmp_path / "p.sqlite3") as portal:
        result = lancer_profil(
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
    stats = statistiques(tmp_path / "r")
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
        result = lancer_profil(
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
        result = lancer_profil(
            "parcours", portal, tmp_path / "r",
            "--captcha-code", "97531", "--users", "20", "--spawn-rate", "20",
            "--parcours-s", "2.5", "--run-time", "10s", "--slo-p95-ms", "5000",
            liste=roll, secret="s5",
        )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    stats = statistiques(tmp_path / "r")
    assert not [name for name in stats if name.startswith("crochet")], sorted(stats)
    for screen in ("mot de passe: envoi", "réassort: lien", "activation: envoi",
                   "activation: sans activation", "identification: CAPTCHA erroné",
                   "vote: code envoi", "vote: JE VOTE"):  # fmt: skip
        assert screen in stats, f"aucune requête « {screen} »"
        assert int(stats[screen]["Request Count"]) > 0, f"aucune requête « {screen} »"
    assert int(stats["Aggregated"]["Failure Count"]) == 0
