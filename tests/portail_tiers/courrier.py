"""The réassort mail, sent by real SMTP to whatever server the portal is given (a Mailpit
in front of a capture domain, or the project's sink standing in for one)."""

from __future__ import annotations

import asyncio
import smtplib
from email.message import EmailMessage

EXPEDITEUR = "ne-pas-repondre@portail-tiers.example"


def _envoyer(hote: str, port: int, destinataire: str, lien: str, minutes: float) -> None:
    message = EmailMessage()
    message["From"] = f"Portail Élections <{EXPEDITEUR}>"
    message["To"] = destinataire
    message["Subject"] = "Votre lien pour créer votre mot de passe Élections"
    message.set_content(
        "Bonjour,\n\n"
        "Vous avez demandé le réassort de votre mot de passe Élections. Ouvrez le lien "
        f"ci-dessous dans les {minutes:g} minutes pour en saisir un nouveau :\n\n"
        f"{lien}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n"
    )
    with smtplib.SMTP(hote, port, timeout=10) as smtp:
        smtp.send_message(message)


async def envoyer_lien(hote: str, port: int, destinataire: str, lien: str, minutes: float) -> None:
    """Send the link, off the event loop; an SMTP failure propagates (the page says so)."""
    await asyncio.to_thread(_envoyer, hote, port, destinataire, lien, minutes)
