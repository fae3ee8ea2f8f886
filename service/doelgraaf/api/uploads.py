"""Uploads over plain HTTP (curl -T, scripts): POST /import/rdf (the same service as importRdf) and,
for an admin, PUT /vocab/<name> to replace a shared vocabulary.

400 for input that cannot be read (with the reason and position), 422 when it reads but does not
conform (nothing stored, the violations listed), 401 without a valid token, 403 for a municipality
the token may not write, 413 past the body limit, 415 for an unknown media type.
"""

from __future__ import annotations

import asyncio
import re

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from doelgraaf.api.problems import Problem
from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.access import Forbidden, Unauthenticated
from doelgraaf.core.codes import check_code
from doelgraaf.core.errors import UserError
from doelgraaf.ingest import editing, loading
from doelgraaf.ingest.rdf_files import parse_bytes

router = APIRouter()

MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/trig": "trig",
    "application/n-triples": "ntriples",
    "application/n-quads": "nquads",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}


def _municipality(request: Request, principal) -> str:
    asked = request.query_params.get("municipality")
    if asked:
        return check_code(asked, "municipality")
    if principal is not None and principal.municipality:
        return principal.municipality
    raise UserError("noem de gemeente met ?municipality=GM0000", "name the municipality with ?municipality=GM0000", where="municipality")


@router.post("/import/rdf", summary="Vervang de gegevens van een gemeente door een RDF-document / replace a municipality's data")
async def import_rdf(request: Request) -> JSONResponse:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    principal = request.app.state.tokens.principal(request.headers.get("authorization"))
    if principal is None:  # who asks comes first: without a token nothing else about the request matters
        raise Unauthenticated("uploaden vraagt een token (Authorization: Bearer …)", "uploading needs a token (Authorization: Bearer …)")
    code = _municipality(request, principal)
    editing.authorise(principal, code)
    if media not in MEDIA_TYPES:
        raise Problem(415, f"onbekend mediatype '{media[:60]}'; gebruik {', '.join(MEDIA_TYPES)}",
                      f"unknown media type '{media[:60]}'; use {', '.join(MEDIA_TYPES)}", "Content-Type")
    strict = request.query_params.get("strict", "false").lower() in ("1", "true", "yes")
    document = parse_bytes(await request.body(), MEDIA_TYPES[media], "body")
    outcome = await asyncio.to_thread(loading.load_documents, request.app.state.repository, [document], [code], strict)
    results = [{"focusNode": str(r.focus_node), "severity": r.severity, "blocking": r.blocking, "path": r.path, "message": r.messages}
               for report in outcome.reports.values() for r in report.results]
    answer = {"stored": outcome.stored, "municipality": code, "triples": outcome.triples.get(code, 0), "results": results}
    if not outcome.stored:
        raise Problem(422, "er is niets opgeslagen: een bevinding blokkeert (zie results, blocking), of met strict elke fout",
                      "nothing was stored: a finding blocks (see results, blocking), or with strict any violation", "body", **answer)
    return JSONResponse(answer)


VOCABULARY_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")


@router.put("/vocab/{name}", summary="Vervang een gedeelde vocabulaire (beheerder) / replace a shared vocabulary (admin)")
async def replace_vocabulary(name: str, request: Request) -> JSONResponse:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    principal = request.app.state.tokens.principal(request.headers.get("authorization"))
    if principal is None:
        raise Unauthenticated("een vocabulaire vervangen vraagt een beheerderstoken", "replacing a vocabulary needs an admin token")
    if principal.role != "admin":
        raise Forbidden("alleen een beheerder vervangt vocabulaires", "only an admin replaces vocabularies")
    if not VOCABULARY_NAME.match(name):
        raise UserError("een vocabulairenaam bestaat uit kleine letters, cijfers en '-'",
                        "a vocabulary name consists of lower-case letters, digits and '-'", where="name")
    if media not in MEDIA_TYPES or MEDIA_TYPES[media] in ("trig", "nquads"):
        raise Problem(415, "stuur Turtle, N-Triples, JSON-LD of RDF/XML", "send Turtle, N-Triples, JSON-LD or RDF/XML", "Content-Type")
    document = parse_bytes(await request.body(), MEDIA_TYPES[media], "body")
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in document.quads):
        raise UserError("een vocabulaire is één graaf", "a vocabulary is one graph", where="body")
    graph = await asyncio.to_thread(shared_graphs.replace_vocabulary, request.app.state.repository, name,
                                    [q.triple for q in document.quads])
    return JSONResponse({"stored": True, "graph": graph.value, "triples": len(document.quads)})
