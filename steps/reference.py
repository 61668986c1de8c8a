"""Start the reference portal and its mail sink in this process, on free ports."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from simulator import Settings, create_app
from simulator.asgi.server import ServerThread
from simulator.autorite.essai import autorite_essai
from simulator.mailsink import MailSink
from simulator.vote.scrutins_publics import sceller_essai


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
    settings = Settings(**options)  # type: ignore[arg-type]
    if settings.parametres is None:
        # Sealed as a bureau would before the opening (a demonstration: one process);
        # the trustees' keys stay in the workdir for the count hook.
        publication, tiers = sceller_essai(workdir)
        settings = replace(settings, parametres=str(publication), fragments_test=str(tiers))
    autorite = ExitStack()
    if settings.autorite_url is None and settings.parametres is not None:
        # The credential authority's service, for the réassort of the code de vote: it
        # mails the new code through the same sink.
        appel = autorite.enter_context(
            autorite_essai(
                Path(settings.parametres),
                workdir / "autorite" / "portail.cle",
                sink.smtp_port,
                settings.titre_election,
            )
        )
        settings = replace(settings, **appel)
    server.start(create_app(settings))
    return RunningPortal(portal=server, sink=sink, settings=settings, autorite=autorite)
