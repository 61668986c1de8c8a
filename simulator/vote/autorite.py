"""The portal's side of the credential authority: at a réassort of the code de vote,
ask the authority's service for the voter's new public credential. The authority draws
the code and mails it itself; the answer holds the public credential only, so the
portal (its process, database, outbox, logs) never meets the new code.

The request is signed with the key shared with the authority (simulator/asgi/
signature.py). Any failure (service down, refusal, an answer that is not a group element)
is the voter's « réassort momentanément indisponible »: the old credential stays."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

from chiffrement.erreurs import DonneeInvalide, ErreurChiffrement
from chiffrement.groupe import point_depuis_texte
from chiffrement.parametres import Parametres
from chiffrement.signature_autorite import verifier_remplacement
from simulator.asgi.signature import CleRefusee, entetes_signes, lire_cle
from simulator.courrier.mails import nom_du_destinataire
from simulator.settings import Settings
from simulator.storage.electeurs import Electeur
from simulator.vote.errors import AutoriteIndisponible

DELAI_S = 60.0


def demander_credential(
    settings: Settings, parametres: Parametres, electeur: Electeur, cle_autorite: str | None
) -> tuple[str, str | None]:
    """The new public credential the authority gives `electeur` (its new code mailed by
    the authority) and the authority's signature of the replacement; with the authority's
    public key `cle_autorite` (from its credentials file), a signature that does not hold
    is refused. AutoriteIndisponible if it cannot be had."""
    if not settings.election.autorite_url or not settings.election.autorite_cle:
        raise AutoriteIndisponible()
    try:
        cle = lire_cle(Path(settings.election.autorite_cle))
    except CleRefusee as exc:
        raise AutoriteIndisponible(detail=str(exc)) from None
    corps = json.dumps(
        {
            "electeur": electeur.email,
            "nom": nom_du_destinataire(electeur),
            "parametres": parametres.empreinte,
            "remplace": electeur.credential,
        }
    ).encode()
    requete = urllib.request.Request(
        settings.election.autorite_url.rstrip("/") + "/reassort",
        data=corps,
        headers={"Content-Type": "application/json", **entetes_signes(cle, corps)},
        method="POST",
    )
    try:
        with urllib.request.urlopen(requete, timeout=DELAI_S) as reponse:
            contenu = json.loads(reponse.read())
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise AutoriteIndisponible(detail=str(exc)) from None
    credential = contenu.get("credential") if isinstance(contenu, dict) else None
    try:
        point_depuis_texte(credential, "credential")
    except DonneeInvalide as exc:
        raise AutoriteIndisponible(detail=f"réponse de l'autorité : {exc}") from None
    if contenu.get("electeur") != electeur.email:
        raise AutoriteIndisponible(detail="l'autorité a répondu pour un autre électeur")
    signature = contenu.get("signature")
    if cle_autorite is not None:
        try:
            verifier_remplacement(
                cle_autorite, parametres.empreinte, electeur.credential, str(credential), signature
            )
        except ErreurChiffrement as exc:
            raise AutoriteIndisponible(detail=f"réponse de l'autorité : {exc}") from None
    return str(credential), signature if isinstance(signature, str) else None
