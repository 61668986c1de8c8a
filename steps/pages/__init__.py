"""One page object per screen of the portal; elements found by role and label text."""

from steps.pages.accueil import PageAccueil
from steps.pages.espace import PageEspaceElecteur
from steps.pages.identification import PageIdentification
from steps.pages.mot_de_passe import PageMotDePasse

__all__ = ["PageAccueil", "PageEspaceElecteur", "PageIdentification", "PageMotDePasse"]
