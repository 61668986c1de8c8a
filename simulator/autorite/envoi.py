"""The credential authority's own mail: the new code de vote of a réassort, sent over
SMTP at once by the authority (the portal's outbox never holds it), in the same words as
the portal's other mails (simulator/courrier/mails.py) so that a voter sees no change.

A temporary refusal (4xx) or a dropped connection is tried again a few times; if the mail
cannot leave, the réassort fails and the portal keeps the voter's current credential."""

from __future__ import annotations

import smtplib
import time
import uuid

from simulator.courrier.mails import ComposedMail
from simulator.courrier.outbox import EHLO_NAME, SMTP_TIMEOUT, build_message
from simulator.settings import Settings
from simulator.storage.outbox import OutgoingMail

ESSAIS = 4
EXPEDITEUR = Settings.mail_from


class EnvoiImpossible(Exception):
    """The mail could not be handed to the SMTP server."""


def envoyer(hote: str, port: int, destinataire: str, mail: ComposedMail) -> None:
    """Hand the mail to the SMTP server, trying again on temporary failures; raise
    EnvoiImpossible with the last reason."""
    message = build_message(
        OutgoingMail(
            0,
            f"{uuid.uuid4()}@autorite.elections-pro.simulateur",
            destinataire,
            mail.subject,
            mail.text,
            mail.html,
            0,
        ),
        EXPEDITEUR,
    )
    raison = ""
    for essai in range(ESSAIS):
        if essai:
            time.sleep(0.2 * 2**essai)
        try:
            with smtplib.SMTP(hote, port, local_hostname=EHLO_NAME, timeout=SMTP_TIMEOUT) as smtp:
                smtp.sendmail(EXPEDITEUR, [destinataire], message)
            return
        except smtplib.SMTPRecipientsRefused as exc:
            code, reponse = next(iter(exc.recipients.values()))
            raison = f"{code} {reponse!r}"
            if code >= 500:
                break
        except smtplib.SMTPResponseException as exc:
            raison = f"{exc.smtp_code} {exc.smtp_error!r}"
            if exc.smtp_code >= 500:
                break
        except (smtplib.SMTPException, OSError) as exc:
            raison = str(exc)
    raise EnvoiImpossible(f"mail à {destinataire} non remis : {raison}")
