"""The tiers portal in a child process, with the project's SMTP sink standing in for the
vendor's Mailpit: started on free ports, stopped on exit."""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path
from types import TracebackType

from fixtures.processus import ProcessusEnfant
from simulator.mailsink import MailSink

LIGNE = re.compile(r"Portail tiers (http://\S+)")
RACINE = Path(__file__).resolve().parents[2]


class PortailTiers(ProcessusEnfant):
    """`with PortailTiers([liste], secret, code) as p:` then `p.url`, `p.mail_api_url`."""

    def __init__(self, listes: list[Path], secret: str, captcha_code: str, *options: str) -> None:
        super().__init__()
        self.listes, self.secret, self.captcha_code = listes, secret, captcha_code
        self.options = options
        self.url = ""
        self._puits = MailSink()

    @property
    def mail_api_url(self) -> str:
        """The Mailpit-shaped API where this portal's mails can be read."""
        return self._puits.api_url

    def ligne_lue(self, ligne: str) -> bool:
        """Ready when it says where it listens."""
        if trouve := LIGNE.search(ligne):
            self.url = trouve.group(1)
        return bool(self.url)

    def __enter__(self) -> PortailTiers:
        self._puits.start()
        commande = [
            sys.executable, "-m", "tests.portail_tiers",
            *[argument for liste in self.listes for argument in ("--liste", str(liste))],
            "--secret", self.secret, "--captcha-recette", self.captcha_code,
            "--smtp", f"127.0.0.1:{self._puits.smtp_port}", *self.options,
        ]  # fmt: skip
        try:
            self.lancer(commande, "le portail tiers", 30, cwd=RACINE)
        except RuntimeError:
            self._puits.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.arreter(10, signal.SIGTERM)
        self._puits.stop()
