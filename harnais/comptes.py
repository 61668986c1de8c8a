"""Test accounts drawn from a provisioned list, and the ledger that keeps their state.

A portal we did not build has no hook to create voters: its vendor provisions a list of
test accounts (the roll's CSV format, on a capture domain), `actif` ones with passwords
derived from the list's secret. A scenario takes the account it needs from that list;
what it does to the account (a password chosen, an activation, a lock) is written to a
ledger beside the list, so that neither a second xdist worker nor tomorrow's run is ever
handed an account in a state it no longer has.

The ledger is a JSON-lines file, one line per change, the last line of an address
winning; it is appended under an exclusive lock (flock), so processes never interleave.
An account taken by a run that then died stays marked `pris` and is never handed out
again: its state is unknown. The ledger holds the passwords the scenarios chose: it
is written for test accounts only, readable by its owner only.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import IO, Any

from fixtures.identifiants import deriver_code_vote, deriver_identifiants, normalise_identifiant
from fixtures.liste import lire_liste

# Needs a scenario can state, and the states an account may be left in.
BESOINS = ("nouveau", "actif", "reassort", "votant")
ETATS = ("nouveau", "actif", "a_reinitialiser", "sans_activation", "verrouille", "incertain")
LIBELLES = {
    "nouveau": "jamais utilisé",
    "actif": "activé, mot de passe connu",
    "a_reinitialiser": "à réinitialiser par le réassort",
    "sans_activation": "entré sans activation",
    "verrouille": "verrouillé",
    "incertain": "état inconnu (scénario en échec)",
}
# Wrong passwords a portal tolerates before it locks (the guide's five), and how long the
# first lock lasts; each later lock of the same account doubles it.
ECHECS_AVANT_VERROU = 5
VERROU_S = 15 * 60
# An `actif` account is handed out only while more wrong passwords would not lock it
# under a scenario that types one or two.
ECHECS_TOLERES = 2
# How long a locked code de vote is left alone: the ledger keeps no count of the code's
# locks, so it waits longer than any of the first three (15, 30, 60 minutes).
CODE_BLOQUE_S = 2 * 3600


@dataclass(frozen=True)
class Electeur:
    """A voter one scenario uses, with the secrets the harness knows of it."""

    email: str
    state: str
    password: str | None
    question: str | None
    answer: str | None
    # The code de vote: from the voter hook, or derived from the list's secret (or the
    # last one a réassort mailed, kept in the ledger).
    code_vote: str | None = None


@dataclass(frozen=True)
class EtatCompte:
    """What the ledger knows of one account."""

    etat: str
    mot_de_passe: str | None = None
    echecs: int = 0
    verrous: int = 0
    jusqu_a: float = 0.0
    pris: bool = False
    # The vote: a ballot cast (the account no longer serves a scenario that votes), the
    # code de vote a réassort mailed, wrong codes typed and the code's lock.
    a_vote: bool = False
    code_vote: str | None = None
    # The answer to the défi of an account a scenario activated (a code de vote réassort
    # asks for it); None while the account's answer is the derived one.
    reponse: str | None = None
    echecs_code: int = 0
    code_bloque_jusqu_a: float = 0.0

    def votant(self, maintenant: float) -> bool:
        """Whether this account can still vote in a scenario: active, no ballot cast,
        its code de vote neither locked nor close to it."""
        return (
            not self.a_vote
            and self.code_bloque_jusqu_a <= maintenant
            and self.echecs_code <= ECHECS_TOLERES
        )

    def disponible(self, maintenant: float) -> str | None:
        """The state this account can be handed out in now, or None."""
        if self.pris or self.etat == "incertain":
            return None
        if self.etat == "verrouille":
            return "actif" if self.jusqu_a <= maintenant and self.mot_de_passe else None
        return self.etat


def etat_apres(
    avant: EtatCompte, evenements: list[tuple[str, str | None]], maintenant: float
) -> EtatCompte:
    """The account's state once a passed scenario did, in order, what `evenements` say.

    Events are what the steps saw on the screen: `echec` (a wrong password refused),
    `verrou` (the lock message), `connexion` (the voter space reached with a password),
    `reassort` (a link asked for), `initialise` (a new password accepted, with it),
    `active` and `sans_activation` (the voter space reached by either button); for the
    vote, `vote` (a receipt seen), `code_echec` (a wrong code de vote refused),
    `code_bloque` (the code's lock message), `code_vote` (a new code received, with it).
    """
    etat = replace(avant, pris=False)
    choisi: str | None = None

    def verrouiller(e: EtatCompte) -> EtatCompte:
        verrous = e.verrous + 1
        duree = VERROU_S * 2 ** (verrous - 1) + 60  # a minute of margin for clock skew
        return replace(e, etat="verrouille", echecs=0, verrous=verrous, jusqu_a=maintenant + duree)

    def bloquer_code(e: EtatCompte) -> EtatCompte:
        return replace(e, echecs_code=0, code_bloque_jusqu_a=maintenant + CODE_BLOQUE_S)

    for quoi, valeur in evenements:
        if quoi == "echec" and etat.etat != "verrouille":
            etat = replace(etat, echecs=etat.echecs + 1)
            if etat.echecs >= ECHECS_AVANT_VERROU:
                etat = verrouiller(etat)
        elif quoi == "verrou" and etat.etat != "verrouille":
            etat = verrouiller(etat)
        elif quoi == "connexion":
            etat = replace(etat, etat="actif", echecs=0, jusqu_a=0.0)
        elif quoi in ("reassort", "initialise"):
            # What a portal does with the old password before activation is its own
            # business: the account needs a réassort before it is trusted again.
            choisi = valeur if quoi == "initialise" else choisi
            if etat.etat != "verrouille":
                etat = replace(etat, etat="a_reinitialiser", mot_de_passe=None)
        elif quoi == "active":
            etat = replace(etat, etat="actif", mot_de_passe=choisi, echecs=0, reponse=valeur)
        elif quoi == "sans_activation":
            etat = replace(etat, etat="sans_activation", mot_de_passe=None)
        elif quoi == "vote":
            etat = replace(etat, a_vote=True)
        elif quoi == "code_echec":
            etat = replace(etat, echecs_code=etat.echecs_code + 1)
            if etat.echecs_code >= ECHECS_AVANT_VERROU:
                etat = bloquer_code(etat)
        elif quoi == "code_bloque":
            etat = bloquer_code(etat)
        elif quoi == "code_vote":
            etat = replace(etat, code_vote=valeur, echecs_code=0)
    if avant.etat == "nouveau" and evenements and etat.etat == "nouveau":
        etat = replace(etat, etat="a_reinitialiser")  # used: no longer « never used »
    return etat


class ComptesEpuises(Exception):
    """No account of the state a scenario needs is left; the message counts the others."""


class Registre:
    """The accounts of one list and their ledger, shared by every process of a run."""

    def __init__(self, liste: Path, secret: str, registre: Path | None = None) -> None:
        self.liste = liste
        self.secret = secret
        self.chemin = registre or liste.with_name(liste.name + ".registre")
        # Read and checked whole at once: a malformed list fails before any browser starts.
        self._comptes: list[tuple[str, str]] = [
            (normalise_identifiant(fields[3]), fields[7]) for _, fields in lire_liste(liste)
        ]
        if not self._comptes:
            raise ComptesEpuises(f"la liste {liste} ne contient aucun compte")
        domaine = self._comptes[0][0].rpartition("@")[2]
        self.domaine = domaine

    @contextmanager
    def _verrouille(self) -> Iterator[IO[str]]:
        self.chemin.parent.mkdir(parents=True, exist_ok=True)
        descripteur = os.open(self.chemin, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(descripteur, "a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @staticmethod
    def _relire(handle: IO[str]) -> dict[str, EtatCompte]:
        handle.seek(0)
        etats: dict[str, EtatCompte] = {}
        for ligne in handle:
            if not ligne.strip():
                continue
            donnees: dict[str, Any] = json.loads(ligne)
            email = donnees.pop("email")
            for inutile in ("le", "par"):
                donnees.pop(inutile, None)
            etats[email] = EtatCompte(**donnees)
        return etats

    @staticmethod
    def _ecrire(handle: IO[str], email: str, etat: EtatCompte, par: str) -> None:
        ligne = {
            "email": email,
            **asdict(etat),
            "le": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "par": par,
        }
        handle.write(json.dumps(ligne, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())

    def _courant(self, etats: dict[str, EtatCompte], email: str, etat_liste: str) -> EtatCompte:
        connu = etats.get(email)
        if connu is not None:
            return connu
        if etat_liste == "actif":
            return EtatCompte("actif", deriver_identifiants(email, self.secret).password)
        return EtatCompte("nouveau")

    def prendre(self, besoin: str, par: str = "") -> tuple[Electeur, EtatCompte]:
        """Claim an account for a scenario that needs `besoin`; raise ComptesEpuises with
        the counts of what is left when there is none."""
        acceptes = {
            "nouveau": ("nouveau",),
            # Accounts left half-way through a réassort first: the never-used ones are
            # kept for the scenarios that need exactly that, the active ones last (a
            # réassort serves a forgotten password too).
            "reassort": ("sans_activation", "a_reinitialiser", "nouveau", "actif"),
            "actif": ("actif",),
            "votant": ("actif",),
        }[besoin]
        maintenant = time.time()
        with self._verrouille() as handle:
            etats = self._relire(handle)
            choix: tuple[int, int, str, EtatCompte] | None = None
            for email, etat_liste in self._comptes:
                courant = self._courant(etats, email, etat_liste)
                disponible = courant.disponible(maintenant)
                if disponible not in acceptes:
                    continue
                if besoin in ("actif", "votant") and courant.echecs > ECHECS_TOLERES:
                    continue
                if besoin == "votant" and not courant.votant(maintenant):
                    continue
                cle = (acceptes.index(disponible), courant.echecs, email, courant)
                if choix is None or cle[:2] < choix[:2]:
                    choix = cle
                    if cle[:2] == (0, 0):
                        break
            if choix is None:
                raise ComptesEpuises(self._bilan(besoin, etats, maintenant))
            _, _, email, courant = choix
            if courant.etat == "verrouille":  # its lock is over by now
                courant = replace(courant, etat="actif", echecs=0, jusqu_a=0.0)
            self._ecrire(handle, email, replace(courant, pris=True), par)
        derive = deriver_identifiants(email, self.secret)
        initial = courant.mot_de_passe == derive.password and courant.reponse is None
        electeur = Electeur(
            email=email,
            state=courant.etat,
            password=courant.mot_de_passe,
            question=derive.question if initial else None,
            answer=derive.answer if initial else courant.reponse,
            code_vote=courant.code_vote or deriver_code_vote(email, self.secret),
        )
        return electeur, courant

    def rendre(self, email: str, etat: EtatCompte, par: str = "") -> None:
        """Record what a scenario left the account in, and free it."""
        with self._verrouille() as handle:
            self._ecrire(handle, email, replace(etat, pris=False), par)

    def _compter(self, etats: dict[str, EtatCompte], maintenant: float) -> dict[str, int]:
        compte = dict.fromkeys((*ETATS, "pris"), 0)
        for email, etat_liste in self._comptes:
            courant = self._courant(etats, email, etat_liste)
            cle = "pris" if courant.pris else courant.disponible(maintenant) or courant.etat
            compte[cle] += 1
        return compte

    def _bilan(self, besoin: str, etats: dict[str, EtatCompte], maintenant: float) -> str:
        compte = self._compter(etats, maintenant)
        restes = ", ".join(
            f"{LIBELLES.get(etat, 'pris par un scénario en cours ou interrompu')} : {n}"
            for etat, n in compte.items()
            if n
        )
        return (
            f"Plus aucun compte « {besoin} » libre dans la liste {self.liste} "
            f"(registre {self.chemin}). Restent : {restes}. Demandez d'autres comptes de "
            "test, ou repartez d'un registre neuf si le portail a été réinitialisé."
        )
