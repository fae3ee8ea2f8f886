"""The shared graphs every municipality builds on: ontology, shapes and vocabularies.

They live in their own named graphs, apart from any municipality. The store is their one source:
validation, GraphQL enums, the template's lists and GET /vocab read them there (catalogue.vocabularies).
The project's files only seed it. When the service starts, ontology and shapes are replaced by the
running version's; a vocabulary is seeded when the store lacks it or still holds an older version of
the file, and never overwritten once an administrator uploaded one (PUT /vocab/<name>). The catalogue
graph records where each shared graph came from (docs/architecture.md, section 6).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import DCTERMS

from doelgraaf.core.namespaces import ID, ONTOLOGY_GRAPH, SDG, SHAPES_GRAPH, SOURCES_GRAPH, vocabulary_graph
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


SOURCES = ox.NamedNode(str(SOURCES_GRAPH))

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


def vocabulary_files() -> dict[str, Path]:
    return {path.stem: path for path in sorted(VOCAB_DIR.glob("*.ttl"))}


def system_graphs() -> dict[ox.NamedNode, list[Path]]:
    graphs = {ox.NamedNode(str(ONTOLOGY_GRAPH)): [ONTOLOGY_FILE], ox.NamedNode(str(SHAPES_GRAPH)): shape_files()}
    for name, path in vocabulary_files().items():
        graphs[ox.NamedNode(str(vocabulary_graph(name)))] = [path]
    return graphs


def _digest(parts: list[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return "sha256:" + digest.hexdigest()


def records(repo: Repository) -> dict[str, tuple[str, str]]:
    """Where each shared graph in the store came from: graph IRI -> (source "file" or "upload", digest)."""
    found: dict[str, dict[str, str]] = {}
    for triple in repo.graph_triples(SOURCES):
        found.setdefault(triple.subject.value, {})[triple.predicate.value] = triple.object.value
    return {graph: (fields.get(str(DCTERMS.source), ""), fields.get(str(DCTERMS.identifier), "")) for graph, fields in found.items()}


def _record_triples(entries: dict[str, tuple[str, str]]) -> list[ox.Triple]:
    source, identifier = ox.NamedNode(str(DCTERMS.source)), ox.NamedNode(str(DCTERMS.identifier))
    return [t for graph, (origin, digest) in sorted(entries.items())
            for t in (ox.Triple(ox.NamedNode(graph), source, ox.Literal(origin)),
                      ox.Triple(ox.NamedNode(graph), identifier, ox.Literal(digest)))]


def install(repo: Repository) -> None:
    """Bring ontology and shapes to the running version and seed the vocabularies from the project's files,
    keeping every uploaded vocabulary; one transaction."""
    known = records(repo)
    entries = dict(known)
    replaced: dict[ox.NamedNode, list[ox.Triple]] = {}
    for graph, paths in system_graphs().items():
        digest = _digest([path.read_bytes() for path in paths])
        origin, stored = known.get(graph.value, ("", ""))
        vocabulary = graph.value.startswith(str(vocabulary_graph("")))
        if vocabulary and origin == "upload":
            continue
        if stored != digest or origin != "file":
            replaced[graph] = [q.triple for path in paths for q in ox.parse(path=str(path))]
            entries[graph.value] = ("file", digest)
    if replaced or entries != known:
        repo.replace_graphs({**replaced, SOURCES: _record_triples(entries)})


def replace_vocabulary(repo: Repository, name: str, triples: list[ox.Triple]) -> ox.NamedNode:
    """An administrator's new version of a shared vocabulary, in one transaction; returns its graph. From
    now on a restart keeps it (see install)."""
    graph = ox.NamedNode(str(vocabulary_graph(name)))
    entries = {**records(repo), graph.value: ("upload", _digest(sorted(str(t).encode() for t in triples)))}
    repo.replace_graphs({graph: triples, SOURCES: _record_triples(entries)})
    return graph


def concept_graph(iri: str) -> str | None:
    """The vocabulary graph describing a shared concept, or None when the IRI is no shared concept."""
    for prefix, name in CONCEPT_GRAPHS.items():
        if iri.startswith(prefix):
            return str(vocabulary_graph(name))
    return None
