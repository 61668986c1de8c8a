"""The harness stands on its own: installed without the reference portal (no simulator,
no Starlette, Argon2, aiosmtpd, Pillow), every module of steps/, load/ and harnais/
imports, and the suite and Locust start."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the reference portal needs and a harness installed alone does not have.
# (Jinja2 is not among them: Locust's web interface needs it too.)
PORTAIL_SEUL = ("simulator", "starlette", "uvicorn", "argon2", "aiosmtpd", "PIL")
# The reference-portal adapters: imported lazily, only when the portal is the target.
ADAPTATEURS = {"steps.reference"}

BLOQUEUR = f"""
import importlib.abc, sys
class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {PORTAIL_SEUL!r}:
            raise ModuleNotFoundError(f"{{name}} n'est pas installé avec le harnais seul")
        return None
sys.meta_path.insert(0, Absent())
"""


def _modules() -> list[str]:
    noms = []
    for dossier in ("harnais", "steps", "load"):
        for fichier in sorted((ROOT / dossier).rglob("*.py")):
            module = ".".join(fichier.relative_to(ROOT).with_suffix("").parts)
            noms.append(module.removesuffix(".__init__"))
    return [n for n in noms if n not in ADAPTATEURS]


def _sans_portail(code: str) -> subprocess.CompletedProcess[str]:
    environ = {"LOCUST_SKIP_MONKEY_PATCH": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", BLOQUEUR + code],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=environ,
    )  # fmt: skip


def test_every_harness_module_imports_without_the_reference_portal() -> None:
    """steps/, load/ and harnais/ import nothing of the simulator nor of its packages."""
    modules = _modules()
    assert "steps.fixtures" in modules and "load.personas" in modules
    resultat = _sans_portail(f"import importlib\nfor m in {modules!r}: importlib.import_module(m)")
    assert resultat.returncode == 0, resultat.stderr[-3000:]


def test_the_blocker_does_block() -> None:
    """The check above can fail: importing the adapter without the portal is refused."""
    resultat = _sans_portail("import steps.reference")
    assert resultat.returncode != 0
    assert "n'est pas installé avec le harnais seul" in resultat.stderr


def test_pytest_and_locust_start_without_the_reference_portal() -> None:
    """The suite collects its scenarios, Locust lists a profile's users."""
    collecte = _sans_portail(
        "import sys, pytest\n"
        "sys.exit(pytest.main(['features', '--collect-only', '-q', '-p', 'no:cacheprovider',"
        " '--portail-url', 'http://127.0.0.1:9', '--mail-api-url', 'http://127.0.0.1:9']))"
    )
    assert collecte.returncode == 0, collecte.stdout[-2000:] + collecte.stderr[-2000:]
    scenarios = sum(
        f.read_text(encoding="utf-8").count("Scénario:")
        for f in (ROOT / "features").glob("*.feature")
    )
    collectes = re.search(r"(\d+) tests collected", collecte.stdout)
    # Each « Scénario » is one test, each line of a « Plan du scénario »'s examples too.
    assert collectes and int(collectes.group(1)) >= scenarios >= 58, collecte.stdout[-500:]


def test_the_harness_extra_installs_none_of_the_portals_packages() -> None:
    """`pip install '.[harnais]'` brings the harness's needs, none of the portal's."""
    projet = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    harnais = [*projet["dependencies"], *projet["optional-dependencies"]["harnais"]]
    noms = {
        d.split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip().lower() for d in harnais
    }
    portail = {"starlette", "uvicorn", "argon2-cffi", "aiosmtpd", "pillow", "jinja2"}
    assert not noms & portail, noms & portail
    assert {"pytest-bdd", "playwright", "locust"} <= noms
