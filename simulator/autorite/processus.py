"""The credential authority's service as a child process, for the tools that start a
reference portal themselves (the recette, `make run`'s tests): its port chosen first, so
that the portal is started knowing it; the service started once the portal's SMTP sink
is up, since the authority mails through it. The key shared with the portal is created
beforehand (mode 600), as an administrator would provision it."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import TracebackType

from fixtures.processus import ProcessusEnfant
from simulator.asgi.server import free_port
from simulator.asgi.signature import creer_cle
from simulator.autorite.generation import CLE_SIGNATURE

LIGNE_URL = re.compile(r"Autorité de credentials : (http://\S+?)/? ")


class AutoriteProcess(ProcessusEnfant):
    """`python -m simulator autorite servir` in a child process, on 127.0.0.1."""

    def __init__(
        self,
        parametres: Path,
        cle: Path,
        liste: Path | None = None,
        credentials: Path | None = None,
    ) -> None:
        """The service for these parameters, sharing `cle` with the portal, serving the
        voters of `liste` (any voter without); with the `credentials` file `generer` made,
        signing with the key it named (beside it) and replacing only credentials it gave,
        else signing with a key beside `cle`."""
        super().__init__()
        self.parametres = parametres
        self.cle = cle
        self.liste = liste
        self.credentials = credentials
        self.cle_signature = (credentials or cle).with_name(CLE_SIGNATURE)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        creer_cle(cle)

    def options_portail(self) -> tuple[str, ...]:
        """What the portal is started with to call this authority."""
        return ("--autorite", self.url, "--autorite-cle", str(self.cle))

    def ligne_lue(self, ligne: str) -> bool:
        """Ready when it says where it listens."""
        return LIGNE_URL.search(ligne) is not None

    def start(self, smtp_port: int, delai_s: float = 60.0) -> AutoriteProcess:
        """Start the service, mailing through 127.0.0.1:`smtp_port`; wait until it listens."""
        liste = ["--voters", str(self.liste)] if self.liste is not None else []
        if self.credentials is not None:
            liste += ["--credentials", str(self.credentials)]
        commande = [
            sys.executable, "-m", "simulator", "autorite", "servir",
            "--port", str(self.port), "--parametres", str(self.parametres),
            "--cle", str(self.cle), "--cle-signature", str(self.cle_signature),
            "--smtp", f"127.0.0.1:{smtp_port}", *liste,
        ]  # fmt: skip
        self.lancer(commande, "l'autorité", delai_s)
        return self

    def stop(self, delai_s: float = 15.0) -> int:
        """Ctrl-C, then the exit status."""
        return self.arreter(delai_s)

    def __enter__(self) -> AutoriteProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
