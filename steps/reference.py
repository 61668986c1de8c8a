"""Start the reference portal and its mail sink in this process, on free ports."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from chiffrement import bureau
from simulator import Settings, create_app
from simulator.asgi.server import ServerThread
from simulator.autorite.essai import autorite_essai
from simulator.clock import Clock
from simulator.mailsink import MailSink
from simulator.storage import Database
from simulator.vote.scrutins_publics import SCRUTINS_ESSAI, scrutins_publics


@dataclass
class RunningPortal:
    """A started portal and sink (and the credential authority's service beside them);
    `stop()` shuts them down."""

    portal: ServerThread
    sink: MailSink
    settings: Settings
    autorite: ExitStack = field(default_factory=ExitStack)

    @property
    def url(self) -> str:
        """Base URL of the portal."""
        return self.portal.url

    @property
    def mail_api_url(self) -> str:
        """Base URL of the sink's Mailpit-compatible API."""
        return self.sink.api_url

    def stop(self) -> None:
        """Stop the portal, the authority, then the sink."""
        self.portal.stop()
        self.autorite.close()
        self.sink.stop()


def sceller_pour_le_portail(workdir: Path, settings: Settings) -> tuple[Path, Path]:
    """Seal as a bureau would before the opening (a demonstration: one process), the
    portal's voting window sealed in the parameters: the count then waits for the closing
    plus its grace on the portal's clock, as `python -m simulator depouiller` does in a
    real election. The trustees' keys stay in `workdir/tiers` for the count; returns
    (publication, tiers)."""
    publication, tiers = workdir / "publication", workdir / "tiers"
    periode = (int(settings.election.ouverture_vote), int(settings.election.cloture_vote))
    bureau.sceller(
        tiers,
        publication,
        "essai-2026",
        "Élections professionnelles (essai)",
        scrutins_publics(list(SCRUTINS_ESSAI)),
        3,
        10,
        periode,
    )
    return publication, tiers


def start_reference_portal(workdir: Path, **overrides: object) -> RunningPortal:
    """Start portal (test hooks on, cheap hashing) and sink with a fresh database in `workdir`."""
    sink = MailSink().start()
    server = ServerThread()
    options: dict[str, object] = {
        # Links in mails must point at this very server.
        "public_url": server.url,
        "db_path": workdir / "portail.sqlite3",
        "test_hooks": True,
        "hash_cost": "fast",
        "smtp_port": sink.smtp_port,
    }
    options.update(overrides)
    settings = Settings.depuis(**options)
    if settings.election.parametres is None:
        publication, tiers = sceller_pour_le_portail(workdir, settings)
        election = replace(
            settings.election, parametres=str(publication), fragments_test=str(tiers)
        )
        settings = replace(settings, election=election)
    autorite = ExitStack()
    if settings.election.autorite_url is None and settings.election.parametres is not None:
        # The credential authority's service, for the réassort of the code de vote: it
        # mails the new code through the same sink.
        appel = autorite.enter_context(
            autorite_essai(
                Path(settings.election.parametres),
                workdir / "autorite" / "portail.cle",
                sink.smtp_port,
                settings.election.titre_election,
            )
        )
        settings = replace(settings, election=replace(settings.election, **appel))
    server.start(create_app(settings))
    return RunningPortal(portal=server, sink=sink, settings=settings, autorite=autorite)


def copier_election(base: Path, publication: Path, dossier: Path) -> tuple[Path, Path]:
    """A copy of a running portal's election in `dossier`, for the bureau's command: its
    database by SQLite's online backup (consistent while the portal writes, WAL
    included), its test clock at the same time, and the parameters it was sealed with.
    Returns (database, publication folder). The portal keeps its own board open: the
    scenarios that follow in this run still vote on it."""
    dossier.mkdir(parents=True, exist_ok=True)
    copie = dossier / base.name
    source = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
    destination = sqlite3.connect(copie)
    try:
        source.backup(destination)
    finally:
        destination.close()
        source.close()
    Clock(Database(copie)).advance(Clock(Database(base)).offset())
    publie = dossier / "publication"
    shutil.copytree(publication, publie)
    return copie, publie
