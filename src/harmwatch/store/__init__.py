"""Storage: one interface over SQLite and PostgreSQL (schema, migrations, queries)."""

from harmwatch.store.store import GENESIS_HASH, Store, StoreError, action_hash, utcnow

__all__ = ["GENESIS_HASH", "Store", "StoreError", "action_hash", "utcnow"]
