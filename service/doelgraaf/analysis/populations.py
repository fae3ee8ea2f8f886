"""Inhabitants per municipality and year, from the sources allowed to state them: the vocabulary (CBS,
1 January 2025), the CBS Iv3 datasets (1 January of each year) and the municipality's own graph.
Another municipality's graph cannot change someone's population."""

from __future__ import annotations

from doelgraaf.core.namespaces import municipality_graph, vocabulary_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache, datasets


def all_counts(repo: Repository) -> dict[str, dict[int, int]]:
    return cache.cached(repo, "populations", lambda: _all_counts(repo))


def ready(repo: Repository) -> dict[str, dict[int, int]] | None:
    """The counts if already read at this revision (cheap enough for the event loop)."""
    return cache.peek(repo, "populations")


def _all_counts(repo: Repository) -> dict[str, dict[int, int]]:
    trusted = {str(vocabulary_graph("gemeenten")), *datasets.current_versions(repo).values()}
    counts: dict[str, dict[int, int]] = {}
    for graph, municipality, year, inhabitants in repo.select(load("populations")).rows:
        code = municipality.value.rsplit("/", 1)[-1]
        if graph.value in trusted or graph.value == str(municipality_graph(code)):
            counts.setdefault(municipality.value, {}).setdefault(int(year.value), int(inhabitants.value))
    return counts
