"""One page object per screen of the portal; elements found by role and label text."""

from steps.pages.accueil import PageAccueil
from steps.pages.activation import PageActivation
from steps.pages.aide import PageAide
from steps.pages.declaration import PageDeclaration
from steps.pages.espace import PageEspaceElecteur
from steps.pages.identification import PageIdentification
from steps.pages.initialisation import PageInitialisation
from steps.pages.mot_de_passe import PageMotDePasse
from steps.pages.reassort import PageReassort
from steps.pages.tableau import PageTableau
from steps.pages.vote import (
    PageAccuse,
    PageCodeVote,
    PageConfirmation,
    PageListes,
    PageReassortCode,
    PageScrutins,
    PageVerification,
)

__all__ = [
    "PageAccueil",
    "PageAccuse",
    "PageActivation",
    "PageAide",
    "PageCodeVote",
    "PageConfirmation",
    "PageDeclaration",
    "PageEspaceElecteur",
    "PageIdentification",
    "PageInitialisation",
    "PageListes",
    "PageMotDePasse",
    "PageReassort",
    "PageReassortCode",
    "PageScrutins",
    "PageTableau",
    "PageVerification",
]
