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

from fixtures.reference import listes_candidates
from simulator.storage import Database
from simulator.storage.electeurs import Electeur, electeur_par_id, inscrits_par_scrutin
from simulator.storage.election import (
    ecrire_cle_publique,
    ecrire_depouille_le,
    lire_cle_publique,
    lire_depouille_le,
)
from simulator.storage.urne import (
    DejaEmarge,
    bulletins,
    compter_bulletins,
    deposer,
    emargements_par_scrutin,
    empreinte_publiee,
    publier_empreintes,
)
from simulator.vote.errors import (
    DepouillementRefuse,
    ElectionNonScellee,
    ScrutinDejaVote,
    UrneNonVide,
    VoteRefuse,
)
from simulator.vote.scellement import Fragment, reconstituer


def cle_de_l_election(db: Database) -> PublicKey | None:
    """The election's public key, once sealed."""
    cle = lire_cle_publique(db.reader())
    return PublicKey(cle) if cle else None


def enregistrer_cle(db: Database, publique: PublicKey) -> None:
    """Keep the public key of a new sealing; refused once the box holds any ballot."""
    with db.transaction() as conn:
        if compter_bulletins(conn):
            raise UrneNonVide("l'urne contient déjà des bulletins : scellement refusé")
        ecrire_cle_publique(conn, bytes(publique))


def empreinte_bulletin(scelle: bytes) -> str:
    """The fingerprint printed on the receipt: the SHA-256 of the sealed ballot."""
    return hashlib.sha256(scelle).hexdigest()


def sceller_et_deposer(
    db: Database, publique: PublicKey, electeur: Electeur, scrutin: str, liste: str
) -> str:
    """Seal one ballot with the key given, drop it and sign the émargement in one
    transaction; return the receipt's fingerprint. Nothing is read here: the caller has
    the key and the voter already. Refused: a scrutin not the voter's, a list not of that
    scrutin, a second vote in the same scrutin (the émargement's key)."""
    if scrutin not in electeur.scrutins:
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
            deposer(conn, electeur.id, scrutin, secrets.token_hex(16), scelle)
    except DejaEmarge as exc:
        raise ScrutinDejaVote() from exc
    return empreinte_bulletin(scelle)


def deposer_bulletin(db: Database, electeur_id: int, scrutin: str, liste: str) -> str:
    """`sceller_et_deposer` for a caller that holds neither the key nor the voter (the
    bureau's tools and tests): both read, then the ballot dropped."""
    publique = cle_de_l_election(db)
    if publique is None:
        raise ElectionNonScellee()
    electeur = electeur_par_id(db.reader(), electeur_id)
    if electeur is None:
        raise VoteRefuse("Ce scrutin n'est pas l'un des vôtres.")
    return sceller_et_deposer(db, publique, electeur, scrutin, liste)


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


def depouiller(db: Database, fragments: list[Fragment]) -> Depouillement:
    """Open the box with the bureau's fragments and count every scrutin."""
    publique = cle_de_l_election(db)
    if publique is None:
        raise DepouillementRefuse("l'élection n'a jamais été scellée : rien à dépouiller")
    cle = reconstituer(fragments, publique)
    ouvreur = SealedBox(cle)
    emarges = emargements_par_scrutin(db.reader())
    inscrits = inscrits_par_scrutin(db.reader())
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
        ecrire_depouille_le(conn, maintenant)


def empreinte_comptee(db: Database, empreinte: str) -> bool | None:
    """Whether a receipt's fingerprint is among the counted ballots; None before the count."""
    if lire_depouille_le(db.reader()) is None:
        return None
    return empreinte_publiee(db.reader(), empreinte.strip().lower())
