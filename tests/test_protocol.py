"""The SPARQL protocol as a client (store/protocol.py), against a server on loopback that answers as Virtuoso does:
credentials sent and never shown, blank-node labels of any form, a row limit reported, refusals as 503."""

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pyoxigraph as ox
import pytest
from doelgraaf.api.app import create_app
from doelgraaf.core.access import TokenRegistry
from doelgraaf.store import StoreUnavailable
from doelgraaf.store.protocol import Credentials, StoreRefused, read_results
from doelgraaf.store.remote import RemoteRepository
from fastapi.testclient import TestClient

SECRET = "geheim-wachtwoord-123"
VIRTUOSO_ROWS = {"head": {"vars": ["s", "o", "flag"]}, "results": {"bindings": [
    {"s": {"type": "bnode", "value": "nodeID://b10550"}, "o": {"type": "typed-literal", "value": "35000.5",
                                                               "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
     "flag": {"type": "typed-literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}},
    {"s": {"type": "bnode", "value": "nodeID://b10550"}, "o": {"type": "literal", "value": "x", "xml:lang": "nl"}}]}}


EMPTY = {"head": {"vars": ["graph"]}, "results": {"bindings": []}}


class Server:
    """Answers a query with `body` (and `headers`, `status`) and remembers what it was sent; the service's own
    bookkeeping (its graphs, the journal's revisions) it answers with nothing."""

    def __init__(self):
        self.body, self.status, self.headers, self.seen = VIRTUOSO_ROWS, 200, {}, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                outer.seen.append((dict(self.headers), form))
                if "doelgraaf/graph/store/journal" in form["query"][0] or "GROUP BY ?graph" in form["query"][0]:
                    status, payload, headers = 200, json.dumps(EMPTY).encode(), {}
                else:
                    status, headers = outer.status, outer.headers
                    payload = json.dumps(outer.body).encode() if isinstance(outer.body, dict) else outer.body
                self.send_response(status)
                self.send_header("Content-Type", "application/sparql-results+json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/sparql"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()


@pytest.fixture
def server():
    found = Server()
    yield found
    found.http.shutdown()


def test_queries_go_as_form_posts_with_basic_credentials_from_a_file(server, tmp_path):
    secret = tmp_path / "password"
    secret.write_text(SECRET + "\n")
    credentials = Credentials.from_environment({"DOELGRAAF_ENDPOINT_USER": "doelgraaf", "DOELGRAAF_ENDPOINT_PASSWORD_FILE": str(secret)})
    assert SECRET not in repr(credentials)
    repo = RemoteRepository(server.url, credentials=credentials)
    repo.select("SELECT * WHERE { ?s ?p ?o }")
    headers, form = server.seen[-1]
    assert headers["Content-Type"] == "application/x-www-form-urlencoded" and form["query"] == ["SELECT * WHERE { ?s ?p ?o }"]
    assert headers["Authorization"] == "Basic " + base64.b64encode(f"doelgraaf:{SECRET}".encode()).decode()


def test_a_bearer_token_from_the_environment_and_a_refusal_that_never_shows_it(server):
    repo = RemoteRepository(server.url, credentials=Credentials.from_environment({"DOELGRAAF_ENDPOINT_TOKEN": SECRET}))
    server.status, server.body = 401, b"Unauthorized"
    with pytest.raises(StoreUnavailable) as refused:
        repo.select("SELECT * WHERE { ?s ?p ?o }")
    assert server.seen[-1][0]["Authorization"] == f"Bearer {SECRET}"
    assert SECRET not in str(refused.value) and "DOELGRAAF_ENDPOINT_USER" in str(refused.value)


def test_a_user_without_a_password_is_told_what_is_missing():
    with pytest.raises(StoreUnavailable, match="DOELGRAAF_ENDPOINT_PASSWORD"):
        Credentials.from_environment({"DOELGRAAF_ENDPOINT_USER": "doelgraaf"})


def test_results_are_read_whatever_the_server_calls_its_blank_nodes():
    rows = read_results(json.dumps(VIRTUOSO_ROWS).encode()).rows
    assert rows[0][0] == rows[1][0] and isinstance(rows[0][0], ox.BlankNode)  # one node, one label
    assert rows[0][1] == ox.Literal("35000.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    assert rows[0][2] == ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    assert rows[1][1] == ox.Literal("x", language="nl") and rows[1][2] is None


def test_an_answer_cut_at_the_servers_row_limit_is_never_taken_as_whole(server):
    repo = RemoteRepository(server.url)
    server.headers = {"X-SPARQL-MaxRows": "2"}
    with pytest.raises(StoreRefused, match="ResultSetMaxRows"):
        repo.select("SELECT * WHERE { ?s ?p ?o }")
    server.headers = {}
    assert len(repo.select("SELECT * WHERE { ?s ?p ?o }").rows) == 2


def test_the_public_endpoint_reports_a_cut_and_answers_a_refusal_with_503(server):
    repo = RemoteRepository(server.url)
    with TestClient(create_app(repo, TokenRegistry({}))) as client:
        server.headers = {"X-SPARQL-MaxRows": "2"}
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?o ?flag }"})
        assert response.status_code == 200 and response.headers["Doelgraaf-Result-Truncated"].startswith("true")
        server.status, server.headers = 500, {}
        server.body = (b"Virtuoso 42000 Error The estimated execution time 873 (sec) exceeds the limit of 400 (sec).\n\n"
                       b"SPARQL query:\nSELECT * WHERE { ?s ?o ?flag }")
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?o ?flag }"})
        assert response.status_code == 503 and "exceeds the limit" in response.text
        assert "SPARQL query" not in response.text  # the server's first line, not the query it repeats
