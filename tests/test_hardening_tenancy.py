"""Tenancy and roles: an editor of one municipality cannot change another's data through any mutation
or upload, whatever the arguments; only an admin replaces vocabularies."""

import pytest

from tests.conftest import ADMIN, EDITOR, OTHER_EDITOR, embedded_demo_store, everything, gql

demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: the module's demo store is built once, not on each worker
pytestmark = pytest.mark.xdist_group("hardening-tenancy")

ID = "https://w3id.org/doelgraaf/id/GM9999/"
GOAL = ID + "doel/duurzaam-verkeer"
MEASURE = ID + "maatregel/snelfietsroute"
INDICATOR = ID + "indicator/fietsaandeel"
OWNER = ID + "post/wethouder-duurzaamheid"
LINE = None  # looked up from the demo

MUTATIONS = [
    'createGoal(input: {label: "Overname", owner: "%s", servedBy: ["%s"], indicators: [{label: "x", kind: EFFECT}]}) { ok }' % (OWNER, MEASURE),
    'updateGoal(id: "%s", input: {label: "Overname"}) { ok }' % GOAL,
    'deleteGoal(id: "%s") { ok }' % GOAL,
    'createIndicator(input: {of: "%s", label: "x"}) { ok }' % GOAL,
    'updateIndicator(id: "%s", input: {unit: "x"}) { ok }' % INDICATOR,
    'deleteIndicator(id: "%s") { ok }' % INDICATOR,
    'createMeasure(input: {label: "x", goals: ["%s"]}) { ok }' % GOAL,
    'updateMeasure(id: "%s", input: {label: "x"}) { ok }' % MEASURE,
    'deleteMeasure(id: "%s") { ok }' % MEASURE,
    'createContribution(input: {measure: "%s", goal: "%s", share: "1"}) { ok }' % (MEASURE, GOAL),
    'createBudgetLine(input: {amount: "1", fiscalYear: 2025, phase: ADOPTED, direction: EXPENSE, taakveld: "2.1", funds: "%s"}) { ok }' % GOAL,
    'importRdf(municipality: "GM9999", format: TURTLE, data: "<http://example.org/a> <http://example.org/b> <http://example.org/c> .") { ok }',
]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.split("(")[0])
def test_an_editor_of_another_municipality_changes_nothing(client, demo, mutation):
    before = everything(demo)
    status, body = gql(client, "mutation { x: %s }" % mutation, token=OTHER_EDITOR)
    assert status == 200
    outcome = body.get("data") and body["data"]["x"]
    assert not outcome or outcome["ok"] is False, body
    assert everything(demo) == before


@pytest.mark.parametrize("token,status", [(None, 401), ("unknown-token-0123456789", 401), (EDITOR, 403), (ADMIN, 200)])
def test_only_an_admin_replaces_a_vocabulary(client, demo, token, status):
    headers = {"content-type": "text/turtle"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    body = b'<https://w3id.org/doelgraaf/id/rol/raad> <http://www.w3.org/2004/02/skos/core#prefLabel> "gemeenteraad"@nl .'
    response = client.put("/vocab/proefvocabulaire", content=body, headers=headers)
    assert response.status_code == status, response.text
    sizes = demo.graph_sizes()
    assert ("https://w3id.org/doelgraaf/graph/vocab/proefvocabulaire" in sizes) == (status == 200)
    if status == 200:
        demo.drop_graph(__import__("pyoxigraph").NamedNode("https://w3id.org/doelgraaf/graph/vocab/proefvocabulaire"))


def test_vocabulary_upload_cannot_name_graphs(client):
    trig = b"<https://w3id.org/doelgraaf/graph/GM9999> { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    response = client.put("/vocab/x", content=trig, headers={"content-type": "application/trig", "authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 415
