"""The portal's profile at collection time: scenarios that need what the vocabulary
declares absent, and `@reference` scenarios aimed at another portal, are set apart
before any browser starts (harnais/profil.py says what may be declared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harnais.profil import Absence
from harnais.vocabulaire import vocabulaire
from harnais.vocabulaire_ecarts import ligne_de_depart

# The prefix of a skip's reason that tells a declared absence from any other skip.
ABSENT = "absent de ce portail (déclaré)"
EXIGE = pytest.StashKey[str]()
REFERENCE = (
    "@reference : ne vaut que pour le portail de référence (données de démonstration, "
    "fichiers de son élection) ; "
    "--portail-reference si le portail visé l'est"
)


def absence_de(item: pytest.Item) -> Absence | None:
    """The first declared absence this scenario's tags need, if any."""
    absences = vocabulaire().absences
    for capacite, absence in absences.items():
        if item.get_closest_marker(capacite) is not None:
            return absence
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip what this portal declares absent (what the law requires fails instead, unless
    --tolerer-absent), and @reference scenarios when the target is another portal."""
    autre_portail = bool(config.getoption("--portail-url")) and not config.getoption(
        "--portail-reference"
    )
    tolerer = bool(config.getoption("--tolerer-absent"))
    for item in items:
        absence = absence_de(item)
        if absence is not None and absence.exigee_par_la_loi and not tolerer:
            item.stash[EXIGE] = (
                f"{absence.decrire()} ; la loi l'exige : c'est un échec "
                "(--tolerer-absent pour l'ignorer le temps d'une recette)"
            )
        elif absence is not None:
            item.add_marker(pytest.mark.skip(reason=absence.decrire()))
        elif autre_portail and item.get_closest_marker("reference") is not None:
            item.add_marker(pytest.mark.skip(reason=REFERENCE))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """A scenario that needs what the law requires and the portal declares absent fails
    here, before its fixtures (no browser, no account taken)."""
    if EXIGE in item.stash:
        pytest.fail(item.stash[EXIGE], pytrace=False)


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Before anything runs (under xdist too, where the workers collect): how many keys a
    portal's vocabulary leaves to the reference wording (a forgotten key is silent
    otherwise), then the absences it declares, each with its file and line."""
    fichier = config.getoption("--vocabulaire")
    depart = [ligne_de_depart(Path(fichier))] if fichier is not None else []
    absences = vocabulaire().absences.values()
    return [*depart, *(f"Profil du portail : {a.decrire()}" for a in absences)]


def pytest_report_collectionfinish(config: pytest.Config, items: list[pytest.Item]) -> list[str]:
    """Before anything runs: how many scenarios this portal's profile sets apart."""
    absents = [i for i in items if absence_de(i) is not None]
    if not absents:
        return []
    exiges = [i for i in absents if EXIGE in i.stash]
    return [
        f"Profil du portail ({vocabulaire().source}) : {len(absents)} scénario(s) demandent "
        f"ce qu'il déclare absent, dont {len(exiges)} exigé(s) par la loi (en échec)"
    ]
