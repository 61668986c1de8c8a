"""The mails the portal sends, in French, with a text and an HTML part."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from html import escape

from simulator.storage.electeurs import Electeur
from simulator.storage.outbox import enqueue_mail

OBJET_REASSORT = "Élections professionnelles : réassort de votre mot de passe Élections"


@dataclass(frozen=True)
class ComposedMail:
    """Subject and both bodies of a mail."""

    subject: str
    text: str
    html: str


def mettre_en_file(
    conn: sqlite3.Connection, destinataire: str, mail: ComposedMail, maintenant: float
) -> None:
    """Commit a composed mail to the outbox, in the caller's transaction: it leaves only
    if what it tells (a lien, a new code) is committed with it."""
    enqueue_mail(
        conn,
        f"{uuid.uuid4()}@elections-pro.simulateur",
        destinataire,
        mail.subject,
        mail.text,
        mail.html,
        maintenant,
    )


def mail_reassort(electeur: Electeur, lien: str, duree_minutes: int, titre: str) -> ComposedMail:
    """The réassort mail: greeting, the single-use lien, its lifetime, what to do if unasked."""
    nom = (
        " ".join(p for p in (electeur.civilite, electeur.prenom, electeur.nom) if p)
        or electeur.email
    )
    text = (
        f"Bonjour {nom},\n\n"
        "Vous avez demandé le réassort de votre mot de passe Élections sur le portail "
        f"{titre}.\n\n"
        "Pour saisir un nouveau mot de passe Élections, ouvrez ce lien :\n"
        f"{lien}\n\n"
        f"Ce lien ne sert qu'une fois et expire dans {duree_minutes} minutes. Une nouvelle "
        "demande de réassort le remplace.\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce mail : votre mot de passe "
        "actuel reste valable.\n\n"
        "Ce mail est envoyé automatiquement, merci de ne pas y répondre.\n"
    )
    lien_sur = escape(lien, quote=True)
    html = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>'
        f"<p>Bonjour {escape(nom)},</p>"
        "<p>Vous avez demandé le réassort de votre mot de passe Élections sur le portail "
        f"{escape(titre)}.</p>"
        f'<p><a href="{lien_sur}">Saisir un nouveau mot de passe Élections</a></p>'
        f"<p>Ce lien ne sert qu'une fois et expire dans {duree_minutes} minutes. Une "
        "nouvelle demande de réassort le remplace.</p>"
        "<p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce mail : votre mot de "
        "passe actuel reste valable.</p>"
        "<p>Ce mail est envoyé automatiquement, merci de ne pas y répondre.</p>"
        "</body></html>"
    )
    return ComposedMail(subject=OBJET_REASSORT, text=text, html=html)


OBJET_CODE_VOTE = "Élections professionnelles : votre nouveau code de vote"


def nom_du_destinataire(electeur: Electeur) -> str:
    """How a mail greets the voter: civilité, prénom and nom, else the address."""
    return (
        " ".join(p for p in (electeur.civilite, electeur.prenom, electeur.nom) if p)
        or electeur.email
    )


def mail_code_vote(nom: str, code: str, titre: str) -> ComposedMail:
    """The code de vote réassort mail (sent by the credential authority, never by the
    portal): the new code, and that the old one no longer works."""
    text = (
        f"Bonjour {nom},\n\n"
        f"Vous avez demandé le réassort de votre code de vote sur le portail {titre}.\n\n"
        f"Votre nouveau code de vote : {code}\n\n"
        "Votre code de vote précédent ne fonctionne plus.\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, contactez l'assistance : quelqu'un "
        "connaît votre mot de passe Élections et votre réponse secrète.\n\n"
        "Ce mail est envoyé automatiquement, merci de ne pas y répondre.\n"
    )
    html = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body>'
        f"<p>Bonjour {escape(nom)},</p>"
        "<p>Vous avez demandé le réassort de votre code de vote sur le portail "
        f"{escape(titre)}.</p>"
        f'<p>Votre nouveau code de vote : <strong class="code-vote">{escape(code)}</strong></p>'
        "<p>Votre code de vote précédent ne fonctionne plus.</p>"
        "<p>Si vous n'êtes pas à l'origine de cette demande, contactez l'assistance : "
        "quelqu'un connaît votre mot de passe Élections et votre réponse secrète.</p>"
        "<p>Ce mail est envoyé automatiquement, merci de ne pas y répondre.</p>"
        "</body></html>"
    )
    return ComposedMail(subject=OBJET_CODE_VOTE, text=text, html=html)
