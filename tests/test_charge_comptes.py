"""A Locust persona that runs out of accounts says so: a warning in the log, a failure
entry per stopped user in the report, its own line in the SLO verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from simulator.commandes.process import PortalProcess
from tests.locust_essai import lancer_profil, statistiques


@pytest.mark.charge
def test_a_persona_without_accounts_says_so_in_the_log_and_the_report(tmp_path: Path) -> None:
    """A list of never-used accounts only: the personas that need active ones stop, and
    the run says which, how many users, and what the list still holds."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=40, seed=8, actif_share=0.0), roll)
    with PortalProcess(
        "--db", str(tmp_path / "p.sqlite3"), "--voters", str(roll), "--secret", "s8",
        "--captcha-recette", "13579", "--hash-cost", "fast",
        "--limite-formulaires", "0", "--limite-captcha", "0",
    ) as portal:  # fmt: skip
        result = lancer_profil(
            "parcours", portal, tmp_path / "r",
            "--captcha-code", "13579", "--users", "20", "--spawn-rate", "20",
            "--parcours-s", "2.5", "--run-time", "6s", "--slo-p95-ms", "5000",
            liste=roll, secret="s8",
        )  # fmt: skip
    sortie = result.stdout + result.stderr
    # The roll, not the portal: a run that says nothing of the portal (status 3).
    assert result.returncode == 3, sortie[-3000:]
    assert "TIR NON CONCLUANT : la liste n'avait pas assez de comptes" in result.stdout
    assert "Votant : plus aucun compte « actif » dans la part de la liste" in sortie
    assert "(Restent nouveau : " in sortie
    stats = statistiques(tmp_path / "r")
    arretes = stats["comptes « actif » épuisés : Votant"]
    assert arretes["Type"] == "COMPTES" and int(arretes["Failure Count"]) == 14
    assert "utilisateurs arrêtés, comptes « actif » épuisés : Votant" in result.stdout
    # The personas that have accounts still ran, without errors of their own.
    assert int(stats["parcours: PremiereConnexion"]["Request Count"]) > 0
