"""The FastAPI application: routers for GraphQL, SPARQL, documents, resources and health."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from doelgraaf import sparql_endpoint
from doelgraaf.analysis import completeness
from doelgraaf.api import graphql_http, limits, problems, rdf_documents, resources, sparql, uploads, webapp
from doelgraaf.api.cors import ReadOnlyCORS
from doelgraaf.api.static import Assets
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.access import TokenRegistry
from doelgraaf.core.errors import UserError
from doelgraaf.store import Repository, cache
from doelgraaf.store.repository import StoreUnavailable

# GraphQL operations computed at the same time, one per core (see create_app)
COMPUTING_AT_ONCE = max(2, os.cpu_count() or 2)

HOME = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Doelgraaf</title>
<style>body{font-family:sans-serif;margin:2em;max-width:50em}</style></head><body>
<h1>Doelgraaf</h1>
<p>Doelgericht sturen van gemeenten als kennisgraaf. <i>Goal-oriented steering of municipalities as a knowledge graph.</i></p>
<ul>
<li><a href="/app/"><strong>Dashboards</strong></a>: doelenboom, geld, voortgang, vergelijken, te doen / goal tree, money, progress, comparison, to do</li>
<li><a href="/graphql">GraphQL</a> (GraphiQL)</li>
<li><a href="/sparql">SPARQL</a> (alleen lezen / read-only)</li>
<li><a href="/ontology">Ontologie / ontology</a> · <a href="/diagram.svg">diagram van de kernklassen / class diagram</a> · <a href="/shapes">controleregels / rules</a> · <a href="/context.jsonld">JSON-LD-context</a></li>
<li>Vocabulaires / vocabularies: {vocabularies}</li>
<li><a href="/id/gemeente/GM9999">Demogemeente Meerwijk / demo municipality</a></li>
<li><a href="/health">Status</a> · <a href="/docs">API-documentatie / API docs</a></li>
</ul></body></html>"""


log = logging.getLogger(__name__)


def _count_completeness(repository: Repository) -> None:
    # a store that cannot answer, or data that cannot be counted, says so to the first request that asks; a bug is
    # logged, and the request that asks again meets it there
    with cache.one_moment():
        try:
            completeness.every_municipality(repository)
        except (StoreUnavailable, UserError):
            pass
        except Exception:
            log.exception("het tellen bij de start mislukte / the start-up count failed")


class OneMomentPerRequest:
    """ASGI middleware: a request reads a remote store's revisions once and sees them as of that moment
    (store/cache.py, one_moment), so that a write through another instance shows in the next request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        with cache.one_moment():
            await self.app(scope, receive, send)


def create_app(repository: Repository, tokens: TokenRegistry, max_body_bytes: int = limits.DEFAULT_MAX_BODY) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        # warm SPARQL workers from the start, so that the first public query does not wait for them
        app.state.query_workers = await asyncio.to_thread(sparql_endpoint.start_workers, repository)
        # how far every municipality is takes seconds to count at national scale and the dashboards' start page
        # and doelenboom ask it first: count it now, beside the first requests, which then wait for this one count
        warming = asyncio.get_running_loop().run_in_executor(None, _count_completeness, repository)
        yield
        await warming  # the store is closed after the app: the count must not read it then
        if app.state.query_workers is not None:
            app.state.query_workers.close()

    app = FastAPI(
        title="Doelgraaf",
        description="Doelgericht sturen van gemeenten als kennisgraaf / goal-oriented steering of municipalities as a knowledge graph",
        lifespan=lifespan,
        # FastAPI's own pages load Swagger UI and ReDoc from a CDN; /docs is served below from /assets,
        # and one page of API documentation is enough (docs/vendored-assets.md)
        docs_url=None,
        redoc_url=None,
    )
    app.state.query_workers = None
    app.state.repository = repository
    app.state.tokens = tokens
    # Answers that must be computed take turns: more at once than there are cores only adds memory (each
    # holds a municipality's graph and answer: 587 MB against 497 MB with 32 portal clients on 2 cores) and
    # makes every one of them slower; kept answers do not wait.
    app.state.computing = asyncio.Semaphore(COMPUTING_AT_ONCE)
    problems.install(app)
    app.add_middleware(limits.BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(ReadOnlyCORS)
    app.add_middleware(OneMomentPerRequest)
    app.mount("/assets", Assets(), name="assets")
    for router in (graphql_http.router, sparql.router, rdf_documents.router, resources.router, uploads.router, webapp.router):
        app.include_router(router)

    @app.get("/", include_in_schema=False)
    def home() -> HTMLResponse:
        links = " · ".join(f'<a href="/vocab/{name}">{name}</a>' for name in current(repository).names)
        return HTMLResponse(HOME.replace("{vocabularies}", links))

    @app.get("/docs", include_in_schema=False)
    def api_documentation() -> HTMLResponse:
        # validatorUrl "none": Swagger UI would otherwise send the OpenAPI document to swagger.io to check it
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title="API-documentatie / API documentation — Doelgraaf",
            swagger_js_url="/assets/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/assets/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/assets/vendor/swagger-ui/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": "none"},
        )

    @app.get("/health", summary="Status van de store / store status")
    async def health(request: Request) -> JSONResponse:
        # counting every graph takes seconds at national scale: once per store revision is enough; a store
        # that cannot be reached is a 503 problem (api.problems)
        repository = request.app.state.repository
        status = await asyncio.to_thread(cache.cached, repository, "store status", repository.status)
        return JSONResponse({"status": "ok", **status})

    return app
