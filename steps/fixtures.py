"""Pytest fixtures of the acceptance suite: target portal, browser, voters, mailbox.

The suite runs against the reference portal it starts itself, or against any portal
given by URL (a recette deployment): its test accounts then come from a provisioned
list (`--liste`), its CAPTCHA from a bypass code (`--captcha-code`), its wording from a
vocabulary file (`--vocabulaire`), and the scenarios tagged with what that portal lacks
(`@crochets`, `@pannes`) are skipped before any browser starts, with their reason.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fixtures.liste import ListeInvalide
from harnais.client_http import client_durable
from harnais.comptes import LIBELLES, ComptesEpuises, Registre
from harnais.courrier import AdresseImapInvalide, BoiteMail, Mailbox, TransportImap
from harnais.crochets import Crochets, transport_httpx
from harnais.vocabulaire import VocabulaireInvalide, utiliser
from steps.browser import CHROMIUM_ARGS, chromium_executable
from steps.bureau import FichiersDuPortail
from steps.contexte import Contexte
from steps.electeurs import Fournisseur, ParCrochets, ParListe, Retour
from steps.options import ajouter_options

# What a tag asks of the portal under test, said when the scenario is skipped.
BESOINS_DES_ETIQUETTES = {
    "crochets": "demande les points d'accès de test du portail (son horloge) : "
    "--avec-crochets pour un portail qui les a",
    "pannes": "demande les pannes simulées du puits du portail de référence",
}
REGISTRE = pytest.StashKey["Registre | None"]()
RAPPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@dataclass(frozen=True)
class Cible:
    """The portal under test: its URL, its mail API, whether test hooks exist there, and
    the CAPTCHA bypass code of a staging portal, if any."""

    portail_url: str
    mail_api_url: str
    crochets: bool
    reference: bool = False
    captcha_code: str | None = None
    # A real mailbox read over IMAP (`--mail-imap`) instead of the Mailpit API.
    mail_imap: str | None = None
    # The election's files of a reference portal this suite started itself (database,
    # published parameters, trustees' keys): what the bureau's commands read.
    fichiers_reference: FichiersDuPortail | None = None

    @property
    def hooks(self) -> bool:
        """Former name of `crochets` (the test hooks), kept for code written before."""
        return self.crochets


def pytest_addoption(parser: pytest.Parser) -> None:
    """Options to point the suite at another portal (steps/options.py)."""
    ajouter_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    """Check the vocabulary and the list before anything starts: a bad file is refused
    with its key or its line, before any browser or portal."""
    try:
        utiliser(config.getoption("--vocabulaire"))
    except VocabulaireInvalide as exc:
        raise pytest.UsageError(f"--vocabulaire : {exc}") from None
    liste = config.getoption("--liste")
    registre = None
    if liste is not None:
        try:
            registre = Registre(
                Path(liste), config.getoption("--secret-liste"), config.getoption("--registre")
            )
        except (ListeInvalide, ComptesEpuises) as exc:
            raise pytest.UsageError(f"--liste : {exc}") from None
    config.stash[REGISTRE] = registre


def _portail_vise(config: pytest.Config) -> tuple[bool, bool]:
    """Whether the portal under test has test hooks, and the reference sink's faults."""
    if not config.getoption("--portail-url"):
        return True, True
    return bool(config.getoption("--avec-crochets")), False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip, before they start, the scenarios whose tags ask what the target lacks."""
    hooks, pannes = _portail_vise(config)
    offert = {"crochets": hooks, "pannes": pannes}
    for item in items:
        for etiquette, raison in BESOINS_DES_ETIQUETTES.items():
            if not offert[etiquette] and item.get_closest_marker(etiquette):
                item.add_marker(pytest.mark.skip(reason=f"@{etiquette} : {raison}"))
                break


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the item: giving an account back needs the outcome."""
    report = yield
    item.stash.setdefault(RAPPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def cible(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Cible]:
    """The portal under test: a reference portal started on free ports unless a URL is given."""
    url = request.config.getoption("--portail-url")
    captcha_code = request.config.getoption("--captcha-code")
    imap = request.config.getoption("--mail-imap")
    if url:
        mail = request.config.getoption("--mail-api-url")
        if not mail and not imap:
            raise pytest.UsageError("--portail-url demande aussi --mail-api-url ou --mail-imap")
        yield Cible(
            portail_url=url.rstrip("/"),
            mail_api_url=(mail or "").rstrip("/"),
            crochets=request.config.getoption("--avec-crochets"),
            captcha_code=captcha_code,
            mail_imap=imap,
        )
        return
    # The only place the harness touches the simulator, and only when it is the target.
    from steps.reference import start_reference_portal

    running = start_reference_portal(tmp_path_factory.mktemp("portail"))
    reglages, regles = running.settings, running.settings.election
    assert regles.parametres and regles.fragments_test, "portail de référence non scellé"
    yield Cible(
        portail_url=running.url,
        mail_api_url=running.mail_api_url,
        crochets=True,
        reference=True,
        captcha_code=captcha_code,
        mail_imap=imap,
        fichiers_reference=FichiersDuPortail(
            Path(reglages.db_path), Path(regles.parametres), Path(regles.fragments_test)
        ),
    )
    running.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium when Playwright's own build is not installed."""
    args = {**browser_type_launch_args}
    executable = chromium_executable()
    if executable:
        args["executable_path"] = executable
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


@pytest.fixture(scope="session")
def crochets(cible: Cible) -> Iterator[Crochets]:
    """Client of the portal's test hooks; a scenario that needs it is tagged @crochets."""
    if not cible.crochets:
        pytest.skip("ce scénario a besoin des points d'accès de test : étiquetez-le @crochets")
    client = client_durable(cible.portail_url, timeout=10.0)
    yield Crochets(transport_httpx(client))
    client.close()


@pytest.fixture(scope="session")
def fournisseur(request: pytest.FixtureRequest, cible: Cible) -> Fournisseur:
    """Where the scenarios' voters come from: the list if one is given, else the hook."""
    registre = request.config.stash[REGISTRE]
    if registre is not None:
        return ParListe(registre)
    if not cible.crochets:
        pytest.skip("ce scénario demande un électeur : donnez --liste (comptes de test)")
    return ParCrochets(request.getfixturevalue("crochets"))


@pytest.fixture
def boite_mail(cible: Cible) -> Iterator[BoiteMail]:
    """The mailbox of the portal under test: an IMAP folder with `--mail-imap`, else
    the portal's Mailpit-compatible API."""
    if cible.mail_imap:
        try:
            box: BoiteMail = BoiteMail(TransportImap(cible.mail_imap))
        except AdresseImapInvalide as exc:
            raise pytest.UsageError(f"--mail-imap : {exc}") from None
    else:
        box = Mailbox(cible.mail_api_url)
    yield box
    if cible.reference and isinstance(box, Mailbox):
        box.set_chaos()  # never leak a fault to the next scenario
    box.close()


@pytest.fixture
def panne_courrier(cible: Cible) -> Iterator[Mailbox]:
    """The reference sink's chaos switches; a scenario that needs them is tagged @pannes."""
    if not cible.reference:
        pytest.skip("les pannes de messagerie ne se simulent que sur le portail de référence")
    box = Mailbox(cible.mail_api_url)
    yield box
    box.set_chaos()  # never leak a fault to the next scenario
    box.close()


@pytest.fixture
def contexte(request: pytest.FixtureRequest) -> Iterator[Contexte]:
    """A fresh scenario context; its voter is given back at the end with what happened."""
    ctx = Contexte()
    yield ctx
    if ctx.electeur is None or "fournisseur" not in request.fixturenames:
        return
    fournisseur: Fournisseur = request.getfixturevalue("fournisseur")
    rapport = request.node.stash.get(RAPPORTS, {}).get("call")
    # A scenario skipped on its way (a capability found missing) failed nothing: what it
    # noted still says where the account is.
    reussi = rapport is not None and (rapport.passed or rapport.skipped)
    fournisseur.rendre(Retour(ctx.electeur, ctx.compte, ctx.evenements, reussi, ctx.envoye))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """With a list of accounts: what the ledger holds once the run is over, by state, so
    that QA sees what the next run will find (and what a failure left `incertain`)."""
    registre = config.stash.get(REGISTRE, None)
    if registre is None or hasattr(config, "workerinput"):
        return
    restes = ", ".join(
        f"{LIBELLES.get(etat, 'pris par un scénario interrompu')} : {n}"
        for etat, n in registre.restes().items()
        if n
    )
    terminalreporter.write_line(f"Comptes de la liste ({registre.chemin}) : {restes}")
