"""The CI pipelines to copy (ci/): they parse, every `make` target they call exists, and
each keeps the reports the README promises."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PIPELINES = sorted((ROOT / "ci").glob("*.yml"))


def _cibles_du_makefile() -> set[str]:
    texte = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z0-9-]*):", texte, re.M))


def _commandes(noeud: Any) -> list[str]:
    """Every shell line of a pipeline: GitLab's script lists, GitHub's run steps."""
    if isinstance(noeud, dict):
        trouvees = []
        for cle, valeur in noeud.items():
            if cle in ("script", "before_script", "run"):
                trouvees += [valeur] if isinstance(valeur, str) else list(valeur)
            else:
                trouvees += _commandes(valeur)
        return trouvees
    if isinstance(noeud, list):
        return [c for v in noeud for c in _commandes(v)]
    return []


def test_there_are_a_gitlab_and_a_github_pipeline() -> None:
    """Both files are there to copy."""
    assert {p.name for p in PIPELINES} == {"gitlab-ci.yml", "github-actions.yml"}


@pytest.mark.parametrize("pipeline", PIPELINES, ids=lambda p: p.name)
def test_a_pipeline_parses_and_calls_only_existing_make_targets(pipeline: Path) -> None:
    """YAML that parses; each `make X` names a target of the Makefile; the three jobs."""
    contenu = yaml.safe_load(pipeline.read_text(encoding="utf-8"))
    assert isinstance(contenu, dict)
    # `make X` as a command (line start, or after && ; ||), not a package named make.
    appel = re.compile(r"(?:^|&&|;|\|\|)\s*make\s+([a-z-]+)", re.M)
    appels = [m for c in _commandes(contenu) for m in appel.findall(c)]
    assert {"test", "load", "acceptation"} <= set(appels), appels
    inconnues = set(appels) - _cibles_du_makefile()
    assert not inconnues, f"{pipeline.name} appelle des cibles absentes du Makefile : {inconnues}"


@pytest.mark.parametrize("pipeline", PIPELINES, ids=lambda p: p.name)
def test_a_pipeline_keeps_the_reports(pipeline: Path) -> None:
    """JUnit (shown as test reports), Cucumber JSON, Playwright traces, Locust reports."""
    texte = pipeline.read_text(encoding="utf-8")
    for rapport in (
        "results/junit.xml",
        "results/cucumber.json",
        "results/allure-results/",
        "results/playwright/",
        "results/charge/",
        "results/acceptation/",
    ):
        assert rapport in texte, f"{pipeline.name} ne garde pas {rapport}"
    for variable in ("PORTAIL_URL", "MAIL_API_URL", "CAPTCHA_CODE", "SECRET_LISTE"):
        assert variable in texte, f"{pipeline.name} ne dit rien de {variable}"
