"""GraphQL beyond the contract queries: schema drift, batching (no N+1), the HTTP specification,
traceability, filters, pagination, progress, languages and node lookup."""

import pytest
from doelgraaf.core.paths import PROJECT_ROOT
from doelgraaf.graphql.loaders import CountingRepository
from doelgraaf.graphql.schema import sdl

from tests.conftest import embedded_demo_store, gql
from tests.test_graphql_contract import MUNICIPALITY

GOAL = "https://w3id.org/doelgraaf/id/GM9999/doel/duurzaam-verkeer"

# these test the schema and the HTTP layer; the contract, mutation and store suites run on both back-ends
demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: the module's demo store is built once, not on each worker
pytestmark = pytest.mark.xdist_group("graphql")


def test_committed_sdl_matches_the_code():
    committed = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == sdl(), "schema.graphql is out of date: run `doelgraaf schema > schema.graphql`"


def test_nested_request_batches_one_query_per_level(client, monkeypatch):
    counters = []
    original = CountingRepository.__init__

    def remember(self, repository):
        original(self, repository)
        counters.append(self)

    monkeypatch.setattr(CountingRepository, "__init__", remember)
    status, body = gql(client, MUNICIPALITY)
    assert status == 200 and "errors" not in body
    m = body["data"]["municipality"]
    returned = len(m["goals"]) + len(m["measures"]) + sum(len(g["indicators"]) + len(g["measures"]) for g in m["goals"])
    assert returned > 100
    # levels: municipality, lists, goal fields, owners/indicators/measures, indicator values, costs (2-4 each)
    assert counters[-1].queries <= 25, f"{counters[-1].queries} SPARQL queries for {returned} objects: N+1?"


def test_traceability_goal_challenge_trend_and_subgoals(client):
    status, body = gql(client, """{ municipality(code: "GM9999") { goals { id parent { id } subGoals { id }
        challenges { label trends { label discussedIn { label date participants { label } } } } } } }""")
    assert status == 200 and "errors" not in body
    goals = body["data"]["municipality"]["goals"]
    assert any(g["parent"] for g in goals) and any(g["subGoals"] for g in goals)
    trends = [t for g in goals for c in g["challenges"] for t in c["trends"]]
    assert trends and all(t["discussedIn"] for t in trends)
    assert trends[0]["discussedIn"][0]["date"].startswith("2021")


def test_partners_initiatives_documents_and_replaced_measures(client):
    status, body = gql(client, """{ municipality(code: "GM9999") {
        partners { label initiatives { label isPartnerInitiative } }
        documents { label kind { code label } stated { id } withdrawnMeasures { label replacedBy { label } } } } }""")
    assert status == 200 and "errors" not in body
    m = body["data"]["municipality"]
    assert any(i["isPartnerInitiative"] for p in m["partners"] for i in p["initiatives"])
    withdrawn = [w for doc in m["documents"] for w in doc["withdrawnMeasures"]]
    assert withdrawn and withdrawn[0]["replacedBy"]
    assert all(doc["kind"] for doc in m["documents"])
    assert {doc["kind"]["label"].lower() for doc in m["documents"]} >= {"kadernota", "programmabegroting", "jaarstukken", "bestuursrapportage"}
    assert all(doc["stated"] for doc in m["documents"] if doc["kind"]["label"].lower() == "programmabegroting")


def test_progress_of_indicators(client):
    status, body = gql(client, """{ municipality(code: "GM9999") { indicators { label
        progress { status latestYear latestValue fraction expected } observations { year value } } } }""")
    assert status == 200 and "errors" not in body
    indicators = body["data"]["municipality"]["indicators"]
    statuses = {i["progress"]["status"] for i in indicators if i["observations"]}
    assert statuses & {"ON_TRACK", "ACHIEVED"} and "BEHIND" in statuses


def test_filters_and_cursor_pagination(client):
    _, body = gql(client, '{ municipality(code: "GM9999") { programmes { id } goals { id } } }')
    programme = body["data"]["municipality"]["programmes"][0]["id"]
    every = [g["id"] for g in body["data"]["municipality"]["goals"]]
    _, body = gql(client, '{ municipality(code: "GM9999") { goals(programme: "%s") { id programme { id } } } }' % programme)
    filtered = body["data"]["municipality"]["goals"]
    assert filtered and all(g["programme"]["id"] == programme for g in filtered) and len(filtered) < len(every)
    _, body = gql(client, '{ municipality(code: "GM9999") { goals(sdg: 11) { id sdgs { id code } } } }')
    assert all(any(s["id"].endswith("/11") for s in g["sdgs"]) for g in body["data"]["municipality"]["goals"])
    _, body = gql(client, '{ municipality(code: "GM9999") { goals(taakveld: "2.1") { id } measures(taakveld: "2.1") { id } } }')
    assert body["data"]["municipality"]["goals"] and body["data"]["municipality"]["measures"]
    _, body = gql(client, '{ municipality(code: "GM9999") { budgetLines(year: 2025, phase: REALISED, direction: EXPENSE, first: 5) { fiscalYear phase direction taakveld { code } } } }')
    lines = body["data"]["municipality"]["budgetLines"]
    assert len(lines) == 5 and all(l["phase"] == "REALISED" and l["fiscalYear"] == 2025 for l in lines)
    pages, after = [], None
    while True:
        arguments = f'first: 5, after: "{after}"' if after else "first: 5"
        _, body = gql(client, '{ municipality(code: "GM9999") { goals(%s) { id } } }' % arguments)
        page = [g["id"] for g in body["data"]["municipality"]["goals"]]
        if not page:
            break
        pages.extend(page)
        after = page[-1]
    assert pages == every


def test_labels_take_a_language_and_fall_back_to_dutch(client):
    _, body = gql(client, '{ node(id: "%s") { ... on Goal { nl: label(lang: "nl") en: label(lang: "en") fr: label(lang: "fr") } } }' % GOAL)
    node = body["data"]["node"]
    assert node["nl"] == "Meer fietsen op korte afstanden" and node["en"] == "More cycling over short distances"
    assert node["fr"] == node["nl"]


def test_node_lookup_by_iri(client):
    _, body = gql(client, '{ a: node(id: "%s") { __typename id } b: node(id: "https://w3id.org/doelgraaf/id/taakveld/0.10") { __typename ... on Concept { code label } } c: node(id: "https://w3id.org/doelgraaf/id/gemeente/GM0629") { __typename ... on Municipality { name code } } d: node(id: "https://w3id.org/doelgraaf/id/nergens") { id } }' % GOAL)
    data = body["data"]
    assert data["a"] == {"__typename": "Goal", "id": GOAL}
    assert data["b"] == {"__typename": "Concept", "code": "0.10", "label": "Mutaties reserves"}
    assert data["c"] == {"__typename": "Municipality", "name": "Wassenaar", "code": "GM0629"}
    assert data["d"] is None


@pytest.mark.parametrize("accept,status", [("application/graphql-response+json", 400), ("application/json", 200)])
def test_parse_and_validation_errors_follow_graphql_over_http(client, accept, status):
    response = client.post("/graphql", json={"query": "{ municipality(code: "}, headers={"accept": accept})
    assert response.status_code == status and response.headers["content-type"].startswith(accept)
    assert "errors" in response.json() and "data" not in response.json()
    response = client.post("/graphql", json={"query": "{ nonsense }"}, headers={"accept": accept})
    assert response.status_code == status and "errors" in response.json()


def test_http_rules(client):
    assert client.get("/graphql", params={"query": "{ municipalities { code } }"}).status_code == 200
    mutation = "mutation { deleteGoal(id: \"%s\") { ok } }" % GOAL
    assert client.get("/graphql", params={"query": mutation}).status_code == 405
    assert client.post("/graphql", json={"query": "{ municipalities { code } }"}, headers={"accept": "text/plain"}).status_code == 406
    assert client.post("/graphql", content=b"query", headers={"content-type": "text/plain"}).status_code == 415
    assert client.post("/graphql", json=[{"query": "{ a }"}, {"query": "{ b }"}]).status_code == 400
    assert client.post("/graphql", json={"query": mutation}).status_code == 401
    wrong = client.post("/graphql", json={"query": "{ municipalities { code } }"}, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 401
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_limits_on_depth_aliases_and_tokens(client):
    nested = "id"
    for _ in range(7):
        nested = f"goals {{ measures {{ {nested} }} }}"
    deep = '{ municipality(code: "GM9999") { %s } }' % nested
    _, body = gql(client, deep)
    assert "depth" in body["errors"][0]["message"].lower()
    aliases = "{ " + " ".join(f"a{i}: municipalities {{ code }}" for i in range(40)) + " }"
    _, body = gql(client, aliases)
    assert "alias" in body["errors"][0]["message"].lower()
    huge = "{ municipalities { " + " ".join("code" for _ in range(6000)) + " } }"
    _, body = gql(client, huge)
    assert "token" in body["errors"][0]["message"].lower()


def test_introspection_stays_on(client):
    _, body = gql(client, "{ __schema { queryType { name } } }")
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_indicator_comparison_and_goals_linked_across_municipalities(client):
    _, body = gql(client, "{ indicatorComparison(indicator: 36) { municipality { code } value year unit rank } }")
    rows = body["data"]["indicatorComparison"]
    assert rows and rows[0]["municipality"]["code"] == "GM9999" and rows[0]["rank"] == 1
    _, body = gql(client, "{ linkedGoals(sdg: 11) { id municipality { code name } sdgs { id } } }")
    goals = body["data"]["linkedGoals"]
    assert goals and all(g["municipality"]["code"] == "GM9999" for g in goals)
    assert all(any(s["id"].endswith("/11") for s in g["sdgs"]) for g in goals)
    _, body = gql(client, "{ linkedGoals { id } }")
    assert "SDG" in body["errors"][0]["message"]


def test_a_variable_of_the_wrong_type_is_told_not_masked(client):
    status, body = gql(client, "query($c: String!) { municipality(code: $c) { code } }", {"c": 5})
    assert "String cannot represent a non string value" in body["errors"][0]["message"]
