"""One mail client for the harness: the Mailpit API (the reference sink, a real Mailpit)
or a real mailbox over IMAP, with the waits in one place."""

from harnais.courrier.attentes import Attentes
from harnais.courrier.boite import BoiteMail, TransportCourrier
from harnais.courrier.imap import AdresseImapInvalide, TransportImap
from harnais.courrier.mail import CourrierIndisponible, Mail, MailboxTimeout
from harnais.courrier.mailpit import Mailbox, TransportMailpit


def ouvrir_boite(mail_api_url: str | None, mail_imap: str | None) -> BoiteMail:
    """The mailbox of a portal: over IMAP when `mail_imap` is given, else its Mailpit API."""
    if mail_imap:
        return BoiteMail(TransportImap(mail_imap))
    if not mail_api_url:
        raise AdresseImapInvalide("ni --mail-api-url ni --mail-imap : où lire les mails ?")
    return Mailbox(mail_api_url)


__all__ = [
    "AdresseImapInvalide",
    "Attentes",
    "BoiteMail",
    "CourrierIndisponible",
    "Mail",
    "Mailbox",
    "MailboxTimeout",
    "TransportCourrier",
    "TransportImap",
    "TransportMailpit",
    "ouvrir_boite",
]
