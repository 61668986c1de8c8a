"""The tiers portal in a child process, with the project's SMTP sink standing in for the
vendor's Mailpit: started on free ports, stopped on exit."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import TracebackType

from fixtures.processus import arreter
from simulator.mailsink import MailSink

LIGNE = re.compile(r"Portail tiers (http://\S+)")
RACINE = Path(__file__).resolve().parents[2]


class PortailTiers:
    """`with PortailTiers([liste], secret, code) as p:` then `p.url`, `p.mail_api_url`."""

    def __init__(self, listes: list[Path], secret: str, captcha_code: str, *options: str) -> None:
        self.listes, self.secret, self.captcha_code = listes, secret, captcha_code
        self.options = options
        self.url = ""
        self.lignes: list[str] = []
        self._puits = MailSink()
        self._process: subprocess.Popen[str] | None = None
        self._pret = threading.Event()

    @property
    def mail_api_url(self) -> str:
        """The Mailpit-shaped API where this portal's mails can be read."""
        return self._puits.api_url

    def _lire(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for ligne in self._process.stdout:
            self.lignes.append(ligne.rstrip("\n"))
            if trouve := LIGNE.search(ligne):
                self.url = trouve.group(1)
                self._pret.set()
        self._pret.set()

    def __enter__(self) -> PortailTiers:
        self._puits.start()
        self._process = subprocess.Popen(
            [
                sys.executable, "-m", "tests.portail_tiers",
                *[argument for liste in self.listes for argument in ("--liste", str(liste))],
                "--secret", self.secret, "--captcha-recette", self.captcha_code,
                "--smtp", f"127.0.0.1:{self._puits.smtp_port}", *self.options,
            ],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=RACINE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        threading.Thread(target=self._lire, daemon=True).start()
        if not self._pret.wait(30) or not self.url:
            self.__exit__(None, None, None)
            raise RuntimeError("le portail tiers n'a pas démarré :\n" + "\n".join(self.lignes))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            arreter(self._process, 10, signal.SIGTERM)
        self._puits.stop()
