"""Progress of long commands: one line redrawn in a terminal, whole and few lines in a log."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures import generateur
from fixtures.console import LOG_HEARTBEAT_S, stderr_progress
from fixtures.generateur import OptionsListe, ecrire_fichier_liste, generate_rows, progress_step

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
    """`fixtures generate 2> fichier`: a list under one draw chunk (50 000) still logs a
    line per tenth, each report a line of its own, the closing message on the next line,
    not glued to the last report."""
    erreurs = tmp_path / "stderr.txt"
    with erreurs.open("w", encoding="utf-8") as sortie:
        subprocess.run(
            _commande("fixtures", "generate", "--count", "20000",
                      "--out", str(tmp_path / "liste.csv")),
            stderr=sortie, check=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
    texte = erreurs.read_text(encoding="utf-8")
    assert "\r" not in texte
    lignes = texte.splitlines()
    assert lignes[-1] == f"20000 électeurs écrits dans {tmp_path / 'liste.csv'}"
    motif = _ligne("Génération", "20 000")
    assert [motif.fullmatch(ligne) is not None for ligne in lignes[:-1]] == [True] * 10, lignes
    assert [m.group(1) for m in map(motif.fullmatch, lignes[:-1]) if m] == [
        f"{n} 000" for n in range(2, 21, 2)
    ]


@pytest.mark.parametrize(
    ("count", "step"),
    [(500, 2_000), (20_000, 2_000), (450_000, 4_500), (1_100_000, 11_000), (9_000_000, 50_000)],
)
def test_progress_step_is_a_hundredth_within_bounds(count: int, step: int) -> None:
    """About 1 % of the roll between two reports, at least 2 000 rows, at most 50 000."""
    assert progress_step(count) == step


def _reports(options: OptionsListe) -> tuple[list[int], list[list[str]]]:
    """The counts generate_rows reports (each against the roll's size), and its rows."""
    rapports: list[tuple[int, int]] = []
    lignes = list(generate_rows(options, lambda fait, total: rapports.append((fait, total))))
    assert {total for _, total in rapports} == {options.count}
    return [fait for fait, _ in rapports], lignes


def test_rows_report_every_step_across_draw_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports fall every step, through the draw chunks' boundary (50 000) and on the
    last row; the rows are the same whatever the step (the seed alone decides them)."""
    options = OptionsListe(count=61_000, seed=4)
    faits, lignes = _reports(options)
    assert faits == [*range(2_000, 61_000, 2_000), 61_000]
    monkeypatch.setattr(generateur, "PROGRESS_STEP_MIN", 7_000)
    faits, lignes_pas_de_7000 = _reports(options)
    assert faits == [*range(7_000, 61_000, 7_000), 61_000]
    assert lignes_pas_de_7000 == lignes


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
    redessins = re.findall(rf"\rGénération : ({NOMBRE}) / 100 000 \(\d+ %\), {NOMBRE}/s", texte)
    assert texte.startswith("\rGénération : 2 000 / 100 000 (2 %), "), texte
    assert redessins == [f"{n:,}".replace(",", " ") for n in range(2_000, 100_001, 2_000)]
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
