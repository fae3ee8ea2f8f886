"""The rule set: shapes, and the ontology and vocabularies the shapes need to see beside the data.

Loaded once per process. Only the vocabularies that shapes refer to are mixed into the data
graph (taakvelden for sh:class and year validity, policy indicators, economic categories,
budget terms): the 342 municipalities and the SDGs would only make every validation slower.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from doelgraaf.namespaces import DG
from doelgraaf.paths import ONTOLOGY_FILE, SHAPES_DIR, VOCAB_DIR
from doelgraaf.rdfconvert import to_triples, triples_to_graph
from doelgraaf.validation.core_constraints import CompiledShapes, compile_shapes
from doelgraaf.validation.sparql_constraints import SparqlConstraint, constraints, without_sparql

VALIDATION_PREDICATES = (RDF.type, RDFS.subClassOf, SKOS.broader, DG.validFrom, DG.validUntil)
VALIDATION_VOCABULARIES = (
    "taakvelden.ttl",
    "beleidsindicatoren.ttl",
    "economische-categorieen.ttl",
    "begroting.ttl",
    "rollen.ttl",
)


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
def core_shapes() -> CompiledShapes:
    """The shapes without their SPARQL constraints (those run separately, see sparql_constraints),
    compiled to SPARQL where they can be (see core_constraints)."""
    return compile_shapes(without_sparql(shapes_graph()))


@lru_cache(maxsize=1)
def sparql_constraints() -> list[SparqlConstraint]:
    return constraints(shapes_graph())


@lru_cache(maxsize=1)
def background_graph() -> Graph:
    """Ontology plus the vocabularies the shapes check against: for names and kinds in reports."""
    return _load([ONTOLOGY_FILE, *(VOCAB_DIR / name for name in VALIDATION_VOCABULARIES)])


@lru_cache(maxsize=1)
def validation_background_triples() -> tuple[ox.Triple, ...]:
    return tuple(to_triples(validation_background()))


@lru_cache(maxsize=1)
def validation_background() -> Graph:
    """Only the background statements rules read (types, class hierarchy, taakveld validity): copying
    the whole background into every validated graph cost more than validating it."""
    graph = Graph()
    for predicate in VALIDATION_PREDICATES:
        for triple in background_graph().triples((None, predicate, None)):
            graph.add(triple)
    return graph
