"""A real mailbox read over IMAP, for a recette whose test domain delivers to one.

`--mail-imap imaps://USER@HOST[:PORT]/DOSSIER` names the mailbox (`imap://` for plain
IMAP, accepted on a loopback address only: a password never crosses a network in
clear). The password comes from the `MAIL_IMAP_MOT_DE_PASSE` environment variable,
never from the command line (it would show in `ps` and in CI logs). A server whose
certificate is signed by a private authority is trusted with `MAIL_IMAP_CA=FICHIER`.

Every test account's mail lands in that one mailbox (a catch-all of the capture
domain): mails are told apart by their `To`, exactly. One connection per client, used
under a lock: Locust's users of one process share it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import ssl
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from imap_tools import AND, BaseMailBox, MailBox, MailBoxUnencrypted, MailMessage
from imap_tools.errors import MailboxLoginError

from harnais.courrier.mail import CourrierIndisponible, Mail

VARIABLE_MOT_DE_PASSE = "MAIL_IMAP_MOT_DE_PASSE"
VARIABLE_CA = "MAIL_IMAP_CA"
DELAI_RESEAU_S = 15.0


class AdresseImapInvalide(ValueError):
    """`--mail-imap` is not a usable mailbox address; the message says why, in French."""


@dataclass(frozen=True)
class AdresseImap:
    """Where the mailbox is: scheme, user, host, port and folder."""

    chiffre: bool
    utilisateur: str
    hote: str
    port: int
    dossier: str

    @classmethod
    def lire(cls, url: str) -> AdresseImap:
        """Parse `imaps://user@host[:port]/FOLDER`, refusing what cannot work."""
        parties = urlsplit(url)
        if parties.scheme not in ("imap", "imaps"):
            raise AdresseImapInvalide(
                f"« {url} » : imaps://UTILISATEUR@HÔTE[:PORT]/DOSSIER attendu"
            )
        if parties.password is not None:
            raise AdresseImapInvalide(
                f"pas de mot de passe dans l'adresse : mettez-le dans {VARIABLE_MOT_DE_PASSE}"
            )
        if not parties.username or not parties.hostname:
            raise AdresseImapInvalide(f"« {url} » : il manque l'utilisateur ou l'hôte")
        chiffre = parties.scheme == "imaps"
        if not chiffre and not _boucle_locale(parties.hostname):
            raise AdresseImapInvalide(
                f"imap:// en clair refusé vers {parties.hostname} : utilisez imaps://"
            )
        try:
            port = parties.port or (993 if chiffre else 143)
        except ValueError as exc:
            raise AdresseImapInvalide(f"« {url} » : port invalide") from exc
        dossier = unquote(parties.path.lstrip("/")) or "INBOX"
        return cls(chiffre, unquote(parties.username), parties.hostname, port, dossier)


def _boucle_locale(hote: str) -> bool:
    if hote == "localhost":
        return True
    try:
        return ipaddress.ip_address(hote).is_loopback
    except ValueError:
        return False


def _contexte_tls() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=os.environ.get(VARIABLE_CA) or None)


def _mail(message: MailMessage) -> Mail:
    return Mail(
        id=message.uid or "",
        subject=message.subject,
        to=list(message.to),
        text=message.text,
        html=message.html,
    )


class TransportImap:
    """Search and read mails of one IMAP folder."""

    def __init__(self, url: str, mot_de_passe: str | None = None) -> None:
        self.adresse = AdresseImap.lire(url)
        secret = mot_de_passe if mot_de_passe is not None else os.environ.get(VARIABLE_MOT_DE_PASSE)
        if not secret:
            raise AdresseImapInvalide(
                f"mot de passe de {self.adresse.utilisateur} absent : "
                f"exportez {VARIABLE_MOT_DE_PASSE}"
            )
        self._secret = secret
        self._verrou = threading.Lock()
        self._boite: BaseMailBox | None = None

    def _connectee(self) -> BaseMailBox:
        if self._boite is None:
            a = self.adresse
            boite: BaseMailBox = (
                MailBox(a.hote, a.port, timeout=DELAI_RESEAU_S, ssl_context=_contexte_tls())
                if a.chiffre
                else MailBoxUnencrypted(a.hote, a.port, timeout=DELAI_RESEAU_S)
            )
            try:
                boite.login(a.utilisateur, self._secret, initial_folder=a.dossier)
            except MailboxLoginError as exc:
                raise CourrierIndisponible(
                    f"IMAP {a.hote}:{a.port} : connexion de {a.utilisateur} refusée"
                ) from exc
            self._boite = boite
        return self._boite

    def _appel(self, faire: Any) -> Any:
        with self._verrou:
            try:
                return faire(self._connectee())
            except (OSError, ssl.SSLError) as exc:
                self._boite = None  # a dropped connection is opened again next time
                raise CourrierIndisponible(f"IMAP {self.adresse.hote} : {exc}") from exc

    def chercher(self, adresse: str, attente_s: float) -> list[dict[str, Any]]:
        """The mails to exactly this address, newest first (IMAP has no held search:
        `attente_s` is ignored, the caller polls)."""
        cible = adresse.lower()

        def faire(boite: BaseMailBox) -> list[dict[str, Any]]:
            entetes = boite.fetch(AND(to=adresse), mark_seen=False, headers_only=True)
            return [
                {"ID": m.uid, "Subject": m.subject, "To": [{"Address": t} for t in m.to]}
                for m in entetes
                if cible in (t.lower() for t in m.to)
            ]

        trouves: list[dict[str, Any]] = self._appel(faire)
        return sorted(trouves, key=lambda m: int(m["ID"] or 0), reverse=True)

    def lire(self, identifiant: str) -> Mail:
        """One mail in full, by its UID."""

        def faire(boite: BaseMailBox) -> Mail:
            for message in boite.fetch(AND(uid=identifiant), mark_seen=False):
                return _mail(message)
            raise CourrierIndisponible(f"IMAP : mail {identifiant} introuvable")

        mail: Mail = self._appel(faire)
        return mail

    def fermer(self) -> None:
        """Log out, if connected."""
        with self._verrou:
            if self._boite is not None:
                with contextlib.suppress(OSError, ssl.SSLError):
                    self._boite.logout()
                self._boite = None
