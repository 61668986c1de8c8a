"""Test accounts of a provisioned list: their states, the needs they serve, the ledger."""

from harnais.comptes.besoins import ACCEPTES, BESOINS, REPLIS
from harnais.comptes.etats import ETATS, LIBELLES, Electeur, EtatCompte, etat_apres, etat_rendu
from harnais.comptes.registre import ComptesEpuises, Registre

__all__ = [
    "ACCEPTES",
    "BESOINS",
    "ETATS",
    "LIBELLES",
    "REPLIS",
    "ComptesEpuises",
    "Electeur",
    "EtatCompte",
    "Registre",
    "etat_apres",
    "etat_rendu",
]
