"""The election's meta (table `roll_meta`): the fingerprint of the published parameters,
the public credentials of the board's opening, the instant of the count. One typed
reader and writer per value; the keys are the table's, unchanged so that existing
databases stay readable. The roll's secret is no longer kept (acces/identifiants.py); a
database loaded before that still holds it under `secret` until the portal's next start
replaces it by per-voter hashes (commandes/oubli_secret.py)."""

from __future__ import annotations

import sqlite3

SECRET = "secret"
DEPOUILLE_LE = "depouille_le"
EMPREINTE_PARAMETRES = "empreinte_parametres"
EMPREINTE_CREDENTIALS = "empreinte_credentials"


def _lire(conn: sqlite3.Connection, cle: str) -> str | None:
    row = conn.execute("SELECT value FROM roll_meta WHERE key = ?", (cle,)).fetchone()
    return str(row["value"]) if row else None


def _ecrire(conn: sqlite3.Connection, cle: str, valeur: str) -> None:
    conn.execute(
        "INSERT INTO roll_meta (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (cle, valeur),
    )


def lire_ancien_secret(conn: sqlite3.Connection) -> str | None:
    """The roll's secret an older portal stored at load (None: not stored, as now)."""
    return _lire(conn, SECRET)


def effacer_ancien_secret(conn: sqlite3.Connection) -> None:
    """Forget the roll's secret an older portal stored (in the caller's transaction)."""
    conn.execute("DELETE FROM roll_meta WHERE key = ?", (SECRET,))


def lire_empreinte_parametres(conn: sqlite3.Connection) -> str | None:
    """The fingerprint of the public parameters the portal met at its first start with
    this database (None: never started with published parameters)."""
    return _lire(conn, EMPREINTE_PARAMETRES)


def ecrire_empreinte_parametres(conn: sqlite3.Connection, empreinte: str) -> None:
    """Record the public parameters' fingerprint at the first start (caller's transaction)."""
    _ecrire(conn, EMPREINTE_PARAMETRES, empreinte)


def lire_depouille_le(conn: sqlite3.Connection) -> float | None:
    """When the count was published (None: not counted yet)."""
    texte = _lire(conn, DEPOUILLE_LE)
    return float(texte) if texte else None


def ecrire_depouille_le(conn: sqlite3.Connection, instant: float) -> None:
    """Record the instant of the count's publication (in the caller's transaction)."""
    _ecrire(conn, DEPOUILLE_LE, repr(instant))


CREDENTIALS_OUVERTURE = "credentials_ouverture"


def lire_credentials_ouverture(conn: sqlite3.Connection) -> str | None:
    """The public credentials named by the board's opening entry (canonical JSON)."""
    return _lire(conn, CREDENTIALS_OUVERTURE)


def ecrire_credentials_ouverture(conn: sqlite3.Connection, document: str) -> None:
    """Record the credentials of the board's opening (in the caller's transaction)."""
    _ecrire(conn, CREDENTIALS_OUVERTURE, document)


def lire_empreinte_credentials(conn: sqlite3.Connection) -> str | None:
    """The fingerprint of the public credentials file loaded at the first start (None:
    never loaded one)."""
    return _lire(conn, EMPREINTE_CREDENTIALS)


def ecrire_empreinte_credentials(conn: sqlite3.Connection, empreinte: str) -> None:
    """Record the public credentials file's fingerprint (caller's transaction)."""
    _ecrire(conn, EMPREINTE_CREDENTIALS, empreinte)


CLE_AUTORITE = "cle_autorite"


def lire_cle_autorite(conn: sqlite3.Connection) -> str | None:
    """The credential authority's public signing key, as its credentials file names it
    (None: a file without one, or none loaded)."""
    return _lire(conn, CLE_AUTORITE)


def ecrire_cle_autorite(conn: sqlite3.Connection, cle: str) -> None:
    """Record the authority's public signing key (caller's transaction)."""
    _ecrire(conn, CLE_AUTORITE, cle)
