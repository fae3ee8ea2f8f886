"""GraphQL under attack: injection payloads in every argument, masked errors, time limit, tokens and roles."""

import logging

import pytest
from doelgraaf.analysis import listing
from doelgraaf.api import graphql_http
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ADMIN, EDITOR, OTHER_EDITOR, embedded_demo_store, gql

# the back-end is not what these tests are about: the embedded store only keeps the suite fast
demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: the module's demo store is built once, not on each worker
pytestmark = pytest.mark.xdist_group("hardening-graphql")

PAYLOADS = [
    '"', "'", ">", "}", "DROP ALL", "GRAPH <https://w3id.org/doelgraaf/graph/GM9999> { ?s ?p ?o }",
    '") } ; DROP ALL ; #', "<https://w3id.org/doelgraaf/graph/GM9999>", "} } UNION { GRAPH ?g { ?s ?p ?o } } #",
    "https://w3id.org/doelgraaf/id/GM9999/doel/x> } DROP ALL {", "\\", "\n", "6.1\" . ?x ?y ?z", "x" * 5000,
]
ARGUMENTS = [
    '{{ municipality(code: {v}) {{ code }} }}',
    '{{ node(id: {v}) {{ id }} }}',
    '{{ validation(municipality: {v}) {{ conforms }} }}',
    '{{ municipality(code: "GM9999") {{ goals(programme: {v}) {{ id }} }} }}',
    '{{ municipality(code: "GM9999") {{ goals(owner: {v}) {{ id }} }} }}',
    '{{ municipality(code: "GM9999") {{ goals(taakveld: {v}) {{ id }} }} }}',
    '{{ municipality(code: "GM9999") {{ measures(goal: {v}) {{ id }} }} }}',
    '{{ municipality(code: "GM9999") {{ budgetLines(taakveld: {v}, funds: {v}) {{ id }} }} }}',
    '{{ municipality(code: "GM9999") {{ goals(first: 2, after: {v}) {{ id }} }} }}',
    '{{ municipality(code: "GM9999") {{ name(lang: {v}) goals {{ label(lang: {v}) }} }} }}',
    '{{ benchmark(taakveld: {v}, year: 2024, phase: ADOPTED, direction: EXPENSE) {{ rank }} }}',
    '{{ acrossYears(municipality: {v}, taakveld: {v}, direction: EXPENSE) {{ year }} }}',
    '{{ municipalities(after: {v}) {{ code }} }}',
]


def literal(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def sizes(store):
    return store.graph_sizes()


@pytest.mark.parametrize("template", ARGUMENTS)
def test_injection_payloads_neither_break_nor_leak_nor_change(client, demo, template):
    before = sizes(demo)
    for payload in PAYLOADS:
        status, body = gql(client, template.format(v=literal(payload)))
        assert status == 200, (template, payload)
        for error in body.get("errors", []):
            assert "Interne fout" not in error["message"], (template, payload, error)
            assert "SELECT" not in error["message"] and "Traceback" not in error["message"]
    assert sizes(demo) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=80))
def test_any_text_in_arguments_is_answered_cleanly(client, text):
    for template in ARGUMENTS[:6]:
        status, body = gql(client, template.format(v=literal(text)))
        assert status == 200
        assert all("Interne fout" not in e["message"] for e in body.get("errors", []))


def test_unexpected_errors_are_masked(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("SELECT ?secret WHERE { GRAPH ?g { ?s ?p ?o } } at store.py line 12")

    monkeypatch.setattr(listing, "all_municipalities", broken)
    status, body = gql(client, "{ municipalities { code } }")
    message = body["errors"][0]["message"]
    assert message == "Interne fout / Internal error" and "SELECT" not in str(body)


def test_execution_time_limit(client, monkeypatch):
    monkeypatch.setattr(graphql_http, "EXECUTION_LIMIT_SECONDS", 0.0001)
    response = client.post("/graphql", json={"query": "{ municipalities { code name population } }"})
    assert response.status_code == 503 and "TIMEOUT" in response.text


def test_roles(client, demo):
    from doelgraaf.api.app import create_app
    from doelgraaf.core.access import TokenRegistry
    from fastapi.testclient import TestClient

    reader = "reader-token-0123456789abcdef"
    with TestClient(create_app(demo, TokenRegistry({reader: "reader", EDITOR: "editor:GM9999"}))) as c:
        status, body = gql(c, '{ municipality(code: "GM9999") { name } }', token=reader)
        assert status == 200 and body["data"]["municipality"]["name"] == "Meerwijk"
        status, body = gql(c, 'mutation { createGoal(input: {label: "x"}) { ok } }', token=reader)
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert c.post("/import/rdf", content=b"", params={"municipality": "GM9999"},
                      headers={"authorization": f"Bearer {reader}", "content-type": "text/turtle"}).status_code == 403


def test_tokens_are_never_logged(client, caplog):
    caplog.set_level(logging.DEBUG)
    for token in (EDITOR, OTHER_EDITOR, ADMIN, "wrong-token-0123456789"):
        gql(client, 'mutation { deleteGoal(id: "https://w3id.org/doelgraaf/id/GM9999/doel/x") { ok } }', token=token)
    logged = caplog.text
    assert not any(t in logged for t in (EDITOR, OTHER_EDITOR, ADMIN, "wrong-token-0123456789"))
