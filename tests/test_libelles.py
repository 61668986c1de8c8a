"""Scenarios say the guide's words or name an outcome by meaning; the portal's wording
lives in its vocabulary alone (steps/libelles.py)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from harnais.vocabulaire import utiliser
from steps.libelles import CLES_DE_MESSAGES, est_cle, libelle, message

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "features"
# The sentences whose quoted text is an expected message.
PHRASE_DE_MESSAGE = re.compile(
    r"(?:il voit le message(?: d'erreur)?|refusé avec le message) \"([^\"]+)\""
)


def _citations_du_guide() -> list[str]:
    """The guide's statements as features/guide.toml quotes them (checked against the
    guide by `make couverture`), each cut at its « […] » ellipses."""
    donnees = tomllib.loads((FEATURES / "guide.toml").read_text(encoding="utf-8"))
    morceaux = []
    for enonce in donnees["enonce"]:
        morceaux += [m.strip(" -*") for m in str(enonce["citation"]).split("[…]")]
    return [m for m in morceaux if m]


def _messages_attendus() -> list[tuple[str, str]]:
    """Every expected message of the feature files, with its file: the quoted text of a
    message sentence, or a cell of an Examples column those sentences take."""
    trouves = []
    for fichier in sorted(FEATURES.glob("*.feature")):
        lignes = fichier.read_text(encoding="utf-8").splitlines()
        colonnes: set[str] = set()
        entete: list[str] | None = None
        for ligne in lignes:
            for texte in PHRASE_DE_MESSAGE.findall(ligne):
                if texte.startswith("<") and texte.endswith(">"):
                    colonnes.add(texte[1:-1])
                else:
                    trouves.append((fichier.name, texte))
            cellules = [c.strip() for c in ligne.strip().strip("|").split("|")]
            if not ligne.strip().startswith("|"):
                entete = None
            elif entete is None:
                entete = cellules
            else:
                trouves += [
                    (fichier.name, cellule)
                    for nom, cellule in zip(entete, cellules, strict=False)
                    if nom in colonnes
                ]
    return trouves


def test_every_expected_message_is_a_key_or_the_guide_s_words() -> None:
    """No portal wording in a scenario: a key of [messages], or a quote of the guide."""
    citations = _citations_du_guide()
    attendus = _messages_attendus()
    assert len(attendus) >= 20, attendus  # the reader found the messages at all
    fautifs = [
        (fichier, texte)
        for fichier, texte in attendus
        if not (texte in CLES_DE_MESSAGES or any(texte in c for c in citations))
    ]
    assert not fautifs, f"ni clé de [messages] ni citation du guide : {fautifs}"


def test_the_checker_catches_a_portal_wording() -> None:
    """The reader sees a wording written into a scenario (here the old « non accentuée »)."""
    assert not est_cle("au moins une lettre en minuscule non accentuée")
    assert "au moins une lettre en minuscule non accentuée" not in CLES_DE_MESSAGES
    assert not any("minuscule non accentuée" in c for c in _citations_du_guide())


AUTRE_PORTAIL = """
[messages]
captcha_errone = "Code de vérification invalide"
refus_longueur = "12 à 256 signes"

[liens]
acceder = "Entrer"

[titres]
election = "Scrutin 2026"
"""


@pytest.fixture
def autre_vocabulaire(tmp_path: Path) -> Iterator[None]:
    """Another portal's wording in force for one test, the reference one restored after."""
    fichier = tmp_path / "autre.toml"
    fichier.write_text(AUTRE_PORTAIL, encoding="utf-8")
    utiliser(fichier)
    yield
    utiliser(None)


def test_a_key_is_read_in_the_portal_s_vocabulary(autre_vocabulaire: None) -> None:
    """`captcha_errone` means this portal's own words."""
    assert message("captcha_errone") == "Code de vérification invalide"
    assert message("refus_longueur") == "12 à 256 signes"
    assert message("lien_expire") == "Ce lien de réassort a expiré."


def test_the_guide_s_label_becomes_the_portal_s(autre_vocabulaire: None) -> None:
    """The guide's « ACCÉDER AU PORTAIL ÉLECTIONS » is this portal's « Entrer »; a title
    prefers [titres]; words no key holds stay as they are."""
    assert libelle("ACCÉDER AU PORTAIL ÉLECTIONS", "liens") == "Entrer"
    assert libelle("Elections professionnelles 2026", "titres") == "Scrutin 2026"
    assert libelle("RETOUR") == "RETOUR"
    assert message("Une phrase du guide") == "Une phrase du guide"


def test_an_unknown_key_is_refused_with_the_known_ones() -> None:
    """A typo in a scenario's key fails with the list of keys, never passes."""
    with pytest.raises(AssertionError, match="captcha_errone"):
        message("captcha_erronne")
