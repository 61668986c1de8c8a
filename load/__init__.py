"""Locust load profiles of the election-opening peak (one file per profile)."""

import os

# Every simulated voter opens new connections, and geventhttpclient resolves the host
# for each one. gevent's default resolver does that in a thread pool, whose hand-offs
# cost the generator more than the requests themselves once a thousand users run (the
# portal's p95 then measured Locust, not the portal); c-ares resolves in the event loop.
# Read by gevent when the first name is resolved, after this import; an explicit
# GEVENT_RESOLVER wins.
os.environ.setdefault("GEVENT_RESOLVER", "ares")
