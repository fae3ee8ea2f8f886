"""Every error over HTTP has one shape: problem details (RFC 9457) with Dutch and English (api/problems.py)."""

import pytest

from tests.conftest import EDITOR, OTHER_EDITOR


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["type"] == "about:blank" and body["title"]
    assert body["detail"].endswith(f"{body['nl']} / {body['en']}") and body["nl"] and body["en"]
    if body.get("where"):
        assert body["detail"].startswith(f"{body['where']}: ")
    return body


@pytest.mark.parametrize("method,path,kwargs,status", [
    ("get", "/sparql", {"params": {"query": "SELECT * WHERE {"}}, 400),
    ("post", "/sparql", {"content": "ASK {}", "headers": {"content-type": "text/plain"}}, 415),
    ("get", "/sparql", {"params": {"query": "ASK {}"}, "headers": {"accept": "image/png"}}, 406),
    ("get", "/id/GM9999/bestaat-niet", {}, 404),
    ("get", "/id/GM9999/<script>", {}, 400),
    ("get", "/vocab/onbekend", {}, 404),
    ("get", "/ontology", {"headers": {"accept": "image/png"}}, 406),
    ("get", "/bestaat-niet", {}, 404),
    ("post", "/import/rdf?municipality=GM9999", {"content": b"<a> <b> <c> .", "headers": {"content-type": "text/turtle"}}, 401),
    ("post", "/import/rdf?municipality=GM9999", {"content": b"x", "headers": {"content-type": "text/turtle",
                                                                              "authorization": f"Bearer {OTHER_EDITOR}"}}, 403),
    ("post", "/import/rdf", {"content": b"x", "headers": {"content-type": "image/png", "authorization": f"Bearer {EDITOR}"}}, 415),
    ("post", "/import/rdf", {"content": b"x", "headers": {"content-type": "text/turtle"}}, 401),
    ("post", "/import/rdf", {"content": b"<a> <b", "headers": {"content-type": "text/turtle", "authorization": f"Bearer {EDITOR}"}}, 400),
    ("put", "/vocab/sdg", {"content": b"", "headers": {"content-type": "text/turtle"}}, 401),
    ("post", "/sparql", {"content": b"x" * 13_000_000, "headers": {"content-type": "application/sparql-query"}}, 413),
])
def test_errors_are_problem_details(reader, method, path, kwargs, status):
    body = _is_problem(getattr(reader, method)(path, **kwargs), status)
    if status == 400 and path == "/sparql":
        assert "regel/line 1" in body["where"]


def test_unauthenticated_names_the_scheme(reader):
    response = reader.post("/import/rdf?municipality=GM9999", content=b"", headers={"content-type": "text/turtle"})
    assert response.headers["www-authenticate"] == "Bearer"


def test_an_upload_that_is_refused_lists_its_findings(client):
    headers = {"content-type": "text/turtle", "authorization": f"Bearer {EDITOR}"}
    blocking = (b"@prefix dg: <https://w3id.org/doelgraaf/def#> . <https://w3id.org/doelgraaf/id/GM9999/begroting/x> a dg:BudgetLine ;"
                b' dg:amount "veel" .')
    body = _is_problem(client.post("/import/rdf", content=blocking, headers=headers), 422)
    assert body["stored"] is False and any(r["blocking"] for r in body["results"])
    incomplete = b"@prefix dg: <https://w3id.org/doelgraaf/def#> . <https://w3id.org/doelgraaf/id/GM9999/doel/x> a dg:Goal ."
    body = _is_problem(client.post("/import/rdf", params={"strict": "true"}, content=incomplete, headers=headers), 422)
    assert body["stored"] is False and body["results"] and not any(r["blocking"] for r in body["results"])


def test_an_unreachable_store_is_a_503_that_says_what_to_do():
    from doelgraaf.api.app import create_app
    from doelgraaf.core.access import TokenRegistry
    from doelgraaf.store.remote import RemoteRepository
    from fastapi.testclient import TestClient

    repo = RemoteRepository("http://127.0.0.1:9")  # nothing listens on the discard port
    with TestClient(create_app(repo, TokenRegistry({}))) as client:
        for response in (client.get("/health"), client.get("/sparql", params={"query": "ASK {}"}),
                         client.get("/id/GM9999/doel/duurzaam-verkeer")):
            body = _is_problem(response, 503)
            assert "probeer het zo opnieuw" in body["nl"] and "unreachable" in body["en"]
            assert response.headers["retry-after"]
    repo.close()
