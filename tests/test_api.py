"""HTTP beyond GraphQL: the SPARQL endpoint, documents with content negotiation, /id/… and /health."""

import time

import pytest
from doelgraaf import sparql_endpoint
from rdflib import Graph

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GOAL = "https://w3id.org/doelgraaf/id/GM9999/doel/duurzaam-verkeer"


@pytest.mark.parametrize("accept,marker", [
    ("application/sparql-results+json", b'"bindings"'),
    ("application/sparql-results+xml", b"<sparql"),
    ("text/csv", b"n\r\n"),
    ("text/tab-separated-values", b"?n"),
])
def test_sparql_select_in_every_result_format(reader, accept, marker):
    response = reader.get("/sparql", params={"query": COUNT}, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert marker in response.content


def test_sparql_post_construct_and_ask(reader):
    response = reader.post("/sparql", content="CONSTRUCT { <%s> ?p ?o } WHERE { GRAPH ?g { <%s> ?p ?o } }" % (GOAL, GOAL),
                           headers={"content-type": "application/sparql-query", "accept": "text/turtle"})
    assert response.status_code == 200 and len(Graph().parse(data=response.text, format="turtle")) > 5
    response = reader.post("/sparql", data={"query": "ASK { GRAPH ?g { <%s> ?p ?o } }" % GOAL})
    assert response.status_code == 200 and response.json()["boolean"] is True


@pytest.mark.parametrize("query", [
    "INSERT DATA { GRAPH <http://x> { <http://a> <http://b> <http://c> } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { service <http://example.org/sparql> { ?s ?p ?o } } }",
    "select * { { select * { SERVICE SILENT <http://evil> { ?a ?b ?c } } } }",
    "LOAD <http://example.org/data.ttl>",
    "delete where { ?s ?p ?o }",
    "PREFIX ex: <http://e/> DROP ALL",
])
def test_sparql_refuses_updates_service_and_load(client, demo, query):
    before = demo.graph_sizes()
    for response in (client.get("/sparql", params={"query": query}), client.post("/sparql", data={"query": query})):
        assert response.status_code == 400, query
        assert "niet toegestaan" in response.json()["detail"] or "geen SELECT" in response.json()["detail"]
    assert client.post("/sparql", data={"update": query}).status_code == 400
    assert demo.graph_sizes() == before


def test_keywords_inside_strings_and_variable_names_are_fine(reader):
    query = 'SELECT ?service ?load WHERE { VALUES (?service ?load) { ("SERVICE" "DROP ALL") } } # INSERT'
    response = reader.get("/sparql", params={"query": query})
    assert response.status_code == 200 and response.json()["results"]["bindings"][0]["load"]["value"] == "DROP ALL"


def test_sparql_result_cap(reader, monkeypatch):
    monkeypatch.setattr(sparql_endpoint, "MAX_ROWS", 10)
    # one graph, not the whole store: Virtuoso writes every row of an answer before the first is read (8 s for all)
    response = reader.get("/sparql", params={"query": "SELECT * WHERE { GRAPH <https://w3id.org/doelgraaf/graph/GM9999> { ?s ?p ?o } }"})
    assert response.status_code == 200 and len(response.json()["results"]["bindings"]) == 10
    assert response.headers["doelgraaf-result-truncated"].startswith("true")


def test_a_runaway_query_is_stopped_and_others_still_answer(client, monkeypatch, request):
    """A query that keeps producing rows is stopped at the time limit (a query that computes for a long
    time before its first row is the hardening issue's: it needs the query in a separate process)."""
    if "virtuoso" in request.node.callspec.id:
        pytest.xfail("Virtuoso computes a cross join to its end after the client has gone, and its own "
                     "MaxQueryExecutionTime did not stop one in 6 minutes (docs/stores.md): here it would hold the server")
    monkeypatch.setattr(sparql_endpoint, "TIME_LIMIT_SECONDS", 0.5)
    monkeypatch.setattr(sparql_endpoint, "MAX_ROWS", 10**9)
    runaway = "SELECT * WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j } }"
    started = time.monotonic()
    response = client.get("/sparql", params={"query": runaway})
    assert response.status_code == 503 and time.monotonic() - started < 5
    assert client.get("/sparql", params={"query": COUNT}).status_code == 200


@pytest.mark.parametrize("path", ["/ontology", "/shapes", "/vocab/taakvelden", "/vocab/gemeenten"])
@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/rdf+xml", "xml"), ("application/n-triples", "nt")])
def test_documents_by_content_negotiation(reader, path, accept, fmt):
    response = reader.get(path, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=response.content, format=fmt)) > 50


@pytest.mark.parametrize("path,needle", [("/ontology", "Doelgraaf"), ("/shapes", "heeft geen eigenaar"), ("/vocab/taakvelden", "0.10")])
def test_documents_as_html_for_browsers(reader, path, needle):
    response = reader.get(path, headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert needle in response.text


def test_unknown_vocabulary_and_unacceptable_format(reader):
    assert reader.get("/vocab/onbekend").status_code == 404
    assert reader.get("/ontology", headers={"accept": "image/png"}).status_code == 406


def test_resources_dereference_under_id(reader):
    page = reader.get("/id/GM9999/doel/duurzaam-verkeer", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Meer fietsen op korte afstanden" in page.text
    turtle = reader.get("/id/GM9999/doel/duurzaam-verkeer", headers={"accept": "text/turtle"})
    assert len(Graph().parse(data=turtle.text, format="turtle")) > 5
    concept = reader.get("/id/taakveld/0.10", params={"format": "jsonld"})
    assert concept.status_code == 200 and "Mutaties reserves" in concept.text
    indicator = reader.get("/id/GM9999/indicator/fietsaandeel", headers={"accept": "text/turtle"})
    assert "48" in indicator.text  # the baseline and target values come with it
    assert reader.get("/id/GM9999/bestaat-niet").status_code == 404
    assert reader.get("/id/GM9999/<script>").status_code == 400


def test_health(reader):
    response = reader.get("/health")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["graphSizes"]["https://w3id.org/doelgraaf/graph/GM9999"] > 4000


def test_request_bodies_over_the_limit(reader):
    big = b"x" * 13_000_000
    assert reader.post("/graphql", content=big, headers={"content-type": "application/json"}).status_code == 413

    def chunks():
        for _ in range(13):
            yield b"x" * 1_000_000

    assert reader.post("/sparql", content=chunks(), headers={"content-type": "application/sparql-query"}).status_code == 413


def test_a_runaway_aggregate_on_disk_is_killed_at_the_limit(tmp_path, monkeypatch):
    """COUNT over a cross product computes for hours before its first row; on an on-disk store the
    query runs in a child process that is killed at the time limit, and the service answers on."""
    import multiprocessing

    from doelgraaf.api.app import create_app
    from doelgraaf.core.access import TokenRegistry
    from doelgraaf.store import open_repository
    from fastapi.testclient import TestClient

    from tests.conftest import demo_repository

    repo = demo_repository(open_repository(store=tmp_path / "store"))
    monkeypatch.setattr(sparql_endpoint, "TIME_LIMIT_SECONDS", 1.0)
    with TestClient(create_app(repo, TokenRegistry({}))) as client:
        runaway = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?h ?i ?j } }"
        started = time.monotonic()
        response = client.get("/sparql", params={"query": runaway})
        assert response.status_code == 503 and time.monotonic() - started < 5
        assert not [p for p in multiprocessing.active_children() if p.name.startswith("Process")]
        assert client.get("/sparql", params={"query": COUNT}).json()["results"]["bindings"][0]["n"]["value"] != "0"
        goal = "https://w3id.org/doelgraaf/id/GM9999/doel/duurzaam-verkeer"
        assert client.post("/sparql", data={"query": "ASK { GRAPH ?g { <%s> ?p ?o } }" % goal}).json()["boolean"] is True
    repo.close()


def test_the_demo_municipality_dereferences_where_make_run_says(reader):
    """`make run` prints /id/gemeente/GM9999: a municipality with data of its own, not among the 342."""
    page = reader.get("/id/gemeente/GM9999", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Meerwijk" in page.text
