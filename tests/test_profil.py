"""A portal's profile (harnais/profil.py, steps/profil.py): what its vocabulary declares
absent is set apart before any browser starts, with the declaration's line; what the law
requires stays a failure unless tolerated; @reference is skipped on another portal."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from harnais.profil import CAPACITES, ProfilInvalide, lire_absences
from harnais.vocabulaire import VocabulaireInvalide, charger

ROOT = Path(__file__).resolve().parent.parent

PROFIL = """# Un portail sans vote ni CAPTCHA sonore
[liens]
acceder = "Entrer"

[absences]
vote = "hors du lot livré"
captcha_audio = "prévu en version 2"
nouveau_captcha = "le CAPTCHA se renouvelle en rechargeant la page"
"""


def _fichier(tmp_path: Path, texte: str = PROFIL) -> Path:
    fichier = tmp_path / "tiers.toml"
    fichier.write_text(texte, encoding="utf-8")
    return fichier


def test_absences_are_read_with_their_line(tmp_path: Path) -> None:
    """Each declaration keeps its reason, its file and its line."""
    absences = charger(_fichier(tmp_path)).absences
    assert set(absences) == {"vote", "captcha_audio", "nouveau_captcha"}
    assert absences["captcha_audio"].ligne == 7
    assert absences["captcha_audio"].exigee_par_la_loi
    assert not absences["vote"].exigee_par_la_loi
    assert "tiers.toml, ligne 6" in absences["vote"].decrire()
    assert charger().absences == {}


def test_an_unknown_capability_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    """A typo never silently keeps a scenario running or skipped."""
    fichier = _fichier(tmp_path, '[absences]\nvotes = "non"\n')
    with pytest.raises(VocabulaireInvalide, match=r"votes.*connues : vote"):
        charger(fichier)


def test_an_absence_must_say_why(tmp_path: Path) -> None:
    """An empty reason is refused."""
    with pytest.raises(ProfilInvalide, match="doit dire pourquoi"):
        lire_absences(tmp_path / "x.toml", {"vote": " "})


def test_every_capability_is_a_registered_tag_that_some_scenario_carries() -> None:
    """A capability no scenario needs, or a tag pytest refuses, would declare nothing."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    fichiers = (ROOT / "features").glob("*.feature")
    features = "\n".join(f.read_text(encoding="utf-8") for f in fichiers)
    for capacite in CAPACITES:
        assert f'"{capacite}: ' in pyproject, capacite
        assert re.search(rf"@{capacite}\b", features), capacite


def _pytest(*args: str) -> subprocess.CompletedProcess[str]:
    """The suite aimed at a portal that is not there: only what is set apart before any
    browser or portal can pass or fail."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider", "-n", "0",
         "--portail-url", "http://127.0.0.1:9", "--mail-api-url", "http://127.0.0.1:9", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


SELECTION = "version_sonore or demande_un_nouveau_captcha or cellule_de_reims"


def test_declared_absences_are_set_apart_and_the_law_s_stay_failures(tmp_path: Path) -> None:
    """The audio CAPTCHA (the law) fails, the new-CAPTCHA button is absent (declared),
    the @reference scenario is skipped: all without a browser or a portal."""
    resultat = _pytest("--vocabulaire", str(_fichier(tmp_path)), "-k", SELECTION)
    sortie = resultat.stdout
    assert resultat.returncode == 1, sortie[-3000:]
    assert "3 scénario(s) demandent ce qu'il déclare absent" not in sortie  # -k: only 2
    assert "2 scénario(s) demandent ce qu'il déclare absent, dont 1 exigé(s)" in sortie
    assert re.search(
        r"en échec, exigé par la loi : Le CAPTCHA a une version sonore — absent de ce portail "
        r"\(déclaré\) : la version sonore du CAPTCHA .* \(.*tiers\.toml, ligne 7\)",
        sortie,
    ), sortie[-3000:]
    assert "absent : Un électeur demande un nouveau CAPTCHA sans perdre son identifiant" in sortie
    # The scenario's own title, its apostrophe kept (the test id loses it).
    assert "ignoré : La page d'aide du portail de référence donne la cellule de Reims" in sortie
    assert "@reference" in sortie
    assert "1 absents de ce portail (déclarés) ; dont en échec : 1" in sortie


def test_tolerer_absent_turns_the_law_s_failures_into_declared_absences(tmp_path: Path) -> None:
    """With --tolerer-absent, nothing fails; --portail-reference plays @reference."""
    resultat = _pytest(
        "--vocabulaire", str(_fichier(tmp_path)), "-k", "version_sonore", "--tolerer-absent"
    )
    assert resultat.returncode == 0, resultat.stdout[-3000:]
    assert "absent : Le CAPTCHA a une version sonore" in resultat.stdout
