"""Real Locust runs for the load tests: a profile launched against a portal started for
the test, from the project's root, and the CSV reports it leaves."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path
from typing import Any

from load.lancement import locust_command, locust_env
from simulator.commandes.process import PortalProcess

ROOT = Path(__file__).resolve().parent.parent


def lancer(command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a real Locust (or a script starting one) from the project's root, output kept."""
    return subprocess.run(
        command, capture_output=True, text=True, timeout=180, cwd=ROOT, env=locust_env()
    )


def lancer_profil(
    profil: str, portal: PortalProcess, out: Path, *extra: str, **comptes: Any
) -> subprocess.CompletedProcess[str]:
    """A headless run of a profile against `portal`, CSV reports at `out` (`comptes`:
    `liste=` and `secret=` as `locust_command` takes them)."""
    url, mails = portal.url, portal.mail_api_url
    return lancer(locust_command(profil, url, mails, "--csv", str(out), *extra, **comptes))


def statistiques(prefix: Path) -> dict[str, dict[str, str]]:
    """Locust's stats report (`<prefix>_stats.csv`): one row per request name."""
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def echecs(prefix: Path) -> dict[str, str]:
    """Locust's failures report: the error message of each failed screen, by name."""
    with Path(f"{prefix}_failures.csv").open(encoding="utf-8") as handle:
        return {row["Name"]: row["Error"] for row in csv.DictReader(handle)}
