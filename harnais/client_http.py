"""The httpx client the harness keeps open across scenarios (test hooks, mail API).

A client held for a whole session reuses its connections. If it keeps an idle one
as long as the server does (httpx and uvicorn both say 5 s), the server may close
it just as the next request goes out: « Server disconnected without sending a
response », a failure of the harness, not of the portal. Dropping idle connections
well before any usual server timeout closes that race.
"""

from __future__ import annotations

import httpx

# Well under the keep-alive timeouts of usual servers (uvicorn 5 s, nginx 75 s,
# Apache 5 s): an idle connection is closed by the client first.
INACTIVITE_MAX_S = 1.0


def client_durable(base_url: str, timeout: float) -> httpx.Client:
    """An httpx client for long sessions that never reuses a connection the server may drop."""
    return httpx.Client(
        base_url=base_url,
        timeout=timeout,
        limits=httpx.Limits(keepalive_expiry=INACTIVITE_MAX_S),
    )
