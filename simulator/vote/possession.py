"""The code de vote screen's check: the browser's proof of possession of the voter's
credential (chiffrement/possession.py), answering a challenge drawn for the session. A
wrong proof is a wrong code: the caller counts it in the same lock."""

from __future__ import annotations

import json
import secrets

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.groupe import point_depuis_texte
from chiffrement.parametres import Parametres
from chiffrement.possession import verifier_possession
from simulator.storage.electeurs import Electeur


def tirer_defi() -> str:
    """A fresh challenge for one display of the code de vote screen."""
    return secrets.token_urlsafe(18)


def possession_correcte(
    parametres: Parametres, electeur: Electeur, defi: str | None, preuve: str
) -> bool:
    """Whether `preuve` (JSON) is a signature by the voter's credential over this
    election's fingerprint, the voter and the session's challenge."""
    if defi is None or electeur.credential is None:
        return False
    try:
        credential = point_depuis_texte(electeur.credential, "credential")
        verifier_possession(
            credential, parametres.empreinte, electeur.email, defi, json.loads(preuve)
        )
    except (ErreurChiffrement, ValueError, RecursionError):
        return False
    return True
