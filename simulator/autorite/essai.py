"""A test portal's credential authority: the same service as `python -m simulator
autorite servir`, in a thread of the test process, for a portal whose voters come from
the test hook (so no roll: any voter the portal names). The separation of processes is
what `tests/test_autorite_attaques.py` tries; the harness only needs the réassort to work
through the same protocol and the real SMTP sink."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypedDict

from simulator.asgi.server import ServerThread
from simulator.asgi.signature import creer_cle, lire_cle
from simulator.autorite.generation import CLE_SIGNATURE, cle_de_signature
from simulator.autorite.service import ReglagesAutorite, creer_app
from simulator.settings import ReglesElection
from simulator.vote.parametres_publics import lire_parametres_publies


class AppelAutorite(TypedDict):
    """The portal's settings that call an authority's service."""

    autorite_url: str
    autorite_cle: str


@contextmanager
def autorite_essai(
    publication: Path, cle: Path, smtp_port: int, titre: str = ReglesElection.titre_election
) -> Iterator[AppelAutorite]:
    """Serve an authority for the parameters of `publication`, mailing through the sink
    on `smtp_port`; yield the portal's settings that call it (autorite_url,
    autorite_cle); stop it on leaving."""
    creer_cle(cle)
    signature, _creee = cle_de_signature(cle.with_name(CLE_SIGNATURE))
    reglages = ReglagesAutorite(
        lire_parametres_publies(publication),
        lire_cle(cle),
        ("127.0.0.1", smtp_port),
        titre,
        signature=signature,
    )
    serveur = ServerThread().start(creer_app(reglages))
    try:
        yield AppelAutorite(autorite_url=serveur.url, autorite_cle=str(cle))
    finally:
        serveur.stop()
