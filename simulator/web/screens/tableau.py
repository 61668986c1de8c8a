"""Public pages of the verifiable vote, no session needed: the election's parameters (the
exact bytes the bureau published), the public credentials of the board's opening, the
board itself (a page, paginated, and its JSON during the vote), and the browser module's
files (chiffrement/fichiers_navigateur.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from chiffrement.fichiers_navigateur import fichier_servi
from chiffrement.hachage import empreinte
from simulator.storage.election import lire_credentials_ouverture
from simulator.storage.tableau import compter_entrees, entrees
from simulator.vote.tableau_public import hauteur_au_tableau
from simulator.web.portal import portal_of, render
from simulator.web.screens.vote import EMPREINTE
from simulator.web.sessions import Session

PAR_PAGE = 50
_INTROUVABLE = Response("Introuvable.\n", status_code=404, media_type="text/plain")


async def parametres(request: Request) -> Response:
    """GET /election/parametres.json: the published parameters, byte for byte."""
    election = portal_of(request).vote.election
    if election is None:
        return _INTROUVABLE
    return Response(election.document, media_type="application/json")


async def credentials(request: Request) -> Response:
    """GET /election/credentials.json: the public credentials the board opened with."""
    texte = lire_credentials_ouverture(portal_of(request).db.reader())
    if texte is None:
        return _INTROUVABLE
    return Response(texte, media_type="application/json")


async def tableau_json(request: Request) -> Response:
    """GET /tableau.json: the whole board, as the verifier reads it ({"entrees": […]})."""
    toutes = entrees(portal_of(request).db.reader())
    return JSONResponse({"entrees": toutes})


def _ligne(entree: dict[str, object]) -> dict[str, object]:
    contenu = entree["contenu"]
    bulletin = entree["type"] == "bulletin"
    return {
        "hauteur": entree["hauteur"],
        "type": entree["type"],
        "empreinte": empreinte(contenu) if bulletin else None,
        "precedent": entree["precedent"],
    }


async def tableau(request: Request) -> Response:
    """GET /tableau: the board, 50 entries a page; ?empreinte= says where a ballot is."""
    portal = portal_of(request)
    conn = portal.db.reader()
    total = compter_entrees(conn)
    recherche = request.query_params.get("empreinte", "").strip().lower()
    hauteur = hauteur_au_tableau(conn, recherche) if EMPREINTE.fullmatch(recherche) else None
    try:
        page = max(0, int(request.query_params.get("page", "")))
    except ValueError:
        page = hauteur // PAR_PAGE if hauteur is not None else 0
    lignes = [_ligne(e) for e in entrees(conn, page * PAR_PAGE, PAR_PAGE)]
    election = portal.vote.election
    return render(
        request,
        Session(token="", stored=False),
        "tableau.html",
        lignes=lignes,
        total=total,
        premiere=page * PAR_PAGE,
        derniere=page * PAR_PAGE + max(len(lignes) - 1, 0),
        precedente=page - 1 if page > 0 else None,
        suivante=page + 1 if (page + 1) * PAR_PAGE < total else None,
        recherche=recherche if EMPREINTE.fullmatch(recherche) else "",
        hauteur=hauteur,
        empreinte_parametres=election.parametres.empreinte if election else "",
    )


async def module_navigateur(request: Request) -> Response:
    """GET /chiffrement/{chemin}: the browser module and its two libraries, nothing else."""
    fichier = fichier_servi(request.path_params["chemin"])
    if fichier is None:
        return _INTROUVABLE
    return Response(fichier.read_bytes(), media_type="text/javascript")


__all__ = ["credentials", "module_navigateur", "parametres", "tableau", "tableau_json"]
