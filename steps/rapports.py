"""Reports for people and CI: Cucumber JSON that survives pytest-xdist, and undefined
steps that fail with a ready-to-paste skeleton."""

from __future__ import annotations

import re
from collections.abc import Generator
from typing import Any

import pytest
from pytest_bdd.reporting import ReportContext, test_report_context_registry

from harnais.vocabulaire import vocabulaire
from steps.profil import ABSENT

_CONTEXT_KEY = "pytest_bdd_scenario"
_TITRE = "titre_du_scenario"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On a worker: copy pytest-bdd's scenario record into the report's user properties.

    pytest-bdd keeps it in a registry keyed by the report object, which xdist does not
    carry to the controller; user properties are carried.
    """
    report = yield
    # The scenario's own title, apostrophes included, for the summary's lines (pytest-bdd
    # writes « Feature: Scenario » as the test function's docstring).
    titre = str(getattr(getattr(item, "obj", None), "__doc__", None) or "")
    if ": " in titre and not any(k == _TITRE for k, _ in report.user_properties):
        report.user_properties.append((_TITRE, titre.split(": ", 1)[1]))
    context = test_report_context_registry.get(report)
    if context is not None:
        report.user_properties.append(
            (_CONTEXT_KEY, {"scenario": context.scenario, "name": context.name})
        )
    return report


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """On the controller: put the scenario record back where pytest-bdd's Cucumber JSON
    writer looks for it."""
    if report in test_report_context_registry:
        return
    for key, value in report.user_properties:
        if key == _CONTEXT_KEY and isinstance(value, dict):
            test_report_context_registry[report] = ReportContext(
                scenario=value["scenario"], name=value["name"]
            )


def _skeleton(keyword: str, text: str) -> str:
    decorator = {"given": "given", "when": "when", "then": "then"}.get(keyword, "when")
    params = re.findall(r'"([^"]*)"', text)
    pattern = text
    names = []
    for index, _value in enumerate(params, start=1):
        name = f"valeur{index}"
        pattern = pattern.replace(f'"{_value}"', f'"{{{name}}}"', 1)
        names.append(name)
    numbers = re.findall(r"(?<![\w{])\d+(?![\w}])", pattern)
    for index, number in enumerate(numbers, start=1):
        name = f"nombre{index}"
        pattern = re.sub(rf"(?<![\w{{]){number}(?![\w}}])", f"{{{name}:d}}", pattern, count=1)
        names.append(f"{name}: int")
    args = ", ".join(["page: Page", *(n if ":" in n else f"{n}: str" for n in names)])
    matcher = f"parsers.parse({pattern!r})" if names else repr(text)
    return (
        f"@{decorator}({matcher})\n"
        f"def a_nommer({args}) -> None:\n"
        '    """À écrire."""\n'
        f"    # {text}\n"
        "    raise NotImplementedError\n"
    )


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: Exception
) -> None:
    """An undefined step fails with its sentence and a skeleton to paste into steps/."""
    keyword = str(getattr(step, "type", "when")).lower()
    pytest.fail(
        f"Phrase non définie : « {step.keyword.strip()} {step.name} »\n"
        f"  ({feature.filename}, ligne {step.line_number})\n\n"
        "À coller dans le module de steps/ de cette section :\n\n" + _skeleton(keyword, step.name),
        pytrace=False,
    )


def _scenario(report: pytest.TestReport) -> str:
    """A scenario's title as the feature file writes it; else read from its test id
    (`test_un_lien_expiré…`, which has lost its apostrophes)."""
    for cle, valeur in report.user_properties:
        if cle == _TITRE and isinstance(valeur, str):
            return valeur
    nom = report.nodeid.rsplit("::", 1)[-1].removeprefix("test_")
    return nom.replace("_", " ").split("[", 1)[0]


def _raison(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple):
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Against a portal given by URL (recette) or with a profile: one line per scenario
    set apart by the profile (absent, declared), one per other skipped scenario with its
    reason, then the counts, so that what did not run is never mistaken for a pass."""
    if not config.getoption("--portail-url", None) and not vocabulaire().absences:
        return
    stats = terminalreporter.stats

    def scenarios(cle: str) -> list[pytest.TestReport]:
        vus = [r for r in stats.get(cle, []) if isinstance(r, pytest.TestReport)]
        return [r for r in vus if "features/" in r.nodeid and (cle != "passed" or r.when == "call")]

    reussis, echecs, ignores = scenarios("passed"), scenarios("failed"), scenarios("skipped")
    echecs += [r for r in scenarios("error") if r not in echecs]
    absents = [r for r in ignores if _raison(r).startswith(ABSENT)]
    exiges = [r for r in echecs if ABSENT in str(r.longrepr)]
    if absents or exiges:
        terminalreporter.section("Recette : absent de ce portail (déclaré)")
        for report in sorted(exiges, key=lambda r: r.nodeid):
            terminalreporter.write_line(
                f"en échec, exigé par la loi : {_scenario(report)} — "
                f"{_raison(report).removeprefix('Failed: ').split(' ; la loi', 1)[0]}"
            )
        for report in sorted(absents, key=lambda r: r.nodeid):
            terminalreporter.write_line(f"absent : {_scenario(report)} — {_raison(report)}")
    terminalreporter.section("Recette : ce qui n'a pas tourné")
    for report in sorted(ignores, key=lambda r: r.nodeid):
        if report not in absents:
            terminalreporter.write_line(f"ignoré : {_scenario(report)} — {_raison(report)}")
    executes = len(reussis) + len(echecs)
    profil = (
        f", {len(absents)} absents de ce portail (déclarés) ; dont en échec : {len(exiges)} "
        "exigés par la loi et déclarés absents"
        if absents or exiges
        else ""
    )
    terminalreporter.write_line(
        f"Recette : {executes + len(ignores)} scénarios, {executes} exécutés "
        f"({len(reussis)} réussis, {len(echecs)} en échec), {len(ignores) - len(absents)} "
        f"ignorés{profil}"
    )
