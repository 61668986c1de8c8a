"""Files of the election: public ones in a publication folder (what the verifier reads),
secret ones (a trustee's key share) readable by their owner only.

A secret file is created with mode 600 and never overwritten (O_EXCL): sealing twice must
not silently replace a trustee's share. Reading one refuses a file that its group or
others may read, as ssh does with a private key.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from chiffrement.erreurs import ErreurChiffrement
from chiffrement.hachage import empreinte
from chiffrement.verificateur import (
    CREDENTIALS,
    DECHIFFREMENTS,
    EMARGEMENTS,
    EMPREINTE,
    PARAMETRES,
    RESULTATS,
    TABLEAU,
    TALLY,
)


class FichierRefuse(ErreurChiffrement):
    """A secret file that exists already, or that others could read."""


def ecrire_json(chemin: Path, contenu: Any) -> None:
    """Write a public JSON file atomically (a reader never sees half of it)."""
    provisoire = chemin.with_name(chemin.name + ".provisoire")
    provisoire.write_text(json.dumps(contenu, ensure_ascii=False, indent=1) + "\n", "utf-8")
    os.replace(provisoire, chemin)


def publier(dossier: Path, **fichiers: Any) -> list[Path]:
    """Write the given pieces of a publication folder, under the verifier's names:
    parametres, credentials, tableau (the entries), emargements, tally, dechiffrements,
    resultats; `parametres` also writes its fingerprint file."""
    noms = {
        "parametres": PARAMETRES,
        "credentials": CREDENTIALS,
        "tableau": TABLEAU,
        "emargements": EMARGEMENTS,
        "tally": TALLY,
        "dechiffrements": DECHIFFREMENTS,
        "resultats": RESULTATS,
    }
    inconnus = set(fichiers) - set(noms)
    if inconnus:
        raise ValueError(f"pièces inconnues : {sorted(inconnus)}")
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits = []
    for cle, contenu in fichiers.items():
        valeur = {"entrees": contenu} if cle == "tableau" else contenu
        ecrire_json(dossier / noms[cle], valeur)
        ecrits.append(dossier / noms[cle])
        if cle == "parametres":
            (dossier / EMPREINTE).write_text(empreinte(contenu) + "\n", encoding="utf-8")
            ecrits.append(dossier / EMPREINTE)
    return ecrits


def ecrire_secret(chemin: Path, contenu: Any) -> None:
    """Create a secret JSON file, mode 600 (its folder 700 if created here), refusing to
    replace an existing one."""
    chemin.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise FichierRefuse(f"{chemin} existe déjà : jamais écrasé") from None
    with os.fdopen(fd, "w", encoding="utf-8") as sortie:
        json.dump(contenu, sortie, ensure_ascii=False)
        sortie.write("\n")


def lire_secret(chemin: Path) -> Any:
    """Read a secret JSON file; refuse one that its group or others may read."""
    try:
        mode = chemin.stat().st_mode
    except FileNotFoundError:
        raise FichierRefuse(f"{chemin} : fichier absent") from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise FichierRefuse(
            f"{chemin} est lisible par d'autres que son propriétaire "
            f"(mode {stat.S_IMODE(mode):o}) : chmod 600 {chemin}"
        )
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise FichierRefuse(f"{chemin} : JSON illisible ({e})") from None
