"""How the portal proves to the credential authority (simulator/autorite/) that a request
is its own: a key shared by the two (a file, mode 600, that the authority creates and the
portal reads), an HMAC-SHA256 over the instant and the body, and a short window against
replays.

Only the portal may ask for a new code: anyone else could otherwise have a voter's
credential replaced at will (the voter's code mailed to the voter, but the vote blocked
until it is read). A signature seen once is refused the second time within the window.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
import threading
import time
from pathlib import Path

ENTETE_INSTANT = "X-Autorite-Instant"
ENTETE_SIGNATURE = "X-Autorite-Signature"
# How far the portal's clock may stand from the authority's, and how long a signature is
# remembered to refuse its replay.
FENETRE_S = 120


class CleRefusee(Exception):
    """The shared key file is missing, unreadable or readable by others."""


class RequeteNonAuthentifiee(Exception):
    """A request whose signature is absent, wrong, too old or already used."""


def creer_cle(chemin: Path) -> bool:
    """Create a key file, the shared key or the authority's signing key (mode 600, its
    folder 700 if created here), unless it exists; return whether it was created."""
    chemin.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="ascii") as sortie:
        sortie.write(secrets.token_hex(32) + "\n")
    return True


def lire_cle(chemin: Path, quoi: str = "clé partagée") -> bytes:
    """The key of a key file (the shared key, or the authority's signing key: `quoi` names
    it in messages); refuse a file that its group or others may read."""
    try:
        mode = chemin.stat().st_mode
        texte = chemin.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise CleRefusee(f"{quoi} {chemin} introuvable") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CleRefusee(f"{quoi} {chemin} illisible : {exc}") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CleRefusee(
            f"{quoi} {chemin} lisible par d'autres que son propriétaire "
            f"(mode {stat.S_IMODE(mode):o}) : chmod 600 {chemin}"
        )
    try:
        cle = bytes.fromhex(texte)
    except ValueError:
        cle = b""
    if len(cle) < 32:
        raise CleRefusee(f"{quoi} {chemin} : 64 chiffres hexadécimaux attendus")
    return cle


def signature(cle: bytes, instant: str, corps: bytes) -> str:
    """HMAC-SHA256 of the instant and the body, in hexadecimal."""
    return hmac.new(cle, instant.encode() + b"\n" + corps, hashlib.sha256).hexdigest()


def entetes_signes(cle: bytes, corps: bytes) -> dict[str, str]:
    """The headers that authenticate `corps` now (the portal's side)."""
    instant = str(int(time.time()))
    return {ENTETE_INSTANT: instant, ENTETE_SIGNATURE: signature(cle, instant, corps)}


class Verificateur:
    """The authority's side: check a request's signature, once (thread-safe)."""

    def __init__(self, cle: bytes) -> None:
        self._cle = cle
        self._vues: dict[str, float] = {}
        self._verrou = threading.Lock()

    def exiger(self, instant: str | None, signee: str | None, corps: bytes) -> None:
        """Raise RequeteNonAuthentifiee unless the request is the portal's, fresh and new."""
        if not instant or not signee or not instant.isdigit():
            raise RequeteNonAuthentifiee("requête non signée")
        maintenant = time.time()
        if abs(maintenant - int(instant)) > FENETRE_S:
            raise RequeteNonAuthentifiee("requête trop ancienne ou datée du futur")
        if not hmac.compare_digest(signature(self._cle, instant, corps), signee):
            raise RequeteNonAuthentifiee("signature fausse")
        with self._verrou:
            self._vues = {s: t for s, t in self._vues.items() if maintenant - t <= 2 * FENETRE_S}
            if signee in self._vues:
                raise RequeteNonAuthentifiee("requête rejouée")
            self._vues[signee] = maintenant
