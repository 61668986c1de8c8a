"""The portal reads the election's public parameters, never makes them.

The bureau publishes them with `python -m simulator sceller --publication DOSSIER`; the
portal started with `--parametres DOSSIER` checks them (every key, every proof, the file
against its published fingerprint) and compares their fingerprint with the one it met at
its first start with this database. A swapped key or a changed parameter file stops the
portal, loudly, before it takes a single ballot.
"""

from __future__ import annotations

import json
from pathlib import Path

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.parametres import Parametres, lire_parametres
from chiffrement.verificateur import EMPREINTE, PARAMETRES
from simulator.storage import Database
from simulator.storage.election import ecrire_empreinte_parametres, lire_empreinte_parametres
from simulator.vote.errors import ParametresRefuses


def lire_parametres_publies(dossier: Path) -> Parametres:
    """Read and check the published parameters (ParametresRefuses with the reason); the
    credential authority reads them so, without any portal database."""
    try:
        publiee = (dossier / EMPREINTE).read_text(encoding="utf-8").strip()
        document = json.loads((dossier / PARAMETRES).read_text(encoding="utf-8"))
        parametres = lire_parametres(document, publiee)
    except FileNotFoundError as exc:
        raise ParametresRefuses(f"paramètres publics introuvables : {exc.filename}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParametresRefuses(f"{PARAMETRES} illisible : {exc}") from None
    except ErreurChiffrement as exc:
        raise ParametresRefuses(f"paramètres publics refusés : {exc}") from None
    return parametres


def charger_parametres_publics(db: Database, dossier: Path) -> Parametres:
    """Read and check the published parameters; record their fingerprint at the first
    start, refuse any other afterwards. Raises ParametresRefuses with the reason."""
    parametres = lire_parametres_publies(dossier)
    with db.transaction() as conn:
        connue = lire_empreinte_parametres(conn)
        if connue is None:
            ecrire_empreinte_parametres(conn, parametres.empreinte)
        elif connue != parametres.empreinte:
            raise ParametresRefuses(
                f"LES PARAMÈTRES DE L'ÉLECTION ONT CHANGÉ : empreinte {parametres.empreinte}, "
                f"alors que ce portail a ouvert avec {connue}. Clé ou liste échangée : le "
                "portail refuse de démarrer."
            )
    return parametres


__all__ = ["ParametresRefuses", "charger_parametres_publics", "lire_parametres_publies"]
