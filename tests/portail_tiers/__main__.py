"""`python -m tests.portail_tiers`: start this portal on 127.0.0.1, port 0 by default,
and print its URL once it accepts connections."""

from __future__ import annotations

import argparse
import asyncio
import socket
import sys
from pathlib import Path

import uvicorn

from fixtures.arguments import hote_et_port
from fixtures.liste import ListeInvalide
from tests.portail_tiers.app import Reglages, creer_app
from tests.portail_tiers.magasin import Magasin


def main() -> int:
    """Parse the options, load the roll, serve until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.portail_tiers",
        description="Un petit portail Élections écrit autrement que celui de référence, "
        "pour éprouver le harnais contre un portail qu'il ne connaît que par son vocabulaire.",
    )
    parser.add_argument("--port", type=int, default=0, help="port d'écoute (défaut : 0, libre)")
    parser.add_argument(
        "--liste", type=Path, action="append", required=True,
        help="comptes (CSV de la liste) ; répétable, une adresse n'y figure qu'une fois",
    )  # fmt: skip
    parser.add_argument("--secret", required=True, help="secret de la liste (comptes actif)")
    parser.add_argument("--captcha-recette", default="", help="code accepté par tout CAPTCHA")
    parser.add_argument(
        "--smtp", type=hote_et_port, required=True, metavar="HOTE:PORT",
        help="serveur SMTP où partent les mails (un Mailpit)",
    )  # fmt: skip
    parser.add_argument(
        "--lien-minutes", type=float, default=30.0, help="validité d'un lien de réassort"
    )
    args = parser.parse_args()
    magasin = Magasin(args.lien_minutes)
    try:
        compte = sum(magasin.charger(liste, args.secret) for liste in args.liste)
    except ListeInvalide as exc:
        print(exc.message, file=sys.stderr)
        return 2
    hote, port_smtp = args.smtp
    app = creer_app(Reglages(args.captcha_recette, hote, port_smtp, args.lien_minutes), magasin)
    prise = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    prise.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    prise.bind(("127.0.0.1", args.port))
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    serveur = uvicorn.Server(config)
    # The socket listens before the URL is printed: a reader of that line may connect.
    prise.listen(128)
    print(f"Portail tiers http://127.0.0.1:{prise.getsockname()[1]} ({compte} comptes)",
          flush=True)  # fmt: skip
    asyncio.run(serveur.serve(sockets=[prise]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
