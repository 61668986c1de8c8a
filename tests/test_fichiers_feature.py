"""`pytest features/NN_section.feature` runs that file's scenarios, and only them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def _pytest(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", *arguments],
        capture_output=True, text=True, cwd=RACINE, timeout=300,
    )  # fmt: skip


def _noms(sortie: str) -> set[str]:
    """Test names of a `--collect-only -q` listing, without their file."""
    return {ligne.split("::", 1)[1] for ligne in sortie.splitlines() if "::" in ligne}


def test_un_fichier_feature_donne_ses_scenarios_et_eux_seuls() -> None:
    """The path of 04_reassort.feature collects what its marker selects, nothing else."""
    par_chemin = _pytest("features/04_reassort.feature", "--collect-only", "-q")
    par_marqueur = _pytest("features", "-m", "reassort", "--collect-only", "-q")
    assert par_chemin.returncode == 0, par_chemin.stdout[-2000:]
    assert _noms(par_chemin.stdout) == _noms(par_marqueur.stdout) != set()
    assert all(
        ligne.startswith("features/04_reassort.feature::")
        for ligne in par_chemin.stdout.splitlines() if "::" in ligne
    )  # fmt: skip


def test_deux_fichiers_et_le_dossier_ne_doublent_rien() -> None:
    """Two files add up; the folder alone still collects each scenario once."""
    deux = _noms(_pytest("features/01_acces.feature", "features/08_aide.feature",
                         "--collect-only", "-q").stdout)  # fmt: skip
    # The union of the two sections' markers, in one collection (a pytest start-up less).
    acces_ou_aide = _pytest("features", "-m", "acces or aide", "--collect-only", "-q").stdout
    assert deux == _noms(acces_ou_aide) != set()
    dossier = _pytest("features", "--collect-only", "-q").stdout
    lignes = [ligne for ligne in dossier.splitlines() if "::" in ligne]
    assert len(lignes) == len(set(lignes)) and not any(".feature::" in ligne for ligne in lignes)


def test_un_fichier_feature_se_lance_dans_chromium() -> None:
    """The scenarios of 01_acces.feature run for real against the reference portal."""
    resultat = _pytest("features/01_acces.feature", "-q")
    assert resultat.returncode == 0, resultat.stdout[-3000:]
    assert "2 passed" in resultat.stdout
