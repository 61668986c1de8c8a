"""Voters of the roll: rows, reads and writes."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fixtures.liste import SCRUTIN_SEPARATOR


@dataclass(frozen=True)
class Electeur:
    """A voter of the roll as the portal stores it."""

    id: int
    email: str
    civilite: str
    nom: str
    prenom: str
    academie: str
    corps: str
    scrutins: tuple[str, ...]
    password_hash: str | None
    question: str | None
    answer_hash: str | None
    code_vote_hash: str | None = None
    # The public credential g^x derived from the code de vote (chiffrement.credential):
    # all the portal holds of it, never x nor the code.
    credential: str | None = None

    @property
    def is_active(self) -> bool:
        """An active voter has saved an Élections password and a challenge answer."""
        return self.password_hash is not None and self.answer_hash is not None


@dataclass(frozen=True)
class NouvelElecteur:
    """A voter to insert; hashes are computed by the caller."""

    email: str
    civilite: str = ""
    nom: str = ""
    prenom: str = ""
    academie: str = ""
    corps: str = ""
    scrutins: tuple[str, ...] = ()
    password_hash: str | None = None
    question: str | None = None
    answer_hash: str | None = None
    code_vote_hash: str | None = None


LigneElecteur = tuple[
    str, str, str, str, str, str, str, str | None, str | None, str | None, str | None
]


def inserer_liste_electeurs(conn: sqlite3.Connection, rows: Iterable[LigneElecteur]) -> None:
    """Insert many voters into an empty table: the e-mail index is rebuilt once at the end,
    in sorted order, instead of being updated a million times in random order."""
    conn.execute("DROP INDEX IF EXISTS voters_email")
    inserer_lignes_electeurs(conn, rows)
    conn.execute("CREATE UNIQUE INDEX voters_email ON voters(email)")


def inserer_lignes_electeurs(conn: sqlite3.Connection, rows: Iterable[LigneElecteur]) -> None:
    """Insert voter rows (email, civilite, nom, prenom, academie, corps, scrutins,
    password_hash, question, answer_hash, code_vote_hash) in the caller's transaction."""
    conn.executemany(
        "INSERT INTO voters (email, civilite, nom, prenom, academie, corps, scrutins,"
        " password_hash, question, answer_hash, code_vote_hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )


def remplacer_empreinte(conn: sqlite3.Connection, electeur_id: int, password_hash: str) -> None:
    """Replace a voter's stored password hash (upgrade of a derived credential)."""
    conn.execute("UPDATE voters SET password_hash = ? WHERE id = ?", (password_hash, electeur_id))


def enregistrer_activation(
    conn: sqlite3.Connection, electeur_id: int, password_hash: str, question: str, answer_hash: str
) -> None:
    """Save the Élections password and the challenge of an activated account."""
    conn.execute(
        "UPDATE voters SET password_hash = ?, question = ?, answer_hash = ? WHERE id = ?",
        (password_hash, question, answer_hash, electeur_id),
    )


def _electeur_de_la_ligne(row: sqlite3.Row) -> Electeur:
    return Electeur(
        id=row["id"],
        email=row["email"],
        civilite=row["civilite"],
        nom=row["nom"],
        prenom=row["prenom"],
        academie=row["academie"],
        corps=row["corps"],
        scrutins=tuple(s for s in row["scrutins"].split(SCRUTIN_SEPARATOR) if s),
        password_hash=row["password_hash"],
        question=row["question"],
        answer_hash=row["answer_hash"],
        code_vote_hash=row["code_vote_hash"],
        credential=row["credential"],
    )


def inserer_electeurs(conn: sqlite3.Connection, electeurs: Iterable[NouvelElecteur]) -> int:
    """Insert voters in the caller's transaction; return how many were inserted."""
    electeurs = list(electeurs)
    rows = [
        (
            v.email,
            v.civilite,
            v.nom,
            v.prenom,
            v.academie,
            v.corps,
            SCRUTIN_SEPARATOR.join(v.scrutins),
            v.password_hash,
            v.question,
            v.answer_hash,
            v.code_vote_hash,
        )
        for v in electeurs
    ]
    inserer_lignes_electeurs(conn, rows)
    return len(rows)


def remplacer_code_vote(conn: sqlite3.Connection, email: str, code_vote_hash: str | None) -> None:
    """Forget the hash of a voter's code de vote (a réassort: the portal never learns the
    new code, only its public credential), or set one (a voter created by the test hook)."""
    conn.execute("UPDATE voters SET code_vote_hash = ? WHERE email = ?", (code_vote_hash, email))


def electeur_par_email(conn: sqlite3.Connection, email: str) -> Electeur | None:
    """Find a voter by professional address (already normalised)."""
    row = conn.execute("SELECT * FROM voters WHERE email = ?", (email,)).fetchone()
    return _electeur_de_la_ligne(row) if row else None


def electeur_par_id(conn: sqlite3.Connection, electeur_id: int) -> Electeur | None:
    """Find a voter by its row id."""
    row = conn.execute("SELECT * FROM voters WHERE id = ?", (electeur_id,)).fetchone()
    return _electeur_de_la_ligne(row) if row else None


def compter_electeurs(conn: sqlite3.Connection) -> int:
    """How many voters the roll holds."""
    row = conn.execute("SELECT COUNT(*) AS n FROM voters").fetchone()
    return int(row["n"]) if row else 0


def premier_electeur_actif(conn: sqlite3.Connection) -> str | None:
    """The first active voter's address in load order (for the demo banner)."""
    row = conn.execute(
        "SELECT email FROM voters WHERE password_hash IS NOT NULL"
        " AND answer_hash IS NOT NULL ORDER BY id LIMIT 1"
    ).fetchone()
    return str(row["email"]) if row else None


def electeurs_actifs(conn: sqlite3.Connection, limite: int) -> list[tuple[str, str]]:
    """The first `limite` active voters in load order, with their stored password hash
    (for the demo banner, which looks for one whose password is still the roll's)."""
    rows = conn.execute(
        "SELECT email, password_hash FROM voters WHERE password_hash IS NOT NULL"
        " AND answer_hash IS NOT NULL ORDER BY id LIMIT ?",
        (limite,),
    ).fetchall()
    return [(str(r["email"]), str(r["password_hash"])) for r in rows]


def inscrits_par_scrutin(conn: sqlite3.Connection) -> Counter[str]:
    """Registered voters of each scrutin (one pass over the roll)."""
    compte: Counter[str] = Counter()
    for row in conn.execute("SELECT scrutins FROM voters"):
        compte.update(s for s in str(row["scrutins"]).split(SCRUTIN_SEPARATOR) if s)
    return compte


def scrutins_de_la_liste(conn: sqlite3.Connection) -> list[str]:
    """Every scrutin of the loaded roll, sorted (none: no roll loaded)."""
    noms: set[str] = set()
    for row in conn.execute("SELECT DISTINCT scrutins FROM voters"):
        noms.update(s for s in str(row["scrutins"]).split(SCRUTIN_SEPARATOR) if s)
    return sorted(noms)


def ecrire_credential(conn: sqlite3.Connection, electeur_id: int, credential: str) -> None:
    """Record a voter's public credential (in the caller's transaction)."""
    conn.execute("UPDATE voters SET credential = ? WHERE id = ?", (credential, electeur_id))


def sans_credential(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, address) of the voters without a public credential yet."""
    rows = conn.execute("SELECT id, email FROM voters WHERE credential IS NULL")
    return [(int(r["id"]), str(r["email"])) for r in rows]


def adresses_des_electeurs(conn: sqlite3.Connection) -> set[str]:
    """Every voter's address (to check a credentials file against the roll)."""
    return {str(r["email"]) for r in conn.execute("SELECT email FROM voters")}


def credentials_inscrites(conn: sqlite3.Connection) -> list[tuple[str, tuple[str, ...]]]:
    """Every public credential with the names of its voter's scrutins."""
    rows = conn.execute("SELECT credential, scrutins FROM voters WHERE credential IS NOT NULL")
    return [
        (str(r["credential"]), tuple(s for s in str(r["scrutins"]).split(SCRUTIN_SEPARATOR) if s))
        for r in rows
    ]
