"""The réassort: asking for a link, its confirmation, the mailed link, the initialisation
of the Élections password, and the activation screen that follows."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from simulator.acces import comptes, politique
from simulator.acces.errors import LienInvalide
from simulator.errors import PortalError
from simulator.web import portal
from simulator.web.screens.entree import NEW_CAPTCHA
from simulator.web.sessions import Session


@portal.with_session
async def reassort(request: Request, session: Session) -> Response:
    """Ask for a réassort link: from the password page, or with identifiant and CAPTCHA."""
    page = "reassort.html"
    if request.method == "GET":
        return portal.render_form(request, session, page, with_captcha=True, identifiant="")
    service = portal.portal_of(request).acces
    identifiant = ""
    try:
        form = await portal.read_form(request, session)
        if form.get("depuis") == "mot-de-passe":
            # The CAPTCHA was passed at identification, moments ago, in this session.
            email = session.identifiant
            if email is None:
                return portal.restart(session, "/reassort")
        else:
            identifiant = form.get("identifiant", "")
            if form.get("action") == NEW_CAPTCHA:
                return portal.render_form(
                    request, session, page, with_captcha=True, identifiant=identifiant
                )
            email = await service.identifier(
                identifiant,
                session.prendre_captcha(),
                form.get("captcha", ""),
                portal.client_address(request),
            )
        await service.demander_reassort(email, portal.client_address(request))
    except PortalError as exc:
        return portal.form_again(
            request, session, page, exc, with_captcha=True, identifiant=identifiant
        )
    # Same confirmation whether or not the address is on the roll.
    session.reassort_adresse = email
    return portal.see_other("/reassort/envoye")


@portal.with_session
async def reassort_envoye(request: Request, session: Session) -> Response:
    """Confirmation that a réassort mail is on its way."""
    adresse = session.reassort_adresse
    if not isinstance(adresse, str):
        return portal.see_other("/reassort")
    return portal.render(request, session, "reassort_envoye.html", adresse=adresse)


@portal.with_session
async def reassort_lien(request: Request, session: Session) -> Response:
    """Follow the mailed link: check it, bind it to a fresh session, go to initialisation."""
    try:
        lien = await portal.portal_of(request).acces.ouvrir_lien(
            request.query_params.get("jeton", ""), portal.client_address(request)
        )
    except LienInvalide as exc:
        return portal.form_again(request, session, "lien_invalide.html", exc)
    session.rotate()
    session.ouvrir_lien(lien.id)
    # Redirect to a URL without the token, so it is not kept in history or sent as Referer.
    return portal.see_other("/initialisation")


@portal.with_session
async def initialisation(request: Request, session: Session) -> Response:
    """'Initialisation du mot de passe Élections': new password, confirmation, CAPTCHA."""
    lien_id = session.lien_reassort_id
    if lien_id is None:
        return portal.restart(session, "/reassort")
    page: dict[str, Any] = {
        "rules": politique.REGLES_AFFICHEES,
        "special": politique.SPECIAUX_AFFICHES,
    }
    template = "initialisation.html"
    if request.method == "GET":
        return portal.render_form(request, session, template, with_captcha=True, **page)
    try:
        form = await portal.read_form(request, session)
        if form.get("action") == NEW_CAPTCHA:
            return portal.render_form(request, session, template, with_captcha=True, **page)
        activation = await portal.portal_of(request).acces.choisir_mot_de_passe(
            lien_id,
            form.get("mot_de_passe", ""),
            form.get("confirmation", ""),
            session.prendre_captcha(),
            form.get("captcha", ""),
            portal.client_address(request),
        )
    except LienInvalide as exc:
        session.oublier_lien()
        return portal.form_again(request, session, "lien_invalide.html", exc)
    except PortalError as exc:
        return portal.form_again(request, session, template, exc, with_captcha=True, **page)
    session.attendre_activation(activation.electeur_id, activation.password_hash)
    return portal.see_other("/activation")


@portal.with_session
async def activation(request: Request, session: Session) -> Response:
    """Activation: 'ACTIVER SON COMPTE' saves everything, 'ACCÈS SANS ACTIVATION' nothing."""
    service = portal.portal_of(request).acces
    en_attente = session.activation
    if en_attente is None:
        return portal.restart(session)
    page: dict[str, Any] = {
        "questions": comptes.QUESTIONS_DEFI,
        "question": comptes.QUESTIONS_DEFI[0],
    }
    if request.method == "GET":
        return portal.render(request, session, "activation.html", **page)
    client = portal.client_address(request)
    try:
        form = await portal.read_form(request, session)
        if form.get("action") == "sans_activation":
            electeur_id = await service.entrer_sans_activation(en_attente, client)
        else:
            page["question"] = form.get("question", "")
            electeur_id = await service.activer(
                en_attente,
                form.get("question", ""),
                form.get("reponse", ""),
                form.get("confirmation_reponse", ""),
                client,
            )
    except PortalError as exc:
        return portal.form_again(request, session, "activation.html", exc, **page)
    session.entrer(electeur_id, portal.portal_of(request).clock.now())
    return portal.see_other("/espace")
