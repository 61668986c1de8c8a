"""A sealed test election in a portal database, without the portal: parameters, voters
with their credentials and codes, ballots built as a browser builds them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chiffrement.bulletin import construire_bulletin
from chiffrement.credential import deriver_secret
from chiffrement.groupe import puissance_g
from chiffrement.parametres import Parametres
from simulator.acces import comptes
from simulator.storage import Database
from simulator.storage.electeurs import Electeur, electeur_par_email
from simulator.vote.credentials import inscrire_code
from simulator.vote.election import lire_ou_creer_cle_accuses
from simulator.vote.parametres_publics import charger_parametres_publics
from simulator.vote.scrutins_publics import identifiant_scrutin, sceller_essai
from simulator.vote.tableau_public import ouvrir_tableau
from simulator.vote.urne import deposer_bulletin, verifier

CSA = "CSA ministériel de l'éducation nationale"
ACADEMIQUE = "CSA académique de Reims"


@dataclass
class UrneEssai:
    """The database, the parameters, the trustees' key folder."""

    db: Database
    parametres: Parametres
    publication: Path
    tiers: Path

    def electeur(self) -> tuple[Electeur, int]:
        """A new voter with its credential, and the x its browser would derive."""
        cree = comptes.creer_electeur(self.db, "fast", state="actif")
        electeur = electeur_par_email(self.db.reader(), cree.email)
        assert electeur is not None
        inscrire_code(self.db, self.parametres, electeur, cree.code_vote)
        par = self.parametres
        x = deriver_secret(cree.code_vote, par.election, cree.email, par.iterations)
        electeur = electeur_par_email(self.db.reader(), cree.email)
        assert electeur is not None
        return electeur, x

    def bulletin(self, x: int, indice: int = 0, nom: str = CSA) -> dict[str, Any]:
        """A ballot for list `indice` of the scrutin named `nom`, signed by x."""
        return construire_bulletin(self.parametres, identifiant_scrutin(nom), [indice], x)


def urne_essai(dossier: Path) -> UrneEssai:
    """Sealed, the board opened (no voter yet: credentials come as board entries)."""
    publication, tiers = sceller_essai(dossier)
    db = Database(dossier / "p.sqlite3")
    parametres = charger_parametres_publics(db, publication)
    # The receipt key where the portal of this database finds it (p-accuses.cle).
    ouvrir_tableau(
        db,
        parametres,
        puissance_g(lire_ou_creer_cle_accuses(dossier / "p-accuses.cle")),
        {s.nom: i for i, s in parametres.scrutins.items()}.get,
    )
    return UrneEssai(db, parametres, publication, tiers)


def voter_en_base(db_path: Path, publication: Path, nombre: int, indice: int = 1) -> str:
    """On a portal database sealed with `publication`: the board opened with the portal's
    receipt key, `nombre` voters of the hook's first scrutin, each with its credential,
    each voting for list `indice` as its browser would. Returns that scrutin's id."""
    db = Database(db_path)
    par = charger_parametres_publics(db, publication)
    par_nom = {s.nom: i for i, s in par.scrutins.items()}
    cle = lire_ou_creer_cle_accuses(db_path.with_name(db_path.stem + "-accuses.cle"))
    ouvrir_tableau(db, par, puissance_g(cle), par_nom.get)
    essai = UrneEssai(db, par, publication, publication)
    for _ in range(nombre):
        electeur, x = essai.electeur()
        bulletin = essai.bulletin(x, indice)
        verifie = verifier(par, electeur, identifiant_scrutin(CSA), bulletin)
        deposer_bulletin(db, electeur, CSA, verifie, bulletin)
    return identifiant_scrutin(CSA)
