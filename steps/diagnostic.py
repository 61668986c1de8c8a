"""Fail fast, say why: a label or a button that is not on the page fails within
`--attente-s` seconds (5 by default, instead of Playwright's 30), and the failure names
what was searched and the closest accessible names the page has; every report (terminal,
JUnit, Cucumber JSON, Allure) starts with the assertion, not with the step's source.
"""

from __future__ import annotations

import difflib
import re
import time
import weakref
from collections.abc import Callable
from typing import Any, Literal

import pytest
from playwright.sync_api import BrowserContext, Page, Request, expect
from playwright.sync_api import Error as PlaywrightError

from harnais.vocabulaire_ecarts import cles_du_vocabulaire

# A page's load is the portal's speed, not a missing element: it keeps Playwright's wait.
NAVIGATION_MS = 30_000
# What a Playwright call log says it waited for: `get_by_role("button", name="X")`…
# (not `waiting for "URL" navigation to finish…`, which Playwright adds while a page loads).
CHERCHE = re.compile(r"waiting for (?!.*navigation to finish)(.+)")
NOMS_CHERCHES = re.compile(
    r'(?:name|has_text|get_by_label|get_by_text|get_by_title)[=(]"((?:[^"\\]|\\.)*)"'
)
# A field searched by its label with the « * » of required fields tolerated
# (steps/pages/_base.py): `get_by_label(re.compile(r"^\s*Identifiant\s*\*?\s*$"))`.
LIBELLE_MOTIF = re.compile(r'get_by_label\(re\.compile\(r"\^\\s\*(.*?)\\s\*\\\*\?\\s\*\$"\)\)')
ROLE = re.compile(r'get_by_role\("(\w+)"')
# One node of Playwright's ARIA snapshot: `- button "CONNEXION"`, `- textbox "Identifiant *"`.
NOEUD = re.compile(r'^\s*- (\w+) "((?:[^"\\]|\\.)*)"', re.M)
# Roles whose nodes have no name but say something: listed by their visible text.
ROLES_PAR_TEXTE: tuple[Literal["alert", "status"], ...] = ("alert", "status")
PROCHES = 5
# How long the diagnosis may wait for the page to settle (a form's answer still loading
# when a short --attente-s ran out): the failure is already certain, only its text waits.
STABILISATION_MS = 10_000


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
    suivre_les_navigations(context)
    return context


# The documents each page is still waiting for (a form sent, its answer not arrived):
# a diagnosis read before they arrive would describe the page the user has left.
_NAVIGATIONS: weakref.WeakKeyDictionary[Page, set[Request]] = weakref.WeakKeyDictionary()


def suivre_les_navigations(context: BrowserContext) -> None:
    """Keep, per page of `context`, the main-frame documents requested and not yet in."""

    def _page(req: Request) -> Page | None:
        try:
            return req.frame.page if req.frame == req.frame.page.main_frame else None
        except PlaywrightError:
            return None  # a service worker's request has no frame

    def debut(req: Request) -> None:
        page = _page(req) if req.is_navigation_request() else None
        if page is not None:
            _NAVIGATIONS.setdefault(page, set()).add(req)

    def fin(req: Request) -> None:
        page = _page(req) if req.is_navigation_request() else None
        if page is not None:
            _NAVIGATIONS.get(page, set()).discard(req)

    context.on("request", debut)
    context.on("requestfinished", fin)
    context.on("requestfailed", fin)


def attendre_la_page(page: Page) -> None:
    """Until the document the page is waiting for has arrived and loaded (at most
    STABILISATION_MS): the page as the user now sees it, not the one being left."""
    fin = time.monotonic() + STABILISATION_MS / 1000
    while _NAVIGATIONS.get(page) and time.monotonic() < fin:
        page.wait_for_timeout(50)  # lets Playwright deliver the request's events
    page.wait_for_load_state("load", timeout=max(1.0, (fin - time.monotonic()) * 1000))


def noms_accessibles(page: Page) -> list[tuple[str, str]]:
    """(role, accessible name) of every named node of the page's accessibility tree, as
    the page is once it has loaded, and the alerts and status messages by their text
    (they have no name: a screen reader reads their content)."""
    for essai in range(5):
        try:
            attendre_la_page(page)
            snapshot = page.locator("body").aria_snapshot(timeout=STABILISATION_MS)
            textes = [
                (role, " ".join(texte.split()))
                for role in ROLES_PAR_TEXTE
                for texte in page.get_by_role(role).all_inner_texts()
            ]
        except PlaywrightError:
            # The document was replaced while being read (a navigation): read the new one.
            snapshot, textes = "", []
        noeuds = [(role, nom.replace('\\"', '"')) for role, nom in NOEUD.findall(snapshot)]
        noeuds += [(role, texte) for role, texte in textes if texte]
        if noeuds or essai == 4:
            return list(dict.fromkeys(noeuds))
        page.wait_for_timeout(200)  # between two documents: nothing to read yet
    return []


def _cherches(attendu: str) -> list[str]:
    """The names, labels and texts a Playwright locator searched for."""
    noms = [n.replace('\\"', '"') for n in NOMS_CHERCHES.findall(attendu)]
    noms += [re.sub(r"\\(.)", r"\1", motif) for motif in LIBELLE_MOTIF.findall(attendu)]
    return list(dict.fromkeys(noms))


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
    for cherche in _cherches(attendu):
        proches = _proches(cherche, noeuds)
        lignes.append(
            f"Noms accessibles les plus proches de « {cherche} » : "
            + (", ".join(proches) if proches else "aucun")
        )
        cles = cles_du_vocabulaire(cherche)
        if cles:
            lignes.append(cles)
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
        trace = sans_repetition(str(report.longrepr), crash.message)
        report.longrepr = f"{crash.message}\n\n{trace}"


def sans_repetition(trace: str, message: str) -> str:
    """The traceback without its closing `E` lines that only repeat `message`, which
    the report now puts first: a failure is read once, not twice."""
    dites = {ligne.strip() for ligne in message.splitlines()}
    return "\n".join(
        ligne
        for ligne in trace.splitlines()
        if not (ligne.startswith("E ") or ligne == "E")
        or (ligne[1:].strip() and ligne[1:].strip() not in dites)
    )
