"""The harness's long-lived HTTP client never sends a request on a connection the
server may be closing at that very moment.

The server here answers the first request of a connection and drops any later one
without a word: what a server does when its keep-alive timeout fires just as the
client reuses the idle connection (seen in CI as « Server disconnected without
sending a response »). Made certain here instead of left to timing.
"""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from harnais.client_http import INACTIVITE_MAX_S, client_durable

REPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok"


class UneRequeteParConnexion(socketserver.BaseRequestHandler):
    """Answers the first request, then closes the connection at the next one."""

    def handle(self) -> None:
        """Serve one request, wait for a second and hang up on it."""
        self.request.recv(65536)
        self.request.sendall(REPONSE)
        self.request.recv(65536)


@pytest.fixture
def serveur() -> Iterator[str]:
    """The base URL of a server that drops every reused connection."""
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), UneRequeteParConnexion) as srv:
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{srv.server_address[1]}"
        srv.shutdown()


def test_an_idle_connection_is_not_reused(serveur: str) -> None:
    """After a pause, the next request goes out on a new connection."""
    with client_durable(serveur, timeout=5.0) as client:
        assert client.get("/").text == "ok"
        time.sleep(INACTIVITE_MAX_S + 0.2)
        assert client.get("/").text == "ok"


def test_the_server_really_drops_a_reused_connection(serveur: str) -> None:
    """The same pause with httpx's default keep-alive fails: the test above can fail."""
    with httpx.Client(base_url=serveur, timeout=5.0) as client:
        assert client.get("/").text == "ok"
        time.sleep(INACTIVITE_MAX_S + 0.2)
        with pytest.raises(httpx.RemoteProtocolError):
            client.get("/")
