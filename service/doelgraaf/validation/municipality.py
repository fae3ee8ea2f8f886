"""SHACL checks of what is in the store: one municipality's graph, copied into memory and validated.

Validating the shared store itself would let the shapes see every municipality (docs/architecture.md), so the
graph of the municipality is copied out first, into an in-memory store beside the background the
rules read.
"""

from __future__ import annotations

import pyoxigraph as ox

from doelgraaf.catalogue import vocabularies as vocabulary_catalogue
from doelgraaf.core.namespaces import municipality_graph
from doelgraaf.core.terms import triples_to_graph
from doelgraaf.store import Repository, cache
from doelgraaf.validation import ValidationReport
from doelgraaf.validation.validator import validate_store, validation_store


def municipality_triples(repo: Repository, code: str) -> list[ox.Triple]:
    return repo.graph_triples(ox.NamedNode(str(municipality_graph(code))))


def municipality_report(repo: Repository, code: str) -> ValidationReport:
    """Validated once per write to the municipality's graph: asking again in between costs nothing, and
    validating all municipalities again after some were edited checks only those (the rules come from
    files, read at start-up; the vocabularies they check against from the store)."""
    def compute() -> ValidationReport:
        triples = municipality_triples(repo, code)
        vocabularies = vocabulary_catalogue.current(repo)
        return validate_store(validation_store(triples, vocabularies=vocabularies), lambda: triples_to_graph(triples),
                              vocabularies=vocabularies)

    graphs = [str(municipality_graph(code)), *vocabulary_catalogue.GRAPHS]
    return cache.cached(repo, ("validation", code), compute, graphs=graphs)
