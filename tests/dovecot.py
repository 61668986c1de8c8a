"""A real IMAP server for the tests: Debian's Dovecot, started unprivileged on free
loopback ports with a throwaway configuration, mail folder and self-signed certificate.

Dovecot refuses to run its login processes as root: under root (CI, this machine) the
whole server runs as `nobody`, its folder handed over to that user. Mails are delivered
the way a mail server's final hop does, by IMAP APPEND of the raw message.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from imap_tools import MailBox

DOVECOT = "/usr/sbin/dovecot"
INSTALLER = (
    "Dovecot est introuvable : `make install` l'installe en root (apt-get install -y "
    "dovecot-imapd) ; sinon, installez le paquet Debian dovecot-imapd."
)
UTILISATEUR = "recette"
MOT_DE_PASSE = "mot-de-passe-de-test-imap"


@dataclass(frozen=True)
class ServeurImap:
    """A running Dovecot: its ports, the one account, the CA file to trust it."""

    port_imaps: int
    port_imap: int
    ca: Path
    dossier: Path

    def url(self, chiffre: bool = True) -> str:
        """The mailbox's `--mail-imap` address."""
        if chiffre:
            return f"imaps://{UTILISATEUR}@127.0.0.1:{self.port_imaps}/INBOX"
        return f"imap://{UTILISATEUR}@127.0.0.1:{self.port_imap}/INBOX"

    def deposer(self, brut: bytes) -> None:
        """Deliver one raw RFC 5322 message into the INBOX (IMAP APPEND)."""
        with MailBox("127.0.0.1", self.port_imaps, ssl_context=_confiance(self.ca)).login(
            UTILISATEUR, MOT_DE_PASSE
        ) as boite:
            boite.append(brut)


def _confiance(ca: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(ca))


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _certificat(dossier: Path) -> Path:
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(dossier / "cle.pem"), "-out", str(dossier / "cert.pem"),
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return dossier / "cert.pem"


def _configuration(dossier: Path, compte: pwd.struct_passwd, imaps: int, imap: int) -> str:
    return f"""
base_dir = {dossier}/run
state_dir = {dossier}/etat
log_path = {dossier}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{dossier}/cert.pem
ssl_key = <{dossier}/cle.pem
default_internal_user = {compte.pw_name}
default_internal_group = {grp.getgrgid(compte.pw_gid).gr_name}
default_login_user = {compte.pw_name}
first_valid_uid = {compte.pw_uid}
first_valid_gid = {compte.pw_gid}
# Plain IMAP is offered on the loopback only, for the harness's `imap://` test.
disable_plaintext_auth = no
auth_mechanisms = plain
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {dossier}/utilisateurs
}}
userdb {{
  driver = static
  args = uid={compte.pw_uid} gid={compte.pw_gid} home={dossier}/boites/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
"""


def _attendre_port(port: int, processus: subprocess.Popen[bytes], journal: Path) -> None:
    limite = time.monotonic() + 15
    while time.monotonic() < limite:
        if processus.poll() is not None:
            raise RuntimeError(f"Dovecot s'est arrêté : {journal.read_text(errors='replace')}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"Dovecot n'écoute pas sur {port} après 15 s")


@contextmanager
def serveur_imap() -> Iterator[ServeurImap]:
    """Start Dovecot; stop it and remove its folder afterwards."""
    if not Path(DOVECOT).exists():
        raise RuntimeError(INSTALLER)
    compte = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    # Not under pytest's tmp_path: its parents are closed to `nobody`.
    dossier = Path(tempfile.mkdtemp(prefix="dovecot-"))
    try:
        ca = _certificat(dossier)
        (dossier / "utilisateurs").write_text(f"{UTILISATEUR}:{{PLAIN}}{MOT_DE_PASSE}\n")
        imaps, imap = _port_libre(), _port_libre()
        (dossier / "dovecot.conf").write_text(_configuration(dossier, compte, imaps, imap))
        for sous in ("run", "etat", "boites"):
            (dossier / sous).mkdir()
        if os.geteuid() == 0:
            for chemin in (dossier, *dossier.rglob("*")):
                os.chown(chemin, compte.pw_uid, compte.pw_gid)
        sortie = dossier / "sortie.log"
        with sortie.open("wb") as journal:
            processus = subprocess.Popen(
                [DOVECOT, "-F", "-c", str(dossier / "dovecot.conf")],
                stdout=journal,
                stderr=subprocess.STDOUT,
                user=compte.pw_uid if os.geteuid() == 0 else None,
                group=compte.pw_gid if os.geteuid() == 0 else None,
            )
        try:
            _attendre_port(imaps, processus, sortie)
            yield ServeurImap(imaps, imap, ca, dossier)
        finally:
            processus.terminate()
            try:
                processus.wait(10)
            except subprocess.TimeoutExpired:
                processus.kill()
                processus.wait()
    finally:
        shutil.rmtree(dossier, ignore_errors=True)
