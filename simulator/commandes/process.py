"""Run `python -m simulator` as a child process and wait until it says where it listens."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

from fixtures.processus import arreter

PORTAL_LINE = re.compile(r"Portail Élections : (http://\S+?)/?$")
MAIL_LINE = re.compile(r"Mails capturés\s*: (http://\S+?)/?\s")
SMTP_LINE = re.compile(r"\(SMTP [^:()]+:(\d+)\)")


class PortalProcess:
    """A portal in a child process; use as a context manager, ports default to free ones."""

    def __init__(self, *args: str, startup_timeout: float = 60.0, cwd: Path | None = None) -> None:
        self.args = ["--port", "0", "--smtp-port", "0", "--mail-port", "0", *args]
        self.startup_timeout = startup_timeout
        self.cwd = cwd
        self.url = ""
        self.mail_api_url = ""
        self.smtp_port = 0
        self.lines: list[str] = []
        self._process: subprocess.Popen[str] | None = None
        self._ready = threading.Event()

    def _read_output(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            self.lines.append(line.rstrip("\n"))
            if match := PORTAL_LINE.search(line):
                self.url = match.group(1)
            if match := MAIL_LINE.search(line):
                self.mail_api_url = match.group(1)
            if match := SMTP_LINE.search(line):
                self.smtp_port = int(match.group(1))
            if line.startswith("Ctrl-C"):
                self._ready.set()
        self._ready.set()

    def start(self) -> PortalProcess:
        """Start the child and wait for its banner; raise with its output if it fails."""
        self._process = subprocess.Popen(
            [sys.executable, "-m", "simulator", *self.args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=self.cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            # Its own process group: `tuer` reaches the workers too, as a crash would.
            start_new_session=True,
        )
        threading.Thread(target=self._read_output, daemon=True).start()
        if not self._ready.wait(self.startup_timeout) or not self.url:
            self.stop()
            raise RuntimeError("le portail n'a pas démarré :\n" + "\n".join(self.lines))
        return self

    @property
    def pid(self) -> int | None:
        """The supervisor's process id (its workers are its children), once started."""
        return None if self._process is None else self._process.pid

    def tuer(self) -> None:
        """SIGKILL every process of the portal at once (supervisor and workers): nothing
        is flushed, nothing is closed, as in a crash or an OOM kill."""
        if self._process is not None and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()

    def stop(self, timeout: float = 15.0) -> int:
        """Send Ctrl-C (SIGINT), wait for the exit, and return the exit status."""
        if self._process is None:
            return 0
        arreter(self._process, timeout)
        # Give the reader thread a moment to collect the last lines.
        deadline = time.monotonic() + 2
        while not self._ready.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        return self._process.returncode

    def __enter__(self) -> PortalProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
