"""Run `python -m simulator` as a child process and wait until it says where it listens."""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path
from types import TracebackType

from fixtures.processus import ProcessusEnfant

PORTAL_LINE = re.compile(r"Portail Élections : (http://\S+?)/?$")
MAIL_LINE = re.compile(r"Mails capturés\s*: (http://\S+?)/?\s")
SMTP_LINE = re.compile(r"\(SMTP [^:()]+:(\d+)\)")


class PortalProcess(ProcessusEnfant):
    """A portal in a child process; use as a context manager, ports default to free ones."""

    def __init__(self, *args: str, startup_timeout: float = 60.0, cwd: Path | None = None) -> None:
        super().__init__()
        self.args = ["--port", "0", "--smtp-port", "0", "--mail-port", "0", *args]
        self.startup_timeout = startup_timeout
        self.cwd = cwd
        self.url = ""
        self.mail_api_url = ""
        self.smtp_port = 0

    def ligne_lue(self, ligne: str) -> bool:
        """Its addresses, from the banner; ready at the banner's last line (« Ctrl-C… »)."""
        if match := PORTAL_LINE.search(ligne):
            self.url = match.group(1)
        if match := MAIL_LINE.search(ligne):
            self.mail_api_url = match.group(1)
        if match := SMTP_LINE.search(ligne):
            self.smtp_port = int(match.group(1))
        return ligne.startswith("Ctrl-C") and bool(self.url)

    def start(self) -> PortalProcess:
        """Start the child and wait for its banner; raise with its output if it fails."""
        # Its own process group: `tuer` reaches the workers too, as a crash would.
        self.lancer(
            [sys.executable, "-m", "simulator", *self.args],
            "le portail",
            self.startup_timeout,
            cwd=self.cwd,
            groupe_a_part=True,
        )
        return self

    def tuer(self) -> None:
        """SIGKILL every process of the portal at once (supervisor and workers): nothing
        is flushed, nothing is closed, as in a crash or an OOM kill."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def stop(self, timeout: float = 15.0) -> int:
        """Send Ctrl-C (SIGINT), wait for the exit, and return the exit status."""
        return self.arreter(timeout)

    def __enter__(self) -> PortalProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
