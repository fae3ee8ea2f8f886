"""Ontology, shapes and vocabularies as documents: /ontology, /shapes, /vocab/<name>, with HTML for browsers;
the JSON-LD context (/context.jsonld) and the class diagram (/diagram.svg)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from doelgraaf.api.negotiation import RDF_MEDIA_TYPES, VARY, choose, serialize
from doelgraaf.api.problems import Problem
from doelgraaf.catalogue.shared_graphs import shape_files
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.media import NotAcceptable
from doelgraaf.core.paths import CONTEXT_FILE, ONTOLOGY_FILE
from doelgraaf.publishing import documentation
from doelgraaf.publishing.diagram import class_diagram_svg

router = APIRouter()
OFFERED = ["text/html", *RDF_MEDIA_TYPES]


@lru_cache(maxsize=64)
def _serialised(paths: tuple[Path, ...], media: str) -> bytes:
    return serialize([q.triple for path in paths for q in ox.parse(path=str(path))], media)


def _document(request: Request, paths: list[Path], html) -> Response:
    media = choose(request.headers.get("accept"), OFFERED, request.query_params.get("format"))
    if media is None:
        raise NotAcceptable(OFFERED)
    if media == "text/html":
        return HTMLResponse(html(), headers=VARY)
    return Response(_serialised(tuple(paths), media), media_type=media, headers=VARY)


@router.get("/ontology", summary="De ontologie / the ontology")
def ontology(request: Request) -> Response:
    return _document(request, [ONTOLOGY_FILE], documentation.ontology_html)


@router.get("/shapes", summary="De SHACL-shapes / the SHACL shapes")
def shapes(request: Request) -> Response:
    return _document(request, shape_files(), documentation.shapes_html)


@router.get("/vocab/{name}", summary="Een vocabulaire / a vocabulary")
def vocabulary(name: str, request: Request) -> Response:
    """The vocabulary as the store holds it (an administrator's upload included), not the project's file."""
    vocabularies = current(request.app.state.repository)
    if name not in vocabularies.names:
        known = ", ".join(vocabularies.names)
        raise Problem(404, f"onbekende vocabulaire '{name[:80]}'; bekend: {known}", f"unknown vocabulary '{name[:80]}'; known: {known}", "name")
    media = choose(request.headers.get("accept"), OFFERED, request.query_params.get("format"))
    if media is None:
        raise NotAcceptable(OFFERED)
    if media == "text/html":
        return HTMLResponse(vocabularies.derived(("html", name), lambda: documentation.vocabulary_html(name, vocabularies.graph(name))),
                            headers=VARY)
    body = vocabularies.derived(("document", name, media), lambda: serialize(vocabularies.triples(name), media))
    return Response(body, media_type=media, headers=VARY)


# JSON-LD processors in browsers fetch a context from other sites: allow that, it is public.
PUBLIC = {"Access-Control-Allow-Origin": "*"}


@router.get("/context.jsonld", summary="De JSON-LD-context van de vocabulaire / the JSON-LD context of the vocabulary")
def jsonld_context() -> Response:
    return Response(CONTEXT_FILE.read_bytes(), media_type="application/ld+json", headers=PUBLIC)


@router.get("/diagram.svg", summary="Diagram van de kernklassen / diagram of the core classes")
def diagram() -> Response:
    return Response(class_diagram_svg(), media_type="image/svg+xml", headers=PUBLIC)
