"""The credential authority's service as a child process, for the tools that start a
reference portal themselves (the recette, `make run`'s tests): its port chosen first, so
that the portal is started knowing it; the service started once the portal's SMTP sink
is up, since the authority mails through it. The key shared with the portal is created
beforehand (mode 600), as an administrator would provision it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType

from fixtures.processus import arreter
from simulator.asgi.server import free_port
from simulator.asgi.signature import creer_cle
from simulator.autorite.generation import CLE_SIGNATURE

LIGNE_URL = re.compile(r"Autorité de credentials : (http://\S+?)/? ")


class AutoriteProcess:
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
        self.parametres = parametres
        self.cle = cle
        self.liste = liste
        self.credentials = credentials
        self.cle_signature = (credentials or cle).with_name(CLE_SIGNATURE)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        self._process: subprocess.Popen[str] | None = None
        self._pret = threading.Event()
        creer_cle(cle)

    def options_portail(self) -> tuple[str, ...]:
        """What the portal is started with to call this authority."""
        return ("--autorite", self.url, "--autorite-cle", str(self.cle))

    def _lire(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for ligne in self._process.stdout:
            self.lines.append(ligne.rstrip("\n"))
            if LIGNE_URL.search(ligne):
                self._pret.set()
        self._pret.set()

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
        self._process = subprocess.Popen(
            commande,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._lire, daemon=True).start()
        if not self._pret.wait(delai_s) or self._process.poll() is not None:
            self.stop()
            raise RuntimeError("l'autorité n'a pas démarré :\n" + "\n".join(self.lines))
        return self

    def stop(self, delai_s: float = 15.0) -> int:
        """Ctrl-C, then the exit status."""
        if self._process is None:
            return 0
        return arreter(self._process, delai_s)

    def __enter__(self) -> AutoriteProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
