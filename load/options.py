"""Command-line options shared by every load profile (French help, `locust --help`)."""

from __future__ import annotations

import argparse
import logging
import os
import threading
from pathlib import Path
from typing import Any

from locust import events
from locust.runners import MasterRunner, WorkerRunner

from fixtures import arguments
from fixtures.liste import ListeInvalide
from harnais.vocabulaire import VocabulaireInvalide, utiliser
from load.comptes import comptes_du_worker

# Seconds between two voters of one Locust user, unless --parcours-s says otherwise.
PARCOURS_S = 20.0

# Exit status of a run stopped before it started for a bad option (as argparse's).
OPTIONS_REFUSEES = 2


@events.init_command_line_parser.add_listener
def ajouter_options(parser: Any) -> None:
    """Register the profiles' own options (also readable from LOCUST_* variables)."""
    group = parser.add_argument_group("Élections professionnelles")
    group.add_argument(
        "--mail-api-url",
        default=os.environ.get("MAIL_API_URL", ""),
        help="API mail compatible Mailpit du portail visé (défaut : port 8025 de l'hôte visé)",
    )
    group.add_argument(
        "--mail-imap",
        default=os.environ.get("MAIL_IMAP", ""),
        metavar="URL",
        help="boîte IMAP des comptes de test au lieu de l'API Mailpit : "
        "imaps://UTILISATEUR@HÔTE[:PORT]/DOSSIER, mot de passe dans MAIL_IMAP_MOT_DE_PASSE",
    )
    group.add_argument(
        "--captcha-code",
        default=os.environ.get("CAPTCHA_CODE", ""),
        help="code de contournement du CAPTCHA d'un portail de recette "
        "(sinon : point d'accès de test)",
    )
    group.add_argument(
        "--liste",
        default="",
        metavar="CSV",
        help="liste électorale d'où viennent les comptes (sinon : comptes créés "
        "par le point d'accès de test)",
    )
    group.add_argument(
        "--secret-liste",
        default="secret-de-demonstration",
        help="secret de la liste, d'où dérivent les mots de passe « actif »",
    )
    group.add_argument(
        "--parties-liste",
        type=arguments.entier_naturel,
        default=0,
        metavar="K",
        help="nombre de workers se partageant la liste (défaut : --processes, "
        "ou 1) ; chaque worker prend une part disjointe",
    )
    group.add_argument(
        "--vocabulaire",
        default=os.environ.get("VOCABULAIRE", ""),
        metavar="TOML",
        help="libellés et chemins d'un autre portail, posés sur ceux du guide "
        "(harnais/vocabulaire.toml)",
    )
    group.add_argument(
        "--facteur",
        type=arguments.nombre_positif,
        default=1.0,
        help="réduit les débits des formes (0,1 : dix fois moins) ; défaut 1",
    )
    group.add_argument(
        "--echelle-temps",
        type=arguments.nombre_positif,
        default=1.0,
        help="accélère les formes (60 : une heure jouée en une minute) ; défaut 1",
    )
    group.add_argument(
        "--electorat", type=arguments.entier_positif, default=1_100_000, help="électeurs inscrits"
    )
    group.add_argument(
        "--participation", type=arguments.part, default=0.40, help="part de votants (défaut : 0.4)"
    )
    group.add_argument(
        "--part-ouverture",
        type=arguments.part,
        default=0.25,
        help="part des votants arrivant dans la première demi-heure",
    )
    group.add_argument(
        "--parcours-s",
        type=arguments.nombre_positif,
        default=PARCOURS_S,
        help="intervalle moyen entre deux électeurs d'un même utilisateur Locust, plus "
        "long qu'une visite : arrivées/s = utilisateurs / parcours-s ; défaut 20",
    )
    group.add_argument(
        "--chauffe-s",
        type=arguments.nombre_naturel,
        default=0.0,
        help="secondes du début exclues des statistiques (montée des utilisateurs)",
    )
    group.add_argument(
        "--slo-p95-ms",
        type=arguments.nombre_positif,
        default=None,
        help="seuil du 95e centile par écran (défaut : pyproject.toml)",
    )
    group.add_argument(
        "--slo-erreurs",
        type=arguments.part,
        default=None,
        help="part d'erreurs tolérée (défaut : pyproject.toml)",
    )
    group.add_argument(
        "--slo-mail-p95-s",
        type=arguments.nombre_positif,
        default=None,
        help="seuil du 95e centile du délai des mails (défaut : pyproject.toml)",
    )


@events.test_start.add_listener
def exclure_la_chauffe(environment: Any, **_kwargs: Any) -> None:
    """With `--chauffe-s`, reset the statistics once the warm-up is over, on the master
    (or the single process): what follows is measured on a settled load."""
    options = environment.parsed_options
    chauffe = float(getattr(options, "chauffe_s", 0.0) or 0.0)
    if chauffe <= 0 or isinstance(environment.runner, WorkerRunner):
        return
    # A timer thread is a greenlet here: Locust's processes are monkey-patched by gevent.
    timer = threading.Timer(chauffe, environment.stats.reset_all)
    timer.daemon = True
    timer.start()


@events.test_start.add_listener
def verifier_la_liste(environment: Any, **_kwargs: Any) -> None:
    """Put `--vocabulaire` in force, and stop at once, with a French message and status 2,
    when it or `--liste` cannot be used (no file, a bad line, an unknown key), rather than
    let every simulated voter fail on it.

    Checked where voters are simulated (a worker holds the master's options by then), not
    at parse time: the master of a distributed run need not hold the roll itself.
    """
    options = environment.parsed_options
    if options is None or isinstance(environment.runner, MasterRunner):
        return
    try:
        utiliser(Path(options.vocabulaire) if options.vocabulaire else None)
    except VocabulaireInvalide as exc:
        _refuser(environment, f"--vocabulaire : {exc} ; aucun électeur simulé.")
        return
    if not options.liste:
        return
    try:
        arguments.fichier_lisible(options.liste)
        comptes_du_worker(environment)  # reads and checks this worker's share now
    except argparse.ArgumentTypeError as exc:
        _refuser(environment, f"--liste : {exc} ; aucun électeur simulé.")
    except ListeInvalide as exc:
        _refuser(environment, f"--liste : {exc} ; aucun électeur simulé.")


def _refuser(environment: Any, message: str) -> None:
    """Stop the run before any voter, with a French message and status 2."""
    logging.getLogger(__name__).error("%s", message)
    environment.process_exit_code = OPTIONS_REFUSEES
    # Not from inside the listener, which runs within the runner's start; a timer
    # thread is a greenlet here (Locust's processes are monkey-patched by gevent).
    threading.Timer(0, environment.runner.quit).start()
