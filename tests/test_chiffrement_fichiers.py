"""Secret files readable by their owner only, never overwritten; the core's own verifier
command on a published folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from chiffrement.fichiers import FichierRefuse, ecrire_secret, lire_secret
from tests.chiffrement_essai import ecrire_dossier, election_complete


def test_fichier_secret_600_jamais_ecrase(tmp_path: Path) -> None:
    """Created 600; a second write is refused and the first content kept."""
    chemin = tmp_path / "tiers" / "president.cle"
    ecrire_secret(chemin, {"secret": "1"})
    assert stat.S_IMODE(chemin.stat().st_mode) == 0o600
    with pytest.raises(FichierRefuse, match="jamais écrasé"):
        ecrire_secret(chemin, {"secret": "2"})
    assert lire_secret(chemin) == {"secret": "1"}


def test_fichier_secret_lisible_par_d_autres_refuse(tmp_path: Path) -> None:
    """A share left readable by the group or others is refused, with the fix to apply."""
    chemin = tmp_path / "delegue-1.cle"
    ecrire_secret(chemin, {"secret": "1"})
    os.chmod(chemin, 0o644)
    with pytest.raises(FichierRefuse, match="chmod 600"):
        lire_secret(chemin)


def _commande(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chiffrement", *args], capture_output=True, text=True, timeout=120
    )


def test_commande_verifier(tmp_path: Path) -> None:
    """Exit 0 with the result when all holds; 1 naming the fault; 2 without a folder."""
    e, fichiers = election_complete()
    ecrire_dossier(tmp_path, e, fichiers)
    bon = _commande("verifier", str(tmp_path))
    assert bon.returncode == 0, bon.stderr
    assert "tout tient" in bon.stdout
    # Each scrutin by its name, each list by its number and its name, as voters saw them.
    assert "CSA ministériel (csa) : 3 bulletin(s)\n    liste 1, A : 1 voix" in bon.stdout
    assert "liste 7, L7 : 1 voix" in bon.stdout
    resultats = json.loads((tmp_path / "resultats.json").read_text())
    resultats["scrutins"]["cap"]["voix"][0] = 1
    (tmp_path / "resultats.json").write_text(json.dumps(resultats))
    mauvais = _commande("verifier", str(tmp_path))
    assert mauvais.returncode == 1 and "ÉCHEC : resultats.json" in mauvais.stderr
    assert _commande("verifier", str(tmp_path / "absent")).returncode == 2
