"""The harness's mail client (harnais/courrier/) as simulated voters use it.

One client per Locust process, shared by its users. Over the Mailpit API it speaks
through one pooled geventhttpclient client: polling a mailbox is not a page load, so it
stays out of Locust's statistics, and it must cost the load generator as little as
possible, since it shares the machine with the portal. With `--mail-imap`, one IMAP
connection per process, used under a lock.
"""

from __future__ import annotations

import time
from typing import Any

from geventhttpclient import HTTPClient
from geventhttpclient.url import URL

from harnais.courrier import (
    BoiteMail,
    CourrierIndisponible,
    MailboxTimeout,
    TransportImap,
    TransportMailpit,
)
from harnais.courrier.mailpit import MARGE_RESEAU_S, Obtenir

# Voters of one process polling at once; more simply wait for a free connection.
CONNEXIONS = 64


def obtenir_gevent(url: str) -> tuple[Obtenir, str]:
    """GETs through one pooled geventhttpclient client, and the API's path prefix."""
    parsed = URL(url.rstrip("/"))
    client = HTTPClient.from_url(
        parsed,
        concurrency=CONNEXIONS,
        connection_timeout=MARGE_RESEAU_S,
        # Above the longest held search the harness asks for.
        network_timeout=30.0 + MARGE_RESEAU_S,
    )

    def obtenir(chemin: str, _delai_s: float) -> tuple[int, bytes]:
        response = client.get(chemin)
        return response.status_code, response.read()

    return obtenir, parsed.path


_par_source: dict[str, BoiteMail] = {}


def boite_du_processus(mail_api_url: str, mail_imap: str | None = None) -> BoiteMail:
    """This process's mail client: the IMAP mailbox if given, else the Mailpit API."""
    cle = mail_imap or mail_api_url
    if cle not in _par_source:
        if mail_imap:
            _par_source[cle] = BoiteMail(TransportImap(mail_imap))
        else:
            obtenir, prefixe = obtenir_gevent(mail_api_url)
            _par_source[cle] = BoiteMail(TransportMailpit(obtenir, prefixe))
    return _par_source[cle]


def options_courrier(options: Any, host: str) -> tuple[str, str | None]:
    """The mail API's URL (port 8025 of the target by default) and the IMAP mailbox."""
    api = (getattr(options, "mail_api_url", "") or "") or host.rsplit(":", 1)[0] + ":8025"
    return api, getattr(options, "mail_imap", None) or None


class MailManquant(Exception):
    """The mail did not come, or could not be read: the journey stops (already counted)."""


class MailEnRetard(MailManquant):
    """The mail did not come within the voter's own wait (not counted: the voter may ask
    again, or leave, see `CourrierDuVotant.abandonne`)."""


class CourrierDuVotant:
    """A simulated voter's mail: counted before the request, then awaited, its delay (or
    its failure) recorded as the Locust entry of type MAIL."""

    def __init__(self, environment: Any, boite: BoiteMail) -> None:
        self._environment = environment
        self.boite = boite

    def _mesurer(self, duree_ms: float, exception: Exception | None = None) -> None:
        self._environment.events.request.fire(
            request_type="MAIL",
            name="délai du mail de réassort",
            response_time=duree_ms,
            response_length=0,
            exception=exception,
            context={},
        )

    def compter(self, email: str) -> int:
        """How many mails this voter already had."""
        try:
            return self.boite.count(email)
        except (CourrierIndisponible, OSError) as exc:
            self._mesurer(0.0, exc)
            raise MailManquant() from exc

    def attendre_lien(
        self, email: str, avant: int, demande: float, attente_s: float | None = None
    ) -> str:
        """Wait for the réassort mail (held inside the sink when the box was empty, so the
        delay is measured to the millisecond; polled otherwise, and against a Mailpit or
        IMAP), up to the load run's wait (MAIL_ATTENTE_CHARGE_S); return the newest
        mail's link, its delay measured from `demande`.

        With `attente_s` (an impatient voter's), a mail not come by then raises
        MailEnRetard, uncounted: the voter decides what comes next."""
        limite_s = self.boite.attentes.charge_s if attente_s is None else attente_s
        try:
            mail = self.boite.wait_for_mail(email, newer_than=avant, timeout=limite_s)
        except MailboxTimeout as exc:
            if attente_s is not None:
                raise MailEnRetard() from exc
            self._mesurer(limite_s * 1000, TimeoutError(f"mail non reçu : {exc}"))
            raise MailManquant() from exc
        except (CourrierIndisponible, OSError) as exc:
            self._mesurer((time.monotonic() - demande) * 1000, exc)
            raise MailManquant() from exc
        ecoule = (time.monotonic() - demande) * 1000
        liens = mail.liens_reassort()
        if not liens:
            self._mesurer(ecoule, ValueError("mail sans lien de réassort"))
            raise MailManquant()
        self._mesurer(ecoule)
        return liens[0]

    def abandonne(self, demande: float) -> None:
        """The voter left before its mail came: a failed MAIL entry, timed from `demande`."""
        self._mesurer(
            (time.monotonic() - demande) * 1000, TimeoutError("mail non reçu, électeur parti")
        )
