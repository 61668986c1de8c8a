"""`python -m simulator.mailsink` as a real process: help, free ports, a real SMTP mail
read back through its API, clean stop on SIGTERM and Ctrl-C."""

from __future__ import annotations

import re
import signal
import smtplib
import subprocess
import sys
from email.message import EmailMessage

import httpx
import pytest


def test_aide_en_francais() -> None:
    """`--help` names both ports and says port 0 picks a free one."""
    aide = subprocess.run(
        [sys.executable, "-m", "simulator.mailsink", "--help"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for mot in ("--smtp-port", "--api-port", "port libre", "Ctrl-C"):
        assert mot in aide


def _demarrer() -> tuple[subprocess.Popen[str], int, str]:
    processus = subprocess.Popen(
        [sys.executable, "-u", "-m", "simulator.mailsink", "--smtp-port", "0", "--api-port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert processus.stdout is not None
    smtp = re.search(r"SMTP du puits : 127\.0\.0\.1:(\d+)", processus.stdout.readline())
    api = re.search(r"API des mails : (http://\S+)", processus.stdout.readline())
    assert smtp and api, "le puits n'a pas affiché ses adresses"
    return processus, int(smtp.group(1)), api.group(1)


@pytest.mark.parametrize("arret", [signal.SIGTERM, signal.SIGINT])
def test_recoit_un_mail_et_s_arrete_proprement(arret: signal.Signals) -> None:
    """A mail sent over SMTP is listed by the API; SIGTERM or Ctrl-C ends with status 0."""
    processus, port_smtp, api = _demarrer()
    try:
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = "p@recette.test", "e@recette.test", "Réassort"
        mail.set_content("Votre lien : http://portail/lien")
        with smtplib.SMTP("127.0.0.1", port_smtp, timeout=10) as smtp:
            smtp.send_message(mail)
        reponse = httpx.get(f"{api}/api/v1/search", params={"query": "to:e@recette.test"})
        assert reponse.json()["messages_count"] == 1
    finally:
        processus.send_signal(arret)
        sortie, erreurs = processus.communicate(timeout=15)
    assert processus.returncode == 0, erreurs
    assert "Puits arrêté." in sortie
    assert "Traceback" not in erreurs


def test_port_pris_refuse_en_francais() -> None:
    """A port already taken ends with a French error and status 1, not a traceback."""
    processus, port_smtp, _ = _demarrer()
    try:
        second = subprocess.run(
            [sys.executable, "-m", "simulator.mailsink", "--smtp-port", str(port_smtp),
             "--api-port", "0"],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
    finally:
        processus.terminate()
        processus.communicate(timeout=15)
    assert second.returncode == 1
    assert second.stderr.startswith("erreur : le puits ne démarre pas")
