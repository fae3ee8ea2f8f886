"""Every error over HTTP in one shape: problem details (RFC 9457), made here and nowhere else.

Routers raise; the handlers installed by `install` turn what they raise into a response:

    {"type": "about:blank", "title": "Bad Request", "status": 400,
     "detail": "<where>: <Dutch> / <English>", "nl": "<Dutch>", "en": "<English>", "where": "query, regel/line 3, …"}

with `Content-Type: application/problem+json`, members beside those where a problem has more to say
(the findings of an upload that does not conform). GraphQL answers its own errors in the GraphQL
response format, as GraphQL over HTTP prescribes; their extensions carry the same Dutch and English.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from doelgraaf.core.access import Forbidden, Unauthenticated
from doelgraaf.core.errors import UserError
from doelgraaf.core.media import NotAcceptable
from doelgraaf.store import QueryTimeout, StoreUnavailable

MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """An error with its HTTP status, in Dutch and English, and where it is."""

    def __init__(self, status: int, nl: str, en: str, where: str | None = None, headers: dict | None = None, **extra):
        super().__init__(f"{nl} / {en}")
        self.status, self.nl, self.en, self.where, self.headers, self.extra = status, nl, en, where, headers, extra

    @classmethod
    def of(cls, status: int, error: UserError, **extra) -> "Problem":
        return cls(status, error.nl, error.en, error.where, **extra)


def response(problem: Problem) -> Response:
    body = {"type": "about:blank", "title": HTTPStatus(problem.status).phrase, "status": problem.status,
            "detail": (f"{problem.where}: " if problem.where else "") + f"{problem.nl} / {problem.en}",
            "nl": problem.nl, "en": problem.en}
    if problem.where:
        body["where"] = problem.where
    body.update(problem.extra)
    # one member per line: query editors (YASGUI) and terminals show the body as it is
    return Response(json.dumps(body, ensure_ascii=False, indent=1), status_code=problem.status, media_type=MEDIA_TYPE,
                    headers=problem.headers)


NOT_FOUND = ("niet gevonden", "not found")
STATUS_TEXTS = {404: NOT_FOUND, 405: ("deze methode kan hier niet", "method not allowed here")}


def _http(request: Request, error: HTTPException) -> Response:
    if isinstance(error.detail, tuple):  # raised by us as (nl, en)
        nl, en = error.detail
    else:
        nl, en = STATUS_TEXTS.get(error.status_code, (str(error.detail), str(error.detail)))
    return response(Problem(error.status_code, nl, en, headers=getattr(error, "headers", None)))


def _validation(request: Request, error: RequestValidationError) -> Response:
    where = "; ".join(".".join(str(p) for p in e.get("loc", ())) for e in error.errors()) or None
    return response(Problem(422, "het verzoek klopt niet", "the request is not valid", where))


def install(app: FastAPI) -> None:
    """The handlers, from the most specific error to the most general."""
    handlers = {
        Problem: lambda request, error: response(error),
        Unauthenticated: lambda request, error: response(Problem.of(401, error, headers={"WWW-Authenticate": "Bearer"})),
        Forbidden: lambda request, error: response(Problem.of(403, error)),
        UserError: lambda request, error: response(Problem.of(400, error)),
        NotAcceptable: lambda request, error: response(Problem(
            406, "geen van de gevraagde formaten is beschikbaar; beschikbaar: " + ", ".join(error.offered),
            "none of the requested formats is available; available: " + ", ".join(error.offered), "Accept")),
        QueryTimeout: lambda request, error: response(Problem(
            503, "de vraag duurde te lang; beperk hem (LIMIT, een GRAPH, minder tegelijk) en probeer opnieuw",
            "the question took too long; narrow it (LIMIT, a GRAPH, less at once) and try again")),
        StoreUnavailable: lambda request, error: response(Problem(
            503, f"de store is niet bereikbaar: {error.nl}; probeer het zo opnieuw of vraag de beheerder de store te controleren",
            f"the store cannot be reached: {error.en}; try again shortly or ask the administrator to check the store",
            headers={"Retry-After": "10"})),
        HTTPException: _http,
        RequestValidationError: _validation,
    }
    for error, handler in handlers.items():
        app.add_exception_handler(error, handler)
