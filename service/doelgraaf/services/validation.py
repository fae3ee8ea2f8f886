"""SHACL checks of what is in the store: one municipality's graph, copied into memory and validated.

pyshacl over the store itself is slow and gives false results (DESIGN.md), so the graph of the
municipality is copied out first; the shapes see it beside the ontology and vocabularies.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from doelgraaf.namespaces import municipality_graph
from doelgraaf.rdfconvert import triples_to_graph
from doelgraaf.services import revision_cache
from doelgraaf.store import Repository
from doelgraaf.validation import ValidationReport, validate


def municipality_data(repo: Repository, code: str) -> Graph:
    return triples_to_graph(repo.graph_triples(ox.NamedNode(str(municipality_graph(code)))))


def municipality_report(repo: Repository, code: str) -> ValidationReport:
    """Validated once per store revision: asking again without a write in between costs nothing."""
    return revision_cache.cached(repo, ("validation", code), lambda: validate(municipality_data(repo, code)))
