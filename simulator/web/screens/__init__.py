"""The voter-facing screens, thin handlers over the services: each reads its form, calls
one method of `ServiceAcces` or `ServiceVote`, and renders the next screen or the form
again with the typed error it raised. The route table is here, in one piece."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from simulator.acces.reassort import CHEMIN_LIEN
from simulator.web.screens import entree, reassort, tableau, vote

ROUTES: list[BaseRoute] = [
    Route("/", entree.accueil, name="accueil"),
    Route("/aide", entree.aide, name="aide"),
    Route("/aide/identifiant", entree.aide_identifiant, name="aide_identifiant"),
    Route("/accessibilite", entree.accessibilite, name="accessibilite"),
    Route("/identification", entree.identification, methods=["GET", "POST"]),
    Route("/mot-de-passe", entree.mot_de_passe, methods=["GET", "POST"]),
    Route("/espace", entree.espace, name="espace"),
    Route("/deconnexion", entree.deconnexion, methods=["POST"], name="deconnexion"),
    Route("/captcha.png", entree.captcha_image, name="captcha"),
    Route("/captcha.wav", entree.captcha_audio, name="captcha_audio"),
    Route("/reassort", reassort.reassort, methods=["GET", "POST"], name="reassort"),
    Route("/reassort/envoye", reassort.reassort_envoye, name="reassort_envoye"),
    Route(CHEMIN_LIEN, reassort.reassort_lien, name="reassort_lien"),
    Route("/initialisation", reassort.initialisation, methods=["GET", "POST"]),
    Route("/activation", reassort.activation, methods=["GET", "POST"], name="activation"),
    Route("/vote", vote.je_vote, methods=["GET", "POST"], name="vote"),
    Route("/vote/scrutins", vote.scrutins, name="scrutins"),
    Route("/vote/scrutin/{numero:int}", vote.listes),
    Route("/vote/scrutin/{numero:int}/confirmation", vote.confirmation, methods=["GET", "POST"]),
    Route("/vote/preuve", vote.preuve, name="preuve"),
    Route("/vote/code/reassort", vote.reassort_code, methods=["GET", "POST"]),
    Route("/verification", vote.verification, methods=["GET", "POST"], name="verification"),
    Route("/election/parametres.json", tableau.parametres),
    Route("/election/credentials.json", tableau.credentials),
    Route("/tableau", tableau.tableau, name="tableau"),
    Route("/tableau.json", tableau.tableau_json),
    Route("/chiffrement/{chemin:path}", tableau.module_navigateur),
]
