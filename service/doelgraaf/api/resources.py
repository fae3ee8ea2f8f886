"""/id/…: https://w3id.org/doelgraaf/id/… IRIs dereference here (HTML for browsers, RDF by Accept)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from doelgraaf.api.negotiation import RDF_MEDIA_TYPES, choose, serialize
from doelgraaf.namespaces import ID
from doelgraaf.rdfconvert import named_node
from doelgraaf.errors import UserError
from doelgraaf.services import describe

router = APIRouter()


@router.get("/id/{path:path}", summary="Beschrijving van een resource / description of a resource")
async def resource(path: str, request: Request) -> Response:
    try:
        iri = named_node(str(ID) + path, "path").value
    except UserError as error:
        raise HTTPException(400, error.text()) from None
    media = choose(request.headers.get("accept"), ["text/html", *RDF_MEDIA_TYPES], request.query_params.get("format"))
    if media is None:
        raise HTTPException(406, "Niet beschikbaar in dat formaat / not available in that format")
    triples = await asyncio.to_thread(describe.describe, request.app.state.repository, iri)
    if not triples:
        raise HTTPException(404, f"Onbekend / unknown: {iri}")
    if media == "text/html":
        return HTMLResponse(describe.as_html(iri, triples))
    return Response(serialize(triples, media), media_type=media, headers={"Vary": "Accept"})
