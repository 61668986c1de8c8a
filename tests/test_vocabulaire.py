"""The harness's one vocabulary: the page objects read it, another portal's wording is
swapped in by a file naming only what differs, and a bad file is refused by name."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harnais.vocabulaire import (
    REFERENCE,
    VocabulaireInvalide,
    charger,
    utiliser,
    vocabulaire,
)
from harnais.vocabulaire_obsolete import VocabulaireObsolete
from steps.pages import PageIdentification

ROOT = Path(__file__).resolve().parent.parent

AUTRE_PORTAIL = """
[champs]
identifiant = "Adresse académique"

[boutons]
connexion = "Se connecter"
"""


@pytest.fixture
def autre_vocabulaire(tmp_path: Path) -> Iterator[Path]:
    """Another portal's wording in force for one test, the reference one restored after."""
    fichier = tmp_path / "autre.toml"
    fichier.write_text(AUTRE_PORTAIL, encoding="utf-8")
    utiliser(fichier)
    yield fichier
    utiliser(None)


def test_a_partial_file_overrides_only_what_it_names(autre_vocabulaire: Path) -> None:
    """The keys given win, every other one keeps the reference wording."""
    voc = vocabulaire()
    assert voc.boutons.connexion == "Se connecter"
    assert voc.champs.identifiant == "Adresse académique"
    assert voc.boutons.retour == charger().boutons.retour == "RETOUR"


@pytest.mark.navigateur
def test_page_objects_find_another_portals_wording(page: Page, autre_vocabulaire: Path) -> None:
    """A screen worded otherwise is driven by the same page object once the file says so."""
    page.set_content(
        """<html lang="fr"><body><form>
        <label for="i">Adresse académique</label><input id="i">
        <label for="c">CAPTCHA</label><input id="c">
        <button type="button" onclick="document.title='envoyé'">Se connecter</button>
        </form></body></html>"""
    )
    ecran = PageIdentification(page)
    ecran.s_identifier("a.b@ac-reims.fr", "12345")
    expect(ecran.champ_identifiant).to_have_value("a.b@ac-reims.fr")
    expect(page).to_have_title("envoyé")


@pytest.mark.parametrize(
    ("contenu", "motif"),
    [
        ('[boutons]\nconnection = "OK"\n', r"clé\(s\) inconnue\(s\) dans \[boutons\] : connection"),
        ('[bouttons]\nconnexion = "OK"\n', r"section\(s\) inconnue\(s\) : bouttons"),
        ('[boutons]\nconnexion = ""\n', r"\[boutons\] connexion doit être un texte non vide"),
        ('[messages]\nregles_mot_de_passe = "une"\n', "doit être une liste de textes"),
        ("[boutons\n", "TOML invalide"),
    ],
)
def test_a_bad_vocabulary_is_refused_by_name(tmp_path: Path, contenu: str, motif: str) -> None:
    """Typos never silently fall back to the reference wording."""
    fichier = tmp_path / "v.toml"
    fichier.write_text(contenu, encoding="utf-8")
    with pytest.raises(VocabulaireInvalide, match=motif):
        charger(fichier)


def test_an_old_file_with_form_field_names_still_loads_with_a_warning(tmp_path: Path) -> None:
    """[formulaires] and the vote's formulaire_* keys (HTML field names, no longer read:
    the HTTP clients find fields by their label) are ignored with a warning naming
    them; the rest of the file still applies."""
    fichier = tmp_path / "ancien.toml"
    fichier.write_text(
        '[formulaires]\ncsrf = "jeton"\n\n[vote]\nformulaire_code = "code"\n'
        'titre_accuse = "Reçu"\n\n[boutons]\nconnexion = "Entrer"\n',
        encoding="utf-8",
    )
    with pytest.warns(VocabulaireObsolete) as avertis:
        voc = charger(fichier)
    messages = [str(a.message) for a in avertis]
    assert any("section [formulaires]" in m for m in messages), messages
    assert any("[vote] formulaire_code" in m for m in messages), messages
    assert voc.boutons.connexion == "Entrer" and voc.vote.titre_accuse == "Reçu"
    assert not hasattr(voc, "formulaires")


def test_the_reference_vocabulary_names_no_form_field() -> None:
    """Browser and HTTP clients speak the same labels: the reference file has no HTML
    field names left to keep in step with the portal's markup."""
    texte = REFERENCE.read_text(encoding="utf-8")
    assert "[formulaires]" not in texte and "formulaire_" not in texte


def test_pytest_refuses_a_bad_vocabulary_before_anything_starts(tmp_path: Path) -> None:
    """`--vocabulaire` with an unknown key: usage error naming it, no portal started."""
    fichier = tmp_path / "v.toml"
    fichier.write_text('[liens]\nacceder_portail = "Entrer"\n', encoding="utf-8")
    resultat = subprocess.run(
        [sys.executable, "-m", "pytest", "features", "-p", "no:cacheprovider",
         "--vocabulaire", str(fichier)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert resultat.returncode == 4
    assert "acceder_portail" in resultat.stderr


def test_the_reference_portal_never_reads_the_vocabulary() -> None:
    """Otherwise a wording change would pass on both sides at once."""
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "simulator").rglob("*.py"))
    assert "vocabulaire" not in sources and REFERENCE.name not in sources


def test_the_reference_wording_is_the_one_in_force_by_default() -> None:
    """With no file given, the page objects read harnais/vocabulaire.toml."""
    utiliser(None)
    assert vocabulaire().source == str(REFERENCE)
