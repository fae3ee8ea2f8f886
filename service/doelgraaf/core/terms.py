"""Conversion between pyoxigraph terms (parsing, the store) and rdflib terms (pyshacl, rdflib tools).

pyoxigraph parses fast and reports exact positions; pyshacl and the serialisers work on rdflib.
Both sides meet here and nowhere else.
"""

from __future__ import annotations

import logging
import uuid
import warnings
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from doelgraaf.core.namespaces import SKOLEM

# An ill-formed literal ("none"^^xsd:boolean) is reported by the shapes, not by rdflib's logger and warnings on
# standard error.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", message="Parsing weird boolean", category=UserWarning)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
PLAIN_LITERALS = {XSD_STRING, RDF_LANGSTRING}


def to_rdflib(term) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # A plain literal stays plain: an explicit xsd:string breaks sh:in and equality checks. A literal stays
        # as written: rdflib would turn "none"^^xsd:boolean into "false" and "05"^^xsd:int into "5" before any
        # check sees it (and pyshacl switches rdflib's own setting back and forth).
        return Literal(term.value, datatype=None if datatype == XSD_STRING else URIRef(datatype), normalize=False)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != RDF_LANGSTRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def triples_to_graph(triples: Iterable, graph: Graph | None = None) -> Graph:
    """Add pyoxigraph triples or quads (graph name ignored) to an rdflib Graph."""
    graph = Graph() if graph is None else graph
    add = graph.add
    for t in triples:
        add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def to_triples(triples: Iterable) -> list[ox.Triple]:
    """rdflib triples (a Graph or any iterable of them) as pyoxigraph triples."""
    return [ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in triples]


def named_node(value: str, where: str) -> ox.NamedNode:
    """An IRI given by a user, checked by pyoxigraph (no spaces, no '<>{}' ...) or a clear error."""
    from doelgraaf.core.errors import UserError

    try:
        node = ox.NamedNode(value)
    except ValueError as exc:
        raise UserError(f"'{value[:200]}' is geen geldige IRI ({exc})", f"'{value[:200]}' is not a valid IRI ({exc})", where=where) from None
    if not value.startswith(("http://", "https://", "urn:")):
        raise UserError(
            f"'{value[:200]}' is geen http(s)- of urn-IRI", f"'{value[:200]}' is not an http(s) or urn IRI", where=where
        )
    return node


def as_stored(graph: Graph) -> Graph:
    """`graph` as an Oxigraph store will hold it: values kept, lexical forms made canonical ("5"^^xsd:int
    becomes "5"^^xsd:integer, "1.50" becomes "1.5"). Checking this form checks what later reads will see."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in to_triples(graph))
    return triples_to_graph(q.triple for q in store)


def skolem_iri() -> str:
    """A fresh RDF 1.1 skolem IRI (under /.well-known/genid/), standing for one blank node."""
    return str(SKOLEM[uuid.uuid4().hex])


def skolemise(graph: Graph) -> Graph:
    """Replace every blank node by a fresh skolem IRI."""
    names: dict[BNode, object] = {}

    def name(node):
        if isinstance(node, BNode):
            if node not in names:
                names[node] = URIRef(skolem_iri())
            return names[node]
        return node

    result = Graph()
    for s, p, o in graph:
        result.add((name(s), p, name(o)))
    return result


def deskolemise(graph: Graph) -> Graph:
    """Skolem IRIs back to blank nodes, for export (what was a blank node on the way in is one again)."""
    prefix = str(SKOLEM)
    names: dict[str, BNode] = {}

    def name(node):
        if str(node).startswith(prefix):
            return names.setdefault(str(node), BNode())
        return node

    result = Graph()
    for s, p, o in graph:
        result.add((name(s), p, name(o)))
    return result
