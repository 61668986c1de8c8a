"""A small test election for the crypto core's tests: trustees, parameters, voters.

The whole key ceremony runs in one process here, which a real sealing must not do (each
trustee runs their own step); the tests only need its public outcome and the shares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from chiffrement import credential, depouillement, parametres, tableau, tiers
from chiffrement.bulletin import construire_bulletin
from chiffrement.fichiers import publier
from chiffrement.groupe import puissance_g, scalaire_aleatoire

ITERATIONS_ESSAI = 10  # the KDF's cost does not matter to these tests
SCRUTINS = [
    {"id": "csa", "nom": "CSA ministériel", "listes": ["A", "B", "C"], "min": 1, "max": 1},
    {"id": "cap", "nom": "CAP", "listes": [f"L{i}" for i in range(1, 8)], "min": 1, "max": 1},
]


@dataclass
class ElectionEssai:
    """Parameters, the trustees' secrets, the voters' secrets and a board being filled."""

    document: dict[str, Any]
    par: parametres.Parametres
    secret_president: int
    secrets_delegues: dict[int, int]
    secrets_electeurs: list[int]
    credentials: dict[str, Any]
    entrees: list[dict[str, Any]] = field(default_factory=list)
    secret_portail: int = field(default_factory=scalaire_aleatoire)

    def urne(self) -> tableau.Urne:
        """An empty box for this election."""
        return tableau.Urne(self.par, tableau.lire_credentials(self.par, self.credentials))

    def publier(self, bulletin: dict[str, Any]) -> None:
        """Append a ballot to the board."""
        self.entrees.append(tableau.entree(self.entrees[-1], "bulletin", bulletin))

    def partiels(self, tally: depouillement.Tally, delegues: tuple[int, ...]) -> list[object]:
        """The president's and the given delegates' partial decryptions."""
        faits: list[object] = [
            depouillement.dechiffrer_partiellement(
                self.par, tally, "president", 0, self.secret_president
            )
        ]
        for j in delegues:
            faits.append(
                depouillement.dechiffrer_partiellement(
                    self.par, tally, "delegue", j, self.secrets_delegues[j]
                )
            )
        return faits


def creer_election(electeurs: int = 4, delegues: int = 3, scrutins: Any = None) -> ElectionEssai:
    """A sealed test election: president, `delegues` delegates (threshold 2), voters."""
    secret_president = scalaire_aleatoire()
    polynomes = [tiers.tirer_polynome(2) for _ in range(delegues)]
    publics = [tiers.public_delegue(f"Délégué {i}", i, p) for i, p in enumerate(polynomes, 1)]
    parts: dict[int, list[int]] = {j: [] for j in range(1, delegues + 1)}
    for p in polynomes:
        engagements = [puissance_g(a) for a in p.coefficients]
        for j in parts:
            tiers.verifier_part(p.en(j), j, engagements)
            parts[j].append(p.en(j))
    document = parametres.construire_parametres(
        "essai-2026",
        "Élection d'essai",
        scrutins or SCRUTINS,
        {
            "president": tiers.public_president("Présidente", secret_president),
            "seuil": 2,
            "delegues": publics,
        },
        ITERATIONS_ESSAI,
    )
    par = parametres.lire_parametres(document)
    secrets = [
        credential.deriver_secret(
            f"CODE-{i:04d}-VOTE", par.election, f"electeur{i}", ITERATIONS_ESSAI
        )
        for i in range(electeurs)
    ]
    credentials = tableau.credentials_json(
        [(credential.credential_publique(s), list(par.scrutins)) for s in secrets]
    )
    election = ElectionEssai(
        document,
        par,
        secret_president,
        {j: tiers.cle_de_delegue(v) for j, v in parts.items()},
        secrets,
        credentials,
    )
    election.entrees.append(
        tableau.ouverture(par, credentials, puissance_g(election.secret_portail))
    )
    return election


def ecrire_dossier(dossier: Path, election: ElectionEssai, fichiers: dict[str, Any]) -> None:
    """Write a published folder: parameters, fingerprint, credentials, board, and more
    (`fichiers` by file name, so that a test can also write a broken one)."""
    publier(
        dossier,
        parametres=election.document,
        credentials=election.credentials,
        tableau=election.entrees,
    )
    for nom, contenu in fichiers.items():
        (dossier / nom).write_text(json.dumps(contenu, ensure_ascii=False), encoding="utf-8")


def election_complete() -> tuple[ElectionEssai, dict[str, Any]]:
    """An election voted, closed and counted: the files the bureau publishes."""
    e = creer_election(electeurs=3)
    urne = e.urne()
    for i, secret in enumerate(e.secrets_electeurs):
        b = construire_bulletin(e.par, "csa", [i % 3], secret)
        urne.accepter(b)
        e.publier(b)
    b = construire_bulletin(e.par, "cap", [6], e.secrets_electeurs[0])
    urne.accepter(b)
    e.publier(b)
    e.entrees.append(tableau.entree(e.entrees[-1], "cloture", {"bulletins": urne.comptes()}))
    tally = depouillement.calculer_tally(e.par, urne.bulletins)
    partiels = e.partiels(tally, (1, 3))
    fichiers = {
        "emargements.json": urne.comptes(),
        "tally.json": depouillement.tally_json(tally),
        "dechiffrements.json": partiels,
        "resultats.json": depouillement.calculer_resultat(e.par, tally, partiels),
    }
    return e, fichiers


VECTEUR = Path(__file__).resolve().parent / "donnees" / "vecteur_bulletin.json"


def aleas_du_vecteur(nombre: int = 200) -> list[int]:
    """The committed vector's random draws: HashToField(« vecteur-alea », « bulletin|i »)."""
    from chiffrement.hachage import hacher_vers_scalaire

    return [hacher_vers_scalaire("vecteur-alea", f"bulletin|{i}") for i in range(1, nombre + 1)]


_feuilles = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**300), max_value=2**300),
    st.text(max_size=70),
    st.sampled_from(["0", "1", "66" * 32, "00" * 32, "ff" * 32, "csa", "cap"]),
)
# Any JSON value, to put in place of a node of a published structure.
valeurs_json = st.recursive(
    _feuilles,
    lambda v: st.lists(v, max_size=3) | st.dictionaries(st.text(max_size=8), v, max_size=3),
    max_leaves=6,
)


def chemins_json(valeur: Any, prefixe: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node of a JSON value."""
    chemins = [prefixe]
    if isinstance(valeur, dict):
        for cle, v in valeur.items():
            chemins += chemins_json(v, (*prefixe, cle))
    elif isinstance(valeur, list):
        for i, v in enumerate(valeur):
            chemins += chemins_json(v, (*prefixe, i))
    return chemins
