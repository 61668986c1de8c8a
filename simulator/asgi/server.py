"""Run an ASGI app with uvicorn in a background thread, with a readiness check (port 0 works)."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn
from starlette.types import ASGIApp


class ServerThread:
    """A uvicorn server in a daemon thread; `start(app)` returns once it accepts connections.

    The port is bound at construction, so the app can be built knowing its own URL.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Inherited by accepted sockets: keep-alive responses are not held back by Nagle.
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket.bind((host, port))
        self.port: int = self._socket.getsockname()[1]
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Base URL of the server, without a trailing slash."""
        return f"http://{self.host}:{self.port}"

    def start(self, app: ASGIApp, timeout: float = 15.0) -> ServerThread:
        """Serve `app`; raise if the server is not up within `timeout` seconds."""
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        self._server = server = uvicorn.Server(config)
        self._thread = thread = threading.Thread(
            target=server.run,
            kwargs={"sockets": [self._socket]},
            daemon=True,
            name=f"uvicorn-{self.port}",
        )
        thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"le serveur {self.url} n'a pas démarré en {timeout} s")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Ask the server to finish and wait for its thread."""
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._socket.close()


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago (for servers that cannot bind port 0 themselves)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port
