"""Progress of long commands: one line redrawn in a terminal, whole and few lines in a log."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.console import LOG_HEARTBEAT_S, stderr_progress
from fixtures.generateur import OptionsListe, ecrire_fichier_liste

ROOT = Path(__file__).resolve().parent.parent
NOMBRE = r"\d{1,3}(?: \d{3})*"


def _ligne(libelle: str, total: str) -> re.Pattern[str]:
    return re.compile(rf"{libelle} : ({NOMBRE}) / {total} \((\d+) %\), {NOMBRE}/s")


def _commande(*args: str) -> list[str]:
    return [sys.executable, "-m", *args]


def test_credential_generation_logs_a_line_per_tenth_into_a_pipe(tmp_path: Path) -> None:
    """`autorite generer` reports its 20 batches of 50 voters; stderr to a pipe gets
    whole lines, no `\\r`, at most one per tenth of the work, the 100 % one last."""
    liste = tmp_path / "liste.csv"
    ecrire_fichier_liste(OptionsListe(count=1000, seed=5, actif_share=1.0), liste)
    publication = tmp_path / "publication"
    subprocess.run(
        _commande("simulator", "sceller", "--db", str(tmp_path / "p.sqlite3"),
                  "--voters", str(liste), "--secret", "s", "--iterations", "1000",
                  "--publication", str(publication), "--fragments", str(tmp_path / "tiers"),
                  "--ouverture-vote", "maintenant", "--cloture-vote", "dans 1 jours"),
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    genere = subprocess.run(
        _commande("simulator", "autorite", "generer", "--voters", str(liste), "--secret", "s",
                  "--parametres", str(publication), "--sortie", str(tmp_path / "c.jsonl"),
                  "--processus", "1"),
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert "\r" not in genere.stderr
    lignes = [ligne for ligne in genere.stderr.splitlines() if ligne.startswith("Credentials")]
    motif = _ligne("Credentials", "1 000")
    parts = []
    for ligne in lignes:
        trouve = motif.fullmatch(ligne)
        assert trouve, ligne
        parts.append(int(trouve.group(2)))
    # Twenty reports, ten tenths: fewer lines than reports, unless it took minutes.
    assert 2 <= len(lignes) <= 11, lignes
    assert parts == sorted(set(parts)) and parts[-1] == 100, lignes
    assert lignes[-1].startswith("Credentials : 1 000 / 1 000 (100 %)")


def test_roll_generation_into_a_file_ends_each_line(tmp_path: Path) -> None:
    """`fixtures generate 2> fichier`: each report a line of its own, the closing
    message on the next line, not glued to the last report."""
    erreurs = tmp_path / "stderr.txt"
    with erreurs.open("w", encoding="utf-8") as sortie:
        subprocess.run(
            _commande("fixtures", "generate", "--count", "150000",
                      "--out", str(tmp_path / "liste.csv")),
            stderr=sortie, check=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
    texte = erreurs.read_text(encoding="utf-8")
    assert "\r" not in texte
    lignes = texte.splitlines()
    assert lignes[-1] == f"150000 électeurs écrits dans {tmp_path / 'liste.csv'}"
    motif = _ligne("Génération", "150 000")
    assert [motif.fullmatch(ligne) is not None for ligne in lignes[:-1]] == [True] * 3, lignes
    assert [m.group(1) for m in map(motif.fullmatch, lignes[:-1]) if m] == [
        "50 000", "100 000", "150 000",
    ]  # fmt: skip


def test_in_a_terminal_the_line_is_redrawn(tmp_path: Path) -> None:
    """With stderr on a terminal (a pseudo-terminal here), the same command redraws one
    line with `\\r` and ends it once done."""
    maitre, esclave = pty.openpty()
    processus = subprocess.Popen(
        _commande("fixtures", "generate", "--count", "100000",
                  "--out", str(tmp_path / "liste.csv")),
        stderr=esclave, stdout=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    os.close(esclave)
    lu = b""
    while True:
        try:
            morceau = os.read(maitre, 4096)
        except OSError:  # EIO: the terminal's other end closed
            break
        if not morceau:
            break
        lu += morceau
    os.close(maitre)
    assert processus.wait(timeout=60) == 0
    texte = lu.decode("utf-8")
    assert texte.startswith("\rGénération : 50 000 / 100 000 (50 %), "), texte
    assert "\rGénération : 100 000 / 100 000 (100 %), " in texte
    assert "/s\r\n100000 électeurs écrits" in texte  # the terminal turns \n into \r\n


def test_a_long_job_logs_a_line_after_a_silence_and_the_final_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Within one tenth, a line only when LOG_HEARTBEAT_S passed since the last one; the
    final line once even if said twice."""
    instants = iter([0.0, 1.0, 2.0, LOG_HEARTBEAT_S + 2.0, LOG_HEARTBEAT_S + 3.0, 99.0, 99.0])
    rapport = stderr_progress("Tâche", clock=lambda: next(instants))
    for fait in (1, 2, 3, 4, 1000, 1000):
        rapport(fait, 1000)
    lignes = capsys.readouterr().err.splitlines()
    assert [ligne.split(" (")[0] for ligne in lignes] == [
        "Tâche : 3 / 1 000", "Tâche : 1 000 / 1 000",
    ], lignes  # fmt: skip
