"""Content negotiation for RDF documents: Turtle, JSON-LD, RDF/XML, N-Triples, or HTML for browsers."""

from __future__ import annotations

import pyoxigraph as ox

from doelgraaf.core.media import preferred

RDF_MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
PREFIXES = {"dg": "https://w3id.org/doelgraaf/def#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "sh": "http://www.w3.org/ns/shacl#",
            "dcterms": "http://purl.org/dc/terms/", "org": "http://www.w3.org/ns/org#",
            "id": "https://w3id.org/doelgraaf/id/"}
FORMAT_NAMES = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
                "json": "application/ld+json", "rdf": "application/rdf+xml", "xml": "application/rdf+xml",
                "nt": "application/n-triples", "html": "text/html"}


def choose(accept: str | None, offered: list[str], override: str | None = None) -> str | None:
    """The offered media type the client prefers (`?format=` wins); the first offered for */* or none."""
    if override:
        wanted = FORMAT_NAMES.get(override.lower())
        return wanted if wanted in offered else None
    return preferred(accept, offered)


def serialize(triples, media: str) -> bytes:
    """Triples in the chosen RDF media type; Turtle with the project's prefixes for readability."""
    rdf_format = RDF_MEDIA_TYPES[media]
    return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None)
