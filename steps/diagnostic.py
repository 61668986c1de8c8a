"""Fail fast, say why: a label or a button that is not on the page fails within
`--attente-s` seconds (5 by default, instead of Playwright's 30), and the failure names
what was searched and the closest accessible names the page has; every report (terminal,
JUnit, Cucumber JSON, Allure) starts with the assertion, not with the step's source.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

# A page's load is the portal's speed, not a missing element: it keeps Playwright's wait.
NAVIGATION_MS = 30_000
# What a Playwright call log says it waited for: `get_by_role("button", name="X")`…
CHERCHE = re.compile(r"waiting for (.+)")
NOMS_CHERCHES = re.compile(r'(?:name|get_by_label|get_by_text|get_by_title)[=(]"((?:[^"\\]|\\.)*)"')
ROLE = re.compile(r'get_by_role\("(\w+)"')
# One node of Playwright's ARIA snapshot: `- button "CONNEXION"`, `- textbox "Identifiant *"`.
NOEUD = re.compile(r'^\s*- (\w+) "((?:[^"\\]|\\.)*)"', re.M)
PROCHES = 5


def attente_ms(config: pytest.Config) -> int:
    """The wait for an element, in milliseconds, from `--attente-s`."""
    return int(float(config.getoption("--attente-s")) * 1000)


def pytest_configure(config: pytest.Config) -> None:
    """Every `expect(...)` of the run waits `--attente-s`, not Playwright's 5 s default."""
    expect.set_options(timeout=attente_ms(config))


@pytest.fixture
def context(context: BrowserContext, request: pytest.FixtureRequest) -> BrowserContext:
    """pytest-playwright's browser context, whose actions (click, fill…) give up after
    `--attente-s` on an element that is not there; navigations keep 30 s."""
    context.set_default_timeout(attente_ms(request.config))
    context.set_default_navigation_timeout(NAVIGATION_MS)
    return context


def noms_accessibles(page: Page) -> list[tuple[str, str]]:
    """(role, accessible name) of every named node of the page's accessibility tree."""
    snapshot = page.locator("body").aria_snapshot(timeout=2_000)
    return [(role, nom.replace('\\"', '"')) for role, nom in NOEUD.findall(snapshot)]


def _proches(cherche: str, noeuds: list[tuple[str, str]]) -> list[str]:
    """The nodes whose name is closest to `cherche` (case ignored), or contains it."""
    par_nom = {nom.lower(): f'{role} "{nom}"' for role, nom in noeuds}
    proches = difflib.get_close_matches(cherche.lower(), list(par_nom), n=PROCHES, cutoff=0.4)
    contiennent = [n for n in par_nom if cherche.lower() in n and n not in proches]
    return [par_nom[n] for n in [*proches, *contiennent][:PROCHES]]


def diagnostiquer(message: str, noeuds: list[tuple[str, str]]) -> str | None:
    """For a failure that waited for an element: what was searched, the closest accessible
    names present and the other elements of the role searched (None when the failure is
    not about a missing element)."""
    attendus = CHERCHE.findall(message)
    if not attendus:
        return None
    attendu = attendus[-1].strip()
    lignes = [f"Cherché : {attendu}"]
    cherches = dict.fromkeys(n.replace('\\"', '"') for n in NOMS_CHERCHES.findall(attendu))
    for cherche in cherches:
        proches = _proches(cherche, noeuds)
        lignes.append(
            f"Noms accessibles les plus proches de « {cherche} » : "
            + (", ".join(proches) if proches else "aucun")
        )
    role = ROLE.search(attendu)
    if role:
        meme_role = [f'"{nom}"' for r, nom in noeuds if r == role.group(1)]
        lignes.append(
            f"Éléments « {role.group(1)} » de la page : "
            + (", ".join(meme_role[:10]) if meme_role else "aucun")
        )
    else:
        presents = [f'{r} "{nom}"' for r, nom in noeuds]
        lignes.append("Présents sur la page : " + (", ".join(presents[:20]) or "rien de nommé"))
    return "\n".join(lignes)


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Callable[..., Any],
    step_func_args: dict[str, Any],
    exception: Exception,
) -> None:
    """While the page is still open: add to the failure what was searched and what the
    page's accessibility tree offers instead."""
    if "page" not in request.fixturenames:
        return
    try:
        noeuds = noms_accessibles(request.getfixturevalue("page"))
    except Exception:  # a dead page must not hide the step's own failure
        return
    diagnostic = diagnostiquer(str(exception), noeuds)
    if diagnostic:
        exception.add_note(diagnostic)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Put the assertion (and its diagnostic) first in the report's text, which JUnit and
    the Cucumber JSON quote, instead of the step function's source."""
    crash = getattr(report.longrepr, "reprcrash", None)
    if report.failed and report.when == "call" and crash is not None and crash.message:
        report.longrepr = f"{crash.message}\n\n{report.longrepr}"
