"""The shared vocabularies and the ontology as the store holds them right now.

Validation (names, kinds, taakveld validity), the GraphQL enums, the template's drop-down lists and
GET /vocab/<name> all read one `Vocabularies`, taken from the store and kept until one of its graphs is
written (store/cache.py), so an uploaded vocabulary is what every one of them sees
(docs/architecture.md, section 6). What is derived from it (lists, enum names, serialisations) is
kept with it and goes when it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, lru_cache
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from doelgraaf.catalogue.shared_graphs import SOURCES, VALIDATION_VOCABULARIES, concept_graph, install, records
from doelgraaf.core.namespaces import DG, ONTOLOGY_GRAPH, vocabulary_graph
from doelgraaf.core.terms import triples_to_graph
from doelgraaf.store import Repository, StoreUnavailable, cache

T = TypeVar("T")
PREFIX = str(vocabulary_graph(""))


class Vocabularies:
    def __init__(self, repo: Repository, names: list[str]):
        self._repo = repo
        self.names = names
        self._derived: dict = {}

    def graph(self, name: str) -> Graph:
        """One vocabulary as an rdflib graph; KeyError when the store has no such vocabulary."""
        if name not in self.names:
            raise KeyError(name)
        return self.derived(("graph", name), lambda: triples_to_graph(self.triples(name)))

    def triples(self, name: str) -> list[ox.Triple]:
        return self.derived(("triples", name), lambda: self._repo.graph_triples(ox.NamedNode(str(vocabulary_graph(name)))))

    def derived(self, key, compute: Callable[[], T]) -> T:
        """Something made from these vocabularies, made once for as long as they are current."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    @cached_property
    def ontology(self) -> Graph:
        return triples_to_graph(self._repo.graph_triples(ox.NamedNode(str(ONTOLOGY_GRAPH))))

    @cached_property
    def background(self) -> Graph:
        """Ontology plus the vocabularies the shapes check against: for names and kinds in reports."""
        graph = Graph()
        graph += self.ontology
        for name in VALIDATION_VOCABULARIES:
            if name in self.names:
                graph += self.graph(name)
        return graph

    def notations(self, iris) -> dict[str, str]:
        """skos:notation of these shared concepts, read in the vocabularies that describe them."""
        found = {}
        for iri in iris:
            graph = concept_graph(str(iri))
            name = graph[len(PREFIX):] if graph else None
            if name in self.names:
                notation = self.graph(name).value(URIRef(str(iri)), SKOS.notation)
                if notation is not None:
                    found[str(iri)] = str(notation)
        return found

    @cached_property
    def _document_kinds(self) -> dict[str, str]:
        graph = self.graph("documentsoorten") if "documentsoorten" in self.names else Graph()
        return {str(cls): str(node) for node, cls in graph.subject_objects(DG.documentClass)}

    def document_kind(self, cls: str) -> str | None:
        """The document-type concept (documentsoort/kadernota, ...) of a planning document class."""
        return self._document_kinds.get(cls)


# Every change of a vocabulary also writes the sources graph (shared_graphs.install, replace_vocabulary),
# so these two graphs say when a Vocabularies is out of date.
GRAPHS = (str(ONTOLOGY_GRAPH), SOURCES.value)


def current(repo: Repository) -> Vocabularies:
    """The vocabularies of `repo` as they are now (kept until one of them is written)."""
    return cache.cached(repo, "vocabularies", lambda: _read(repo), graphs=GRAPHS)


def _read(repo: Repository) -> Vocabularies:
    names = sorted(g[len(PREFIX):] for g in records(repo) if g.startswith(PREFIX))
    if not names:
        raise StoreUnavailable(
            "de store bevat de gedeelde vocabulaires (nog) niet; 'doelgraaf serve' en 'doelgraaf load' installeren ze / "
            "the store does not hold the shared vocabularies (yet); 'doelgraaf serve' and 'doelgraaf load' install them")
    return Vocabularies(repo, names)


@lru_cache(maxsize=1)
def shipped_repository() -> Repository:
    """An in-memory store seeded the way every store is: the running version's own vocabularies, for work
    without a store (the schema file, the template file, checking files on the command line)."""
    from doelgraaf.store.embedded import EmbeddedRepository

    repo = EmbeddedRepository()
    install(repo)
    return repo


def shipped() -> Vocabularies:
    return current(shipped_repository())
