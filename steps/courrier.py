"""Steps of mail delivery faults, on the reference portal's sink."""

from __future__ import annotations

import time

from pytest_bdd import given, then, when

from harnais.courrier import BoiteMail, Mailbox
from steps.fixtures import Contexte


@given("le serveur de messagerie refuse temporairement les mails")
def smtp_refuse(panne_courrier: Mailbox) -> None:
    """Le puits SMTP répond 451 à tout destinataire."""
    panne_courrier.set_chaos(refus_destinataires=100).raise_for_status()


@given("les mails arrivent avec 3 secondes de retard")
def mails_en_retard(panne_courrier: Mailbox) -> None:
    """Le puits SMTP accepte les mails mais ne les montre que 3 s plus tard."""
    panne_courrier.set_chaos(retard_s=3.0).raise_for_status()


@when("le serveur de messagerie se rétablit")
def smtp_retabli(panne_courrier: Mailbox) -> None:
    """Le puits SMTP accepte de nouveau les mails."""
    panne_courrier.set_chaos().raise_for_status()


@then("aucun mail ne lui est encore parvenu")
def rien_encore(boite_mail: BoiteMail, contexte: Contexte) -> None:
    """Après une courte attente, la boîte de l'électeur est toujours vide."""
    time.sleep(1.5)
    recus = boite_mail.messages_to(contexte.electeur_requis().email)
    assert len(recus) == contexte.mails_avant


@then("le mail n'est pas encore là une seconde après la demande")
def pas_encore_la(boite_mail: BoiteMail, contexte: Contexte) -> None:
    """Une seconde après la demande, rien n'est encore lisible."""
    time.sleep(1.0)
    recus = boite_mail.messages_to(contexte.electeur_requis().email)
    assert len(recus) == contexte.mails_avant
