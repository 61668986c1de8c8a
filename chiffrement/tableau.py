"""The public board: an append-only hash chain of entries (Belenios's public-data events).

    entry = {"hauteur": h, "precedent": <hash of entry h−1> | null,
             "type": "ouverture" | "bulletin" | "cloture", "contenu": {…}}

Its hash is SHA-256 of its canonical JSON; entry h names the hash of entry h−1, so changing,
removing or inserting one entry breaks every later link. The opening entry names the
parameters' fingerprint and the public credentials' fingerprint; a ballot entry holds the
whole ballot, whose own fingerprint is the receipt's « empreinte »; the closing entry holds
the number of ballots per scrutin.

A credential entry, {"credential": "<g^x>", "scrutins": [...], "remplace": "<g^x>" | null},
registers a voter added after the opening, or replaces a credential after a réassort of
the code de vote: the new one takes the old one's scrutins and the votes already cast with
it, so a replacement never gives a second ballot. A replacement carries the credential
authority's `"signature"` of it (chiffrement/signature_autorite.py), which the verifier
checks against the key the authority's credentials file names. Belenios fixes credentials
at setup; a portal that reissues codes must say so on the board, where anyone sees how
many.

Public credentials: {"credentials": [{"credential": "<g^x>", "scrutins": ["<id>", …]}, …]},
sorted by credential so that their order says nothing of the roll's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from chiffrement.bulletin import BulletinVerifie, verifier_bulletin
from chiffrement.erreurs import DonneeInvalide, Incoherence
from chiffrement.groupe import Point, point_depuis_texte
from chiffrement.hachage import empreinte
from chiffrement.parametres import Parametres

TYPES = ("ouverture", "credential", "bulletin", "cloture")

Credentials = dict[str, frozenset[str]]


def credentials_json(credentials: Iterable[tuple[Point, Iterable[str]]]) -> dict[str, Any]:
    """The public credentials as published: each with the scrutins it may vote in."""
    lignes = [{"credential": c.texte(), "scrutins": sorted(set(s))} for c, s in credentials]
    return {"credentials": sorted(lignes, key=lambda x: str(x["credential"]))}


def lire_credentials(parametres: Parametres, donnee: object) -> Credentials:
    """Read the public credentials: valid points, known scrutins, no credential twice."""
    lignes = donnee.get("credentials") if isinstance(donnee, dict) else None
    if not isinstance(lignes, list):
        raise DonneeInvalide("credentials : {credentials: [...]} attendu")
    lues: Credentials = {}
    for i, ligne in enumerate(lignes):
        if not isinstance(ligne, dict) or not isinstance(ligne.get("scrutins"), list):
            raise DonneeInvalide(f"credentials[{i}] : {{credential, scrutins}} attendu")
        texte = point_depuis_texte(ligne.get("credential"), f"credentials[{i}]").texte()
        if not all(isinstance(x, str) for x in ligne["scrutins"]):
            raise DonneeInvalide(f"credentials[{i}] : identifiants de scrutins attendus")
        scrutins = frozenset(ligne["scrutins"])
        if not scrutins <= set(parametres.scrutins):
            raise DonneeInvalide(f"credentials[{i}] : scrutin inconnu")
        if texte in lues:
            raise Incoherence(f"credentials[{i}] : credential en double")
        lues[texte] = scrutins
    return lues


def est_le_bulletin(entree_: object, empreinte_bulletin: object, scrutin: object = None) -> bool:
    """Whether a board entry is the ballot whose fingerprint is `empreinte_bulletin` (and
    of `scrutin`, when given), read from the entry itself: what a proof of vote, or a
    voter looking for their receipt, expects to find at a height."""
    if not isinstance(entree_, dict) or entree_.get("type") != "bulletin":
        return False
    contenu = entree_.get("contenu")
    message = contenu.get("message") if isinstance(contenu, dict) else None
    return (
        isinstance(message, dict)
        and (scrutin is None or message.get("scrutin") == scrutin)
        and empreinte(contenu) == empreinte_bulletin
    )


def entree(
    precedente: dict[str, Any] | None, type_: str, contenu: dict[str, Any]
) -> dict[str, Any]:
    """The next entry of the chain after `precedente` (None for the opening)."""
    if type_ not in TYPES:
        raise DonneeInvalide(f"type d'entrée inconnu : {type_}")
    return {
        "hauteur": 0 if precedente is None else precedente["hauteur"] + 1,
        "precedent": None if precedente is None else empreinte(precedente),
        "type": type_,
        "contenu": contenu,
    }


def ouverture(
    parametres: Parametres, credentials: dict[str, Any], cle_accuses: Point
) -> dict[str, Any]:
    """The opening entry: the parameters and credentials the board is about, and the key
    that signs the proofs of vote (chiffrement.accuse)."""
    contenu = {
        "election_hash": parametres.empreinte,
        "credentials": empreinte(credentials),
        "cle_accuses": cle_accuses.texte(),
    }
    return entree(None, "ouverture", contenu)


def verifier_chaine(entrees: list[object]) -> list[str]:
    """Check every link; return the entries' hashes. Names the first broken height."""
    hachages: list[str] = []
    for h, e in enumerate(entrees):
        if not isinstance(e, dict) or set(e) != {"hauteur", "precedent", "type", "contenu"}:
            raise DonneeInvalide(f"tableau, entrée {h} : {{hauteur, precedent, type, contenu}}")
        if type(e["hauteur"]) is not int or e["hauteur"] != h:
            raise Incoherence(f"tableau, entrée {h} : hauteur {e['hauteur']!r} au lieu de {h}")
        attendu = hachages[-1] if hachages else None
        if e["precedent"] != attendu:
            raise Incoherence(f"tableau, entrée {h} : chaînage rompu (entrée précédente changée)")
        if e["type"] not in TYPES or (e["type"] == "ouverture") != (h == 0):
            raise Incoherence(f"tableau, entrée {h} : type {e['type']!r} inattendu ici")
        hachages.append(empreinte(e))
    if not hachages:
        raise Incoherence("tableau vide : l'entrée d'ouverture manque")
    return hachages


class Urne:
    """The board's acceptance rule, shared by the portal and the verifier: a checked ballot,
    from a credential allowed in that scrutin, the first one of that credential there."""

    def __init__(self, parametres: Parametres, credentials: Credentials) -> None:
        """An empty box for these parameters and public credentials."""
        self.parametres = parametres
        self.credentials = dict(credentials)
        self.votes: set[tuple[str, str]] = set()
        self.bulletins: list[BulletinVerifie] = []

    def inscrire(self, contenu: object) -> None:
        """A credential entry: a new credential, or one replacing another (same scrutins,
        its votes carried over). Raises Incoherence naming what does not hold."""
        if not isinstance(contenu, dict) or set(contenu) - {"signature"} != {
            "credential",
            "scrutins",
            "remplace",
        }:
            raise DonneeInvalide(
                "credential : {credential, scrutins, remplace[, signature]} attendu"
            )
        ligne = {"credential": contenu["credential"], "scrutins": contenu["scrutins"]}
        lue = lire_credentials(self.parametres, {"credentials": [ligne]})
        ((cle, scrutins),) = lue.items()
        if cle in self.credentials:
            raise Incoherence("credential déjà inscrite")
        ancienne = contenu["remplace"]
        if ancienne is not None:
            if self.credentials.get(ancienne) != scrutins:
                raise Incoherence("remplace une credential inconnue, ou d'autres scrutins")
            del self.credentials[ancienne]
            for s in scrutins:
                if (ancienne, s) in self.votes:
                    self.votes.add((cle, s))
        self.credentials[cle] = scrutins

    def controler(self, bulletin: object) -> BulletinVerifie:
        """Check a ballot without recording it (raises on refusal)."""
        verifie = verifier_bulletin(self.parametres, bulletin)
        cle = verifie.credential.texte()
        if verifie.scrutin not in self.credentials.get(cle, frozenset()):
            raise Incoherence(f"{verifie.scrutin} : bulletin d'une credential non inscrite")
        if (cle, verifie.scrutin) in self.votes:
            raise Incoherence(f"{verifie.scrutin} : cette credential a déjà voté")
        return verifie

    def accepter(self, bulletin: object) -> BulletinVerifie:
        """Check a ballot and record it."""
        verifie = self.controler(bulletin)
        self.votes.add((verifie.credential.texte(), verifie.scrutin))
        self.bulletins.append(verifie)
        return verifie

    def comptes(self) -> dict[str, int]:
        """Ballots accepted per scrutin."""
        comptes = dict.fromkeys(self.parametres.scrutins, 0)
        for b in self.bulletins:
            comptes[b.scrutin] += 1
        return comptes
