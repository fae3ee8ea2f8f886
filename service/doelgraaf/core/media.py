"""Media types: the RDF formats offered, and which of the offered types a client prefers by its Accept header
(RFC 9110, section 12.5.1)."""

from __future__ import annotations

import pyoxigraph as ox

# the RDF formats every document and graph answer is offered in, the default first
RDF_MEDIA_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}


class NotAcceptable(Exception):
    """None of the media types a client accepts is offered (HTTP 406); `offered` lists those that are."""

    def __init__(self, offered: list[str]):
        super().__init__(offered)
        self.offered = offered


def _ranked(accept: str) -> list[tuple[float, int, str]]:
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


def preferred(accept: str | None, offered: list[str]) -> str | None:
    """The offered type ranked highest by `accept`; the first offered for */* or no header; None if none fits."""
    if not accept:
        return offered[0]
    for negative_quality, _, media in _ranked(accept):
        if negative_quality == 0:
            continue
        if media in offered:
            return media
        if media in ("*/*", "text/*", "application/*"):
            prefix = media.split("/")[0]
            return next((o for o in offered if prefix == "*" or o.startswith(prefix + "/")), None)
    return None
