"""QA tooling: the step catalogue, undefined-step skeletons, Cucumber JSON under xdist."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from steps.catalogue import catalogue, render
from steps.rapports import _skeleton

ROOT = Path(__file__).resolve().parent.parent


def _sentences_in_features() -> set[str]:
    keywords = (
        r"(?:Étant donné qu'|Étant donné que |Étant donné |Quand |Lorsqu'|Alors "
        r"|Et qu'|Et que |Et |Mais )"
    )
    found = set()
    for feature in (ROOT / "features").glob("*.feature"):
        for line in feature.read_text(encoding="utf-8").splitlines():
            match = re.match(rf"\s+{keywords}(.+)$", line)
            if match:
                found.add(match.group(1).strip())
    return found


def test_catalogue_lists_every_section_and_covers_every_sentence_used() -> None:
    """Each sentence written in a feature matches one catalogued phrase."""
    sections = catalogue()
    assert sections[0][0] == "Phrases communes"
    patterns = []
    for _, phrases in sections:
        for phrase in phrases:
            regex = re.sub(r"\\\{\w+(?::[^}]*)?\\\}", ".+?", re.escape(phrase.text))
            patterns.append(re.compile(f"^{regex}$"))
    for sentence in _sentences_in_features():
        assert any(p.match(sentence) for p in patterns), f"phrase absente du catalogue : {sentence}"
    text = render()
    assert 'Quand il choisit le mot de passe "<mot_de_passe>"' in text
    assert text.rstrip().endswith("phrases.")


def test_make_steps_command_prints_the_catalogue() -> None:
    """`python -m steps.catalogue` prints the sections in French."""
    result = subprocess.run(
        [sys.executable, "-m", "steps.catalogue"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "## Réassort" in result.stdout and "Étant donné un électeur inscrit" in result.stdout


def test_skeleton_turns_quoted_values_and_numbers_into_parameters() -> None:
    """Quoted values become {valeurN}, numbers {nombreN:d}, ready to paste."""
    code = _skeleton("when", 'il vote 3 fois pour la liste "Syndicat A"')
    assert "@when(parsers.parse('il vote {nombre1:d} fois pour la liste \"{valeur1}\"'))" in code
    assert "valeur1: str" in code and "nombre1: int" in code
    compile(
        code.replace("@when(", "when = parsers = None\n@(lambda *a: (lambda f: f))("), "<s>", "exec"
    )


def test_undefined_step_fails_with_sentence_and_skeleton(tmp_path: Path) -> None:
    """A scenario with an unknown sentence fails, printing it and the code to write."""
    (tmp_path / "essai.feature").write_text(
        "# language: fr\nFonctionnalité: Essai\n  Scénario: Inconnu\n"
        '    Quand il signe la liste d\'émargement "numéro 4"\n',
        encoding="utf-8",
    )
    (tmp_path / "test_essai.py").write_text(
        "from pytest_bdd import scenarios\nscenarios('essai.feature')\n", encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "steps.rapports",
            "-p",
            "no:cacheprovider",
            "-c",
            "/dev/null",
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_essai.py"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert (
        'Phrase non définie : « Quand il signe la liste d\'émargement "numéro 4" »' in result.stdout
    )
    assert "@when(parsers.parse('il signe la liste d\\'émargement \"{valeur1}\"'))" in result.stdout


def test_cucumber_json_is_complete_under_xdist(tmp_path: Path) -> None:
    """With two xdist workers the Cucumber JSON still holds every scenario run."""
    out = tmp_path / "cucumber.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-n",
            "2",
            "-q",
            "features",
            "-k",
            "accueil or vide",
            f"--cucumberjson={out}",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    passed = int(re.search(r"(\d+) passed", result.stdout).group(1))  # type: ignore[union-attr]
    features = json.loads(out.read_text(encoding="utf-8"))
    scenarios = [element for feature in features for element in feature["elements"]]
    assert len(scenarios) == passed >= 3
    assert all(step["result"]["status"] == "passed" for s in scenarios for step in s["steps"])


def test_catalogue_shows_each_phrase_s_whole_description_wrapped() -> None:
    """Under each phrase, the docstring's whole first paragraph, re-flowed into lines of
    the given width indented under the phrase; later paragraphs (notes for whoever
    maintains the step) are left out."""
    largeur = 72
    phrases = [p for _, section in catalogue() for p in section]
    active = next(p for p in phrases if p.text == "un électeur inscrit dont le compte est activé")
    assert "créé par le point d'accès de test, ou pris dans la liste de comptes" in active.doc
    lignes = render(largeur).splitlines()
    debuts = [rang for rang, ligne in enumerate(lignes) if re.match(r"  \S", ligne)]
    assert len(debuts) == len(phrases)
    for rang, phrase in zip(debuts, phrases, strict=True):
        assert lignes[rang].startswith(f"  {phrase.keyword} "), lignes[rang]
        suite = []
        for ligne in lignes[rang + 1 :]:
            if not ligne.startswith("      "):
                break
            assert len(ligne) <= largeur or " " not in ligne.strip(), ligne
            assert not re.match(r"\s*[:;?!»]", ligne), ligne  # « : » stays with its word
            suite.append(ligne.strip())
        assert " ".join(suite) == phrase.doc, lignes[rang]
    assert "La copie tient son tableau" not in "\n".join(lignes)  # a maintainer's note


def test_catalogue_header_names_the_notation_its_phrases_use() -> None:
    """The header explains parameters as the phrases show them (`<texte>`, not `{texte}`),
    and does not ask for quotes a numeric parameter has none of (`Quand <minutes> minutes
    passent`)."""
    lignes = render().splitlines()
    entete = " ".join(lignes[: lignes.index("")])
    assert all(len(ligne) <= 88 for ligne in lignes[: lignes.index("")])
    phrases = [ligne for ligne in lignes if re.match(r"  \S", ligne)]
    assert any("<minutes>" in p and '"<minutes>"' not in p for p in phrases)
    assert any('"<texte>"' in p for p in phrases)
    assert not any(re.search(r"\{\w+\}", p) for p in phrases)
    assert "<paramètre>" in entete and "accolades" not in entete
    assert "que la phrase montre" in entete
