"""The SPARQL servers the tests start (tests/servers.py) answer queries, take updates and stop cleanly."""

import uuid
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from tests import servers


def _processes_mentioning(text: str) -> list[str]:
    """The command lines of running processes that name `text` (Linux's /proc; empty elsewhere)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in line:
            found.append(line)
    return found


@pytest.mark.parametrize("kind", servers.KINDS)
def test_server_answers_takes_an_update_and_stops(kind, tmp_path):
    if reason := servers.skip_reason(kind):
        pytest.skip(reason)
    endpoint, stop = servers.start(kind, tmp_path)
    graph = f"https://w3id.org/doelgraaf/test/servers/{uuid.uuid4()}"
    triple = ox.Triple(ox.NamedNode(graph + "#s"), ox.NamedNode(graph + "#p"), ox.Literal("één / one"))
    try:
        with httpx.Client(auth=endpoint.auth, timeout=30) as http:
            answer = http.post(endpoint.query_url, data={"query": "SELECT (1 AS ?one) WHERE {}"},
                               headers={"Accept": "application/sparql-results+json"})
            assert answer.status_code == 200, answer.text
            assert answer.json()["results"]["bindings"][0]["one"]["value"] == "1"

            insert = f"INSERT DATA {{ GRAPH <{graph}> {{ {triple.subject} {triple.predicate} {triple.object} }} }}"
            assert http.post(endpoint.update_url, data={"update": insert}).status_code in (200, 204)

            if endpoint.graph_store_url:
                stored = http.get(endpoint.graph_store_url, params={"graph": graph},
                                  headers={"Accept": "application/n-triples"})
                assert stored.status_code == 200, stored.text
                assert [quad.triple for quad in ox.parse(stored.content, ox.RdfFormat.N_TRIPLES)] == [triple]
            http.post(endpoint.update_url, data={"update": f"DROP SILENT GRAPH <{graph}>"})
            if kind == "virtuoso" and isinstance(stop, servers._Stopper):  # its web root is not its database
                assert http.get(endpoint.query_url.rsplit("/", 1)[0] + "/virtuoso.ini").status_code == 404
    finally:
        stop()
    if isinstance(stop, servers._Stopper):
        assert stop.process.poll() is not None
        with pytest.raises(httpx.ConnectError):
            httpx.get(endpoint.query_url, params={"query": "ASK {}"}, timeout=2)
        assert _processes_mentioning(str(tmp_path)) == []


def test_the_environment_names_a_store_of_ones_own(monkeypatch, tmp_path):
    monkeypatch.setenv("DOELGRAAF_TEST_ENDPOINT_QUERY_URL", "http://graphdb.example:7200/repositories/dg")
    monkeypatch.setenv("DOELGRAAF_TEST_ENDPOINT_UPDATE_URL", "http://graphdb.example:7200/repositories/dg/statements")
    monkeypatch.setenv("DOELGRAAF_TEST_ENDPOINT_USER", "tester")
    monkeypatch.setenv("DOELGRAAF_TEST_ENDPOINT_PASSWORD", "geheim")
    monkeypatch.setenv("DOELGRAAF_TEST_VIRTUOSO_QUERY_URL", "http://virtuoso.example:8890/sparql")
    assert servers.skip_reason("endpoint") is None and "endpoint" in servers.available_kinds()
    assert servers.skip_reason("virtuoso") is None
    endpoint, stop = servers.start("endpoint", tmp_path)
    assert endpoint == servers.Endpoint("endpoint", "http://graphdb.example:7200/repositories/dg",
                                        "http://graphdb.example:7200/repositories/dg/statements", None,
                                        "tester", "geheim")
    assert endpoint.auth == ("tester", "geheim")
    virtuoso, _ = servers.start("virtuoso", tmp_path)  # named by the environment: nothing is started
    assert virtuoso.update_url == virtuoso.query_url == "http://virtuoso.example:8890/sparql"
    assert virtuoso.graph_store_url is None and virtuoso.auth is None
    stop()
    assert list(tmp_path.iterdir()) == []


def test_an_absent_store_is_skipped_with_a_reason_in_both_languages(monkeypatch):
    monkeypatch.delenv("DOELGRAAF_TEST_ENDPOINT_QUERY_URL", raising=False)
    monkeypatch.delenv("DOELGRAAF_TEST_VIRTUOSO_QUERY_URL", raising=False)
    monkeypatch.setattr(servers, "virtuoso_binary", lambda: None)
    assert servers.skip_reason("endpoint").startswith("DOELGRAAF_TEST_ENDPOINT_QUERY_URL is niet gezet")
    assert servers.skip_reason("virtuoso") == (
        "virtuoso-t ontbreekt (apt-get install virtuoso-opensource) / Virtuoso's server virtuoso-t is absent")
    assert "virtuoso" not in servers.available_kinds() and "endpoint" not in servers.available_kinds()
