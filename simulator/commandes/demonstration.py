"""A demonstration sealing for the tools that start a reference portal themselves (the
recette, the load runs): the bureau's act done for them, once, apart from the portal,
which then only reads the parameters (`--parametres`). Never a real bureau's sealing:
the whole key ceremony runs in this one process."""

from __future__ import annotations

from pathlib import Path

from chiffrement.verificateur import PARAMETRES
from simulator.commandes.chargement import charger_liste
from simulator.storage import Database
from simulator.storage.electeurs import compter_electeurs, scrutins_de_la_liste
from simulator.vote.credentials import completer_credentials
from simulator.vote.parametres_publics import charger_parametres_publics
from simulator.vote.scrutins_publics import SCRUTINS_ESSAI, sceller_essai


def sceller_demonstration(
    db_path: Path, dossier: Path, liste: Path | None, secret: str, iterations: int = 1000
) -> Path:
    """Load the roll if the database has none, seal its scrutins into `dossier` (unless
    sealed already), give its voters their public credentials; return the publication
    folder to start the portal with (`--parametres`)."""
    db = Database(db_path)
    if liste is not None and not compter_electeurs(db.reader()):
        charger_liste(db, liste, secret)
    publication = dossier / "publication"
    if not (publication / PARAMETRES).exists():
        # No roll yet (voters from the test hook): the hook's scrutins.
        noms = tuple(scrutins_de_la_liste(db.reader())) or SCRUTINS_ESSAI
        sceller_essai(dossier, noms, iterations)
    completer_credentials(db, charger_parametres_publics(db, publication), secret)
    db.close()
    return publication
