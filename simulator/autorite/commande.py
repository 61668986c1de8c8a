"""`python -m simulator autorite …`: the credential authority's commands, run apart from
the portal (its own process, its own files):

- `generer`: from the roll, its secret and the public parameters, the public credentials
  file the portal loads (`--credentials`), and the notices' codes if asked;
- `notice`: the code de vote one voter's notice carries (the demonstration's banner);
- `servir`: the small service the portal asks for a new credential at a réassort of the
  code de vote; it mails the new code itself.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from chiffrement.credentials_publiques import CredentialsRefusees, exiger_accord, lire_credentials
from fixtures.arguments import entier_positif, hote_et_port, port
from fixtures.console import stderr_progress
from fixtures.identifiants import SECRET_DEMONSTRATION, deriver_code_vote, normalise_identifiant
from fixtures.liste import ListeInvalide, lire_liste
from simulator.asgi.signature import CleRefusee, creer_cle, lire_cle
from simulator.autorite.generation import cle_de_signature, generer, processus_par_defaut
from simulator.autorite.registre import REGISTRE, RegistreReassorts
from simulator.autorite.service import ReglagesAutorite, creer_app, noms_de_la_liste
from simulator.settings import ReglesElection
from simulator.vote.errors import ParametresRefuses
from simulator.vote.parametres_publics import lire_parametres_publies

DESCRIPTION = (
    "Autorité de credentials (modèle de Belenios), à part du portail : elle tient le secret "
    "de la liste, donne à chaque électeur son code de vote (celui de la notice) et ne "
    "remet au portail que les credentials publiques g^x ; au réassort du code de vote, "
    "elle tire le nouveau code, l'envoie elle-même par mail et ne renvoie au portail que "
    "la nouvelle credential publique."
)


def _options_communes(parser: argparse.ArgumentParser, secret: bool) -> None:
    parser.add_argument(
        "--voters", dest="liste", type=Path, metavar="CSV", required=secret,
        help="liste électorale (format de fixtures/liste.py)",
    )  # fmt: skip
    if secret:
        parser.add_argument(
            "--secret",
            default=SECRET_DEMONSTRATION,
            help="secret de la liste, d'où sont dérivés les codes de vote des notices ; "
            "l'autorité seule le tient, jamais le portail (défaut : celui de la démonstration)",
        )


def _parametres(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--parametres", type=Path, metavar="DOSSIER", default=Path("var/publication"),
        help="paramètres publics publiés par le bureau (python -m simulator sceller) : "
        "identifiant de l'élection et nombre d'itérations de la dérivation (défaut : "
        "%(default)s)",
    )  # fmt: skip


def construire_parser() -> argparse.ArgumentParser:
    """The authority's command line, one subcommand per task, French help."""
    parser = argparse.ArgumentParser(prog="python -m simulator autorite", description=DESCRIPTION)
    sous = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")
    g = sous.add_parser(
        "generer",
        help="credentials publiques de toute la liste, pour le portail",
        description="Dérive le code de vote de chaque électeur de la liste (celui de sa "
        "notice) puis sa credential publique g^x, et écrit le fichier de credentials "
        "publiques que le portail charge (--credentials FICHIER), avec son empreinte. "
        "Fichiers en mode 600, jamais écrasés.",
    )
    _options_communes(g, secret=True)
    _parametres(g)
    g.add_argument(
        "--sortie", type=Path, default=Path("var/autorite/credentials.jsonl"), metavar="FICHIER",
        help="fichier de credentials publiques à écrire (défaut : %(default)s)",
    )  # fmt: skip
    g.add_argument(
        "--notices", type=Path, metavar="FICHIER",
        help="écrit aussi les codes de vote des notices (identifiant;code de vote), pour "
        "l'imprimeur ; sans cette option, aucun code n'est écrit",
    )  # fmt: skip
    g.add_argument(
        "--cle-signature", type=Path, metavar="FICHIER",
        help="clé avec laquelle l'autorité signe les credentials de ses réassorts (mode "
        "600), créée si elle manque ; le fichier de credentials en nomme la partie publique, "
        "que le vérificateur lit (défaut : signature.cle à côté de --sortie)",
    )  # fmt: skip
    g.add_argument(
        "--processus", type=entier_positif, default=processus_par_defaut(),
        help="processus de dérivation en parallèle (défaut : un par cœur, %(default)s)",
    )  # fmt: skip
    n = sous.add_parser(
        "notice",
        help="le code de vote de la notice d'un électeur",
        description="Affiche le code de vote que porte la notice d'un électeur (par défaut "
        "le premier électeur « actif » de la liste, celui de la démonstration).",
    )
    _options_communes(n, secret=True)
    n.add_argument(
        "--electeur", metavar="IDENTIFIANT", help="l'électeur (défaut : le premier actif)"
    )
    s = sous.add_parser(
        "servir",
        help="le service de réassort du code de vote, que seul le portail appelle",
        description="Sert le réassort du code de vote au portail (POST /reassort, signé "
        "avec la clé partagée) : tire un nouveau code, l'envoie par mail à l'électeur, "
        "répond au portail par la seule credential publique.",
    )
    _options_communes(s, secret=False)
    _parametres(s)
    s.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : %(default)s)")
    s.add_argument(
        "--port", type=port, default=8026, help="port du service (0 : un port libre ; "
        "défaut : %(default)s)",
    )  # fmt: skip
    s.add_argument(
        "--cle", type=Path, default=Path("var/autorite/portail.cle"), metavar="FICHIER",
        help="clé partagée avec le portail (mode 600), créée si elle manque ; le portail la "
        "lit avec --autorite-cle (défaut : %(default)s)",
    )  # fmt: skip
    s.add_argument(
        "--cle-signature", type=Path, default=Path("var/autorite/signature.cle"),
        metavar="FICHIER",
        help="clé de signature de l'autorité, celle que generer a nommée dans le fichier de "
        "credentials ; chaque credential d'un réassort en porte la signature (défaut : "
        "%(default)s ; créée si elle manque, mais alors aucun fichier ne la nomme)",
    )  # fmt: skip
    s.add_argument(
        "--credentials", type=Path, metavar="FICHIER",
        help="le fichier de credentials publiques de generer : un réassort ne remplace alors "
        "qu'une credential que l'autorité a donnée à cet électeur (celle de sa notice, ou "
        "d'un réassort), sinon 409 ; sans lui, toute credential nommée par le portail "
        "(portails de test)",
    )  # fmt: skip
    s.add_argument(
        "--registre", type=Path, metavar="FICHIER",
        help="registre des credentials données par réassort, avec --credentials (mode 600, "
        "complété, jamais réécrit ; défaut : reassorts.jsonl à côté de --credentials)",
    )  # fmt: skip
    s.add_argument(
        "--smtp", type=hote_et_port, default=("127.0.0.1", 1025), metavar="HOTE:PORT",
        help="serveur SMTP des mails de code de vote (défaut : 127.0.0.1:1025, le puits de "
        "make run)",
    )  # fmt: skip
    s.add_argument(
        "--titre", default=ReglesElection.titre_election,
        help="titre de l'élection nommé dans le mail (défaut : « %(default)s »)",
    )  # fmt: skip
    return parser


def _generer(args: argparse.Namespace) -> int:
    parametres = lire_parametres_publies(args.parametres)
    print(
        f"Dérivation des credentials de {args.liste} ({parametres.iterations} itérations, "
        f"{args.processus} processus)…",
        flush=True,
    )
    fait = generer(
        args.liste, args.secret, parametres, args.sortie, args.notices, args.processus,
        stderr_progress("Credentials"), args.cle_signature,
    )  # fmt: skip
    print(
        f"Credentials publiques de {fait.electeurs} électeurs dans {args.sortie} "
        f"({fait.duree_s:.1f} s, {fait.par_seconde:.0f}/s) ; empreinte à comparer avec celle "
        f"qu'affiche le portail : {fait.empreinte}"
    )
    if args.notices is not None:
        print(f"Codes de vote des notices dans {args.notices} (mode 600).")
    print(f"Le portail les charge : python -m simulator --credentials {args.sortie}")
    return 0


def _notice(args: argparse.Namespace) -> int:
    voulu = normalise_identifiant(args.electeur) if args.electeur else None
    for _ligne, champs in lire_liste(args.liste):
        email = normalise_identifiant(champs[3])
        if email == voulu or (voulu is None and champs[7] == "actif"):
            code = deriver_code_vote(email, args.secret)
            print(f"Notice de {email} (autorité de credentials) : code de vote {code}")
            return 0
    print(f"erreur : {voulu or 'aucun électeur actif'} absent de {args.liste}", file=sys.stderr)
    return 1


def _interrompre(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _servir(args: argparse.Namespace) -> int:
    from simulator.asgi.server import ServerThread

    parametres = lire_parametres_publies(args.parametres)
    if creer_cle(args.cle):
        print(f"Clé partagée avec le portail créée : {args.cle} (mode 600)")
    signature, creee = cle_de_signature(args.cle_signature)
    if creee:
        print(
            f"Clé de signature créée : {args.cle_signature} (mode 600) ; aucun fichier de "
            "credentials ne la nomme, le vérificateur n'en acceptera pas les réassorts"
        )
    noms = noms_de_la_liste(args.liste) if args.liste is not None else None
    registre = None
    if args.credentials is not None:
        publiques = lire_credentials(args.credentials)
        exiger_accord(publiques, parametres)
        chemin = args.registre or args.credentials.with_name(REGISTRE)
        registre = RegistreReassorts(publiques.credentials, chemin)
        print(f"Registre des réassorts : {chemin}", flush=True)
    reglages = ReglagesAutorite(
        parametres, lire_cle(args.cle), args.smtp, args.titre, noms, signature, registre
    )
    serveur = ServerThread(args.host, args.port)
    signal.signal(signal.SIGTERM, _interrompre)
    serveur.start(creer_app(reglages))
    portee = f"{len(noms)} électeurs de {args.liste}" if noms is not None else "tout électeur"
    smtp = f"{args.smtp[0]}:{args.smtp[1]}"
    print(f"Autorité de credentials : {serveur.url}/ ({portee}, SMTP {smtp})", flush=True)
    print(f"Le portail l'appelle : --autorite {serveur.url} --autorite-cle {args.cle}", flush=True)
    try:
        signal.pause()  # until Ctrl-C or SIGTERM; the service runs in its thread
    except KeyboardInterrupt:
        pass
    finally:
        serveur.stop()
        print("Autorité arrêtée.", flush=True)
    return 0


COMMANDES = {"generer": _generer, "notice": _notice, "servir": _servir}


def main(argv: list[str]) -> int:
    """Run one of the authority's commands; return its exit status."""
    args = construire_parser().parse_args(argv)
    os.umask(0o077)  # whatever the authority writes is its own
    try:
        return COMMANDES[args.commande](args)
    except (ParametresRefuses, CredentialsRefusees, CleRefusee, ListeInvalide) as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a file that exists, a port taken
        print(f"erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
