"""The bureau de vote's two acts on the core: sealing before the opening, counting after
the closing. File work only (publication folder, trustees' files); the commands of the
portal (`python -m simulator sceller | depouiller`) call these.

Sealing runs every trustee's round of `ceremonie` one after the other: each secret is
written to its holder's file (mode 600) as soon as it exists, and the shares travel
sealed, but this one process does see them all — a demonstration, or a bureau that runs
the rounds together. Counting never trusts what a key file says of itself: a key is the
president's or delegate j's because g^x equals that trustee's published key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chiffrement import ceremonie, depouillement
from chiffrement.credential import ITERATIONS_PAR_DEFAUT
from chiffrement.erreurs import ErreurChiffrement
from chiffrement.fichiers import FichierRefuse, ecrire_secret, lire_secret, publier
from chiffrement.groupe import ORDRE, puissance_g
from chiffrement.parametres import Parametres, construire_parametres, lire_parametres
from chiffrement.verificateur import (
    DECHIFFREMENTS,
    EMARGEMENTS,
    PARAMETRES,
    RESULTATS,
    TALLY,
    ecarts_emargements,
    verifier_tableau,
)

SEUIL_DELEGUES = 2
FICHIER_PRESIDENT = "president.cle"
DELAI_DE_GRACE_S = 30 * 60  # R.211-563


def fichier_delegue(indice: int) -> str:
    """The file name of delegate `indice`'s key share."""
    return f"delegue-{indice}.cle"


class DepouillementRefuse(Exception):
    """Counting refused: nothing was published. The message says why, in French, with the
    per-scrutin counts when they are known."""


class Discordance(DepouillementRefuse):
    """Ballots and émargements differ in some scrutin: nothing was published."""


def sceller(
    tiers: Path,
    publication: Path,
    election: str,
    nom: str,
    scrutins: list[dict[str, Any]],
    delegues: int = 3,
    iterations: int = ITERATIONS_PAR_DEFAUT,
    periode: tuple[int, int] | None = None,
) -> tuple[Parametres, list[Path]]:
    """Run the key ceremony, write each trustee's key share to its own file in `tiers`,
    publish the parameters and their fingerprint in `publication`. Refuses to overwrite."""
    if delegues < SEUIL_DELEGUES:
        raise FichierRefuse(f"il faut au moins {SEUIL_DELEGUES} délégués")
    fichiers = [tiers / FICHIER_PRESIDENT] + [
        tiers / fichier_delegue(j) for j in range(1, delegues + 1)
    ]
    for deja in [*fichiers, publication / PARAMETRES]:
        if deja.exists():
            raise FichierRefuse(f"{deja} existe déjà : une élection scellée ne l'est pas deux fois")
    secret_president, president = ceremonie.ouvrir_president("Président du bureau de vote")
    ecrire_secret(fichiers[0], {"election": election, "secret": str(secret_president)})
    del secret_president
    indices = range(1, delegues + 1)
    canaux_prives, canaux = {}, {}
    for j in indices:
        canaux_prives[j], canaux[j] = ceremonie.ouvrir_delegue(j)
    publics, envois = {}, {}
    for i in indices:
        publics[i], envois[i] = ceremonie.distribuer(i, f"Délégué {i}", SEUIL_DELEGUES, canaux)
    for j in indices:
        part = ceremonie.recevoir(canaux_prives[j], {i: envois[i][j] for i in indices}, publics)
        ecrire_secret(fichiers[j], {"election": election, "secret": str(part)})
    tiers_publics = {
        "president": president,
        "seuil": SEUIL_DELEGUES,
        "delegues": [publics[i] for i in indices],
    }
    document = construire_parametres(election, nom, scrutins, tiers_publics, iterations, periode)
    parametres = lire_parametres(document)
    publier(publication, parametres=document)
    return parametres, fichiers


@dataclass(frozen=True)
class Cle:
    """A trustee's key share, identified by its public key, not by its file's say."""

    tiers: str
    indice: int
    secret: int


def lire_cle(parametres: Parametres, chemin: Path) -> Cle:
    """Read a key file and find whose it is; an altered or foreign one is named."""
    try:
        contenu = lire_secret(chemin)
        secret = int(contenu["secret"])
    except FichierRefuse as e:
        raise DepouillementRefuse(str(e)) from None
    except (KeyError, TypeError, ValueError):
        raise DepouillementRefuse(f"{chemin.name} : pas un fichier de clé de tiers") from None
    publique = puissance_g(secret) if 0 < secret < ORDRE else None
    if publique is not None and publique == parametres.tiers.president_cle:
        return Cle("president", 0, secret)
    for j in range(1, len(parametres.tiers.delegues_noms) + 1):
        if publique is not None and publique == parametres.tiers.cle_verification(j):
            return Cle("delegue", j, secret)
    raise DepouillementRefuse(
        f"{chemin.name} : cette clé n'est celle d'aucun tiers de l'élection "
        "(fragment altéré, ou d'une autre élection)"
    )


def _comptes(comptes: dict[str, int]) -> str:
    return ", ".join(f"{s} : {n}" for s, n in comptes.items())


def depouiller(publication: Path, cles: list[Path], maintenant: float) -> dict[str, Any]:
    """Count a closed election from its publication folder and the trustees' key files:
    check the board (proofs, chain, ballots = émargements), make one partial decryption
    per key, check them all, combine; publish tally, decryptions and result only if every
    step holds. Raises DepouillementRefuse otherwise, having published nothing."""
    deja = [n for n in (TALLY, DECHIFFREMENTS, RESULTATS) if (publication / n).exists()]
    if deja:
        raise DepouillementRefuse(f"{deja[0]} existe déjà : l'élection est dépouillée")
    try:
        tableau = verifier_tableau(publication, emargements=False)
    except ErreurChiffrement as e:
        raise DepouillementRefuse(f"dossier publié non conforme : {e}") from None
    parametres, comptes = tableau.parametres, tableau.rapport.bulletins
    if parametres.periode is not None and maintenant < parametres.periode[1] + DELAI_DE_GRACE_S:
        raise DepouillementRefuse(
            "le vote n'est pas clos (clôture et 30 minutes de grâce non écoulées) : "
            "pas de dépouillement avant"
        )
    if tableau.cloture is None:
        raise DepouillementRefuse("le tableau n'est pas clos : pas de dépouillement avant")
    if not (publication / EMARGEMENTS).exists():
        raise DepouillementRefuse(f"émargements non publiés ; bulletins : {_comptes(comptes)}")
    try:
        signes = json.loads((publication / EMARGEMENTS).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DepouillementRefuse(f"{EMARGEMENTS} illisible") from None
    ecarts = ecarts_emargements(comptes, signes)
    if ecarts:
        raise Discordance(f"bulletins et émargements ne concordent pas : {ecarts}")
    vues: dict[tuple[str, int], Path] = {}
    for chemin in cles:
        cle = lire_cle(parametres, chemin)
        if (cle.tiers, cle.indice) in vues:
            raise DepouillementRefuse(
                f"{chemin.name} : même clé que {vues[cle.tiers, cle.indice].name}"
            )
        vues[cle.tiers, cle.indice] = chemin
    tally = depouillement.calculer_tally(parametres, tableau.urne.bulletins)
    partiels: list[object] = []
    for (tiers, indice), chemin in vues.items():
        cle = lire_cle(parametres, chemin)
        partiels.append(
            depouillement.dechiffrer_partiellement(parametres, tally, tiers, indice, cle.secret)
        )
    try:
        resultat = depouillement.calculer_resultat(parametres, tally, partiels)
    except ErreurChiffrement as e:
        raise DepouillementRefuse(f"{e} ; bulletins : {_comptes(comptes)}") from None
    publier(
        publication,
        tally=depouillement.tally_json(tally),
        dechiffrements=partiels,
        resultats=resultat,
    )
    return resultat
