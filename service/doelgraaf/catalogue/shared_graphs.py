"""The shared graphs every municipality builds on: ontology, shapes and vocabularies.

They live in their own named graphs, apart from any municipality, and are (re)installed from
the project's files when the service starts, so a store always serves the ontology of the
running version.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SKOS

from doelgraaf.core.namespaces import DG, ID, ONTOLOGY_GRAPH, SDG, SHAPES_GRAPH, vocabulary_graph
from doelgraaf.core.paths import ONTOLOGY_FILE, SHAPES_DIR, VOCAB_DIR
from doelgraaf.core.terms import triples_to_graph
from doelgraaf.store import Repository

# Where the description of a shared concept lives, by the start of its IRI.
CONCEPT_GRAPHS = {
    str(ID["taakveld"]): "taakvelden",
    str(ID["beleidsindicator"]): "beleidsindicatoren",
    str(ID["economische-categorie"]): "economische-categorieen",
    str(ID["gemeente/"]): "gemeenten",
    str(ID["provincie"]): "gemeenten",
    str(ID["gemeentegrootte"]): "gemeenten",
    str(ID["stedelijkheid"]): "gemeenten",
    str(ID["rol"]): "rollen",
    str(ID["documentsoort"]): "documentsoorten",
    str(ID["begrotingsfase"]): "begroting",
    str(ID["richting"]): "begroting",
    str(SDG): "sdg",
    "https://w3id.org/doelgraaf/def#": "begroting",
}


# the vocabularies the shapes check against (sh:class, taakveld validity, sh:in)
VALIDATION_VOCABULARIES = ("taakvelden", "beleidsindicatoren", "economische-categorieen", "begroting", "rollen")


def _load(paths: list[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        triples_to_graph(ox.parse(path=str(path)), graph)
    return graph


def shape_files() -> list[Path]:
    return sorted(SHAPES_DIR.glob("*.ttl"))


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return _load(shape_files())


@lru_cache(maxsize=1)
def background_graph() -> Graph:
    """Ontology plus the vocabularies the shapes check against: for names and kinds in reports."""
    return _load([ONTOLOGY_FILE, *(vocabulary_files()[name] for name in VALIDATION_VOCABULARIES)])


def vocabulary_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(VOCAB_DIR.glob("*.ttl"))}


def system_graphs() -> dict[ox.NamedNode, list[Path]]:
    graphs = {ox.NamedNode(str(ONTOLOGY_GRAPH)): [ONTOLOGY_FILE], ox.NamedNode(str(SHAPES_GRAPH)): shape_files()}
    for name, path in vocabulary_files().items():
        graphs[ox.NamedNode(str(vocabulary_graph(name)))] = [path]
    return graphs


def install(repo: Repository) -> None:
    """Replace ontology, shapes and vocabularies in the store by the project's files, in one transaction."""
    repo.replace_graphs(
        {graph: [q.triple for path in paths for q in ox.parse(path=str(path))] for graph, paths in system_graphs().items()}
    )


def replace_vocabulary(repo: Repository, name: str, triples: list[ox.Triple]) -> ox.NamedNode:
    """An administrator's new version of a shared vocabulary, in one transaction; returns its graph."""
    graph = ox.NamedNode(str(vocabulary_graph(name)))
    repo.replace_graphs({graph: triples})
    return graph


def concept_graph(iri: str) -> str | None:
    """The vocabulary graph describing a shared concept, or None when the IRI is no shared concept."""
    for prefix, name in CONCEPT_GRAPHS.items():
        if iri.startswith(prefix):
            return str(vocabulary_graph(name))
    return None


@lru_cache(maxsize=1)
def _document_kinds() -> dict[str, str]:
    path = vocabulary_files()["documentsoorten"]
    document_class = str(DG.documentClass)
    return {q.object.value: q.subject.value for q in ox.parse(path=str(path)) if q.predicate.value == document_class}


def document_kind(cls: str) -> str | None:
    """The document-type concept (documentsoort/kadernota, ...) of a planning document class."""
    return _document_kinds().get(cls)


def concept_notations() -> dict[str, str]:
    """skos:notation of every shared concept: names the members of GraphQL enums."""
    notation = str(SKOS.notation)
    return {
        quad.subject.value: quad.object.value
        for path in vocabulary_files().values()
        for quad in ox.parse(path=str(path))
        if quad.predicate.value == notation
    }
