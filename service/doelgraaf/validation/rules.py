"""The rule set as validation runs it: the shapes compiled, and the background statements they read.

Only the vocabularies that shapes refer to are mixed into the data graph (taakvelden for sh:class
and year validity, policy indicators, economic categories, budget terms): the 342 municipalities
and the SDGs would only make every validation slower.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.catalogue.vocabularies import Vocabularies, shipped
from doelgraaf.core.namespaces import DG
from doelgraaf.core.terms import to_triples
from doelgraaf.validation.core_constraints import CompiledShapes, compile_shapes
from doelgraaf.validation.sparql_constraints import SparqlConstraint, constraints, without_sparql

VALIDATION_PREDICATES = (RDF.type, RDFS.subClassOf, SKOS.broader, DG.validFrom, DG.validUntil)


@dataclass(frozen=True)
class Rules:
    """A shapes graph as validation runs it: the core constraints compiled to SPARQL where they can be (see
    core_constraints), the rest left to pyshacl, and the SHACL-SPARQL constraints (see sparql_constraints)."""

    shapes: Graph
    core: CompiledShapes
    sparql: tuple[SparqlConstraint, ...]

    @staticmethod
    def of(shapes: Graph) -> "Rules":
        return Rules(shapes, compile_shapes(without_sparql(shapes)), tuple(constraints(shapes)))


@lru_cache(maxsize=1)
def project() -> Rules:
    """The project's own rules (shapes/), compiled once."""
    return Rules.of(shapes_graph())


@lru_cache(maxsize=None)
def of_class(cls: str) -> Rules:
    """The project's rules on one class: the node shapes targeting it with all they refer to (property shapes,
    lists, SPARQL constraints and their prefixes). A proposal, which lives apart from the municipality's data,
    is checked by these few instead of all 200 (ingest/proposals.py): 130 ms became 25 ms a write."""
    shapes = shapes_graph()
    chosen = Graph()
    frontier, seen = list(shapes.subjects(SH.targetClass, URIRef(cls))), set()
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in shapes.triples((node, None, None)):
            chosen.add(triple)
            if (triple[2], None, None) in shapes:
                frontier.append(triple[2])
    return Rules.of(chosen)


def validation_background_triples(vocabularies: Vocabularies | None = None) -> tuple[ox.Triple, ...]:
    vocabularies = vocabularies or shipped()
    return vocabularies.derived("validation background triples", lambda: tuple(to_triples(validation_background(vocabularies))))


def validation_background(vocabularies: Vocabularies | None = None) -> Graph:
    """Only the background statements rules read (types, class hierarchy, taakveld validity): copying
    the whole background into every validated graph cost more than validating it. From the store's
    vocabularies (`vocabularies`), the running version's own when none are given."""
    vocabularies = vocabularies or shipped()

    def select() -> Graph:
        graph = Graph()
        for predicate in VALIDATION_PREDICATES:
            for triple in vocabularies.background.triples((None, predicate, None)):
                graph.add(triple)
        return graph

    return vocabularies.derived("validation background", select)
