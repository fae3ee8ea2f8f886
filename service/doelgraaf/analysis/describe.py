"""Dereferencing https://w3id.org/doelgraaf/id/… IRIs: what the graph says about one resource, and for a page
for people also what refers to it and the names of everything the page links to."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from doelgraaf.analysis import listing
from doelgraaf.catalogue.shared_graphs import concept_graph
from doelgraaf.core.namespaces import SKOLEM
from doelgraaf.core.terms import triples_to_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository


@dataclass(frozen=True)
class Description:
    """One resource as a page shows it."""

    iri: str
    triples: list[ox.Triple]  # what its graph says about it, with its unnamed nodes (describe)
    referrers: list[tuple[str, str]]  # (what refers to it, through which property), in the same graph
    names: Graph  # labels, codes and schemes of the IRIs the page links to, each from the graph describing it


def _home(repo: Repository, iri: str) -> str | None:
    # a municipality is described by the vocabulary, or (one that is not among the 342, the demo) by its own graph
    if iri.startswith(str(listing.MUNICIPALITY_PREFIX)):
        return listing.home_graph(repo, iri)
    return concept_graph(iri) or listing.home_graph(repo, iri)


def _about(repo: Repository, iri: str, graph: str) -> list[ox.Triple]:
    return repo.construct(load("describe"), bindings={"resource": ox.NamedNode(iri), "graph": ox.NamedNode(graph)})


def describe(repo: Repository, iri: str) -> list[ox.Triple]:
    """The triples about `iri` in the graph that describes it; empty when it is unknown."""
    graph = _home(repo, iri)
    return _about(repo, iri, graph) if graph is not None else []


def for_page(repo: Repository, iri: str) -> Description | None:
    """What a page about `iri` shows; None when it is unknown."""
    graph = _home(repo, iri)
    triples = _about(repo, iri, graph) if graph is not None else []
    if not triples:
        return None
    bound = {"resource": ox.NamedNode(iri), "graph": ox.NamedNode(graph)}
    referrers = [(referrer.value, prop.value) for referrer, prop in repo.select(load("resource_incoming"), bindings=bound).rows]
    linked = {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)} | {r for r, _ in referrers}
    linked = {other for other in linked if not other.startswith(str(SKOLEM))}
    # each linked IRI named where it is described: a shared concept in its vocabulary, our own things (and
    # the demo municipality) in this graph
    rows = sorted({(other, home) for other in linked for home in (graph, concept_graph(other)) if home})
    names = repo.construct(load("resource_names"), table=(["resource", "graph"],
                                                          [[ox.NamedNode(r), ox.NamedNode(g)] for r, g in rows])) if rows else []
    return Description(iri, triples, referrers, triples_to_graph(names))
