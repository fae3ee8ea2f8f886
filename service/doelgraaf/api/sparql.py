"""/sparql: the SPARQL 1.1 Protocol, query only (GET and POST), results by Accept."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from rdflib.query import Result
from rdflib.term import Variable

from doelgraaf.api.negotiation import choose
from doelgraaf.errors import UserError
from doelgraaf.rdfconvert import to_rdflib
from doelgraaf.services import sparql_endpoint
from doelgraaf.store import QueryTimeout

router = APIRouter()

RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
# only so many user queries at once: a slow one must not take every worker thread
_running = asyncio.Semaphore(2)


def _problem(status: int, nl: str, en: str) -> Response:
    return JSONResponse({"error": f"{nl} / {en}"}, status_code=status)


async def _query_text(request: Request) -> str:
    if request.method == "GET":
        if "update" in request.query_params:
            raise UserError("updates zijn niet toegestaan", "updates are not allowed", where="update")
        return request.query_params.get("query", "")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    if content_type == "application/sparql-query":
        return body
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(body)
        if "update" in form:
            raise UserError("updates zijn niet toegestaan", "updates are not allowed", where="update")
        return (form.get("query") or [""])[0]
    raise UserError("gebruik application/sparql-query of een formulier met query=",
                    "use application/sparql-query or a form with query=", where="Content-Type")


def _solutions(outcome, result_format: ox.QueryResultsFormat) -> bytes:
    """Rows as SPARQL results: written as JSON by rdflib, then in the asked format by pyoxigraph
    (rdflib writes no TSV, pyoxigraph serialises only its own result objects)."""
    result = Result("ASK" if outcome.form == "ASK" else "SELECT")
    if outcome.form == "ASK":
        result.askAnswer = outcome.boolean
    else:
        variables = [Variable(v) for v in outcome.variables]
        result.vars = variables
        result.bindings = [
            {var: to_rdflib(term) for var, term in zip(variables, row) if term is not None} for row in outcome.rows
        ]
    parsed = ox.parse_query_results(result.serialize(format="json"), format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=result_format)


@router.api_route("/sparql", methods=["GET", "POST"], summary="SPARQL 1.1 (alleen lezen / read-only)")
async def sparql(request: Request) -> Response:
    try:
        query = await _query_text(request)
        form = sparql_endpoint.query_form(query)
    except UserError as error:
        return _problem(400, error.nl, error.en)
    offered = list(GRAPH_FORMATS) if form in ("CONSTRUCT", "DESCRIBE") else list(RESULT_FORMATS)
    media = choose(request.headers.get("accept"), offered, request.query_params.get("format"))
    if media is None:
        return _problem(406, "formaat niet beschikbaar: " + ", ".join(offered), "format not available: " + ", ".join(offered))
    async with _running:
        try:
            outcome = await asyncio.wait_for(
                asyncio.to_thread(sparql_endpoint.run, request.app.state.repository, query),
                timeout=sparql_endpoint.TIME_LIMIT_SECONDS + 1,
            )
        except (QueryTimeout, asyncio.TimeoutError):
            return _problem(503, f"de query duurde langer dan {sparql_endpoint.TIME_LIMIT_SECONDS:g} s",
                            f"the query took longer than {sparql_endpoint.TIME_LIMIT_SECONDS:g} s")
        except UserError as error:
            return _problem(400, error.nl, error.en)
    headers = {"Vary": "Accept"}
    if outcome.truncated:
        headers["Doelgraaf-Result-Truncated"] = f"true; max={sparql_endpoint.MAX_ROWS}"
    if outcome.triples is not None:
        body = ox.serialize(outcome.triples, format=GRAPH_FORMATS[media])
    else:
        body = _solutions(outcome, RESULT_FORMATS[media])
    return Response(body, media_type=media, headers=headers)
