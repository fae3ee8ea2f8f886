"""/id/…: https://w3id.org/doelgraaf/id/… IRIs dereference here (HTML for browsers, RDF by Accept)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from doelgraaf.analysis import describe
from doelgraaf.api.negotiation import RDF_MEDIA_TYPES, VARY, choose, serialize
from doelgraaf.api.problems import Problem
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.media import NotAcceptable
from doelgraaf.core.namespaces import ID
from doelgraaf.core.terms import named_node
from doelgraaf.publishing.resource_page import resource_html

router = APIRouter()


def _unknown(iri: str) -> Problem:
    return Problem(404, f"hierover is niets bekend: {iri}", f"nothing is known about this: {iri}", "path")


@router.get("/id/{path:path}", summary="Beschrijving van een resource / description of a resource")
async def resource(path: str, request: Request) -> Response:
    iri = named_node(str(ID) + path, "path").value
    offered = ["text/html", *RDF_MEDIA_TYPES]
    media = choose(request.headers.get("accept"), offered, request.query_params.get("format"))
    if media is None:
        raise NotAcceptable(offered)
    repository = request.app.state.repository
    if media == "text/html":
        description = await asyncio.to_thread(describe.for_page, repository, iri)
        if description is None:
            raise _unknown(iri)
        background = await asyncio.to_thread(lambda: current(repository).background)
        return HTMLResponse(await asyncio.to_thread(resource_html, description, background), headers=VARY)
    triples = await asyncio.to_thread(describe.describe, repository, iri)
    if not triples:
        raise _unknown(iri)
    return Response(serialize(triples, media), media_type=media, headers=VARY)
