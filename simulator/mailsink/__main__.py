"""`python -m simulator.mailsink`: the SMTP sink and its Mailpit-shaped API alone, for a
portal that is not ours (a recette portal, `tests/portail_tiers/`) to send its mails to."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from fixtures.arguments import port
from simulator.mailsink.sink import MailSink


def build_parser() -> argparse.ArgumentParser:
    """The command line of the sink alone, with French help."""
    parser = argparse.ArgumentParser(
        prog="python -m simulator.mailsink",
        description=(
            "Puits de courrier seul : reçoit en SMTP tout mail qu'un portail lui envoie et "
            "le sert par une API de la forme de celle de Mailpit (celle que lisent "
            "--mail-api-url et les personas Locust), avec une page pour les lire."
        ),
        epilog=(
            "Un port à 0 laisse choisir un port libre ; les adresses retenues sont "
            "affichées. Ctrl-C ou SIGTERM l'arrête ; les mails reçus sont perdus (gardés "
            "en mémoire seulement)."
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="adresse d'écoute (défaut : %(default)s)"
    )
    parser.add_argument(
        "--smtp-port", type=port, default=1025,
        help="port SMTP où le portail envoie ses mails (défaut : %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--api-port", "--mail-port", dest="api_port", type=port, default=8025,
        help="port de l'API et de la page des mails (défaut : %(default)s)",
    )  # fmt: skip
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Start the sink, print where it listens, serve until Ctrl-C or SIGTERM."""
    args = build_parser().parse_args(argv)
    try:
        sink = MailSink(host=args.host, smtp_port=args.smtp_port, api_port=args.api_port).start()
    except (OSError, RuntimeError) as exc:
        # A port already taken surfaces here (aiosmtpd wraps it in a RuntimeError).
        print(f"erreur : le puits ne démarre pas ({exc})", file=sys.stderr)
        return 1
    print(f"SMTP du puits : {args.host}:{sink.smtp_port}", flush=True)
    print(f"API des mails : {sink.api_url}  (--mail-api-url ; page : {sink.api_url}/)",
          flush=True)  # fmt: skip
    print("Ctrl-C pour arrêter.", flush=True)
    # SIGTERM (CI, a script's `kill`) ends the sink as cleanly as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sink.stop()
        print("Puits arrêté.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
