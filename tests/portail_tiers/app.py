"""Routes of this portal: thin handlers over the in-memory state (magasin.py), the rules
(regles.py) and the pages (gabarits.py). Its own status codes: a form error is 200, a
wrong password 401, a locked account 403, a dead réassort link 410."""

from __future__ import annotations

import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from fixtures.identifiants import normalise_identifiant
from tests.portail_tiers import gabarits as g
from tests.portail_tiers import regles as r
from tests.portail_tiers.courrier import envoyer_lien
from tests.portail_tiers.magasin import Magasin, Session, empreinte

COOKIE = "PTSID"


@dataclass(frozen=True)
class Reglages:
    """What the command line sets."""

    captcha_recette: str
    smtp_hote: str
    smtp_port: int
    lien_minutes: float = 30.0
    aide_libelle: str = "Cellule de veille du rectorat"
    aide_telephone: str = "01 23 45 67 89"
    aide_mail: str = "assistance-elections@portail-tiers.example"


Handler = Callable[[Request, str, Session], Awaitable[Response]]


def creer_app(reglages: Reglages, magasin: Magasin) -> Starlette:
    """The portal as an ASGI application."""

    def avec_session(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def route(request: Request) -> Response:
            cle, session = magasin.session(request.cookies.get(COOKIE))
            if request.method == "POST":
                form = await request.form()
                if form.get("jeton_formulaire") != session.jeton:
                    return HTMLResponse(g.page("Refus", "<h1>Formulaire expiré</h1>"), 403)
            reponse = await handler(request, cle, session)
            cle_finale = getattr(reponse, "cle_session", cle)
            if cle_finale in magasin.sessions:
                reponse.set_cookie(COOKIE, cle_finale, httponly=True, samesite="lax")
            else:
                reponse.delete_cookie(COOKIE)
            reponse.headers["Cache-Control"] = "no-store"
            return reponse

        return route

    def html(contenu: str, statut: int = 200) -> HTMLResponse:
        return HTMLResponse(contenu, statut)

    def vers(chemin: str, cle: str | None = None) -> Response:
        reponse = RedirectResponse(chemin, 303)
        if cle is not None:
            reponse.cle_session = cle  # type: ignore[attr-defined]
        return reponse

    def nouveau_captcha(session: Session) -> str:
        session.captcha = "".join(secrets.choice("0123456789") for _ in range(6))
        return secrets.token_hex(4)

    def captcha_faux(session: Session, saisi: str) -> list[str]:
        if not saisi:
            return [r.CAPTCHA_VIDE]
        bon = secrets.compare_digest(saisi, session.captcha) and bool(session.captcha)
        bypass = bool(reglages.captcha_recette) and secrets.compare_digest(
            saisi, reglages.captcha_recette
        )
        return [] if bon or bypass else [r.CAPTCHA_ERRONE]

    async def racine(request: Request) -> Response:
        return RedirectResponse(g.CHEMIN_ACCUEIL, 302)

    async def accueil(request: Request, cle: str, session: Session) -> Response:
        statut = r.DECONNECTE if "sortie" in request.query_params else ""
        return html(g.accueil(statut))

    async def faq(request: Request, cle: str, session: Session) -> Response:
        return html(g.faq(reglages.aide_libelle, reglages.aide_telephone, reglages.aide_mail))

    async def faq_identifiant(request: Request, cle: str, session: Session) -> Response:
        return html(g.faq_identifiant())

    async def image_captcha(request: Request, cle: str, session: Session) -> Response:
        chiffres = "".join(
            f'<text x="{14 + 26 * i}" y="{32 + (i % 3) * 4}" '
            f'transform="rotate({(-8, 5, 10, -4, 7, -10)[i]} {14 + 26 * i} 30)">{c}</text>'
            for i, c in enumerate(session.captcha)
        )
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="180" height="50">'
            '<rect width="180" height="50" fill="#eef"/>'
            f'<g font-size="26" font-family="monospace" fill="#223">{chiffres}</g></svg>'
        )
        return Response(svg, media_type="image/svg+xml")

    async def etape1(request: Request, cle: str, session: Session) -> Response:
        if request.method == "GET":
            return html(g.identification(session.jeton, nouveau_captcha(session),
                                         session.identifiant, []))  # fmt: skip
        form = await request.form()
        identifiant = normalise_identifiant(str(form.get("login", "")))
        session.identifiant = ""
        if "autre_image" in form:
            return html(g.identification(session.jeton, nouveau_captcha(session),
                                         identifiant, []))  # fmt: skip
        erreurs = [] if identifiant else [r.IDENTIFIANT_VIDE]
        erreurs += captcha_faux(session, str(form.get("code_image", "")).strip())
        if erreurs:
            return html(g.identification(session.jeton, nouveau_captcha(session),
                                         identifiant, erreurs))  # fmt: skip
        session.identifiant, session.captcha = identifiant, ""
        return vers(g.CHEMIN_ETAPE2)

    async def etape2(request: Request, cle: str, session: Session) -> Response:
        if not session.identifiant:
            return vers(g.CHEMIN_ETAPE1)
        if request.method == "GET":
            return html(g.saisie_mot_de_passe(session.jeton, []))
        form = await request.form()
        mot_de_passe = str(form.get("pwd", ""))
        identifiant = session.identifiant
        if magasin.bloque(identifiant):
            return html(g.saisie_mot_de_passe(session.jeton, [r.BLOQUE]), 403)
        if not mot_de_passe:
            return html(g.saisie_mot_de_passe(session.jeton, [r.MOT_DE_PASSE_VIDE]))
        electeur = magasin.electeurs.get(identifiant)
        if electeur is None:
            empreinte(mot_de_passe, b"sel-factice")  # same work as for a known address
        elif electeur.verifier(mot_de_passe):
            electeur.echecs = 0
            session.connecte = identifiant
            return vers(g.CHEMIN_ESPACE, magasin.renouveler(cle))
        magasin.echec(identifiant)
        if magasin.bloque(identifiant):
            return html(g.saisie_mot_de_passe(session.jeton, [r.BLOQUE]), 403)
        return html(g.saisie_mot_de_passe(session.jeton, [r.IDENTIFIANTS_INCORRECTS]), 401)

    async def oubli(request: Request, cle: str, session: Session) -> Response:
        if request.method == "GET":
            return html(g.mail_envoye())
        if not session.identifiant:
            return vers(g.CHEMIN_ETAPE1)
        if session.identifiant in magasin.electeurs:
            jeton = magasin.nouveau_lien(session.identifiant)
            base = f"{request.url.scheme}://{request.url.netloc}"
            await envoyer_lien(
                reglages.smtp_hote,
                reglages.smtp_port,
                session.identifiant,
                f"{base}{g.CHEMIN_LIEN}{jeton}",
                reglages.lien_minutes,
            )
        return vers(g.CHEMIN_OUBLI)

    async def lien(request: Request, cle: str, session: Session) -> Response:
        jeton = request.path_params["jeton"]
        trouve = magasin.liens.get(jeton)
        if trouve is None:
            return html(g.lien_refuse(r.LIEN_INCONNU), 404)
        refus = (
            r.LIEN_UTILISE if trouve.utilise
            else r.LIEN_REMPLACE if trouve.remplace
            else r.LIEN_EXPIRE if trouve.expire < time.time()
            else ""
        )  # fmt: skip
        if refus:
            return html(g.lien_refuse(refus), 410)
        # The mail is opened anywhere: a fresh session, bound to this link only.
        magasin.sessions.pop(cle, None)
        nouvelle, fraiche = magasin.session(None)
        fraiche.reassort_de, fraiche.lien = trouve.email, jeton
        return vers(g.CHEMIN_CHOIX, nouvelle)

    async def choix(request: Request, cle: str, session: Session) -> Response:
        if not session.reassort_de:
            return vers(g.CHEMIN_ETAPE1)
        if request.method == "GET":
            return html(g.choix_mot_de_passe(session.jeton, nouveau_captcha(session), []))
        form = await request.form()
        pwd1, pwd2 = str(form.get("pwd1", "")), str(form.get("pwd2", ""))
        erreurs = r.regles_enfreintes(pwd1)
        if pwd1 != pwd2:
            erreurs.append(r.CONFIRMATION_DIFFERENTE)
        erreurs += captcha_faux(session, str(form.get("code_image", "")).strip())
        if erreurs:
            return html(g.choix_mot_de_passe(session.jeton, nouveau_captcha(session), erreurs))
        magasin.liens[session.lien].utilise = True
        session.mot_de_passe_choisi, session.captcha = pwd1, ""
        return vers(g.CHEMIN_ACTIVATION)

    async def activation(request: Request, cle: str, session: Session) -> Response:
        if not (session.reassort_de and session.mot_de_passe_choisi):
            return vers(g.CHEMIN_ETAPE1)
        if request.method == "GET":
            return html(g.activation(session.jeton, []))
        form = await request.form()
        electeur = magasin.electeurs[session.reassort_de]
        if "sans_activation" in form:
            # The guide: nothing is recorded, the password is to be created again.
            electeur.fixer_mot_de_passe(None)
        elif "activer" in form:
            question = str(form.get("q", ""))
            rep1, rep2 = str(form.get("rep1", "")), str(form.get("rep2", ""))
            erreurs = [] if rep1.strip() else [r.REPONSE_VIDE]
            if rep1 != rep2:
                erreurs.append(r.REPONSES_DIFFERENTES)
            if not question.isdigit() or int(question) >= len(r.QUESTIONS):
                return html(g.page("Refus", "<h1>Question inconnue</h1>"), 400)
            if erreurs:
                return html(g.activation(session.jeton, erreurs))
            electeur.fixer_mot_de_passe(session.mot_de_passe_choisi)
            electeur.fixer_defi(int(question), rep1)
            electeur.echecs, electeur.bloque_jusqua = 0, 0.0
        else:
            return html(g.page("Refus", "<h1>Choix manquant</h1>"), 400)
        session.connecte, session.reassort_de, session.mot_de_passe_choisi = (
            electeur.email,
            "",
            "",
        )
        return vers(g.CHEMIN_ESPACE, magasin.renouveler(cle))

    async def espace(request: Request, cle: str, session: Session) -> Response:
        electeur = magasin.electeurs.get(session.connecte)
        if electeur is None:
            return vers(g.CHEMIN_ETAPE1)
        return html(g.espace(session.jeton, electeur.civilite, electeur.prenom, electeur.nom,
                             electeur.academie, electeur.scrutins))  # fmt: skip

    async def sortie(request: Request, cle: str, session: Session) -> Response:
        magasin.sessions.pop(cle, None)
        return vers(f"{g.CHEMIN_ACCUEIL}?sortie=1")

    async def introuvable(request: Request, exc: Any) -> Response:
        chemin = escape(request.url.path)
        return html(g.page("Introuvable", f"<h1>Page introuvable</h1><p>{chemin}</p>"), 404)

    get, post = ["GET"], ["GET", "POST"]
    routes = [
        Route("/", racine),
        Route(g.CHEMIN_ACCUEIL, avec_session(accueil), methods=get),
        Route(g.CHEMIN_FAQ, avec_session(faq), methods=get),
        Route(g.CHEMIN_FAQ_IDENTIFIANT, avec_session(faq_identifiant), methods=get),
        Route(g.CHEMIN_CAPTCHA, avec_session(image_captcha), methods=get),
        Route(g.CHEMIN_ETAPE1, avec_session(etape1), methods=post),
        Route(g.CHEMIN_ETAPE2, avec_session(etape2), methods=post),
        Route(g.CHEMIN_OUBLI, avec_session(oubli), methods=post),
        Route(g.CHEMIN_LIEN + "{jeton}", avec_session(lien), methods=get),
        Route(g.CHEMIN_CHOIX, avec_session(choix), methods=post),
        Route(g.CHEMIN_ACTIVATION, avec_session(activation), methods=post),
        Route(g.CHEMIN_ESPACE, avec_session(espace), methods=get),
        Route(g.CHEMIN_SORTIE, avec_session(sortie), methods=["POST"]),
    ]
    return Starlette(routes=routes, exception_handlers={404: introuvable})
