"""Query answers as the bytes a SPARQL client asked for: result formats for SELECT and ASK, RDF formats
for CONSTRUCT and DESCRIBE, chosen by media type or by the short names clients send (`format=json`).

Solutions are written as SPARQL JSON here and converted by pyoxigraph to the other result formats:
pyoxigraph serialises only whole result objects, and the endpoint must stop at a row limit.
"""

from __future__ import annotations

import json

import pyoxigraph as ox

from doelgraaf.core.media import RDF_MEDIA_TYPES
from doelgraaf.sparql_endpoint.check import PREFIXES

RESULT_MEDIA = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    # what clients also ask for (SPARQLWrapper sends the first with its JSON, the second with its XML)
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
GRAPH_MEDIA = {
    **RDF_MEDIA_TYPES,
    # what clients also ask for (SPARQLWrapper's Turtle, N3 and JSON-LD, rdflib's SPARQLStore)
    "application/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_TRIPLES,
    "application/x-json+ld": ox.RdfFormat.JSON_LD,
    "application/json": ox.RdfFormat.JSON_LD,
    "application/xml": ox.RdfFormat.RDF_XML,
    "text/xml": ox.RdfFormat.RDF_XML,
    "text/n3": ox.RdfFormat.TURTLE,
    "text/rdf+n3": ox.RdfFormat.TURTLE,
}
# `format=` / `output=` names (SPARQLWrapper, Virtuoso and Fuseki conventions): per query form
RESULT_NAMES = {"json": "application/sparql-results+json", "srj": "application/sparql-results+json",
                "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_NAMES = {"turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
               "nt": "application/n-triples", "ntriples": "application/n-triples", "n-triples": "application/n-triples",
               "json": "application/ld+json", "jsonld": "application/ld+json", "json-ld": "application/ld+json",
               "xml": "application/rdf+xml", "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml",
               "rdf+xml": "application/rdf+xml"}
# the media type written in Content-Type for a requested one (clients parse by the canonical type)
CANONICAL = {media: fmt.media_type.split(";")[0] for media, fmt in {**GRAPH_MEDIA, **RESULT_MEDIA}.items()}


def is_graph_form(form: str) -> bool:
    return form in ("CONSTRUCT", "DESCRIBE")


def offered(form: str) -> list[str]:
    """Media types for a query form, the default first."""
    return list(GRAPH_MEDIA if is_graph_form(form) else RESULT_MEDIA)


def named(form: str, name: str) -> str | None:
    """The media type a `format=` value stands for with this query form (a media type stands for itself)."""
    name = name.strip().lower()
    if "/" in name:
        return name if name in offered(form) else None
    return (GRAPH_NAMES if is_graph_form(form) else RESULT_NAMES).get(name)


def _term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        written = {"type": "literal", "value": term.value}
        if term.language:
            written["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            written["datatype"] = term.datatype.value
        return written
    return {"type": "triple", "value": {"subject": _term(term.subject), "predicate": _term(term.predicate),
                                        "object": _term(term.object)}}


def _converted(document: dict, media: str) -> bytes:
    written = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    target = RESULT_MEDIA[media]
    if target == ox.QueryResultsFormat.JSON:
        return written
    return ox.parse_query_results(written, format=ox.QueryResultsFormat.JSON).serialize(format=target)


def solutions(variables: list[str], rows, media: str) -> bytes:
    bindings = [{name: _term(term) for name, term in zip(variables, row) if term is not None} for row in rows]
    return _converted({"head": {"vars": variables}, "results": {"bindings": bindings}}, media)


def boolean(value: bool, media: str) -> bytes:
    return _converted({"head": {}, "boolean": bool(value)}, media)


def triples(found, media: str) -> bytes:
    rdf_format = GRAPH_MEDIA[media]
    return ox.serialize(found, format=rdf_format, prefixes=PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None)
