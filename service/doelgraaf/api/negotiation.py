"""Content negotiation for RDF documents: Turtle, JSON-LD, RDF/XML, N-Triples, or HTML for browsers."""

from __future__ import annotations

import pyoxigraph as ox

from doelgraaf.core.media import RDF_MEDIA_TYPES, preferred
from doelgraaf.core.namespaces import PREFIXES as NAMESPACES

# an address that answers HTML or RDF by Accept says so, so that a cache keeps the answers apart
VARY = {"Vary": "Accept"}
PREFIXES = {name: str(namespace) for name, namespace in NAMESPACES.items()}
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
