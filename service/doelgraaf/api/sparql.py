"""/sparql: the SPARQL 1.1 Protocol for queries, as clients use it, and a query page for people.

`query` by GET, by POST as a form or as application/sparql-query; `default-graph-uri` and
`named-graph-uri`; the answer's format by Accept or by the `format` / `output` / `results`
parameters that SPARQLWrapper, YASGUI and others send. Without a query: the page (YASGUI, shipped in
the package) for a browser, the service description (RDF) for a program. Without dataset parameters
the default graph is the union of all public graphs and every named graph can be named.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from doelgraaf import queries, sparql_endpoint
from doelgraaf.api.negotiation import RDF_MEDIA_TYPES, VARY, serialize
from doelgraaf.api.problems import Problem
from doelgraaf.core.errors import UserError
from doelgraaf.core.media import preferred
from doelgraaf.core.numbers import dutch_number
from doelgraaf.core.paths import API_PAGES_DIR
from doelgraaf.sparql_endpoint.check import PREFIXES
from doelgraaf.sparql_endpoint.workers import Busy
from doelgraaf.store import QueryTimeout
from doelgraaf.store.repository import UNION, Dataset

router = APIRouter()

FORMAT_PARAMETERS = ("format", "output", "results")
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"


async def _parameters(request: Request) -> list[tuple[str, str]]:
    """The protocol's parameters from the URL and, for a form, the body; the query of a direct POST as `query`."""
    parameters = list(request.query_params.multi_items())
    if request.method == "GET":
        return parameters
    header = request.headers.get("content-type", "")
    content_type = header.split(";")[0].strip().lower()
    body = _decoded(await request.body(), header)
    if content_type == "application/sparql-query":
        return [*parameters, ("query", body)]
    if content_type == "application/x-www-form-urlencoded":
        return [*parameters, *parse_qsl(body, keep_blank_values=True)]
    if content_type == "application/sparql-update":
        raise UserError("updates zijn niet toegestaan: dit endpoint voert alleen leesqueries uit",
                        "updates are not allowed: this endpoint runs read-only queries only", where="Content-Type")
    raise Problem(415, "stuur de query als application/sparql-query of als formulier met query=",
                  "send the query as application/sparql-query or as a form with query=", "Content-Type")


def _decoded(body: bytes, content_type: str) -> str:
    """The body as text in the charset it declares (UTF-8 when it declares none), or a 400 saying where it breaks."""
    found = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type)
    charset = found.group(1) if found else "utf-8"
    try:
        return body.decode(charset)
    except LookupError:
        raise Problem(415, f"onbekende tekenset '{charset[:40]}'; stuur UTF-8", f"unknown charset '{charset[:40]}'; send UTF-8",
                      "Content-Type") from None
    except UnicodeDecodeError as exc:
        raise UserError(f"de tekst is geen geldige {charset} (byte {exc.start})", f"the text is not valid {charset} (byte {exc.start})",
                        where="body") from None


def _single(parameters: list[tuple[str, str]], name: str) -> str | None:
    values = [value for key, value in parameters if key == name]
    if len(values) > 1:
        raise UserError(f"'{name}' mag maar één keer voorkomen", f"'{name}' may occur only once", where=name)
    return values[0] if values else None


def _dataset(parameters: list[tuple[str, str]]) -> Dataset:
    default = tuple(value for key, value in parameters if key == "default-graph-uri")
    named = tuple(value for key, value in parameters if key == "named-graph-uri")
    for iri in (*default, *named):
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise UserError(f"'{iri}' is geen geldige IRI", f"'{iri}' is not a valid IRI", where="default-graph-uri / named-graph-uri") from None
    if not default and not named:
        return UNION
    return Dataset(default=default, named=named)


@router.api_route("/sparql", methods=["GET", "POST"], summary="SPARQL 1.1 (alleen lezen / read-only)")
async def sparql(request: Request) -> Response:
    parameters = await _parameters(request)
    if any(key == "update" for key, _ in parameters):
        raise UserError("updates zijn niet toegestaan: dit endpoint voert alleen leesqueries uit",
                        "updates are not allowed: this endpoint runs read-only queries only", where="update")
    query = _single(parameters, "query")
    if query is None and request.method == "GET":
        return _without_query(request)
    if query is None:
        raise UserError("geen query: geef een SPARQL-query mee als 'query'", "no query: pass a SPARQL query as 'query'", where="query")
    format_name = next((value for key, value in parameters if key in FORMAT_PARAMETERS and value), None)
    dataset = _dataset(parameters)
    try:
        reply = await asyncio.to_thread(sparql_endpoint.answer, request.app.state.repository,
                                        request.app.state.query_workers, query, dataset,
                                        request.headers.get("accept"), format_name)
    except Busy:
        raise Problem(503, "alle werkprocessen zijn bezig met lange queries van anderen; probeer het over enkele seconden opnieuw",
                      "every worker is busy with other people's long queries; try again in a few seconds", "query",
                      headers={"Retry-After": "5"}) from None
    except QueryTimeout:
        limit = sparql_endpoint.TIME_LIMIT_SECONDS
        raise Problem(503, f"de query duurde langer dan {limit:g} s; beperk hem (LIMIT, een GRAPH, minder variabelen) "
                           "en probeer opnieuw",
                      f"the query took longer than {limit:g} s; narrow it (LIMIT, a GRAPH, fewer variables) and try again",
                      "query") from None
    headers = dict(VARY)
    if reply.truncated:
        headers["Doelgraaf-Result-Truncated"] = f"true; max={sparql_endpoint.MAX_ROWS}"
    return Response(reply.body, media_type=reply.media, headers=headers)


def _without_query(request: Request) -> Response:
    media = preferred(request.headers.get("accept"), ["text/html", *RDF_MEDIA_TYPES])
    if media == "text/html":
        return HTMLResponse(page(), headers=VARY)
    if media is None:  # a program asking for results without a query
        raise UserError("geen query: geef een SPARQL-query mee als 'query'", "no query: pass a SPARQL query as 'query'", where="query")
    return Response(serialize(service_description(str(request.url.replace(query=""))), media), media_type=media,
                    headers=VARY)


def service_description(endpoint: str) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint."""
    service, a = ox.NamedNode(endpoint), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    found = [ox.Triple(service, a, ox.NamedNode(SD + "Service")),
             ox.Triple(service, ox.NamedNode(SD + "endpoint"), service),
             ox.Triple(service, ox.NamedNode(SD + "supportedLanguage"), ox.NamedNode(SD + "SPARQL11Query")),
             ox.Triple(service, ox.NamedNode(SD + "feature"), ox.NamedNode(SD + "UnionDefaultGraph")),
             ox.Triple(service, ox.NamedNode("http://purl.org/dc/terms/description"),
                       ox.Literal("Doelgraaf: alleen lezen; de standaardgraaf is de vereniging van alle openbare grafen",
                                  language="nl")),
             ox.Triple(service, ox.NamedNode("http://purl.org/dc/terms/description"),
                       ox.Literal("Doelgraaf: read-only; the default graph is the union of all public graphs", language="en"))]
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        found.append(ox.Triple(service, ox.NamedNode(SD + "resultFormat"), ox.NamedNode(FORMATS + name)))
    return found


def page() -> str:
    """The query page: YASGUI on this endpoint, the predeclared prefixes and the example queries."""
    examples = [{"name": e.name, "nl": e.title_nl, "en": e.title_en, "query": e.text} for e in queries.examples()]
    buttons = "\n".join(
        f'<li><button type="button" data-example="{i}">{html.escape(e["nl"])}</button> '
        f'<span lang="en">{html.escape(e["en"])}</span></li>' for i, e in enumerate(examples))
    prefixes = "\n".join(f"<tr><th scope=\"row\"><code>{name}:</code></th><td><code>{html.escape(iri)}</code></td></tr>"
                         for name, iri in PREFIXES.items())
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    template = (API_PAGES_DIR / "sparql.html").read_text(encoding="utf-8")
    return (template.replace("{{examples}}", buttons).replace("{{prefixes}}", prefixes)
            .replace("{{examples-json}}", data).replace("{{max-rows}}", dutch_number(sparql_endpoint.MAX_ROWS))
            .replace("{{time-limit}}", f"{sparql_endpoint.TIME_LIMIT_SECONDS:g}"))

