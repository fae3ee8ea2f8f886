"""Content negotiation for RDF documents: Turtle, JSON-LD, RDF/XML, N-Triples, or HTML for browsers."""

from __future__ import annotations

import pyoxigraph as ox

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


def _accepted(accept: str) -> list[tuple[float, int, str]]:
    ranked = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        quality = 1.0
        for parameter in pieces[1:]:
            if parameter.startswith("q="):
                try:
                    quality = float(parameter[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, pieces[0].lower()))
    return sorted(ranked)


def choose(accept: str | None, offered: list[str], override: str | None = None) -> str | None:
    """The offered media type the client prefers (`?format=` wins); the first offered for */* or none."""
    if override:
        wanted = FORMAT_NAMES.get(override.lower())
        return wanted if wanted in offered else None
    if not accept:
        return offered[0]
    for negative_quality, _, media in _accepted(accept):
        if negative_quality == 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "text/*", "application/*"):
            prefix = media.split("/")[0]
            return next((o for o in offered if prefix == "*" or o.startswith(prefix + "/")), None)
    return None


def serialize(triples, media: str) -> bytes:
    """Triples in the chosen RDF media type; Turtle with the project's prefixes for readability."""
    rdf_format = RDF_MEDIA_TYPES[media]
    return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES if rdf_format == ox.RdfFormat.TURTLE else None)
