"""The folder tree, README "Organisation" and the dependency rule tell one story: the rule
(pyproject's `[tool.importlinter]`) holds, can fail, and the README names every package
and module of the reference portal."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
RACINES = ("chiffrement", "simulator", "fixtures", "harnais", "steps", "load")


def _organisation() -> str:
    texte = (ROOT / "README.md").read_text(encoding="utf-8")
    debut = texte.index("## Organisation")
    fin = texte.find("\n## ", debut + 1)
    return texte[debut:] if fin < 0 else texte[debut:fin]


def test_the_dependency_rule_holds() -> None:
    """Every contract of the rule is kept by the tree as it is."""
    assert lint_imports(str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def test_the_dependency_rule_can_fail(tmp_path: Path) -> None:
    """A copy of the tree where storage/ imports web/ breaks the layers, where the crypto
    core imports the portal breaks the core's independence, and where the harness's
    encrypted vote (which may use chiffrement/) imports the portal breaks the harness's."""
    ignorer = shutil.ignore_patterns("*.pyc", "node_modules")
    for racine in RACINES:
        shutil.copytree(ROOT / racine, tmp_path / racine, ignore=ignorer)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    fautes = {
        tmp_path / "simulator" / "storage" / "liens.py": "from simulator.web import portal",
        tmp_path / "chiffrement" / "hachage.py": "from simulator import settings",
        tmp_path / "harnais" / "vote_chiffre.py": "from simulator.vote import urne",
    }
    for fautif, ligne in fautes.items():
        fautif.write_text(fautif.read_text() + f"\n{ligne}  # noqa\n")
    resultat = subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
         " sys.argv = ['lint-imports', '--no-cache', '--no-logo']; lint_imports_command()"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert resultat.returncode == 1, resultat.stdout + resultat.stderr
    assert "simulator.storage.liens -> simulator.web.portal" in resultat.stdout
    assert "chiffrement.hachage -> simulator.settings" in resultat.stdout
    assert "harnais.vote_chiffre -> simulator.vote.urne" in resultat.stdout


def test_the_readme_names_every_package_and_module_of_the_portal() -> None:
    """README "Organisation" names each package (`acces/`) and module (`urne.py`) of
    simulator/: a module added or moved without the README fails here."""
    organisation = _organisation()
    simulateur = ROOT / "simulator"
    absents = [
        f"{dossier.name}/"
        for dossier in simulateur.iterdir()
        if (dossier / "__init__.py").exists() and f"`{dossier.name}/`" not in organisation
    ] + [
        str(module.relative_to(simulateur))
        for module in simulateur.rglob("*.py")
        if module.name not in ("__init__.py", "__main__.py")
        and f"`{module.stem}" not in organisation
    ]
    assert not absents, f"absents de README « Organisation » : {absents}"
