"""`python -m harnais.vocabulaire FICHIER` and the suite's first line: the keys a portal's
vocabulary leaves to the reference wording are said, never silently used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from harnais.vocabulaire import charger
from harnais.vocabulaire_ecarts import cles, reprises

RACINE = Path(__file__).resolve().parent.parent
PARTIEL = """\
[liens]
acceder = "ENTRER"
captcha_audio = "Écouter"

[absences]
vote = "pas de vote dans ce lot"
evitement = "prévu en janvier"
"""


def _fichier(tmp_path: Path, texte: str = PARTIEL) -> Path:
    chemin = tmp_path / "recette.toml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_donnees_reprises_et_sans_objet(tmp_path: Path) -> None:
    """Given keys are not reprises; the others carry the reference's value; the keys of
    what is declared absent (all of [vote], [liens] evitement) are set apart."""
    fichier = _fichier(tmp_path)
    par_cle = {(c.section, c.nom): c for c in cles(fichier)}
    assert par_cle["liens", "acceder"].donnee and par_cle["liens", "acceder"].valeur == "ENTRER"
    assert par_cle["liens", "captcha_audio"].donnee
    aide = par_cle["liens", "aide"]
    assert aide.reprise and aide.valeur == charger().liens.aide
    assert par_cle["liens", "evitement"].sans_objet and not par_cle["liens", "evitement"].reprise
    assert all(c.sans_objet for c in par_cle.values() if c.section == "vote")
    noms = {(c.section, c.nom) for c in reprises(fichier)}
    assert ("titres", "captcha") in noms and ("liens", "acceder") not in noms
    assert not any(section == "vote" for section, _ in noms)


def _commande(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harnais.vocabulaire", *arguments],
        capture_output=True, text=True, cwd=RACINE, timeout=60,
    )  # fmt: skip


def test_la_commande_liste_par_section(tmp_path: Path) -> None:
    """The command prints each section's given and reprised keys, with values."""
    resultat = _commande(str(_fichier(tmp_path)))
    assert resultat.returncode == 0, resultat.stderr
    sortie = resultat.stdout
    assert "donnée   acceder = « ENTRER »" in sortie
    assert "REPRISE  aide = « AIDE/FAQ »" in sortie
    assert "[vote] 0 donnée(s), 0 reprise(s) de la référence" in sortie
    assert f"{len(reprises(tmp_path / 'recette.toml'))} clés reprises" in sortie


def test_la_commande_refuse_une_cle_inconnue(tmp_path: Path) -> None:
    """A typo is refused with its name and status 2, as the suite would refuse it."""
    resultat = _commande(str(_fichier(tmp_path, '[liens]\naceder = "ENTRER"\n')))
    assert resultat.returncode == 2
    assert "aceder" in resultat.stderr and "Traceback" not in resultat.stderr


def test_la_suite_le_dit_au_depart(tmp_path: Path) -> None:
    """With --vocabulaire, the run's header counts the reprised keys and names the
    command; with the reference vocabulary, no such line."""
    fichier = _fichier(tmp_path)
    commande = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0",
                "features/01_acces.feature", "--collect-only"]  # fmt: skip
    avec = subprocess.run([*commande, "--vocabulaire", str(fichier)],
                          capture_output=True, text=True, cwd=RACINE, timeout=120)  # fmt: skip
    sans = subprocess.run(commande, capture_output=True, text=True, cwd=RACINE, timeout=120)
    attendu = (
        f"{len(reprises(fichier))} clés reprises du vocabulaire de référence "
        f"(liste : python -m harnais.vocabulaire {fichier})"
    )
    assert attendu in avec.stdout
    assert "clés reprises" not in sans.stdout
