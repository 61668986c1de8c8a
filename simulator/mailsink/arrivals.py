"""Wake API requests waiting for a mail, from the SMTP thread that caught it.

A search may ask to wait (`wait=SECONDS`) instead of being polled: the HTTP API runs on
its own event loop while aiosmtpd stores mails from another thread, so a waiter is an
asyncio.Event registered before the search it guards, set through its loop's
thread-safe door once a mail for its recipient (or any mail) becomes visible.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

Waiter = tuple[asyncio.AbstractEventLoop, asyncio.Event]

# A search may wait this long at most for its first match (an extension of Mailpit's API,
# which ignores the parameter and answers at once).
MAX_WAIT_SECONDS = 30.0


class Arrivals:
    """Who waits for mail to which address (None: any mail)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[str | None, set[Waiter]] = {}

    @contextmanager
    def watch(self, address: str | None) -> Iterator[asyncio.Event]:
        """An event set whenever a mail to `address` becomes visible, while in the block.

        Enter it before searching, so that a mail arriving between the search and the
        wait is not missed.
        """
        waiter = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiting.setdefault(address, set()).add(waiter)
        try:
            yield waiter[1]
        finally:
            with self._lock:
                waiters = self._waiting.get(address, set())
                waiters.discard(waiter)
                if not waiters:
                    self._waiting.pop(address, None)

    def announce(self, addresses: Iterable[str], visible_in: float) -> None:
        """A mail to `addresses` was stored; it shows in `visible_in` seconds (any thread)."""
        with self._lock:
            waiters = [w for a in (*addresses, None) for w in self._waiting.get(a, ())]
        for loop, event in waiters:
            if visible_in > 0:
                loop.call_soon_threadsafe(loop.call_later, visible_in, event.set)
            else:
                loop.call_soon_threadsafe(event.set)
