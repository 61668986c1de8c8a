"""Locust honours the vocabulary's profile: a portal declaring no vote screens gets no
`Votant`, one warning names the declaration, and the other personas run without error."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.generateur import OptionsListe, ecrire_fichier_liste
from load.lancement import locust_command
from simulator.commandes.process import PortalProcess
from tests.locust_essai import lancer, lancer_profil, statistiques

SANS_VOTE = '[absences]\nvote = "le lot livré en recette ne porte que sur l\'accès"\n'


@pytest.mark.charge
def test_a_portal_without_vote_screens_runs_every_persona_but_votant(tmp_path: Path) -> None:
    """A recette portal whose vote is not open, a vocabulary that says so: Votant is left
    out with one warning (file and line), the others complete their journeys, 0 failure."""
    roll = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=200, seed=9, actif_share=0.5), roll)
    vocabulaire = tmp_path / "recette.toml"
    vocabulaire.write_text(SANS_VOTE, encoding="utf-8")
    with PortalProcess(
        "--db", str(tmp_path / "p.sqlite3"), "--voters", str(roll), "--secret", "s9",
        "--captcha-recette", "97531", "--hash-cost", "fast",
        "--limite-formulaires", "0", "--limite-captcha", "0",
    ) as portal:  # fmt: skip
        result = lancer_profil(
            "parcours", portal, tmp_path / "r",
            "--captcha-code", "97531", "--vocabulaire", str(vocabulaire),
            "--users", "8", "--spawn-rate", "8", "--parcours-s", "2.5", "--run-time", "8s",
            "--slo-p95-ms", "5000", liste=roll, secret="s9",
        )  # fmt: skip
        seul_votant = locust_command(
            "parcours", portal.url, portal.mail_api_url, "--vocabulaire", str(vocabulaire),
            "--users", "1", "--run-time", "5s", "Votant",
        )  # fmt: skip
        seul = lancer(seul_votant)
    sortie = result.stdout + result.stderr
    assert result.returncode == 0, sortie[-3000:]
    avertissements = [ligne for ligne in sortie.splitlines() if "Votant non démarré" in ligne]
    assert len(avertissements) == 1, sortie[-3000:]
    assert f"({vocabulaire}, ligne 2)" in avertissements[0]
    stats = statistiques(tmp_path / "r")
    assert "parcours: Votant" not in stats
    assert int(stats["parcours: ElecteurActif"]["Request Count"]) > 0
    assert int(stats["Aggregated"]["Failure Count"]) == 0
    # Naming only a persona the profile rules out: nothing to run, said, status 2.
    assert seul.returncode == 2
    assert "Aucun persona à lancer : Votant" in seul.stdout + seul.stderr
