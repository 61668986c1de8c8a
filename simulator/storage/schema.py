"""The whole SQLite schema of the reference portal, readable in one place.

Tables of the domain: voters (électeurs) and the roll's meta, réassort links, locks;
of the infrastructure: sessions, the outbox, the audit log, rate counters.
"""

SCHEMA = """
CREATE TABLE IF NOT EXISTS voters (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    civilite TEXT NOT NULL DEFAULT '',
    nom TEXT NOT NULL DEFAULT '',
    prenom TEXT NOT NULL DEFAULT '',
    academie TEXT NOT NULL DEFAULT '',
    corps TEXT NOT NULL DEFAULT '',
    scrutins TEXT NOT NULL DEFAULT '',
    password_hash TEXT,
    question TEXT,
    answer_hash TEXT,
    code_vote_hash TEXT,
    credential TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS voters_email ON voters(email);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    expires_at REAL NOT NULL
);
-- No index on expires_at: it made every session write (the hottest write of the opening
-- peak) 1.3 to 1.6 times as costly (scripts/bench_sessions.py); the purge scans instead.
-- Failures and locks by identifier typed, known or not, so a lock says nothing of the roll.
CREATE TABLE IF NOT EXISTS login_guard (
    identifier TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    locks INTEGER NOT NULL DEFAULT 0,
    locked_until REAL
);
CREATE TABLE IF NOT EXISTS reset_links (
    id INTEGER PRIMARY KEY,
    voter_id INTEGER NOT NULL REFERENCES voters(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    used_at REAL,
    superseded_at REAL
);
CREATE INDEX IF NOT EXISTS reset_links_voter ON reset_links(voter_id);
CREATE TABLE IF NOT EXISTS outbox (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    lease_until REAL,
    sent_at REAL,
    failed_at REAL,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL
    AND failed_at IS NULL;
CREATE TABLE IF NOT EXISTS audit_log (
    id INTEGER PRIMARY KEY,
    at REAL NOT NULL,
    event TEXT NOT NULL,
    identifier TEXT,
    voter_id INTEGER,
    client TEXT,
    detail TEXT
);
-- Append-only: the database itself refuses to rewrite or erase the audit trail.
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log est en ajout seul'); END;
CREATE TABLE IF NOT EXISTS roll_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rate_counters (
    key TEXT PRIMARY KEY,
    window_start REAL NOT NULL,
    count INTEGER NOT NULL
);
-- The vote (R.211-512, R.211-569): the ballot box and the émargement are kept apart and
-- only grow. A ballot carries its scrutin and its sealed content, nothing of its voter:
-- no voter column, no time, and a random key instead of a row id, so that neither the
-- order of the rows nor a date rejoins it to the émargement. One émargement per voter
-- and scrutin: a second vote is refused by the database itself, whatever the worker.
CREATE TABLE IF NOT EXISTS urne (
    id TEXT PRIMARY KEY,
    scrutin TEXT NOT NULL,
    bulletin BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS emargement (
    voter_id INTEGER NOT NULL REFERENCES voters(id),
    scrutin TEXT NOT NULL,
    PRIMARY KEY (voter_id, scrutin)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS urne_no_update BEFORE UPDATE ON urne
BEGIN SELECT RAISE(ABORT, 'urne en ajout seul'); END;
CREATE TRIGGER IF NOT EXISTS urne_no_delete BEFORE DELETE ON urne
BEGIN SELECT RAISE(ABORT, 'urne en ajout seul'); END;
CREATE TRIGGER IF NOT EXISTS emargement_no_update BEFORE UPDATE ON emargement
BEGIN SELECT RAISE(ABORT, 'emargement en ajout seul'); END;
CREATE TRIGGER IF NOT EXISTS emargement_no_delete BEFORE DELETE ON emargement
BEGIN SELECT RAISE(ABORT, 'emargement en ajout seul'); END;
-- After the count: the fingerprints of every counted ballot, published so that each
-- voter can find the one printed on their receipt (and nothing else: no scrutin, no list).
-- The public board (chiffrement/tableau.py): a hash chain, one row per entry, in the
-- order of the chain; a ballot's row names the ballot's fingerprint (the receipt's), so a
-- voter finds it at once. Public by design: it holds ballots, never a voter.
CREATE TABLE IF NOT EXISTS tableau (
    hauteur INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    empreinte_bulletin TEXT UNIQUE,
    entree TEXT NOT NULL
);
-- The credential entries alone (a few per thousand ballots): each portal process reads
-- those appended since its last look at every deposit (vote/inscriptions.py).
CREATE INDEX IF NOT EXISTS tableau_credentials ON tableau(hauteur) WHERE type = 'credential';
CREATE TRIGGER IF NOT EXISTS tableau_no_update BEFORE UPDATE ON tableau
BEGIN SELECT RAISE(ABORT, 'tableau en ajout seul'); END;
CREATE TRIGGER IF NOT EXISTS tableau_no_delete BEFORE DELETE ON tableau
BEGIN SELECT RAISE(ABORT, 'tableau en ajout seul'); END;
CREATE TABLE IF NOT EXISTS empreintes_publiees (
    empreinte TEXT PRIMARY KEY
) WITHOUT ROWID;
"""

# Columns added after a table was first created: a database made by an older portal gets
# them at start-up (CREATE TABLE IF NOT EXISTS leaves an existing table as it is).
# voters.code_vote_hash: NULL for a roll's voter (its code de vote is the credential
# authority's, the portal keeps only its public credential) and after a réassort; the
# Argon2id hash of the code a test hook gave the voter it created.
COLONNES_AJOUTEES: list[tuple[str, str, str]] = [
    ("voters", "code_vote_hash", "TEXT"),
    ("voters", "credential", "TEXT"),
]
