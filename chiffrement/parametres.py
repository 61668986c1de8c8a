"""The election's public parameters and their fingerprint (Belenios's `election` + `trustees`).

One JSON document, fixed at sealing, read by the portal, the browser and the verifier:

    {"version": 1, "protocole": "ELECTIONS-PRO-V1", "groupe": "Ed25519",
     "election": "<identifiant>", "nom": "<libellé>",
     "cle_publique": "<point>",
     "derivation": {"algorithme": "PBKDF2-SHA256", "iterations": 100000},
     "scrutins": [{"id": "csa-ministeriel", "nom": "…", "listes": ["…", …],
                   "min": 1, "max": 1}, …],
     "tiers": {"president": {…}, "seuil": 2, "delegues": [{…}, …]},
     "periode": {"ouverture": <epoch s>, "cloture": <epoch s>}}     (optional)

The voting period, when given, is sealed with the rest: counting is refused before its
closing plus the 30 minutes' grace (R.211-563), whatever a portal's settings say.

Its fingerprint φ (SHA-256 of the canonical JSON) is in every proof's statement: a ballot
built under other parameters — a swapped key, a changed list — does not verify.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chiffrement.credential import ALGORITHME
from chiffrement.erreurs import DonneeInvalide, Incoherence
from chiffrement.groupe import NOM_GROUPE, Point, point_depuis_texte
from chiffrement.hachage import PREFIXE, empreinte
from chiffrement.tiers import Tiers, lire_tiers

VERSION = 1
# Scrutin ids go into hashed strings separated by « | »: keep them plain.
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass(frozen=True)
class Scrutin:
    """One question: its lists, and how many of them a ballot may choose."""

    id: str
    nom: str
    listes: tuple[str, ...]
    min: int
    max: int


@dataclass(frozen=True)
class Parametres:
    """Validated public parameters, with their fingerprint."""

    election: str
    cle: Point
    iterations: int
    scrutins: dict[str, Scrutin]
    tiers: Tiers
    empreinte: str
    document: dict[str, Any]
    periode: tuple[int, int] | None = None

    def ids_des_scrutins(self, noms: Iterable[str]) -> list[str]:
        """The ids of the scrutins named (a roll names them; those not sealed left out)."""
        par_nom = {s.nom: i for i, s in self.scrutins.items()}
        return sorted(par_nom[n] for n in noms if n in par_nom)


def construire_parametres(
    election: str,
    nom: str,
    scrutins: list[dict[str, Any]],
    tiers: dict[str, Any],
    iterations: int,
    periode: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """The parameters document; the election key is computed from the trustees' parts."""
    cle = lire_tiers(tiers).cle_election()
    extra = {} if periode is None else {"periode": {"ouverture": periode[0], "cloture": periode[1]}}
    return {
        "version": VERSION,
        "protocole": PREFIXE,
        "groupe": NOM_GROUPE,
        "election": election,
        "nom": nom,
        "cle_publique": cle.texte(),
        "derivation": {"algorithme": ALGORITHME, "iterations": iterations},
        "scrutins": scrutins,
        "tiers": tiers,
        **extra,
    }


def _entier(valeur: object, quoi: str) -> int:
    if not isinstance(valeur, int) or isinstance(valeur, bool):
        raise DonneeInvalide(f"{quoi} : entier attendu")
    return valeur


def _scrutin(donnee: object, i: int) -> Scrutin:
    quoi = f"scrutins[{i}]"
    if not isinstance(donnee, dict):
        raise DonneeInvalide(f"{quoi} : objet attendu")
    ident, nom, listes = donnee.get("id"), donnee.get("nom"), donnee.get("listes")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise DonneeInvalide(f"{quoi}.id : minuscules, chiffres, - ou _ attendus")
    if not isinstance(nom, str):
        raise DonneeInvalide(f"{quoi}.nom : texte attendu")
    if not isinstance(listes, list) or not listes or not all(isinstance(x, str) for x in listes):
        raise DonneeInvalide(f"{quoi}.listes : liste non vide de libellés attendue")
    mini, maxi = (
        _entier(donnee.get("min"), f"{quoi}.min"),
        _entier(donnee.get("max"), f"{quoi}.max"),
    )
    if not 0 <= mini <= maxi <= len(listes) or maxi == 0:
        raise DonneeInvalide(f"{quoi} : 0 ≤ min ≤ max ≤ nombre de listes attendu, max ≥ 1")
    return Scrutin(ident, nom, tuple(listes), mini, maxi)


def lire_parametres(document: object, empreinte_attendue: str | None = None) -> Parametres:
    """Validate a parameters document (every key, every proof); check its fingerprint when
    one is given (the one published by the bureau) and refuse loudly if it differs."""
    if not isinstance(document, dict):
        raise DonneeInvalide("paramètres : objet JSON attendu")
    phi = empreinte(document)
    if empreinte_attendue is not None and phi != empreinte_attendue:
        raise Incoherence(
            f"paramètres modifiés : empreinte {phi} au lieu de {empreinte_attendue} publiée"
        )
    if document.get("version") != VERSION or document.get("protocole") != PREFIXE:
        raise DonneeInvalide(f"paramètres : version {VERSION} du protocole {PREFIXE} attendue")
    if document.get("groupe") != NOM_GROUPE:
        raise DonneeInvalide(f"paramètres : groupe {NOM_GROUPE} attendu")
    election = document.get("election")
    if not isinstance(election, str) or not election or "|" in election:
        raise DonneeInvalide("paramètres.election : identifiant sans « | » attendu")
    derivation = document.get("derivation")
    if not isinstance(derivation, dict) or derivation.get("algorithme") != ALGORITHME:
        raise DonneeInvalide(f"paramètres.derivation : {ALGORITHME} attendu")
    iterations = _entier(derivation.get("iterations"), "paramètres.derivation.iterations")
    if iterations < 1:
        raise DonneeInvalide("paramètres.derivation.iterations : au moins 1")
    brut = document.get("scrutins")
    if not isinstance(brut, list) or not brut:
        raise DonneeInvalide("paramètres.scrutins : liste non vide attendue")
    scrutins = [_scrutin(s, i) for i, s in enumerate(brut)]
    if len({s.id for s in scrutins}) != len(scrutins):
        raise DonneeInvalide("paramètres.scrutins : identifiants en double")
    tiers = lire_tiers(document.get("tiers"))
    cle = point_depuis_texte(document.get("cle_publique"), "paramètres.cle_publique")
    # A key swapped in the document (attack 5) no longer matches the trustees' parts.
    if cle != tiers.cle_election():
        raise Incoherence("clé publique de l'élection différente de celle des tiers")
    periode = _periode(document.get("periode"))
    scrutins_par_id = {s.id: s for s in scrutins}
    return Parametres(election, cle, iterations, scrutins_par_id, tiers, phi, document, periode)


def _periode(donnee: object) -> tuple[int, int] | None:
    if donnee is None:
        return None
    if not isinstance(donnee, dict) or set(donnee) != {"ouverture", "cloture"}:
        raise DonneeInvalide("paramètres.periode : {ouverture, cloture} attendu")
    ouverture = _entier(donnee["ouverture"], "paramètres.periode.ouverture")
    cloture = _entier(donnee["cloture"], "paramètres.periode.cloture")
    if cloture <= ouverture:
        raise DonneeInvalide("paramètres.periode : la clôture doit suivre l'ouverture")
    return ouverture, cloture
