"""The rule set as validation runs it: the shapes compiled, and the background statements they read.

Only the vocabularies that shapes refer to are mixed into the data graph (taakvelden for sh:class
and year validity, policy indicators, economic categories, budget terms): the 342 municipalities
and the SDGs would only make every validation slower.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from doelgraaf.catalogue.shared_graphs import background_graph, shapes_graph
from doelgraaf.core.namespaces import DG
from doelgraaf.core.terms import to_triples
from doelgraaf.validation.core_constraints import CompiledShapes, compile_shapes
from doelgraaf.validation.sparql_constraints import SparqlConstraint, constraints, without_sparql

VALIDATION_PREDICATES = (RDF.type, RDFS.subClassOf, SKOS.broader, DG.validFrom, DG.validUntil)


@lru_cache(maxsize=1)
def core_shapes() -> CompiledShapes:
    """The shapes without their SPARQL constraints (those run separately, see sparql_constraints),
    compiled to SPARQL where they can be (see core_constraints)."""
    return compile_shapes(without_sparql(shapes_graph()))


@lru_cache(maxsize=1)
def sparql_constraints() -> list[SparqlConstraint]:
    return constraints(shapes_graph())


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
