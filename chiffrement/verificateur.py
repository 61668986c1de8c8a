"""The verifier: everything recomputed from published files only (Belenios's audit).

A folder holds, as the bureau publishes them:
  parametres.json        the public parameters
  parametres.empreinte   their fingerprint φ, as displayed by the portal (one line)
  credentials.json       the public credentials and their scrutins
  tableau.json           the board: {"entrees": [...]}
  emargements.json       ballots signed for, per scrutin: {"<scrutin>": n}   (after closing)
  tally.json             the encrypted tally                                  (after counting)
  dechiffrements.json    the trustees' partial decryptions: [ … ]             (after counting)
  resultats.json         the result                                           (after counting)

The later files are optional (a board can be checked during the vote), but one present
without what it rests on is an error. The first thing that does not hold is named.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chiffrement.credentials_publiques import cle_nommee, exiger_accord
from chiffrement.credentials_publiques import lire_credentials as lire_credentials_autorite
from chiffrement.depouillement import calculer_resultat, calculer_tally, tally_json
from chiffrement.erreurs import ErreurChiffrement, Incoherence
from chiffrement.groupe import point_depuis_texte
from chiffrement.hachage import empreinte, json_canonique
from chiffrement.inscriptions import exiger_aval
from chiffrement.parametres import Parametres, lire_parametres
from chiffrement.preuves_de_vote import verifier_preuves
from chiffrement.tableau import Urne, lire_credentials, verifier_chaine

PARAMETRES = "parametres.json"
EMPREINTE = "parametres.empreinte"
CREDENTIALS = "credentials.json"
TABLEAU = "tableau.json"
EMARGEMENTS = "emargements.json"
TALLY = "tally.json"
DECHIFFREMENTS = "dechiffrements.json"
RESULTATS = "resultats.json"


@dataclass
class Rapport:
    """What was checked, for the command's summary."""

    empreinte: str = ""
    parametres: Parametres | None = None
    entrees: int = 0
    bulletins: dict[str, int] = field(default_factory=dict)
    resultats: dict[str, Any] | None = None
    etapes: list[str] = field(default_factory=list)


def _lire(dossier: Path, nom: str, obligatoire: bool = True) -> Any:
    chemin = dossier / nom
    if not chemin.exists():
        if obligatoire:
            raise Incoherence(f"{nom} : fichier absent")
        return None
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise Incoherence(f"{nom} : JSON illisible ({e})") from None


def identiques(publie: object, recalcule: object) -> bool:
    """The same JSON, types included: Python's == takes `true` for 1 and `1.0` for 1, and
    a published count is a JSON integer, nothing else (Hypothesis found a closing entry
    whose count `true` passed for 1)."""
    try:
        return json_canonique(publie) == json_canonique(recalcule)
    except (TypeError, ValueError):
        return False


def _sous(nom: str, erreur: ErreurChiffrement) -> Incoherence:
    """Prefix an error with the file it comes from."""
    return Incoherence(f"{nom} : {erreur}")


@dataclass
class Tableau:
    """A board checked up to its closing: what counting starts from."""

    parametres: Parametres
    urne: Urne
    cloture: dict[str, Any] | None
    rapport: Rapport
    # The credentials the board opened with, and the credential entries since (a réassort's
    # replacement, or a voter added), each with its height on the board.
    ouverture: frozenset[str] = frozenset()
    inscriptions: tuple[tuple[int, dict[str, Any]], ...] = ()
    # The scrutins each credential of the opening may vote in, as the opening gives them.
    scrutins_ouverture: dict[str, frozenset[str]] = field(default_factory=dict)
    # The board's entries as published (voters' proofs of vote are held against them).
    entrees: list[dict[str, Any]] = field(default_factory=list)
    # The authority's key every credential entry's signature was checked against during
    # the walk (None: not checked there).
    cle_des_avals: str | None = None

    @property
    def remplacements(self) -> int:
        """How many credentials were written on the board after its opening."""
        return len(self.inscriptions)


def verifier_dossier(
    dossier: Path, autorite: Path | None = None, preuves: list[Path] | None = None
) -> Rapport:
    """Check a published folder; raise an ErreurChiffrement naming the first failure.
    With `autorite`, the credential authority's public file: the board must have opened
    with exactly its credentials (verifier_autorite). With `preuves`, voters' proofs of
    vote: the board must hold each one's ballot where the portal signed it was."""
    # The key its header names: the board's walk then names an unsigned credential entry
    # before the ballots it would make look wrong.
    cle = None if autorite is None else cle_nommee(autorite)
    tableau = verifier_tableau(dossier, cle_autorite=cle)
    if autorite is not None:
        verifier_autorite(tableau, autorite)
    if preuves is not None:
        n = verifier_preuves(tableau.entrees, preuves)
        tableau.rapport.etapes.append(f"{n} preuve(s) de vote au tableau, à leur hauteur")
    _verifier_depouillement(
        dossier, tableau.parametres, tableau.urne, tableau.cloture, tableau.rapport
    )
    return tableau.rapport


def verifier_tableau(
    dossier: Path, emargements: bool = True, cle_autorite: str | None = None
) -> Tableau:
    """Check parameters, credentials, board and (unless told not to) émargements; not the
    counting files. With `cle_autorite`, each credential entry's signature as it comes."""
    rapport = Rapport()
    chemin_empreinte = dossier / EMPREINTE
    if not chemin_empreinte.exists():
        raise Incoherence(f"{EMPREINTE} : fichier absent")
    publiee = chemin_empreinte.read_text(encoding="utf-8").strip()
    try:
        parametres = lire_parametres(_lire(dossier, PARAMETRES), publiee)
    except ErreurChiffrement as e:
        raise _sous(PARAMETRES, e) from None
    rapport.empreinte, rapport.parametres = parametres.empreinte, parametres
    rapport.etapes.append("paramètres, clés des tiers et empreinte")
    brutes = _lire(dossier, CREDENTIALS)
    try:
        credentials = lire_credentials(parametres, brutes)
    except ErreurChiffrement as e:
        raise _sous(CREDENTIALS, e) from None
    tableau = _lire(dossier, TABLEAU)
    entrees = tableau.get("entrees") if isinstance(tableau, dict) else None
    if not isinstance(entrees, list):
        raise Incoherence(f"{TABLEAU} : {{entrees: [...]}} attendu")
    try:
        verifier_chaine(entrees)
    except ErreurChiffrement as e:
        raise _sous(TABLEAU, e) from None
    ouverture = entrees[0]["contenu"]
    attendu = {"election_hash": parametres.empreinte, "credentials": empreinte(brutes)}
    if not isinstance(ouverture, dict) or not identiques(
        {k: v for k, v in ouverture.items() if k != "cle_accuses"}, attendu
    ):
        raise Incoherence(f"{TABLEAU} : l'ouverture ne désigne pas ces paramètres et credentials")
    try:
        point_depuis_texte(ouverture.get("cle_accuses"), "clé des preuves de vote")
    except ErreurChiffrement as e:
        raise _sous(TABLEAU, e) from None
    rapport.etapes.append(f"chaînage des {len(entrees)} entrées du tableau")
    urne = Urne(parametres, credentials)
    cloture: dict[str, Any] | None = None
    inscriptions: list[tuple[int, dict[str, Any]]] = []
    for h, suivante in enumerate(entrees[1:], start=1):
        if cloture is not None:
            raise Incoherence(f"{TABLEAU}, entrée {h} : entrée après la clôture")
        if suivante["type"] == "cloture":
            cloture = suivante["contenu"]
            continue
        try:
            if suivante["type"] == "credential":
                if cle_autorite is not None:
                    exiger_aval(cle_autorite, parametres.empreinte, suivante["contenu"])
                urne.inscrire(suivante["contenu"])
                inscriptions.append((h, suivante["contenu"]))
                continue
            urne.accepter(suivante["contenu"])
        except ErreurChiffrement as erreur:
            raise Incoherence(f"{TABLEAU}, entrée {h} : {erreur}") from None
    comptes = urne.comptes()
    rapport.entrees, rapport.bulletins = len(entrees), comptes
    rapport.etapes.append(f"preuves et signatures de {len(urne.bulletins)} bulletin(s)")
    if cloture is not None and not identiques(cloture, {"bulletins": comptes}):
        raise Incoherence(f"{TABLEAU} : la clôture annonce {cloture}, le tableau compte {comptes}")
    signes = _lire(dossier, EMARGEMENTS, obligatoire=False) if emargements else None
    if signes is not None:
        ecarts = ecarts_emargements(comptes, signes)
        if ecarts:
            raise Incoherence(f"{EMARGEMENTS} : bulletins ≠ émargements ({ecarts})")
        rapport.etapes.append("bulletins = émargements, scrutin par scrutin")
    return Tableau(
        parametres,
        urne,
        cloture,
        rapport,
        frozenset(credentials),
        tuple(inscriptions),
        credentials,
        entrees,
        cle_autorite,
    )


def verifier_autorite(tableau: Tableau, chemin: Path) -> None:
    """The board opened with the credential authority's credentials, no more, no fewer:
    a credential the authority never gave would let whoever holds its x (the portal, a
    database administrator) cast a ballot for a voter who does not exist; one missing
    would leave a voter unable to vote. Réassorts replaced some since: counted, and to be
    matched against the authority's own record."""
    try:
        publiques = lire_credentials_autorite(chemin)
        exiger_accord(publiques, tableau.parametres)
    except ErreurChiffrement as e:
        raise Incoherence(f"{chemin.name} : {e}") from None
    # lire_credentials_autorite checked every g^x, in the canonical form the board uses.
    donnees = set(publiques.credentials.values())
    en_trop, absentes = tableau.ouverture - donnees, donnees - tableau.ouverture
    if en_trop or absentes:
        raise Incoherence(
            f"{TABLEAU} : l'ouverture ne porte pas les credentials de l'autorité "
            f"({len(en_trop)} que l'autorité n'a pas données, {len(absentes)} des siennes "
            f"absentes ; fichier {publiques.empreinte})"
        )
    if publiques.scrutins is not None:
        attendus = {publiques.credentials[e]: frozenset(s) for e, s in publiques.scrutins.items()}
        autres = [c for c, s in attendus.items() if tableau.scrutins_ouverture.get(c) != s]
        if autres:
            raise Incoherence(
                f"{TABLEAU} : l'ouverture donne à {len(autres)} credential(s) d'autres "
                f"scrutins que ceux de l'autorité (dont {sorted(autres)[0][:16]}…)"
            )
    if publiques.cle_autorite is None:
        signees = "non vérifiables : le fichier de l'autorité ne nomme pas sa clé de signature"
    else:
        # Checked already in the walk when it had this very key (verifier_dossier).
        a_verifier = () if tableau.cle_des_avals == publiques.cle_autorite else tableau.inscriptions
        for h, contenu in a_verifier:
            ou = f"{TABLEAU}, entrée {h}"
            exiger_aval(publiques.cle_autorite, tableau.parametres.empreinte, contenu, ou)
        signees = "chacune signée par l'autorité"
    tableau.rapport.etapes.append(
        f"credentials d'ouverture = celles de l'autorité ({len(donnees)}, fichier "
        f"{publiques.empreinte[:16]}…)"
        f"{'' if publiques.scrutins is None else ', chacune avec ses scrutins'} ; "
        f"{tableau.remplacements} remplacée(s) depuis par un réassort, {signees}"
    )


def ecarts_emargements(comptes: dict[str, int], emargements: object) -> str:
    """'' when ballots equal émargements in every scrutin; else every scrutin's counts."""
    if identiques(emargements, comptes):
        return ""
    signes = emargements if isinstance(emargements, dict) else {}
    return ", ".join(
        f"{s} : {comptes[s]} bulletin(s) pour {signes.get(s, '?')} émargement(s)" for s in comptes
    )


def _verifier_depouillement(
    dossier: Path, parametres: Parametres, urne: Urne, cloture: object, rapport: Rapport
) -> None:
    tally_publie = _lire(dossier, TALLY, obligatoire=False)
    partiels = _lire(dossier, DECHIFFREMENTS, obligatoire=False)
    resultats = _lire(dossier, RESULTATS, obligatoire=False)
    if tally_publie is None and partiels is None and resultats is None:
        return
    if cloture is None:
        raise Incoherence(f"{TABLEAU} : dépouillement publié sans clôture du tableau")
    tally = calculer_tally(parametres, urne.bulletins)
    if tally_publie is not None and not identiques(tally_publie, tally_json(tally)):
        raise Incoherence(f"{TALLY} : différent du produit des bulletins du tableau")
    rapport.etapes.append("sommes homomorphes recalculées")
    if resultats is None or partiels is None:
        manque = RESULTATS if resultats is None else DECHIFFREMENTS
        raise Incoherence(f"{manque} : fichier absent")
    if not isinstance(partiels, list):
        raise Incoherence(f"{DECHIFFREMENTS} : liste attendue")
    try:
        recalcule = calculer_resultat(parametres, tally, partiels)
    except ErreurChiffrement as e:
        raise _sous(DECHIFFREMENTS, e) from None
    rapport.etapes.append(f"preuves des {len(partiels)} déchiffrements partiels")
    if not identiques(resultats, recalcule):
        raise Incoherence(f"{RESULTATS} : différent du résultat recalculé {recalcule['scrutins']}")
    rapport.resultats = recalcule
    rapport.etapes.append("résultats publiés = résultats recalculés")
