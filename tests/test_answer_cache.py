"""Answers kept until a write to what they read (store/cache.py): the same question is computed once, also
when many clients ask it at the same moment. (Only a repository that sees every write keeps anything: the
embedded store; a remote endpoint may be written by another process.)"""

import asyncio
import threading
import time

import httpx
import pyoxigraph as ox
import pytest
from doelgraaf.api import graphql_http
from doelgraaf.api.app import create_app
from doelgraaf.core.access import TokenRegistry
from doelgraaf.store import cache

from tests.conftest import EDITOR, embedded_demo_store, gql

demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: the module's demo store is built once, not on each worker
pytestmark = pytest.mark.xdist_group("answer-cache")

QUERY = '{ municipality(code: "GM9999") { goals { id label } } }'
GRAPH = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999")
RENAME = 'mutation($id: ID!, $label: String!) { updateGoal(id: $id, input: {label: $label}) { ok } }'


def counting(monkeypatch) -> list:
    calls = []
    original = graphql_http._execute

    async def execute(*args, **kwargs):
        calls.append(args[0])
        await asyncio.sleep(0.05)  # long enough for the other requests to arrive meanwhile
        return await original(*args, **kwargs)

    monkeypatch.setattr(graphql_http, "_execute", execute)
    return calls


def test_a_question_is_answered_from_memory_until_the_next_write(client, monkeypatch):
    calls = counting(monkeypatch)
    status, first = gql(client, QUERY)
    assert status == 200 and gql(client, QUERY)[1] == first
    assert calls == [QUERY]
    goal = first["data"]["municipality"]["goals"][0]
    status, body = gql(client, RENAME, {"id": goal["id"], "label": "Nieuwe naam"}, token=EDITOR)
    assert body["data"]["updateGoal"]["ok"]
    labels = {g["id"]: g["label"] for g in gql(client, QUERY)[1]["data"]["municipality"]["goals"]}
    assert labels[goal["id"]] == "Nieuwe naam" and calls.count(QUERY) == 2


def test_clients_asking_the_same_question_at_once_share_one_computation(demo, monkeypatch):
    demo.modify_graph(GRAPH, delete=[], insert=[])  # what was kept of this graph is now out of date
    calls = counting(monkeypatch)
    app = create_app(demo, TokenRegistry({}))

    async def ask_all():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            return await asyncio.gather(*(http.post("/graphql", json={"query": QUERY}) for _ in range(12)))

    answers = asyncio.run(ask_all())
    assert {a.status_code for a in answers} == {200}
    assert len({a.text for a in answers}) == 1 and "goals" in answers[0].text
    assert calls == [QUERY]


def test_an_answer_is_kept_until_a_graph_it_read_is_written(client, demo, monkeypatch):
    """A write to another municipality leaves the answer about this one as it was; a write to this one does not."""
    calls = counting(monkeypatch)
    question = '{ municipality(code: "GM9999") { goals { id } } } # scoped'
    first = gql(client, question)[1]
    other = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM0001")
    marker = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("x"))
    demo.modify_graph(other, delete=[], insert=[marker])
    try:
        assert gql(client, question)[1] == first and calls == [question]
        demo.modify_graph(GRAPH, delete=[], insert=[marker])  # the demo fixture takes it out again
        assert gql(client, question)[1] == first and calls == [question, question]
    finally:
        demo.drop_graph(other)


def test_an_answer_that_reads_every_graph_is_recomputed_after_any_write(client, demo, monkeypatch):
    calls = counting(monkeypatch)
    question = "{ municipalities(first: 3) { code } } # every graph"
    gql(client, question)
    gql(client, question)
    other = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM0001")
    demo.modify_graph(other, delete=[], insert=[ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("x"))])
    try:
        gql(client, question)
        assert calls == [question, question]
    finally:
        demo.drop_graph(other)


def test_threads_computing_the_same_cached_value_compute_it_once(demo):
    computed = []

    def compute():
        computed.append(1)
        time.sleep(0.05)
        return "waarde"

    key = ("test", time.monotonic())
    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.cached(demo, key, compute))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["waarde"] * 8 and computed == [1]


def test_a_kept_answer_still_needs_a_valid_token_when_one_is_sent(client):
    """An answer kept in memory is sent without running the query again, but never past the credential check."""
    assert gql(client, QUERY)[0] == 200 and gql(client, QUERY)[0] == 200
    status, body = gql(client, QUERY, token="onbekend-token-0123456789")
    assert status == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert gql(client, QUERY, token=EDITOR)[0] == 200


def test_a_kept_answer_is_sent_in_the_media_type_asked_for(client):
    gql(client, QUERY)
    response = client.post("/graphql", json={"query": QUERY}, headers={"Accept": "application/graphql-response+json"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/graphql-response+json")
    assert response.json()["data"]["municipality"]["goals"]


def test_the_store_status_is_counted_once_per_revision(client, demo):
    """/health counts every graph (seconds at national scale): once per revision, and again after a write."""
    import pyoxigraph as ox

    before = client.get("/health").json()["triples"]
    assert client.get("/health").json()["triples"] == before
    graph = ox.NamedNode("https://w3id.org/doelgraaf/graph/test-health")
    demo.modify_graph(graph, delete=[], insert=[ox.Triple(graph, ox.NamedNode("urn:x:p"), ox.Literal("x"))])
    try:
        assert client.get("/health").json()["triples"] == before + 1
    finally:
        demo.drop_graph(graph)


def test_values_read_from_some_graphs_survive_writes_to_other_graphs(demo):
    """A value computed from named graphs is kept until one of them is written: an editor of one
    municipality does not make every other municipality's figures be computed again."""
    import pyoxigraph as ox
    from doelgraaf.analysis import graph_index
    from doelgraaf.core.namespaces import municipality_graph
    from doelgraaf.validation.municipality import municipality_report

    own = ox.NamedNode(str(municipality_graph("GM9999")))
    other = ox.NamedNode(str(municipality_graph("GM0001")))
    computed = []
    key = ("test scoped", time.monotonic())

    def value():
        return cache.cached(demo, key, lambda: computed.append(1) or len(computed), graphs=[own.value])

    report = municipality_report(demo, "GM9999")
    index = graph_index.index(demo, own.value)
    assert value() == 1
    marker = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("x"))
    demo.modify_graph(other, delete=[], insert=[marker])
    try:
        assert value() == 1 and computed == [1]
        assert municipality_report(demo, "GM9999") is report
        assert graph_index.ready(demo, own.value) is index
        demo.modify_graph(own, delete=[], insert=[marker])
        assert value() == 2
        assert municipality_report(demo, "GM9999") is not report
        assert graph_index.ready(demo, own.value) is None
    finally:
        demo.modify_graph(own, delete=[marker], insert=[])
        demo.drop_graph(other)
