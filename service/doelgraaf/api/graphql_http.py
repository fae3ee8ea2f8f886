"""/graphql following the GraphQL-over-HTTP specification.

- POST application/json with {query, variables, operationName}; GET with the same as query
  parameters (queries only: a mutation over GET is 405).
- Response media type by Accept: application/graphql-response+json (then a request that does
  not parse or validate is 400) or application/json (then 200, as before the specification);
  anything else 406. A browser (Accept: text/html, no query) gets GraphiQL, from /assets (api/pages/graphiql.html).
- A mutation needs a bearer token (401 without one); a token that is not known is 401 for any request.
- One operation per request: batching (a JSON array) is refused with 400.
- GraphQL's own messages (syntax, validation, variables) come in Dutch with the English beside, like every
  other error (graphql/messages.py).
"""

from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from graphql import GraphQLError, OperationType, get_operation_ast, parse
from graphql.error import GraphQLSyntaxError

from doelgraaf.api.negotiation import VARY
from doelgraaf.core.access import Forbidden, Unauthenticated
from doelgraaf.core.errors import UserError
from doelgraaf.core.paths import API_PAGES_DIR
from doelgraaf.graphql.context import Context
from doelgraaf.graphql.messages import bilingual
from doelgraaf.graphql.schema import MAX_TOKENS, schema_for
from doelgraaf.store import QueryTimeout, StoreUnavailable, cache

GRAPHQL_RESPONSE = "application/graphql-response+json"
EXECUTION_LIMIT_SECONDS = 20.0
JSON = "application/json"

router = APIRouter()


def _media_type(accept: str | None) -> str | None:
    if not accept:
        return JSON
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in kinds:
        return GRAPHQL_RESPONSE
    if JSON in kinds or "*/*" in kinds or "application/*" in kinds:
        return JSON
    return None


def _error_body(message_nl: str, message_en: str, code: str) -> dict:
    return {"errors": [{"message": f"{message_nl} / {message_en}", "extensions": {"code": code}}]}


def _respond(body: dict, status: int, media_type: str, headers: dict | None = None) -> Response:
    return JSONResponse(body, status_code=status, media_type=media_type, headers=headers)


def _render(body: dict) -> bytes:
    return JSONResponse(body).body


def _respond_rendered(rendered: bytes, media_type: str) -> Response:
    return Response(rendered, status_code=200, media_type=media_type)


def _in_dutch(formatted: dict) -> dict:
    """One of GraphQL's own errors with its message in Dutch and English (graphql/messages.py), like a UserError's;
    locations and path stay as they are."""
    message, nl = bilingual(formatted["message"])
    if nl is None:
        return formatted
    extensions = {**formatted.get("extensions", {}), "nl": nl, "en": formatted["message"]}
    return {**formatted, "message": message, "extensions": extensions}


def _error_code(error: GraphQLError) -> str | None:
    original = getattr(error, "original_error", None)
    if isinstance(original, Forbidden):
        return "FORBIDDEN"
    if isinstance(original, Unauthenticated):
        return "UNAUTHENTICATED"
    if isinstance(original, UserError):
        return "BAD_USER_INPUT"
    if isinstance(original, StoreUnavailable):
        return "STORE_UNAVAILABLE"
    if isinstance(original, QueryTimeout):
        return "TIMEOUT"
    return None


async def _parameters(request: Request) -> dict:
    if request.method == "GET":
        params = dict(request.query_params)
        if "variables" in params:
            params["variables"] = json.loads(params["variables"])
        return params
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != JSON:
        raise UserError(
            "stuur de query als application/json", "send the query as application/json", where="Content-Type"
        )
    body = json.loads(await request.body() or b"null")
    if isinstance(body, list):
        raise UserError("meerdere operaties in één verzoek (batching) worden niet ondersteund",
                        "several operations in one request (batching) are not supported")
    if not isinstance(body, dict):
        raise UserError("het verzoek moet een JSON-object zijn", "the request must be a JSON object")
    return body


@router.api_route("/graphql", methods=["GET", "POST"], summary="GraphQL (GraphiQL in een browser / in a browser)")
async def graphql_endpoint(request: Request) -> Response:
    accept = request.headers.get("accept")
    if request.method == "GET" and "query" not in request.query_params and "text/html" in (accept or ""):
        # our own page, not strawberry's: that one loads React and GraphiQL from a CDN (docs/vendored-assets.md)
        return HTMLResponse((API_PAGES_DIR / "graphiql.html").read_text(encoding="utf-8"), headers=VARY)
    media_type = _media_type(accept)
    if media_type is None:
        return _respond(_error_body("vraag application/graphql-response+json of application/json",
                                    "accept application/graphql-response+json or application/json", "NOT_ACCEPTABLE"),
                        406, JSON)
    try:
        params = await _parameters(request)
    except json.JSONDecodeError as exc:
        return _respond(_error_body(f"geen geldige JSON ({exc.msg})", f"not valid JSON ({exc.msg})", "BAD_REQUEST"), 400, media_type)
    except UserError as error:
        status = 415 if error.where == "Content-Type" else 400
        return _respond(_error_body(error.nl, error.en, "BAD_REQUEST"), status, media_type)

    query = params.get("query")
    variables = params.get("variables")
    operation_name = params.get("operationName")
    if not isinstance(query, str) or not query.strip():
        return _respond(_error_body("'query' ontbreekt", "'query' is missing", "BAD_REQUEST"), 400, media_type)
    if variables is not None and not isinstance(variables, dict):
        return _respond(_error_body("'variables' moet een object zijn", "'variables' must be an object", "BAD_REQUEST"), 400, media_type)

    request_error_status = 400 if media_type == GRAPHQL_RESPONSE else 200
    repository = request.app.state.repository
    try:
        principal = request.app.state.tokens.principal(request.headers.get("authorization"))
    except Unauthenticated as error:
        return _respond(_error_body(error.nl, error.en, "UNAUTHENTICATED"), 401, media_type, {"WWW-Authenticate": "Bearer"})
    # an identical question from the same principal gets the same answer until a write to a graph it read
    # (store/cache.py), kept as the bytes sent; only answers without errors are kept, so a hit needs no parsing.
    # Kept per principal, because some answers depend on who asks (a partner reads only its own proposals):
    # no answer computed for one token's role is ever sent for another's.
    answers = repository.cache.region("answers")
    key = (principal, query, json.dumps(variables, sort_keys=True), operation_name)
    hit = answers.peek(key)
    if hit is not cache.MISSING:
        return _respond_rendered(hit, media_type)
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLSyntaxError as error:
        return _respond({"errors": [_in_dutch(error.formatted)]}, request_error_status, media_type)
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return _respond(_error_body("geef de te draaien operatie met operationName", "name the operation to run with operationName", "BAD_REQUEST"), request_error_status, media_type)
    if operation.operation != OperationType.QUERY and request.method == "GET":
        return _respond(_error_body("wijzigingen alleen met POST", "mutations only with POST", "METHOD_NOT_ALLOWED"), 405, media_type, {"Allow": "POST"})

    if operation.operation == OperationType.MUTATION and principal is None:
        return _respond(_error_body("wijzigen vraagt een token (Authorization: Bearer …)", "changing data needs a token (Authorization: Bearer …)", "UNAUTHENTICATED"),
                        401, media_type, {"WWW-Authenticate": "Bearer"})

    async def execute() -> tuple[dict, int]:
        async with request.app.state.computing:
            return await _execute(query, variables, operation_name, Context(repository, principal), request_error_status)

    if operation.operation != OperationType.QUERY:
        return _respond(*await execute(), media_type)
    outcome: dict = {}

    async def compute():
        with cache.reading() as reads:
            body, status = await execute()
        outcome.update(body=body, status=status)
        kept = status == 200 and "errors" not in body
        return (_render(body) if kept else None), reads.scope(), kept

    rendered = await answers.cached_async(key, compute)
    if rendered is not None:
        return _respond_rendered(rendered, media_type)
    return _respond(outcome["body"], outcome["status"], media_type)


async def _execute(query: str, variables, operation_name, context: Context, request_error_status: int) -> tuple[dict, int]:
    """Run one operation within the time limit: the response body and its HTTP status."""
    try:
        result = await asyncio.wait_for(
            schema_for(context.repository).execute(query, variable_values=variables, context_value=context, operation_name=operation_name),
            timeout=EXECUTION_LIMIT_SECONDS,
        )
    except asyncio.TimeoutError:
        return _error_body(f"de vraag duurde langer dan {EXECUTION_LIMIT_SECONDS:g} s; vraag minder tegelijk",
                           f"the request took longer than {EXECUTION_LIMIT_SECONDS:g} s; ask for less at once", "TIMEOUT"), 503
    body: dict = {}
    if result.errors:
        body["errors"] = []
        for error in result.errors:
            formatted = dict(error.formatted)
            code = _error_code(error)
            if code:
                formatted.setdefault("extensions", {})["code"] = code
            original = getattr(error, "original_error", None)
            if isinstance(original, UserError):  # the same members as a problem over HTTP (api.problems)
                formatted["extensions"].update({"nl": original.nl, "en": original.en, "where": original.where})
            else:
                formatted = _in_dutch(formatted)
            body["errors"].append(formatted)
    request_failed = result.errors and result.data is None and all(e.path is None for e in result.errors)
    if request_failed:
        return body, request_error_status
    body["data"] = result.data
    return body, 200
