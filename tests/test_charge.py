"""The Locust profile, run as real Locust processes against a portal started for the test."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.charge
def test_connexion_profile_runs_ten_seconds_without_failure(tmp_path: Path) -> None:
    """`load/connexion.py` headless for 10 s: requests on every screen, not one failure."""
    with PortalProcess(
        "--db", str(tmp_path / "p.sqlite3"), "--hash-cost", "fast", "--test-hooks"
    ) as portal:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "load" / "connexion.py"),
                "--headless",
                "--users",
                "10",
                "--spawn-rate",
                "5",
                "--run-time",
                "10s",
                "--host",
                portal.url,
                "--csv",
                str(tmp_path / "charge"),
                "--only-summary",
                "--exit-code-on-error",
                "1",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with (tmp_path / "charge_stats.csv").open(encoding="utf-8") as handle:
        stats = {row["Name"]: row for row in csv.DictReader(handle)}
    for screen in ("identification", "identification: envoi", "mot de passe: envoi", "déconnexion"):
        assert int(stats[screen]["Request Count"]) > 0, f"aucune requête « {screen} »"
    assert int(stats["Aggregated"]["Failure Count"]) == 0
