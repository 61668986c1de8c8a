"""Allure results: a failing scenario, run in its own pytest, is written with its French
names, and its screenshot, HTML and Playwright trace attached."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ECHEC = """# language: fr
Fonctionnalité: Un échec voulu
  Scénario: Une page qui n'a pas le titre attendu
    Quand un visiteur ouvre la page d'accueil du portail
    Alors il voit le titre "Un titre qu'aucune page n'a"
"""


@pytest.mark.navigateur
def test_a_failed_scenario_carries_its_capture_page_and_trace(tmp_path: Path) -> None:
    """The result says « failed » under the scenario's French title and has three
    attachments: PNG, HTML, and the trace's ZIP."""
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "echec.feature").write_text(ECHEC, encoding="utf-8")
    (tmp_path / "test_echec.py").write_text(
        'from pytest_bdd import scenarios\n\nscenarios("echec.feature")\n', encoding="utf-8"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\nbdd_features_base_dir = .\n")
    resultat = subprocess.run(
        [sys.executable, "-m", "pytest", str(tmp_path), "-p", "no:cacheprovider",
         "-p", "no:locust", "-p", "no:xdist", "-c", str(tmp_path / "pytest.ini"),
         "--rootdir", str(tmp_path), "--alluredir", str(tmp_path / "allure"),
         "--output", str(tmp_path / "pw"), "--tracing", "retain-on-failure"],
        capture_output=True, text=True, cwd=ROOT, timeout=180,
    )  # fmt: skip
    assert resultat.returncode == 1, resultat.stdout[-2000:] + resultat.stderr[-2000:]
    (fichier,) = (tmp_path / "allure").glob("*-result.json")
    donnees = json.loads(fichier.read_text(encoding="utf-8"))
    assert donnees["name"] == "Une page qui n'a pas le titre attendu"
    assert donnees["status"] == "failed"
    assert donnees["steps"][0]["name"].startswith("Quand un visiteur ouvre")
    types = sorted(Path(a["source"]).suffix for a in donnees["attachments"])
    assert types == [".html", ".png", ".zip"], donnees["attachments"]
