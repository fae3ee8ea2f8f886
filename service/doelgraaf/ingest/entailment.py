"""What the ontology's ranges say about incoming data: an organisation named as initiator or partner is a
societal partner (dg:initiator and dg:partner have rdfs:range dg:SocietalPartner), as the public vocabulary
contract says. The type is added before validation, so that data written from the contract conforms, and
stored with the data, so that the lists of partners find it. Only things typed as an organisation get it: for
anything else the shapes' message says what to add."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF

from doelgraaf.catalogue.ontology import ranged_properties, subclasses
from doelgraaf.core.namespaces import DG

PARTNER = DG.SocietalPartner


def partner_types(triples: Iterable[tuple], data: Graph) -> set[tuple]:
    """The rdf:type triples the ranges entail for `triples` (about things described in `data`)."""
    properties = ranged_properties(str(PARTNER))
    organisations = {URIRef(c) for c in subclasses(str(ORG.Organization))}
    partners = {URIRef(c) for c in subclasses(str(PARTNER))}
    entailed = set()
    for _, predicate, value in triples:
        if str(predicate) not in properties or not isinstance(value, URIRef):
            continue
        types = set(data.objects(value, RDF.type))
        if types & organisations and not types & partners:
            entailed.add((value, RDF.type, PARTNER))
    return entailed


def with_partner_types(graph: Graph) -> Graph:
    """`graph` with the partner types its ranges entail added."""
    for triple in partner_types(graph, graph):
        graph.add(triple)
    return graph
