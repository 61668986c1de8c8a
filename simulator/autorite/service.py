"""`python -m simulator autorite servir`: the credential authority's small service, its own
process apart from the portal. One request, the portal's alone (simulator/asgi/
signature.py): a voter has answered the question défi, give them a new code de vote.

The authority then draws the code, derives its public credential (the parameters' slow
derivation), mails the code to the voter itself over SMTP, and answers the portal with the
public credential only; the code is in no answer, log or file. The portal writes the new
credential on its board in place of the old one.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from chiffrement.credential import credential_du_code
from chiffrement.erreurs import ErreurChiffrement
from chiffrement.groupe import point_depuis_texte
from chiffrement.parametres import Parametres
from chiffrement.signature_autorite import signer_remplacement
from fixtures.identifiants import normalise_identifiant, tirer_code_vote
from fixtures.liste import lire_liste
from simulator.asgi.signature import (
    ENTETE_INSTANT,
    ENTETE_SIGNATURE,
    RequeteNonAuthentifiee,
    Verificateur,
)
from simulator.autorite.envoi import EnvoiImpossible, envoyer
from simulator.autorite.registre import RegistreReassorts
from simulator.courrier.mails import mail_code_vote

CHEMIN_REASSORT = "/reassort"
log = logging.getLogger("simulator.autorite")


@dataclass(frozen=True)
class ReglagesAutorite:
    """What the service needs: the election's parameters, the key shared with the portal,
    the SMTP server, the title the mail names, and the roll's voters (identifiant → name
    for the greeting; None: any voter the portal names, for test portals whose voters
    are created by a hook)."""

    parametres: Parametres
    cle: bytes
    smtp: tuple[str, int]
    titre: str
    electeurs: dict[str, str] | None = None
    # The seed of the authority's signing key: each réassort's credential is signed.
    signature: bytes | None = None
    # The credentials issued per voter: a replacement must name one of the voter's own.
    # None (test portals, whose voters come from a hook): any credential named.
    registre: RegistreReassorts | None = None


def noms_de_la_liste(liste: Path) -> dict[str, str]:
    """The roll's voters and how the mail greets each (civilité prénom nom)."""
    noms = {}
    for _ligne, (civilite, nom, prenom, email, *_reste) in lire_liste(liste):
        noms[normalise_identifiant(email)] = " ".join(p for p in (civilite, prenom, nom) if p)
    return noms


def _refus(message: str, statut: int) -> JSONResponse:
    return JSONResponse({"erreur": message}, status_code=statut)


def creer_app(reglages: ReglagesAutorite) -> Starlette:
    """The authority's ASGI app: POST /reassort (signed by the portal), GET /livez."""
    verificateur = Verificateur(reglages.cle)
    parametres = reglages.parametres

    def nouveau_code(electeur: str, nom: str) -> str:
        code = tirer_code_vote()
        credential = credential_du_code(code, parametres.election, electeur, parametres.iterations)
        if reglages.registre is not None:  # on disk before the code leaves
            reglages.registre.ajouter(electeur, credential)
        envoyer(*reglages.smtp, electeur, mail_code_vote(nom, code, reglages.titre))
        return credential

    async def reassort(request: Request) -> Response:
        corps = await request.body()
        try:
            verificateur.exiger(
                request.headers.get(ENTETE_INSTANT), request.headers.get(ENTETE_SIGNATURE), corps
            )
        except RequeteNonAuthentifiee as exc:
            log.warning("requête refusée : %s", exc)
            return _refus(f"requête refusée : {exc}", 401)
        try:
            demande = json.loads(corps)
            electeur = normalise_identifiant(demande["electeur"])
            nom = str(demande.get("nom") or electeur)
            empreinte = demande["parametres"]
            remplace = demande.get("remplace")
            if remplace is not None:
                remplace = point_depuis_texte(remplace, "remplace").texte()
        except (ValueError, TypeError, KeyError, AttributeError, ErreurChiffrement):
            return _refus("demande illisible : electeur, nom, parametres et remplace attendus", 400)
        if empreinte != parametres.empreinte:
            return _refus("le portail n'a pas les paramètres de cette autorité", 409)
        if reglages.electeurs is not None:
            if electeur not in reglages.electeurs:
                return _refus("électeur absent de la liste de l'autorité", 404)
            nom = reglages.electeurs[electeur] or electeur
        registre = reglages.registre
        if registre is not None and (remplace is None or not registre.donnee_a(electeur, remplace)):
            log.warning("réassort de %s refusé : credential remplacée inconnue", electeur)
            return _refus(
                "la credential à remplacer n'est pas une de celles que l'autorité a données à "
                "cet électeur",
                409,
            )
        try:
            credential = await run_in_threadpool(nouveau_code, electeur, nom)
        except EnvoiImpossible as exc:
            log.warning("réassort de %s : %s", electeur, exc)
            return _refus(f"le mail du nouveau code n'est pas parti : {exc}", 502)
        print(f"Réassort du code de vote de {electeur} : code envoyé par mail.", flush=True)
        reponse = {"electeur": electeur, "credential": credential}
        if reglages.signature is not None:
            reponse["signature"] = signer_remplacement(
                reglages.signature, parametres.empreinte, remplace, credential
            )
        return JSONResponse(reponse)

    async def livez(request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(
        routes=[
            Route(CHEMIN_REASSORT, reassort, methods=["POST"]),
            Route("/livez", livez, methods=["GET"]),
        ]
    )
