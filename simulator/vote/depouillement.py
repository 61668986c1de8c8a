"""The count from the portal's side: close the board, publish it beside the parameters
with the émargements, then let the bureau's count (chiffrement/bureau.py) work from the
published files and the trustees' key files. No ballot is ever decrypted alone: the
trustees decrypt the homomorphic sums only. The fingerprints of the counted ballots are
then given to the page « Vérifier mon vote »."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chiffrement import bureau
from chiffrement.fichiers import publier
from chiffrement.verificateur import PARAMETRES
from simulator.storage import Database
from simulator.storage.election import ecrire_depouille_le
from simulator.storage.tableau import empreintes_des_bulletins
from simulator.storage.urne import publier_empreintes
from simulator.vote.calendrier import date_en_clair
from simulator.vote.parametres_publics import ParametresRefuses, charger_parametres_publics
from simulator.vote.tableau_public import clore, exporter

DepouillementRefuse = bureau.DepouillementRefuse


def depouiller_election(
    db: Database, parametres_de: Path, publication: Path, cles: list[Path], maintenant: float
) -> dict[str, Any]:
    """Refuse before the sealed closing plus 30 minutes; else close the board, publish it
    in `publication` (the parameters copied there if it is another folder), count with
    the key files, and record the counted fingerprints. Raises DepouillementRefuse (or
    its Discordance) having published no result."""
    try:
        parametres = charger_parametres_publics(db, parametres_de)
    except ParametresRefuses as exc:
        raise DepouillementRefuse(str(exc)) from None
    periode = parametres.periode
    if periode is not None and maintenant < periode[1] + bureau.DELAI_DE_GRACE_S:
        raise DepouillementRefuse(
            "le vote n'est pas clos (clôture et 30 minutes de grâce non écoulées) : "
            "pas de dépouillement avant le "
            f"{date_en_clair(periode[1] + bureau.DELAI_DE_GRACE_S)} (heure de Paris) ; "
            "le tableau reste ouvert"
        )
    if publication.resolve() != parametres_de.resolve():
        document = json.loads((parametres_de / PARAMETRES).read_text(encoding="utf-8"))
        publier(publication, parametres=document)
    par_nom = {s.nom: i for i, s in parametres.scrutins.items()}
    clore(db, parametres)
    exporter(db, parametres, par_nom.get, publication)
    resultat = bureau.depouiller(publication, cles, maintenant)
    with db.transaction() as conn:
        publier_empreintes(conn, empreintes_des_bulletins(conn))
        ecrire_depouille_le(conn, maintenant)
    return resultat
