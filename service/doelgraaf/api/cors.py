"""Cross-origin reading: browser tools hosted elsewhere (YASGUI, Comunica, a municipality's own
dashboard) may read the public endpoints; nothing that writes is opened.

Only the read-only paths answer CORS, and a cross-origin request may carry no Authorization header
(it is not among the allowed headers), so a page elsewhere can never use someone's token: GraphQL
mutations, uploads and PUT /vocab stay reachable only to clients that hold the token themselves.
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware

READ_ONLY = ("/sparql", "/graphql", "/id/", "/ontology", "/vocab/", "/shapes", "/context.jsonld", "/diagram.svg")


def readable(path: str) -> bool:
    return any(path == prefix.rstrip("/") or path.startswith(prefix) for prefix in READ_ONLY)


class ReadOnlyCORS:
    """CORS (any origin, no credentials, GET and POST) on the read-only paths; other paths as they are."""

    def __init__(self, app):
        self.app = app
        self.cors = CORSMiddleware(app, allow_origins=["*"], allow_methods=["GET", "POST"],
                                   allow_headers=["Accept", "Content-Type"],
                                   expose_headers=["Doelgraaf-Result-Truncated", "Content-Type"], max_age=600)

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and readable(scope["path"]):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
