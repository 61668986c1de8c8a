"""A demonstration sealing for the tools that start a reference portal themselves (the
recette, the load runs): the bureau's act and the credential authority's done for them,
once, apart from the portal, which then only reads the parameters (`--parametres`) and
the public credentials (`--credentials`). Never a real bureau's sealing: the whole key
ceremony runs in this one process, and the roll's secret is in the caller's hands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from chiffrement.verificateur import PARAMETRES
from simulator.autorite.generation import generer
from simulator.autorite.processus import AutoriteProcess
from simulator.commandes.chargement import charger_liste
from simulator.commandes.process import PortalProcess
from simulator.storage import Database
from simulator.storage.electeurs import compter_electeurs, scrutins_de_la_liste
from simulator.vote.parametres_publics import lire_parametres_publies
from simulator.vote.scrutins_publics import SCRUTINS_ESSAI, sceller_essai


@dataclass(frozen=True)
class Demonstration:
    """Where the demonstration's public files are: the parameters' folder, the public
    credentials file (None: no roll, voters come from the test hook), and the key the
    portal and the authority's service share."""

    publication: Path
    credentials: Path | None
    cle_autorite: Path

    def options(self) -> tuple[str, ...]:
        """The portal's options that read them."""
        credentials = ("--credentials", str(self.credentials)) if self.credentials else ()
        return ("--parametres", str(self.publication), *credentials)


def sceller_demonstration(
    db_path: Path, dossier: Path, liste: Path | None, secret: str, iterations: int = 1000
) -> Demonstration:
    """Load the roll if the database has none, seal its scrutins into `dossier` (unless
    sealed already), and have the authority derive the roll's public credentials (unless
    done already)."""
    db = Database(db_path)
    if liste is not None and not compter_electeurs(db.reader()):
        charger_liste(db, liste, secret)
    publication = dossier / "publication"
    if not (publication / PARAMETRES).exists():
        # No roll yet (voters from the test hook): the hook's scrutins.
        noms = tuple(scrutins_de_la_liste(db.reader())) or SCRUTINS_ESSAI
        sceller_essai(dossier, noms, iterations)
    db.close()
    autorite = dossier / "autorite"
    credentials = autorite / "credentials.jsonl"
    if liste is not None and not credentials.exists():
        generer(liste, secret, lire_parametres_publies(publication), credentials, processus=2)
    return Demonstration(
        publication, credentials if liste is not None else None, autorite / "portail.cle"
    )


@contextmanager
def portail_et_autorite(
    demonstration: Demonstration, liste: Path | None, *options: str
) -> Iterator[PortalProcess]:
    """A reference portal in a child process reading the demonstration's public files,
    with the credential authority's service in its own child process beside it (the
    réassort of the code de vote); both stopped on leaving."""
    autorite = AutoriteProcess(
        demonstration.publication, demonstration.cle_autorite, liste, demonstration.credentials
    )
    with (
        PortalProcess(*options, *demonstration.options(), *autorite.options_portail()) as portail,
        autorite.start(portail.smtp_port),
    ):
        yield portail
