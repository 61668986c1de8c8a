"""Steps of what anyone can check: a receipt's fingerprint on the public board during the
vote; the bureau's count, refused before the closing and its grace; the verifier's
verdict on the published files, sound or altered.

The board is read in a browser of its own, without the voter's session, as anyone
would open it. The count and the verifier are the reference's commands run on its files
(steps/bureau.py): their scenarios are tagged `@reference`, and `@crochets` for the
portal's clock.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect
from pytest_bdd import given, parsers, then, when

from harnais.crochets import Crochets
from steps import bureau
from steps.contexte import Contexte
from steps.fixtures import Cible
from steps.pages import PageTableau


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Scenarios tagged `@clot_le_tableau` count the portal's own board, which stays
    closed: they run after every other, so that no scenario votes on a closed board
    (in one process, or on an xdist worker, which gets its scenarios in this order)."""
    items.sort(key=lambda item: item.get_closest_marker("clot_le_tableau") is not None)


# The public board -------------------------------------------------------------------


@when("quiconque ouvre le tableau public des bulletins")
def quiconque_ouvre_le_tableau(
    request: pytest.FixtureRequest,
    browser: Browser,
    browser_context_args: dict[str, Any],
    contexte: Contexte,
) -> None:
    """Dans un autre navigateur, sans la session de l'électeur, ouvre le tableau public."""
    autre = browser.new_context(**browser_context_args)
    request.addfinalizer(autre.close)
    contexte.notes.tableau = PageTableau(autre.new_page()).ouvrir().page


@then("l'empreinte de son accusé de réception y figure déjà")
def empreinte_au_tableau(contexte: Contexte) -> None:
    """Le tableau, page après page, montre l'empreinte lue sur l'accusé, pendant le vote."""
    tableau = PageTableau(contexte.notes.tableau_ouvert())
    expect(tableau.chercher(contexte.notes.derniere_empreinte())).to_be_visible()


# The bureau's count ------------------------------------------------------------------


@pytest.fixture
def fichiers_reference(cible: Cible) -> bureau.FichiersDuPortail:
    """The files of the reference portal this suite started (@reference)."""
    if cible.fichiers_reference is None:
        pytest.skip(
            "@reference : les fichiers de l'élection (base, clés des tiers) ne sont à portée "
            "que du portail de référence que la suite démarre elle-même"
        )
    return cible.fichiers_reference


@given("la clôture du vote est passée depuis vingt minutes")
def cloture_passee_grace_en_cours(crochets: Crochets) -> None:
    """L'horloge du portail est placée vingt minutes après la clôture (@crochets)."""
    crochets.aller_a(crochets.fenetre_vote().cloture + timedelta(minutes=20))


def _apres_la_grace(crochets: Crochets) -> None:
    fenetre = crochets.fenetre_vote()
    crochets.aller_a(fenetre.cloture + fenetre.delai_grace + timedelta(minutes=1))


@given("la clôture du vote et son délai de grâce sont passés")
def cloture_et_grace_passees(crochets: Crochets) -> None:
    """L'horloge du portail est placée une minute après la fin du délai de grâce."""
    _apres_la_grace(crochets)


def _depouiller(contexte: Contexte, fichiers: bureau.FichiersDuPortail, dossier: Path) -> None:
    sortie, publication = bureau.depouiller(fichiers, dossier)
    contexte.notes.depouillement, contexte.notes.publication = sortie, publication


@when("le bureau de vote lance le dépouillement")
def bureau_depouille(
    contexte: Contexte, fichiers_reference: bureau.FichiersDuPortail, tmp_path: Path
) -> None:
    """Le bureau dépouille, clés des tiers en main, une copie de l'élection du portail.

    La copie tient son tableau, ses émargements et son horloge de test (steps/bureau.py)."""
    _depouiller(contexte, fichiers_reference, tmp_path / "bureau")


@when("le bureau de vote dépouille après la clôture et son délai de grâce")
def bureau_depouille_apres_cloture(
    crochets: Crochets,
    contexte: Contexte,
    fichiers_reference: bureau.FichiersDuPortail,
    tmp_path: Path,
) -> None:
    """L'horloge passe la clôture et ses trente minutes, puis le bureau dépouille."""
    _apres_la_grace(crochets)
    _depouiller(contexte, fichiers_reference, tmp_path / "bureau")
    sortie = contexte.notes.depouillement
    assert sortie is not None and sortie.statut == 0, f"dépouillement refusé : {sortie}"


@then("le dépouillement est refusé car le vote n'est pas clos")
def depouillement_refuse(contexte: Contexte) -> None:
    """La commande échoue en disant que le vote n'est pas clos, et ne publie rien."""
    sortie = contexte.notes.depouillement
    assert sortie is not None, "le bureau n'a pas lancé le dépouillement"
    assert sortie.statut != 0, f"dépouillement accepté avant la fin du délai de grâce : {sortie}"
    assert "pas clos" in sortie.erreurs, sortie
    assert not bureau.resultats_publies(contexte.notes.dossier_publie()), "résultats publiés"


@then("le dépouillement a lieu")
def depouillement_accepte(contexte: Contexte) -> None:
    """La commande réussit et publie les résultats."""
    sortie = contexte.notes.depouillement
    assert sortie is not None and sortie.statut == 0, f"dépouillement refusé : {sortie}"
    assert bureau.resultats_publies(contexte.notes.dossier_publie()), "aucun résultat publié"


# The verifier ------------------------------------------------------------------------


@when(parsers.parse('son bulletin est "{alteration}" dans le tableau publié'))
def bulletin_altere(contexte: Contexte, alteration: str) -> None:
    """Son bulletin est changé d'un octet, ou retiré, dans une copie du tableau publié.

    Le bulletin est retrouvé par l'empreinte de son accusé ; le vérificateur relira la copie."""
    copie, hauteur = bureau.copie_alteree(
        contexte.notes.dossier_publie(), contexte.notes.derniere_empreinte(), alteration
    )
    contexte.notes.publication, contexte.notes.hauteur_alteree = copie, hauteur


@when("le vérificateur relit les fichiers publiés")
def verificateur(contexte: Contexte) -> None:
    """Lance le vérificateur de chacun sur le dossier publié par le dépouillement."""
    contexte.notes.verification = bureau.verifier(contexte.notes.dossier_publie())


@then("le vérificateur accepte l'élection, son bulletin compris")
def verificateur_accepte(contexte: Contexte) -> None:
    """Statut 0 ; le tableau qu'il a relu porte le bulletin de l'accusé."""
    sortie = contexte.notes.verification
    assert sortie is not None and sortie.statut == 0, f"le vérificateur refuse : {sortie}"
    publie = contexte.notes.dossier_publie()
    empreinte = contexte.notes.derniere_empreinte()
    assert bureau.hauteur_du_bulletin(publie, empreinte) is not None, (
        f"le tableau publié ne porte pas le bulletin {empreinte}"
    )


@then("le vérificateur refuse le tableau à l'entrée de son bulletin")
def verificateur_refuse(contexte: Contexte) -> None:
    """Statut non nul ; le message nomme le tableau et l'entrée de son bulletin, ou la
    suivante, dont le chaînage vers la sienne est rompu."""
    sortie, hauteur = contexte.notes.verification, contexte.notes.hauteur_alteree
    assert sortie is not None and hauteur is not None, "aucun tableau altéré vérifié"
    assert sortie.statut != 0, f"le vérificateur accepte un tableau altéré : {sortie}"
    motif = rf"{re.escape(bureau.TABLEAU)}.*entrée ({hauteur}|{hauteur + 1})\b"
    nomme = re.search(motif, sortie.erreurs)
    assert nomme, f"le refus ne nomme pas l'entrée {hauteur} du tableau : {sortie}"
