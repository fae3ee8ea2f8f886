"""Reading RDF documents (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML) with exact error positions.

Parsing is done by pyoxigraph: it is fast, reports line and column, and never fetches a remote
JSON-LD context. Every failure becomes a `UserError` naming the file and position.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from doelgraaf.core.errors import UserError, location
from doelgraaf.ingest import safety

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
}


@dataclass
class RdfDocument:
    """The quads of one parsed document; triples outside any named graph have graph_name DefaultGraph."""

    source: str
    quads: list[ox.Quad]


def format_for(path: Path, explicit: str | None = None) -> str:
    name = explicit or EXTENSIONS.get(path.suffix.lower())
    if name is None or name not in FORMATS:
        known = ", ".join(sorted(EXTENSIONS))
        raise UserError(
            f"onbekend RDF-formaat; gebruik een van de extensies {known}",
            f"unknown RDF format; use one of the extensions {known}",
            where=str(path),
        )
    return name


def parse_bytes(data: bytes, format_name: str, source: str) -> RdfDocument:
    """Parse a whole document or raise a UserError with its position; nothing partial is returned.
    What a document may not do (XML entities, remote contexts, other IRI schemes) is in `safety`."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(
            f"het bestand is geen geldige UTF-8-tekst (byte {exc.start})",
            f"the file is not valid UTF-8 text (byte {exc.start})",
            where=location(source, line),
        ) from None
    if format_name == "rdfxml":
        safety.refuse_xml_declarations(data, source)
    if format_name == "jsonld":
        data = safety.safe_jsonld(data, source)
    try:
        quads = list(ox.parse(data, format=FORMATS[format_name], base_iri=None))
    except SyntaxError as exc:
        line, column = _position(exc)
        # pyoxigraph prefixes the reason with the position, which `where` already shows
        reason = str(exc.msg).split(": ", 1)[-1]
        raise UserError(
            f"ongeldige {format_name}-syntaxis: {reason}",
            f"invalid {format_name} syntax: {reason}",
            where=location(source, line, column),
        ) from None
    except (ValueError, OSError) as exc:
        raise UserError(
            f"kan het bestand niet lezen als {format_name}: {exc}",
            f"cannot read the file as {format_name}: {exc}",
            where=source,
        ) from None
    safety.check_terms(quads, source)
    return RdfDocument(source=source, quads=quads)


def read_file(path: str | Path, format_name: str | None = None) -> RdfDocument:
    path = Path(path)
    name = format_for(path, format_name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError("bestand niet gevonden", "file not found", where=str(path)) from None
    except IsADirectoryError:
        raise UserError("dit is een map, geen bestand", "this is a directory, not a file", where=str(path)) from None
    except PermissionError:
        raise UserError("geen leesrechten op het bestand", "no permission to read the file", where=str(path)) from None
    return parse_bytes(data, name, str(path))


def _position(exc: SyntaxError) -> tuple[int | None, int | None]:
    return getattr(exc, "lineno", None), getattr(exc, "offset", None)
