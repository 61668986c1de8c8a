"""Steps of mail delivery faults, on the reference portal's sink."""

from __future__ import annotations

import time

from pytest_bdd import given, then, when

from harnais.courrier import BoiteMail, Mailbox
from steps.contexte import Contexte


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
    """La boîte de l'électeur est vide maintenant : le puits refuse tout destinataire,
    rien ne peut y être arrivé ; c'est l'état présent qui est vérifié, sans attente (le
    mail unique, une fois la messagerie rétablie, l'est par un mail témoin)."""
    recus = boite_mail.messages_to(contexte.electeur_requis().email)
    assert len(recus) == contexte.mails_avant


@then("le mail n'est pas encore là une seconde après la demande")
def pas_encore_la(boite_mail: BoiteMail, contexte: Contexte) -> None:
    """Le mail n'était pas lisible une seconde après la demande, sans pause qui décide :
    réussi seulement sur une boîte vue vide par une recherche envoyée passé cette
    seconde (un mail ne disparaît pas), échoué sur un mail vu avant ; d'ici là, la
    recherche est tenue par le puits jusqu'à la seconde, ou répétée."""
    assert contexte.reassort_demande_le, "aucune demande de réassort dans ce scénario"
    email = contexte.electeur_requis().email
    while True:
        envoi = time.monotonic() - contexte.reassort_demande_le
        recus = boite_mail.messages_to(email, wait=max(1.0 - envoi, 0.0))
        vu = time.monotonic() - contexte.reassort_demande_le
        if len(recus) > contexte.mails_avant:
            assert vu >= 1.0, f"mail déjà lisible {vu:.2f} s après la demande"
            raise AssertionError(
                f"mail vu {vu:.2f} s après la demande, sans savoir s'il l'était avant "
                "la première seconde : vérification trop tardive"
            )
        if envoi >= 1.0:
            return
        time.sleep(0.05)  # pacing only, for a mailbox that cannot hold a search
