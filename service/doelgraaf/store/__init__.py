"""The store: one repository interface (`Repository`), embedded Oxigraph or a remote SPARQL endpoint."""

from __future__ import annotations

from pathlib import Path

from doelgraaf.store.repository import QueryTimeout, Repository, Solutions, StoreUnavailable


def open_repository(store: str | Path | None = None, endpoint: str | None = None, memory: bool = False) -> Repository:
    """Open the back-end the user asked for: `--endpoint URL`, `--store DIR`, or memory (tests)."""
    if endpoint:
        from doelgraaf.store.remote import RemoteRepository

        return RemoteRepository(endpoint)
    from doelgraaf.store.embedded import EmbeddedRepository

    return EmbeddedRepository(None if memory else Path(store or "doelgraaf-data"))


__all__ = ["QueryTimeout", "Repository", "Solutions", "StoreUnavailable", "open_repository"]
