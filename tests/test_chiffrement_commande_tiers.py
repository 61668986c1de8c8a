"""`python -m chiffrement tiers …`: the ceremony run step by step, each trustee with its
own files, only public files exchanged; the keys then count an election."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from chiffrement import bureau
from chiffrement.fichiers import lire_secret
from chiffrement.parametres import lire_parametres
from tests.chiffrement_essai import SCRUTINS


def _tiers(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chiffrement", "tiers", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_ceremonie_en_commandes(tmp_path: Path) -> None:
    """Three delegates and the president, each in their own folder; parameters assembled
    from the exchange folder; each key matches its trustee's published key."""
    ech = str(tmp_path / "echanges")
    (tmp_path / "echanges").mkdir()
    chez = {j: tmp_path / f"delegue{j}" for j in (1, 2, 3)}
    for j, dossier in chez.items():
        r = _tiers("ouvrir", str(j), "--echanges", ech, "--canal", str(dossier / "canal.prive"))
        assert r.returncode == 0, r.stderr
    for j in chez:
        r = _tiers("distribuer", str(j), "--nom", f"Délégué {j}", "--echanges", ech)
        assert r.returncode == 0, r.stderr
    for j, dossier in chez.items():
        r = _tiers(
            "recevoir", str(j), "--echanges", ech, "--canal", str(dossier / "canal.prive"),
            "--sortie", str(dossier / f"delegue-{j}.cle"),
        )  # fmt: skip
        assert r.returncode == 0 and "3 parts vérifiées" in r.stdout, r.stderr
    cle_president = tmp_path / "president" / "president.cle"
    r = _tiers(
        "president", "--nom", "Présidente", "--echanges", ech, "--sortie", str(cle_president)
    )
    assert r.returncode == 0, r.stderr
    (tmp_path / "scrutins.json").write_text(json.dumps(SCRUTINS))
    r = _tiers(
        "assembler", "--echanges", ech, "--scrutins", str(tmp_path / "scrutins.json"),
        "--election", "e", "--nom", "E", "--publication", str(tmp_path / "pub"),
        "--iterations", "10",
    )  # fmt: skip
    assert r.returncode == 0 and "empreinte" in r.stdout, r.stderr
    document = json.loads((tmp_path / "pub" / "parametres.json").read_text())
    par = lire_parametres(document, (tmp_path / "pub" / "parametres.empreinte").read_text().strip())
    assert bureau.lire_cle(par, cle_president).tiers == "president"
    for j, dossier in chez.items():
        assert bureau.lire_cle(par, dossier / f"delegue-{j}.cle").indice == j
    # Nothing public holds a secret: no exchanged file opens a share for another.
    for public in (tmp_path / "echanges").iterdir():
        assert "secret" not in public.read_text()
    assert "canal" in lire_secret(chez[1] / "canal.prive")


def test_une_part_alteree_est_nommee(tmp_path: Path) -> None:
    """Delegate 2's sealed share for delegate 1 replaced by its share for delegate 3:
    delegate 1 cannot open it, and says whose it is."""
    ech = str(tmp_path / "e")
    (tmp_path / "e").mkdir()
    for j in (1, 2, 3):
        assert (
            _tiers(
                "ouvrir", str(j), "--echanges", ech, "--canal", str(tmp_path / f"c{j}")
            ).returncode
            == 0
        )
    for j in (1, 2, 3):
        assert _tiers("distribuer", str(j), "--nom", f"D{j}", "--echanges", ech).returncode == 0
    (tmp_path / "e" / "part-2-pour-1.json").write_text(
        (tmp_path / "e" / "part-2-pour-3.json").read_text()
    )
    r = _tiers(
        "recevoir",
        "1",
        "--echanges",
        ech,
        "--canal",
        str(tmp_path / "c1"),
        "--sortie",
        str(tmp_path / "d1.cle"),
    )
    assert r.returncode == 1 and "part du délégué 2" in r.stderr
    assert not (tmp_path / "d1.cle").exists()
