"""The pages of this portal, as plain HTML strings: no ids or classes the harness knows,
labels that wrap their input or name it by aria-labelledby, the election's title in a
banner rather than a heading, one alert per error."""

from __future__ import annotations

from html import escape

from tests.portail_tiers.regles import QUESTIONS

TITRE_ELECTION = "Elections professionnelles 2022"
CHEMIN_ACCUEIL = "/portail/accueil"
CHEMIN_FAQ = "/portail/faq"
CHEMIN_FAQ_IDENTIFIANT = "/portail/faq/identifiant"
CHEMIN_ETAPE1 = "/connexion/etape1"
CHEMIN_ETAPE2 = "/connexion/etape2"
CHEMIN_OUBLI = "/connexion/oubli"
CHEMIN_LIEN = "/compte/renouveler/"
CHEMIN_CHOIX = "/compte/mot-de-passe"
CHEMIN_ACTIVATION = "/compte/activation"
CHEMIN_ESPACE = "/electeur"
CHEMIN_SORTIE = "/sortie"
CHEMIN_CAPTCHA = "/img/captcha"

STYLE = (
    "body{font-family:sans-serif;margin:0;color:#1a1a1a}"
    "header,main,footer{padding:.5rem 1rem;max-width:48rem}"
    "header{background:#000091;color:#fff;max-width:none}header a{color:#fff}"
    "p[role=alert]{color:#a00;font-weight:bold}label,.champ{display:block;margin:.6rem 0}"
    "input,select{display:block;font-size:1rem;max-width:100%}"
    "button,.bouton{margin:.4rem .4rem .4rem 0;padding:.4rem .8rem;font-size:1rem}"
)


def page(onglet: str, corps: str, statut: str = "", erreurs: int = 0) -> str:
    """A whole page: banner with the election's title and help, the main content; the
    window's title counts the errors of a refused form, in this portal's words."""
    if erreurs:
        onglet = f"{onglet} : {erreurs} erreur{'s' if erreurs > 1 else ''}"
    annonce = f'<p role="status">{escape(statut)}</p>' if statut else ""
    return (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(onglet)} - {TITRE_ELECTION}</title><style>{STYLE}</style></head>"
        f'<body><header><div lang="fr">{TITRE_ELECTION}</div>'
        f'<nav aria-label="Aide"><a href="{CHEMIN_FAQ}">AIDE/FAQ</a></nav></header>'
        f"<main>{annonce}{corps}</main></body></html>"
    )


def alertes(messages: list[str], prefixe: str) -> str:
    """One alert per message, each with an id that a field can point to."""
    return "".join(
        f'<p role="alert" id="{prefixe}{i}">{escape(m)}</p>' for i, m in enumerate(messages)
    )


def _decrit(messages: list[str], prefixe: str) -> str:
    if not messages:
        return ""
    ids = " ".join(f"{prefixe}{i}" for i in range(len(messages)))
    return f' aria-invalid="true" aria-describedby="{ids}"'


def accueil(statut: str = "") -> str:
    """Home: the guide's words and the way in."""
    corps = (
        "<h1>ACCÈS AU PORTAIL ÉLECTIONS</h1>"
        "<p>Vous êtes invité à participer aux élections professionnelles 2022 pour la "
        "désignation des représentants du personnel dans les instances de dialogue social "
        "du ministère de l'éducation nationale et de la jeunesse, du ministère des sports, "
        "et du ministère de l'enseignement supérieur et de la recherche.</p>"
        f'<p><a class="bouton" href="{CHEMIN_ETAPE1}">ACCÉDER AU PORTAIL ÉLECTIONS</a></p>'
    )
    return page("Accueil", corps, statut)


def faq(libelle: str, telephone: str, mail: str) -> str:
    """Help: who to call, and the questions voters ask."""
    corps = (
        "<h1>Aide et questions fréquentes</h1>"
        "<h2>Si des difficultés d'accès</h2>"
        "<dl><dt>Votre organisation syndicale</dt><dd>Contactez votre syndicat.</dd>"
        f"<dt>{escape(libelle)}</dt><dd>Téléphone : {escape(telephone)}</dd>"
        f"<dd>Courriel : {escape(mail)}</dd></dl>"
        "<h2>Questions fréquentes</h2>"
        f'<p><a href="{CHEMIN_FAQ_IDENTIFIANT}">Quel est mon identifiant ?</a></p>'
        "<p>Mot de passe oublié ou jamais créé : sur l'écran du mot de passe, demandez le "
        "réassort ; un lien vous parvient par mail.</p>"
    )
    return page("Aide", corps)


def faq_identifiant() -> str:
    """Where the identifiant comes from."""
    corps = (
        "<h1>Vous ne connaissez pas votre identifiant ?</h1>"
        "<p>Il s'agit de votre adresse de messagerie professionnelle, par exemple "
        "prenom.nom@ac-academie.fr.</p>"
        f'<p><a href="{CHEMIN_ETAPE1}">Revenir à l\'identification</a></p>'
    )
    return page("Identifiant", corps)


def _captcha(jeton: str, erreurs: list[str]) -> str:
    return (
        "<p>Veillez saisir le CAPTCHA ci-dessous :</p>"
        f'<img src="{CHEMIN_CAPTCHA}?v={escape(jeton)}" width="180" height="50" '
        'alt="Image de six chiffres à recopier">'
        '<div class="champ"><span id="lib-code">CAPTCHA *</span>'
        f'<input id="code" name="code_image" inputmode="numeric" autocomplete="off" '
        f'aria-labelledby="lib-code"{_decrit(erreurs, "e-")}></div>'
    )


def identification(
    jeton_form: str, jeton_captcha: str, identifiant: str, erreurs: list[str]
) -> str:
    """Step 1: identifiant and CAPTCHA."""
    corps = (
        "<h1>Je m'identifie</h1>" + alertes(erreurs, "e-")
        + f'<form method="post" action="{CHEMIN_ETAPE1}">'
        f'<input type="hidden" name="jeton_formulaire" value="{escape(jeton_form)}">'
        '<input type="hidden" name="etape" value="identifiant">'
        f'<label>Identifiant * <input name="login" value="{escape(identifiant)}" '
        f'autocomplete="username"{_decrit(erreurs, "e-")}></label>'
        f'<p><a href="{CHEMIN_FAQ_IDENTIFIANT}">Vous ne connaissez pas votre identifiant ?</a></p>'
        + _captcha(jeton_captcha, erreurs)
        + '<button type="submit" name="autre_image" value="1">Autre image</button>'
        f'<p><a class="bouton" href="{CHEMIN_ACCUEIL}">RETOUR</a>'
        '<button type="submit" name="suite" value="ok">CONNEXION</button></p></form>'
    )  # fmt: skip
    return page("Identification", corps, erreurs=len(erreurs))


def saisie_mot_de_passe(jeton_form: str, erreurs: list[str]) -> str:
    """Step 2: the Élections password; the réassort button belongs to another form."""
    corps = (
        "<h1>Saisie du mot de passe Élections</h1>" + alertes(erreurs, "e-")
        + "<p>* : champ obligatoire</p>"
        f'<form id="f-oubli" method="post" action="{CHEMIN_OUBLI}">'
        f'<input type="hidden" name="jeton_formulaire" value="{escape(jeton_form)}"></form>'
        f'<form method="post" action="{CHEMIN_ETAPE2}">'
        f'<input type="hidden" name="jeton_formulaire" value="{escape(jeton_form)}">'
        '<label for="pw">Mot de passe Elections *</label>'
        f'<input id="pw" type="password" name="pwd" autocomplete="current-password"'
        f'{_decrit(erreurs, "e-")}>'
        f'<p><a class="bouton" href="{CHEMIN_ETAPE1}">RETOUR</a>'
        '<button type="submit">CONNEXION</button></p></form>'
        '<p><button type="submit" form="f-oubli">'
        "Besoin du réassort de votre mot de passe Elections ?</button></p>"
    )  # fmt: skip
    return page("Mot de passe", corps, erreurs=len(erreurs))


def mail_envoye() -> str:
    """After a réassort request, whoever asked (known address or not)."""
    corps = (
        "<h1>Réassort de votre mot de passe</h1>"
        "<p>Un mail vient de vous\n      être envoyé avec un lien qui va vous permettre de "
        "saisir un nouveau mot de passe Élections puis reprendre votre processus d'accès au "
        "portail Élections.</p><p>Vous êtes invité à fermer cette fenêtre dans votre "
        "navigateur et à vous connecter sur votre messagerie électronique.</p>"
    )
    return page("Réassort", corps)


def lien_refuse(message: str) -> str:
    """A réassort link that no longer opens anything."""
    corps = (
        "<h1>Lien de réassort</h1>" + alertes([message], "e-")
        + f'<p><a href="{CHEMIN_ETAPE1}">Recevoir un autre lien</a></p>'
    )  # fmt: skip
    return page("Lien refusé", corps, erreurs=1)


def choix_mot_de_passe(jeton_form: str, jeton_captcha: str, erreurs: list[str]) -> str:
    """Initialisation: the rules, the password twice, a CAPTCHA."""
    regles = "".join(
        f"<li>{r}</li>"
        for r in (
            "entre 12 caractères et 256 caractères",
            "au moins une lettre en minuscule non-accentuée",
            "au moins une lettre en majuscule non-accentuée",
            "au moins un chiffre",
            "au moins un caractère spécial",
        )
    )
    corps = (
        "<h1>Initialisation du mot de passe Élections</h1>" + alertes(erreurs, "e-")
        + f"<p>Ce mot de passe doit exclusivement comprendre :</p><ul>{regles}</ul>"
        "<p>* : champ obligatoire</p>"
        f'<form method="post" action="{CHEMIN_CHOIX}">'
        f'<input type="hidden" name="jeton_formulaire" value="{escape(jeton_form)}">'
        '<label for="p1">Mot de passe Élections *</label>'
        f'<input id="p1" type="password" name="pwd1" autocomplete="new-password"'
        f'{_decrit(erreurs, "e-")}>'
        '<label for="p2">Confirmation du mot de passe Élections *</label>'
        '<input id="p2" type="password" name="pwd2" autocomplete="new-password">'
        + _captcha(jeton_captcha, erreurs)
        + f'<p><a class="bouton" href="{CHEMIN_ACCUEIL}">RETOUR</a>'
        '<button type="submit">CONNEXION</button></p></form>'
    )  # fmt: skip
    return page("Initialisation", corps, erreurs=len(erreurs))


def activation(jeton_form: str, erreurs: list[str]) -> str:
    """Activation: a challenge question, the answer twice, two ways out."""
    options = "".join(f'<option value="{i}">{escape(q)}</option>' for i, q in enumerate(QUESTIONS))
    corps = (
        "<h1>Activation de votre compte</h1>" + alertes(erreurs, "e-")
        + "<p>Afin d'activer votre compte, veuillez sélectionner une question défi, saisir "
        "votre réponse secrète et la confirmer.</p>"
        f'<form method="post" action="{CHEMIN_ACTIVATION}">'
        f'<input type="hidden" name="jeton_formulaire" value="{escape(jeton_form)}">'
        f'<label>Défi * <select name="q">{options}</select></label>'
        '<label>Répondre à la Question défi choisie * <input type="password" name="rep1" '
        f'autocomplete="off"{_decrit(erreurs, "e-")}></label>'
        '<label>Ressaisir la réponse à la Question défi * <input type="password" '
        'name="rep2" autocomplete="off"></label>'
        '<p><button type="submit" name="activer" value="1">ACTIVER SON COMPTE</button>'
        '<button type="submit" name="sans_activation" value="1">ACCÈS SANS ACTIVATION'
        "</button></p></form>"
        "<p>Sans activation, le mot de passe Élections saisi n'est pas enregistré : à votre "
        "prochaine connexion, il faudra en créer un de nouveau.</p>"
    )  # fmt: skip
    return page("Activation", corps, erreurs=len(erreurs))


def espace(
    jeton_form: str, civilite: str, prenom: str, nom: str, academie: str, scrutins: list[str]
) -> str:
    """The voter space: who, which scrutins, the way out."""
    liste = "".join(f"<li>{escape(s)}</li>" for s in scrutins)
    corps = (
        "<h1>Votre espace électeur</h1>"
        f"<p>{escape(civilite)} {escape(prenom)} {escape(nom)}, académie : "
        f"{escape(academie)}</p>"
        '<section aria-labelledby="t-scr"><p id="t-scr">Vous êtes appelé(e) à voter pour '
        f"les scrutins suivants :</p><ul>{liste}</ul></section>"
        f'<form method="post" action="{CHEMIN_SORTIE}">'
        f'<input type="hidden" name="jeton_formulaire" value="{escape(jeton_form)}">'
        '<button type="submit">Quitter le portail</button></form>'
    )  # fmt: skip
    return page("Espace électeur", corps)
