"""`python -m chiffrement tiers …`: the key ceremony, each trustee on their own machine.

Only public files travel, through an exchange folder the bureau relays (a shared folder,
a USB stick): channel keys, commitments, shares sealed to their recipient. Each secret is
written once, mode 600, by its holder's own command; no one ever holds the election key.

  tiers ouvrir J --canal canal-J.prive            delegate J, round 1
  tiers distribuer I --nom NOM                    delegate I, round 2
  tiers recevoir J --canal canal-J.prive --sortie delegue-J.cle     round 3
  tiers president --nom NOM --sortie president.cle
  tiers assembler --scrutins S.json --election ID --nom NOM --publication DOSSIER
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from chiffrement import ceremonie
from chiffrement.credential import ITERATIONS_PAR_DEFAUT
from chiffrement.fichiers import ecrire_json, ecrire_secret, lire_secret, publier
from chiffrement.parametres import construire_parametres, lire_parametres

SEUIL = 2


def _lire(chemin: Path) -> Any:
    return json.loads(chemin.read_text(encoding="utf-8"))


def _ouvrir(args: argparse.Namespace) -> str:
    secrets, canal = ceremonie.ouvrir_delegue(args.indice)
    ecrire_secret(args.canal, {"indice": args.indice, "canal": secrets.cle_canal.hex()})
    ecrire_json(
        args.echanges / f"canal-{args.indice}.json", {"indice": args.indice, "canal": canal}
    )
    return f"délégué {args.indice} : clé de canal publiée, sa moitié privée dans {args.canal}"


def _canaux(echanges: Path) -> dict[int, str]:
    lus = [_lire(c) for c in sorted(echanges.glob("canal-*.json"))]
    return {int(c["indice"]): str(c["canal"]) for c in lus}


def _distribuer(args: argparse.Namespace) -> str:
    canaux = _canaux(args.echanges)
    if args.indice not in canaux or len(canaux) < SEUIL:
        raise ValueError("il faut d'abord le canal de chaque délégué, celui-ci compris")
    public, scellees = ceremonie.distribuer(args.indice, args.nom, SEUIL, canaux)
    ecrire_json(args.echanges / f"public-{args.indice}.json", public)
    for j, scellee in scellees.items():
        ecrire_json(args.echanges / f"part-{args.indice}-pour-{j}.json", {"scellee": scellee})
    return f"délégué {args.indice} : engagements et {len(scellees)} parts scellées publiés"


def _publics(echanges: Path) -> dict[int, dict[str, Any]]:
    return {
        int(p.stem.removeprefix("public-")): _lire(p)
        for p in sorted(echanges.glob("public-*.json"))
    }


def _recevoir(args: argparse.Namespace) -> str:
    prive = lire_secret(args.canal)
    secrets = ceremonie.SecretsDelegue(int(prive["indice"]), bytes.fromhex(prive["canal"]))
    publics = _publics(args.echanges)
    parts = {
        i: str(_lire(args.echanges / f"part-{i}-pour-{secrets.indice}.json")["scellee"])
        for i in publics
    }
    part = ceremonie.recevoir(secrets, parts, publics)
    ecrire_secret(args.sortie, {"secret": str(part)})
    return f"délégué {secrets.indice} : {len(parts)} parts vérifiées, sa clé dans {args.sortie}"


def _president(args: argparse.Namespace) -> str:
    secret, public = ceremonie.ouvrir_president(args.nom)
    ecrire_secret(args.sortie, {"secret": str(secret)})
    ecrire_json(args.echanges / "president.json", public)
    return f"président : clé publique publiée, sa clé dans {args.sortie}"


def _assembler(args: argparse.Namespace) -> str:
    publics = _publics(args.echanges)
    tiers = {
        "president": _lire(args.echanges / "president.json"),
        "seuil": SEUIL,
        "delegues": [publics[i] for i in sorted(publics)],
    }
    if sorted(publics) != list(range(1, len(publics) + 1)):
        raise ValueError(f"délégués publiés : {sorted(publics)} ; il les faut de 1 à n")
    periode = None if args.cloture is None else (args.ouverture, args.cloture)
    document = construire_parametres(
        args.election, args.nom, _lire(args.scrutins), tiers, args.iterations, periode
    )
    parametres = lire_parametres(document)
    publier(args.publication, parametres=document)
    return f"paramètres publiés dans {args.publication} ; empreinte : {parametres.empreinte}"


def ajouter(commandes: Any) -> None:
    """Add `tiers` and its sub-commands to `python -m chiffrement`."""
    tiers = commandes.add_parser("tiers", help="cérémonie des clés, chaque tiers chez lui")
    etapes = tiers.add_subparsers(dest="etape", required=True)
    commun = argparse.ArgumentParser(add_help=False)
    commun.add_argument(
        "--echanges", type=Path, default=Path("echanges"), help="dossier des fichiers publics"
    )
    o = etapes.add_parser("ouvrir", parents=[commun], help="ronde 1 d'un délégué")
    o.add_argument("indice", type=int)
    o.add_argument("--canal", type=Path, required=True, help="fichier privé du canal (600)")
    o.set_defaults(action=_ouvrir)
    d = etapes.add_parser("distribuer", parents=[commun], help="ronde 2 d'un délégué")
    d.add_argument("indice", type=int)
    d.add_argument("--nom", required=True)
    d.set_defaults(action=_distribuer)
    r = etapes.add_parser("recevoir", parents=[commun], help="ronde 3 d'un délégué")
    r.add_argument("indice", type=int)
    r.add_argument("--canal", type=Path, required=True)
    r.add_argument("--sortie", type=Path, required=True, help="sa clé (delegue-N.cle, 600)")
    r.set_defaults(action=_recevoir)
    p = etapes.add_parser("president", parents=[commun], help="la clé du président")
    p.add_argument("--nom", required=True)
    p.add_argument("--sortie", type=Path, required=True, help="sa clé (president.cle, 600)")
    p.set_defaults(action=_president)
    a = etapes.add_parser("assembler", parents=[commun], help="les paramètres publics")
    a.add_argument("--scrutins", type=Path, required=True, help="JSON : liste des scrutins")
    a.add_argument("--election", required=True)
    a.add_argument("--nom", required=True)
    a.add_argument("--publication", type=Path, required=True)
    a.add_argument("--iterations", type=int, default=ITERATIONS_PAR_DEFAUT)
    a.add_argument("--ouverture", type=int, help="ouverture du vote (secondes Unix)")
    a.add_argument("--cloture", type=int, help="clôture du vote (secondes Unix)")
    a.set_defaults(action=_assembler)
