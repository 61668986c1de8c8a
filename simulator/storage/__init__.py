"""SQLite storage of the reference portal: `database.py` manages connections,
transactions and the write queue, `schema.py` holds the whole schema, and each table
family has its module of functions taking a connection (electeurs, sessions, verrous,
liens, outbox, audit, rate_limits)."""

from simulator.storage.database import Database

__all__ = ["Database"]
