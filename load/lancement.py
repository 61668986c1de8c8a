"""Starting real Locust processes on a profile (for make load, benchmarks and tests)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from fixtures.console import Progress, no_progress

if TYPE_CHECKING:
    from simulator.commandes.process import PortalProcess

LOAD_DIR = Path(__file__).resolve().parent

# How a reference portal is started for a load run: cheap Argon2, test hooks, no
# per-address limits (every simulated voter comes from 127.0.0.1), and its vote open
# from the start for a week (the opening peak is a voting peak).
PORTAIL_DE_CHARGE: tuple[str, ...] = (
    "--hash-cost",
    "fast",
    "--test-hooks",
    "--limite-captcha",
    "0",
    "--limite-formulaires",
    "0",
    "--limite-mots-de-passe",
    "0",
    "--ouverture-vote",
    "maintenant",
    "--cloture-vote",
    "dans 7 jours",
)


def locust_env() -> dict[str, str]:
    """This environment, minus the switch that keeps gevent from patching a test process:
    a real Locust process needs gevent's monkey-patching (see conftest.py)."""
    return {k: v for k, v in os.environ.items() if k != "LOCUST_SKIP_MONKEY_PATCH"}


def locust_command(
    profil: str,
    host: str,
    mail_api_url: str,
    *extra: str,
    liste: Path | None = None,
    secret: str = "",
) -> list[str]:
    """The command line of a headless run of `load/<profil>.py` against a portal, with the
    voters taken from the roll file `liste` (secret `secret`) when one is given."""
    comptes = [] if liste is None else ["--liste", str(liste), "--secret-liste", secret]
    return [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOAD_DIR / f"{profil}.py"),
        "--headless",
        "--host",
        host,
        "--mail-api-url",
        mail_api_url,
        "--only-summary",
        *comptes,
        *extra,
    ]


def portail_de_charge(
    db: Path,
    roll: Path | None = None,
    secret: str = "",
    workers: int = 1,
    progress: Progress = no_progress,
    options_portail: tuple[str, ...] = (),
) -> PortalProcess:
    """A reference portal (not yet started) set up for a load run, on free ports.

    A roll is loaded into `db` here, before the portal starts, unless the database has
    voters already: `progress` can then show it, where the portal's own loading would run
    silent inside the child (its output is read for its banner). `options_portail` go to
    the portal as they are (`--lien-duree 120s`).

    The simulator is imported here only: the load profiles drive any portal, and a
    harness installed without the reference portal never reaches this function.
    """
    from simulator.commandes.chargement import charger_liste
    from simulator.commandes.demonstration import sceller_demonstration
    from simulator.commandes.process import PortalProcess
    from simulator.storage import Database
    from simulator.storage.electeurs import compter_electeurs

    if roll is not None:
        database = Database(db)
        if not compter_electeurs(database.reader()):
            charger_liste(database, roll, secret, progress)
        database.close()
    # The portal never holds the roll's secret for the codes de vote: the public
    # credentials are derived here, with the secret in hand, by a demonstration sealing
    # and the credential authority's generation, done apart before the portal starts (100
    # derivation rounds: the injector derives each voter's key too); the trustees' keys
    # sit beside the database, for a count after the run.
    demonstration = sceller_demonstration(
        db, db.with_name(db.stem + "-scellement"), roll, secret, iterations=100
    )
    return PortalProcess(
        "--db",
        str(db),
        *PORTAIL_DE_CHARGE,
        *demonstration.options(),
        "--workers",
        str(workers),
        *options_portail,
    )


def reserve_pour(
    portal_url: str, liste: Path, secret: str, sortie: Path, arrivees: float
) -> list[str]:
    """Build the Votant persona's ballots ahead for a run of about `arrivees` voters from
    `liste` (its first « actif » accounts, 20 % spare for Poisson's ups), against the
    parameters the portal publishes; return the Locust options that use them."""
    from load.preparer_reserve import parametres_de_la_source, preparer

    parametres = parametres_de_la_source(f"{portal_url}/election/parametres.json")
    preparer(liste, secret, parametres, sortie, int(arrivees * 1.2) + 50, bavard=False)
    return ["--reserve-bulletins", str(sortie)]


def reposer(portal_url: str, limite_s: float = 60.0) -> None:
    """Wait until the portal serves its home page in under 200 ms again (at most
    `limite_s`): a step that overloaded it leaves requests queued that would weigh on the
    next step."""
    import httpx

    fin = time.monotonic() + limite_s
    with httpx.Client(timeout=10) as client:
        while time.monotonic() < fin:
            debut = time.monotonic()
            try:
                client.get(f"{portal_url}/")
            except httpx.HTTPError:
                pass
            else:
                if time.monotonic() - debut < 0.2:
                    return
            time.sleep(1)
