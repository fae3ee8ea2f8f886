"""/app/: the dashboards for people who steer, one page shell that reads the GraphQL API.

The shell is plain HTML with ES modules and vendored ECharts under /assets, so nothing is built or
fetched elsewhere (docs/architecture.md, "De dashboards"). The server knows the app's addresses so that a
mistyped one is a 404 and a lowercase municipality code is sent to its canonical address.
"""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from doelgraaf.core.paths import API_PAGES_DIR

router = APIRouter()

SHELL = API_PAGES_DIR / "app.html"
VIEWS = ("", "geld", "voortgang", "te-doen", "meedoen")
ADDRESS = re.compile(r"^(?:|vergelijk|gemeente/(?P<code>gm[0-9]{4})(?:/(?P<view>[a-z-]+))?)/?$", re.IGNORECASE)

NOT_FOUND = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Niet gevonden — Doelgraaf</title></head>
<body><main><h1>Deze pagina bestaat niet <span lang="en">/ this page does not exist</span></h1>
<p>Begin bij <a href="/app/">de startpagina</a>. <span lang="en">Start at <a href="/app/">the start page</a>.</span></p>
</main></body></html>"""


@router.get("/app", include_in_schema=False)
def app_root() -> Response:
    return RedirectResponse("/app/", status_code=308)


@router.get("/app/{address:path}", include_in_schema=False)
def app_page(address: str) -> Response:
    match = ADDRESS.match(address)
    if match is None or (match["view"] or "") not in VIEWS:
        return HTMLResponse(NOT_FOUND, status_code=404)
    code = match["code"]
    if code and code != code.upper():
        return RedirectResponse("/app/" + address.replace(code, code.upper(), 1), status_code=308)
    # the shell is the same for every address: the browser may keep it, the data comes from /graphql
    return FileResponse(SHELL, media_type="text/html", headers={"Cache-Control": "no-cache"})
