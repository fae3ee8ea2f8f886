"""The store: one repository interface (`Repository`), embedded Oxigraph or a remote SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path

from doelgraaf.store.repository import QueryTimeout, Repository, Solutions, StoreUnavailable, WriteConflict


def open_repository(store: str | Path | None = None, endpoint: str | None = None, memory: bool = False,
                    update_endpoint: str | None = None, graph_store: str | None = None, credentials=None) -> Repository:
    """Open the back-end the user asked for: `--endpoint URL` (with its update and Graph Store URLs and
    credentials, store/protocol.py), `--store DIR`, or memory (tests)."""
    if endpoint:
        from doelgraaf.store.remote import RemoteRepository

        return RemoteRepository(endpoint, update_endpoint, graph_store, credentials)
    from doelgraaf.store.embedded import EmbeddedRepository

    return EmbeddedRepository(None if memory else Path(store or "doelgraaf-data"))


__all__ = ["QueryTimeout", "Repository", "Solutions", "StoreUnavailable", "WriteConflict", "open_repository"]
