"""`python -m simulator`: the reference portal, its SMTP sink and mail API, from the shell."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from fixtures.arguments import duree_s, entier_naturel, entier_positif, hote_et_port, port
from fixtures.identifiants import SECRET_DEMONSTRATION
from simulator.commandes.chargement import charger_et_annoncer
from simulator.commandes.travailleurs import SETTINGS_ENV, settings_to_env
from simulator.commandes.vote import (
    ParametresRefuses,
    UrneNonVide,
    ajouter_options_vote,
    fenetre,
    preparer_vote,
    reglages_vote,
)
from simulator.errors import PortalError
from simulator.mailsink import MailSink
from simulator.settings import ContactAssistance, ReglesElection, Settings
from simulator.storage import Database


def build_parser() -> argparse.ArgumentParser:
    """The command line of the simulator, with French help."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description=(
            "Portail de référence des Élections professionnelles : écrans du guide de "
            "l'électeur, base SQLite embarquée, puits SMTP et API mail compatible Mailpit."
        ),
        epilog="Un port à 0 laisse choisir un port libre ; les ports retenus sont affichés.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="adresse d'écoute (défaut : %(default)s)"
    )
    parser.add_argument(
        "--port", type=port, default=8000, help="port du portail (défaut : %(default)s)"
    )
    parser.add_argument(
        "--smtp-port", type=port, default=1025, help="port du puits SMTP (défaut : %(default)s)"
    )
    parser.add_argument(
        "--mail-port",
        type=port,
        default=8025,
        help="port de l'API et de la page des mails (défaut : %(default)s)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=Path("var/portail.sqlite3"),
        help="fichier SQLite (défaut : %(default)s, créé s'il manque)",
    )
    parser.add_argument(
        "--voters",
        dest="liste",
        type=Path,
        metavar="CSV",
        help="liste électorale à charger si la base n'a encore aucun électeur",
    )
    parser.add_argument(
        "--secret",
        help="secret de la liste, d'où sont dérivés les mots de passe des électeurs « actif » "
        "(simulation des comptes), servi au chargement puis oublié ; jamais les codes de "
        "vote, qui sont à l'autorité de credentials (défaut : celui de la démonstration, "
        f"{SECRET_DEMONSTRATION!r}, quand --voters charge une liste ; sinon aucun)",
    )
    parser.add_argument(
        "--test-hooks",
        action="store_true",
        help="active les points d'accès de test /__test__/… (jamais en production)",
    )
    parser.add_argument(
        "--captcha-recette",
        metavar="CODE",
        help="joue un portail de recette : CODE (des chiffres) est accepté en réponse à "
        "tout CAPTCHA, comme le code de contournement d'un portail de recette ; sans "
        "--test-hooks",
    )
    parser.add_argument(
        "--hash-cost",
        choices=("production", "fast"),
        default="production",
        help="coût Argon2id : production (défaut) ou fast (tests, charge)",
    )
    parser.add_argument(
        "--workers",
        type=entier_positif,
        default=1,
        help="nombre de processus du portail partageant la base (défaut : 1)",
    )
    assistance = ContactAssistance()
    parser.add_argument(
        "--assistance-libelle",
        default=assistance.libelle,
        help="cellule d'assistance affichée dans l'aide (défaut : « %(default)s »)",
    )
    parser.add_argument(
        "--assistance-telephone",
        default=assistance.telephone,
        help="téléphone de l'assistance (défaut : %(default)s)",
    )
    parser.add_argument(
        "--assistance-mail",
        default=assistance.mail,
        help="adresse de l'assistance (défaut : %(default)s)",
    )
    parser.add_argument(
        "--lien-duree",
        type=duree_s,
        default=ReglesElection.duree_lien_reassort_s,
        metavar="MINUTES",
        help="durée de vie des liens de réassort, en minutes, ou en secondes suivie de s "
        f"(120s) ; défaut : {ReglesElection.duree_lien_reassort_s // 60} min",
    )
    parser.add_argument(
        "--limite-formulaires",
        type=entier_naturel,
        default=Settings.posts_per_minute,
        metavar="N",
        help="plafond de formulaires envoyés par minute et par adresse avant refus 429, bien "
        "au-dessus d'une foule derrière un proxy ; 0 pour désactiver (défaut : %(default)s)",
    )
    parser.add_argument(
        "--limite-captcha",
        type=entier_naturel,
        default=Settings.captcha_failures_per_window,
        metavar="N",
        help="CAPTCHA faux tolérés par adresse et par quart d'heure avant refus 429, plus un "
        "par électeur entré depuis cette adresse ; 0 pour désactiver (défaut : %(default)s)",
    )
    parser.add_argument(
        "--limite-mots-de-passe",
        type=entier_naturel,
        default=Settings.password_failures_per_window,
        metavar="N",
        help="mots de passe faux tolérés par adresse et par quart d'heure, tous identifiants "
        "confondus, plus un par électeur entré depuis cette adresse ; 0 pour désactiver "
        "(défaut : %(default)s)",
    )
    parser.add_argument(
        "--url-publique",
        metavar="URL",
        help="adresse publique du portail, celle des liens envoyés par mail ; en https://, "
        "le cookie de session est Secure et Strict-Transport-Security est envoyé (défaut : "
        "http://HOST:PORT)",
    )
    parser.add_argument(
        "--title",
        default=ReglesElection.titre_election,
        help="titre de l'élection affiché (défaut : « %(default)s »)",
    )
    parser.add_argument(
        "--smtp-externe",
        metavar="HOTE:PORT",
        type=hote_et_port,
        help="n'ouvre pas de puits : les mails partent vers ce serveur SMTP (un Mailpit, ou "
        "un puits qui doit survivre au portail) ; --smtp-port et --mail-port sont ignorés",
    )
    ajouter_options_vote(parser)
    return parser


def settings_from_args(
    args: argparse.Namespace,
    smtp: tuple[str, int],
    public_url: str,
    fenetre: tuple[float, float],
) -> Settings:
    """Turn parsed options (the SMTP server mails go to, and the voting window read from
    them) into frozen settings."""
    return Settings(
        db_path=args.db,
        hash_cost=args.hash_cost,
        test_hooks=args.test_hooks,
        smtp_host=smtp[0],
        smtp_port=smtp[1],
        public_url=public_url,
        posts_per_minute=args.limite_formulaires,
        captcha_failures_per_window=args.limite_captcha,
        password_failures_per_window=args.limite_mots_de_passe,
        election=ReglesElection(
            titre_election=args.title,
            captcha_recette=args.captcha_recette,
            assistance=ContactAssistance(
                libelle=args.assistance_libelle,
                telephone=args.assistance_telephone,
                mail=args.assistance_mail,
            ),
            duree_lien_reassort_s=args.lien_duree,
            **reglages_vote(args, fenetre),
        ),
    )


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Start the sink and the portal; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.captcha_recette is not None:
        if args.test_hooks:
            parser.error(
                "--captcha-recette joue un portail de recette, qui n'a pas de points "
                "d'accès de test : retirez --test-hooks"
            )
        if not args.captcha_recette.isdigit():
            parser.error("--captcha-recette : le code ne contient que des chiffres")
    ouverture, cloture = fenetre(parser, args)
    try:
        charger_et_annoncer(args)
        ouverture, cloture = preparer_vote(Database(args.db), args, ouverture, cloture)
    except PortalError as exc:
        print(f"erreur : {exc.message}", file=sys.stderr)
        return 1
    except (UrneNonVide, ParametresRefuses) as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    sink = (
        None
        if args.smtp_externe
        else MailSink(host=args.host, smtp_port=args.smtp_port, api_port=args.mail_port).start()
    )
    smtp = args.smtp_externe or (args.host, sink.smtp_port if sink else 0)
    config = uvicorn.Config(
        "simulator.commandes.travailleurs:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
    )
    sock = config.bind_socket()
    # Without TCP_NODELAY on the listening socket, keep-alive responses wait ~40 ms for
    # a delayed ACK (Nagle): inherited by accepted sockets, it keeps latency honest.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    # Listen now, so connections made as soon as the banner is printed wait in the
    # backlog instead of being refused while the workers start.
    sock.listen(config.backlog)
    port = sock.getsockname()[1]
    public_url = (args.url_publique or f"http://{args.host}:{port}").rstrip("/")
    settings = settings_from_args(args, smtp, public_url, (ouverture, cloture))
    os.environ[SETTINGS_ENV] = settings_to_env(settings)
    print(f"Portail Élections : http://{args.host}:{port}/", flush=True)
    if sink is not None:
        print(f"Mails capturés    : {sink.api_url}/  (SMTP {smtp[0]}:{smtp[1]})", flush=True)
    else:
        print(f"Mails envoyés à   : SMTP {smtp[0]}:{smtp[1]} (puits externe)", flush=True)
    if args.captcha_recette:
        print(
            f"Mode recette : tout CAPTCHA accepte le code {args.captcha_recette}, "
            "sans points d'accès de test.",
            flush=True,
        )
    print("Ctrl-C pour arrêter.", flush=True)
    # SIGTERM (CI, service managers) ends the portal as cleanly as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.workers > 1:
            Multiprocess(config, sockets=[sock]).run()
        else:
            uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        if sink is not None:
            sink.stop()
        print("Portail arrêté.", flush=True)
    return 0
