"""`make load` (`scripts/charge.py`): starts its own portal and sink, rehearses late
mails, and hands the options it does not know to Locust."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.locust_essai import lancer, statistiques


@pytest.mark.charge
def test_make_load_rehearses_late_mails_and_passes_locust_options(tmp_path: Path) -> None:
    """`scripts/charge.py --panne-retard` holds every mail back in the sink: the measured
    mail delay is never shorter; options it does not know reach Locust."""
    result = lancer(
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
    mail = statistiques(tmp_path / "r" / "parcours")["délai du mail de réassort"]
    assert int(mail["Request Count"]) > 0
    assert float(mail["Min Response Time"]) >= 1500, mail
