"""The vote's rules that need no screen: a sealed ballot dropped once per voter and
scrutin, and the count that opens the box with the bureau's fragments.

A ballot is sealed with the election's public key as soon as it is received: what the
database holds is unreadable without the president's and two delegates' fragments. The
voter's receipt carries the fingerprint of the sealed ballot, never the choice; after the
count the list of fingerprints is published, and each voter can find theirs.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections import Counter
from dataclasses import dataclass, field

from nacl.exceptions import CryptoError
from nacl.public import PublicKey, SealedBox

from fixtures.liste import SCRUTIN_SEPARATOR
from fixtures.reference import listes_candidates
from simulator.errors import PortalError
from simulator.storage import Database
from simulator.storage.electeurs import ecrire_meta, electeur_par_id, lire_meta
from simulator.storage.urne import (
    DejaEmarge,
    bulletins,
    compter_bulletins,
    deposer,
    emargements_par_scrutin,
    empreinte_publiee,
    publier_empreintes,
)
from simulator.vote.scellement import DepouillementRefuse, Fragment, empreinte_cle, reconstituer

CLE_PUBLIQUE = "cle_publique"
DEPOUILLE_LE = "depouille_le"


class VoteRefuse(PortalError):
    """A ballot the rules refuse (already voted, not the voter's scrutin, unknown list)."""


class ScrutinDejaVote(VoteRefuse):
    """The voter has already voted in this scrutin: the vote is final (R.211-562)."""

    message = "Vous avez déjà voté pour ce scrutin : votre vote est définitif."


class UrneNonVide(Exception):
    """Sealing is refused on a ballot box that already holds ballots."""


def cle_de_l_election(db: Database) -> PublicKey | None:
    """The election's public key, once sealed."""
    texte = lire_meta(db.reader(), CLE_PUBLIQUE)
    return PublicKey(bytes.fromhex(texte)) if texte else None


def enregistrer_cle(db: Database, publique: PublicKey) -> None:
    """Keep the public key of a new sealing; refused once the box holds any ballot."""
    with db.transaction() as conn:
        if compter_bulletins(conn):
            raise UrneNonVide("l'urne contient déjà des bulletins : scellement refusé")
        ecrire_meta(conn, CLE_PUBLIQUE, bytes(publique).hex())


def empreinte_bulletin(scelle: bytes) -> str:
    """The fingerprint printed on the receipt: the SHA-256 of the sealed ballot."""
    return hashlib.sha256(scelle).hexdigest()


def deposer_bulletin(db: Database, electeur_id: int, scrutin: str, liste: str) -> str:
    """Seal and drop one ballot, sign the émargement, both at once; return the receipt's
    fingerprint. Refused: an election not sealed, a scrutin not the voter's, a list not
    of that scrutin, a second vote in the same scrutin."""
    publique = cle_de_l_election(db)
    if publique is None:
        raise VoteRefuse("Le vote n'est pas ouvert : l'élection n'a pas été scellée.")
    electeur = electeur_par_id(db.reader(), electeur_id)
    if electeur is None or scrutin not in electeur.scrutins:
        raise VoteRefuse("Ce scrutin n'est pas l'un des vôtres.")
    try:
        listes = listes_candidates(scrutin)
    except KeyError as exc:
        raise VoteRefuse("Aucune liste de candidats n'est connue pour ce scrutin.") from exc
    if liste not in listes:
        raise VoteRefuse("Cette liste ne se présente pas à ce scrutin.")
    contenu = json.dumps({"scrutin": scrutin, "liste": liste}, ensure_ascii=False).encode()
    scelle = SealedBox(publique).encrypt(contenu)
    try:
        with db.transaction() as conn:
            deposer(conn, electeur_id, scrutin, secrets.token_hex(16), scelle)
    except DejaEmarge as exc:
        raise ScrutinDejaVote() from exc
    return empreinte_bulletin(scelle)


@dataclass
class Resultat:
    """One scrutin's count: votes per list, ballots, émargements, registered voters."""

    scrutin: str
    voix: Counter[str] = field(default_factory=Counter)
    bulletins: int = 0
    emargements: int = 0
    inscrits: int = 0

    @property
    def concordant(self) -> bool:
        """Ballots counted equal émargements signed (CNIL 2019-053)."""
        return self.bulletins == self.emargements

    @property
    def participation(self) -> float:
        """Share of the registered voters who voted."""
        return self.emargements / self.inscrits if self.inscrits else 0.0


@dataclass(frozen=True)
class Depouillement:
    """The whole count: results per scrutin, and the fingerprints to publish."""

    resultats: dict[str, Resultat]
    empreintes: list[str]

    @property
    def concordant(self) -> bool:
        """Every scrutin's ballots equal its émargements."""
        return all(r.concordant for r in self.resultats.values())


def inscrits_par_scrutin(db: Database) -> Counter[str]:
    """Registered voters of each scrutin (one pass over the roll)."""
    compte: Counter[str] = Counter()
    for row in db.reader().execute("SELECT scrutins FROM voters"):
        compte.update(s for s in str(row["scrutins"]).split(SCRUTIN_SEPARATOR) if s)
    return compte


def depouiller(db: Database, fragments: list[Fragment]) -> Depouillement:
    """Open the box with the bureau's fragments and count every scrutin."""
    publique = cle_de_l_election(db)
    if publique is None:
        raise DepouillementRefuse("l'élection n'a jamais été scellée : rien à dépouiller")
    cle = reconstituer(fragments, publique)
    ouvreur = SealedBox(cle)
    emarges = emargements_par_scrutin(db.reader())
    inscrits = inscrits_par_scrutin(db)
    resultats: dict[str, Resultat] = {}
    empreintes = []
    for scrutin, scelle in bulletins(db.reader()):
        try:
            contenu = json.loads(ouvreur.decrypt(scelle))
        except (CryptoError, ValueError) as exc:
            raise DepouillementRefuse(
                f"un bulletin du scrutin « {scrutin} » ne s'ouvre pas : urne altérée ?"
            ) from exc
        if contenu.get("scrutin") != scrutin:
            raise DepouillementRefuse(f"un bulletin a changé de scrutin (« {scrutin} »)")
        resultat = resultats.setdefault(scrutin, Resultat(scrutin))
        resultat.voix[str(contenu["liste"])] += 1
        resultat.bulletins += 1
        empreintes.append(empreinte_bulletin(scelle))
    for scrutin in set(emarges) | set(resultats) | set(inscrits):
        resultat = resultats.setdefault(scrutin, Resultat(scrutin))
        resultat.emargements = emarges.get(scrutin, 0)
        resultat.inscrits = inscrits.get(scrutin, 0)
    return Depouillement(resultats, sorted(empreintes))


def publier(db: Database, depouillement: Depouillement, maintenant: float) -> None:
    """Publish the count's fingerprints where the portal's verification page finds them."""
    with db.transaction() as conn:
        publier_empreintes(conn, depouillement.empreintes)
        ecrire_meta(conn, DEPOUILLE_LE, repr(maintenant))


def empreinte_comptee(db: Database, empreinte: str) -> bool | None:
    """Whether a receipt's fingerprint is among the counted ballots; None before the count."""
    if lire_meta(db.reader(), DEPOUILLE_LE) is None:
        return None
    return empreinte_publiee(db.reader(), empreinte.strip().lower())


__all__ = ["DepouillementRefuse", "empreinte_cle"]
