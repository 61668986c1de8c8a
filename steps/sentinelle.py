"""Exact checks that a mail did not come: a sentinel mail, not a sleep.

A portal's outbox sends its mails in the order they were queued (the reference portal's
does; a vendor's should, and a recette that doubts it says so). So once a mail asked
for *after* the scenario's last request has arrived, every mail that request could have
caused has arrived too: looking then is exact, where looking after a sleep passes when
the mail is merely late. The sentinel is a réassort for another account of the run,
asked in a browser context of its own; the account is given back to the ledger with
what its screens showed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from harnais.courrier import BoiteMail
from steps.contexte import Contexte
from steps.electeurs import Fournisseur, Retour
from steps.fixtures import Cible
from steps.parcours import attendre_lien, demander_reassort


def attendre_sentinelle(request: pytest.FixtureRequest, cible: Cible, boite: BoiteMail) -> None:
    """Ask a réassort for a sentinel account and wait for its mail: every mail queued
    before it has been sent by then."""
    fournisseur: Fournisseur = request.getfixturevalue("fournisseur")
    nouveau_contexte: Callable[..., BrowserContext] = request.getfixturevalue("new_context")
    sentinelle = Contexte()
    sentinelle.electeur, sentinelle.compte = fournisseur.prendre("reassort")
    reussi = False
    navigateur = nouveau_contexte()
    try:
        page = navigateur.new_page()
        sentinelle.surveiller(page)
        demander_reassort(page, cible, sentinelle, boite)
        attendre_lien(boite, sentinelle)
        reussi = True
    finally:
        navigateur.close()
        fournisseur.rendre(
            Retour(
                sentinelle.electeur,
                sentinelle.compte,
                sentinelle.evenements,
                reussi,
                sentinelle.envoye,
            )
        )


def mails_apres_sentinelle(
    request: pytest.FixtureRequest, contexte: Contexte, boite: BoiteMail
) -> list[dict[str, Any]]:
    """The mails the scenario's voter has once a sentinel mail has arrived."""
    attendre_sentinelle(request, request.getfixturevalue("cible"), boite)
    return boite.messages_to(contexte.electeur_requis().email)
