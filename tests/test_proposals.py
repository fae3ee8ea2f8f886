"""Meedoen (issue 13): partners propose initiatives for goals, the municipality accepts or declines them; proposals
are never public, count nowhere until accepted, and nobody reads another's (both back-ends)."""

import asyncio

import httpx
import pyoxigraph as ox
import pytest
from doelgraaf.api import graphql_http
from doelgraaf.api.app import create_app
from doelgraaf.core.access import TokenRegistry
from doelgraaf.core.errors import UserError

from tests.conftest import ADMIN, EDITOR, NEW_PARTNER, OTHER_EDITOR, PARTNER, TOKENS, everything, gql

ID = "https://w3id.org/doelgraaf/id/GM9999/"
GOAL = ID + "doel/duurzaam-verkeer"
OWNER = ID + "post/wethouder-duurzaamheid"
WEKT = ID + "partner/meerwijk-wekt"
NEW = ID + "partner/buurtkracht"
PROPOSALS = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999/proposals")

PROPOSE = """mutation($goal: ID!, $label: String!, $labelEn: String, $description: String, $organisation: String) {
  proposeInitiative(goal: $goal, label: $label, labelEn: $labelEn, description: $description, organisation: $organisation) {
    id status label en: label(lang: "en") description organisation { id name } goal { id } proposedOn decidedOn initiative { id } } }"""
LIST = """query($status: ProposalStatus, $municipality: String) { proposals(status: $status, municipality: $municipality) {
  id status label declineReason organisation { id name } goal { id } initiative { id } } }"""
ACCEPT = """mutation($id: ID!) { acceptProposal(proposal: $id) {
  proposal { id status decidedOn initiative { id } } result { ok id added { message } violations { message } } } }"""
DECLINE = """mutation($id: ID!, $reason: String!) { declineProposal(proposal: $id, reason: $reason) { id status declineReason decidedOn } }"""
GOAL_STATE = """query($id: ID!) { node(id: $id) { ... on Goal { measures { id } cost(year: 2025, phase: ADOPTED) { expenses revenues net } } } }"""
MUNICIPALITY = """{ municipality(code: "GM9999") { measures { id } partners { id label } completeness { measures score }
  validation: todo { message } } }"""


def ok(client, query, variables=None, token=None) -> dict:
    status, body = gql(client, query, variables, token)
    assert status == 200 and "errors" not in body, body
    return body["data"]


def refused(client, query, variables=None, token=None) -> dict:
    """The first error of a request that must fail, with its code and bilingual message."""
    status, body = gql(client, query, variables, token)
    assert status == 200 and body.get("errors"), body
    return body["errors"][0]


def propose(client, token=PARTNER, **given) -> dict:
    variables = {"goal": GOAL, "label": "Zonnedaken op scholen", **given}
    return ok(client, PROPOSE, variables, token)["proposeInitiative"]


def test_a_partner_proposes_an_editor_accepts_and_it_serves_the_goal_at_no_cost(client, demo):
    before = ok(client, GOAL_STATE, {"id": GOAL})["node"]
    municipality_before = ok(client, MUNICIPALITY)["municipality"]
    made = propose(client, labelEn="Solar roofs on schools", description="Wij leggen zonnepanelen op twaalf scholen.")
    assert made["status"] == "PENDING" and made["en"] == "Solar roofs on schools" and made["goal"] == {"id": GOAL}
    assert made["organisation"] == {"id": WEKT, "name": "Energiecoöperatie Meerwijk Wekt"}  # the demo knows it already
    assert made["id"].startswith(ID + "voorstel/zonnedaken-op-scholen-") and made["decidedOn"] is None

    listed = ok(client, LIST, {"status": "PENDING"}, EDITOR)["proposals"]
    assert [p["id"] for p in listed] == [made["id"]]
    # pending, it is no measure and counts nowhere
    assert ok(client, GOAL_STATE, {"id": GOAL})["node"] == before
    assert ok(client, MUNICIPALITY)["municipality"] == municipality_before

    accepted = ok(client, ACCEPT, {"id": made["id"]}, EDITOR)["acceptProposal"]
    assert accepted["result"]["ok"] is True and accepted["result"]["added"] == [], accepted["result"]
    initiative = accepted["result"]["id"]
    assert accepted["proposal"]["status"] == "ACCEPTED" and accepted["proposal"]["initiative"] == {"id": initiative}
    assert accepted["proposal"]["decidedOn"]

    after = ok(client, GOAL_STATE, {"id": GOAL})["node"]
    assert {"id": initiative} in after["measures"] and after["cost"] == before["cost"]
    shown = ok(client, '{ node(id: "%s") { ... on Measure { label en: label(lang: "en") description isPartnerInitiative '
                       'goals { id } initiator { id label } } } }' % initiative)["node"]
    assert shown == {"label": "Zonnedaken op scholen", "en": "Solar roofs on schools", "description": "Wij leggen zonnepanelen op twaalf scholen.",
                     "isPartnerInitiative": True, "goals": [{"id": GOAL}], "initiator": {"id": WEKT, "label": "Energiecoöperatie Meerwijk Wekt"}}
    assert {"id": initiative} in ok(client, MUNICIPALITY)["municipality"]["measures"]
    assert [p["status"] for p in ok(client, LIST, {"status": "ACCEPTED"}, EDITOR)["proposals"]] == ["ACCEPTED"]
    assert ok(client, LIST, {"status": "PENDING"}, EDITOR)["proposals"] == []

    again = refused(client, ACCEPT, {"id": made["id"]}, EDITOR)
    assert again["extensions"]["code"] == "BAD_USER_INPUT" and "al aangenomen" in again["message"] and "already accepted" in again["message"]


def test_an_organisation_names_itself_once_and_becomes_a_societal_partner_when_accepted(client, demo):
    error = refused(client, PROPOSE, {"goal": GOAL, "label": "Buurtmoestuin"}, NEW_PARTNER)
    assert error["extensions"]["where"] == "organisation" and "naam van uw organisatie" in error["message"]
    first = propose(client, NEW_PARTNER, label="Buurtmoestuin", organisation="Buurtkracht Meerwijk")
    assert first["organisation"] == {"id": NEW, "name": "Buurtkracht Meerwijk"}
    second = propose(client, NEW_PARTNER, label="Fietsenmaker op school")  # the name is known now
    assert second["organisation"]["name"] == "Buurtkracht Meerwijk"
    # the name the partner gave is not public before the municipality accepts
    assert NEW not in {p["id"] for p in ok(client, MUNICIPALITY)["municipality"]["partners"]}
    assert client.get("/id/GM9999/partner/buurtkracht").status_code == 404

    accepted = ok(client, ACCEPT, {"id": first["id"]}, ADMIN)["acceptProposal"]  # an admin may decide too
    assert accepted["result"]["ok"], accepted["result"]
    partners = {p["id"]: p["label"] for p in ok(client, MUNICIPALITY)["municipality"]["partners"]}
    assert partners[NEW] == "Buurtkracht Meerwijk"
    assert demo.ask("ASK { GRAPH ?g { ?p a ?partner ; ?role ?kind } }", bindings={
        "g": ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999"), "p": ox.NamedNode(NEW),
        "partner": ox.NamedNode("https://w3id.org/doelgraaf/def#SocietalPartner"),
        "role": ox.NamedNode("https://w3id.org/doelgraaf/def#roleType"),
        "kind": ox.NamedNode("https://w3id.org/doelgraaf/id/rol/maatschappelijke-partner")})
    assert client.get("/id/GM9999/partner/buurtkracht").status_code == 200


def test_a_declined_proposal_shows_its_reason_to_the_partner_and_is_no_measure(client, demo):
    before = ok(client, GOAL_STATE, {"id": GOAL})["node"]
    made = propose(client, label="Laadpalen bij de sporthal")
    empty = refused(client, DECLINE, {"id": made["id"], "reason": "  "}, EDITOR)
    assert empty["extensions"]["where"] == "reason" and "geef een reden" in empty["message"]
    declined = ok(client, DECLINE, {"id": made["id"], "reason": "Er komt al een laadplein bij het station."}, EDITOR)["declineProposal"]
    assert declined["status"] == "DECLINED" and declined["declineReason"] == "Er komt al een laadplein bij het station."
    assert declined["decidedOn"]
    own = ok(client, LIST, None, PARTNER)["proposals"]
    assert [(p["status"], p["declineReason"], p["initiative"]) for p in own] == [("DECLINED", "Er komt al een laadplein bij het station.", None)]
    assert ok(client, GOAL_STATE, {"id": GOAL})["node"] == before
    labels = ok(client, '{ municipality(code: "GM9999") { measures { label } } }')["municipality"]["measures"]
    assert "Laadpalen bij de sporthal" not in {m["label"] for m in labels}
    for mutation, variables in ((ACCEPT, {"id": made["id"]}), (DECLINE, {"id": made["id"], "reason": "nogmaals"})):
        assert "al afgewezen" in refused(client, mutation, variables, EDITOR)["message"]


def test_a_partner_only_proposes_and_reads_its_own(client, demo):
    mine = propose(client, PARTNER, label="Energiecafé")
    theirs = propose(client, NEW_PARTNER, label="Repaircafé", organisation="Buurtkracht Meerwijk")
    before = everything(demo)
    for mutation, variables in (
        (ACCEPT, {"id": mine["id"]}),
        (DECLINE, {"id": theirs["id"], "reason": "niet van mij"}),
        ('mutation { createMeasure(input: {label: "Eigen maatregel", goals: ["%s"]}) { ok } }' % GOAL, None),
        ('mutation { updateGoal(id: "%s", input: {label: "Overgenomen"}) { ok } }' % GOAL, None),
        ('mutation { importRdf(municipality: "GM9999", format: TURTLE, data: "") { ok } }', None),
    ):
        error = refused(client, mutation, variables, PARTNER)
        assert error["extensions"]["code"] == "FORBIDDEN", error
    assert everything(demo) == before
    assert [p["id"] for p in ok(client, LIST, None, PARTNER)["proposals"]] == [mine["id"]]
    assert [p["id"] for p in ok(client, LIST, None, NEW_PARTNER)["proposals"]] == [theirs["id"]]
    assert [p["id"] for p in ok(client, LIST, None, EDITOR)["proposals"]] == [mine["id"], theirs["id"]]
    assert refused(client, LIST, {"municipality": "GM0001"}, PARTNER)["extensions"]["code"] == "FORBIDDEN"
    # the municipality makes its own measures; only a partner proposes
    assert refused(client, PROPOSE, {"goal": GOAL, "label": "x"}, EDITOR)["extensions"]["code"] == "FORBIDDEN"


def test_who_else_asks_is_forbidden(client, demo):
    propose(client)
    anonymous = refused(client, LIST)
    assert anonymous["extensions"]["code"] == "FORBIDDEN" and "niet openbaar" in anonymous["message"] and "not public" in anonymous["message"]
    assert refused(client, LIST, {"municipality": "GM9999"})["extensions"]["code"] == "FORBIDDEN"
    assert refused(client, LIST, {"municipality": "GM9999"}, OTHER_EDITOR)["extensions"]["code"] == "FORBIDDEN"
    assert ok(client, LIST, None, OTHER_EDITOR)["proposals"] == []  # its own municipality has none
    assert refused(client, LIST, None, ADMIN)["extensions"]["where"] == "municipality"  # an admin names one
    assert len(ok(client, LIST, {"municipality": "GM9999"}, ADMIN)["proposals"]) == 1
    status, body = gql(client, PROPOSE, {"goal": GOAL, "label": "x"})
    assert status == 401 and body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_partner_cannot_propose_for_another_municipalitys_goal(client, demo):
    other = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM0001")
    goal = "https://w3id.org/doelgraaf/id/GM0001/doel/schone-straten"
    demo.modify_graph(other, delete=[], insert=[ox.Triple(ox.NamedNode(goal), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                           ox.NamedNode("https://w3id.org/doelgraaf/def#Goal"))])
    try:
        before = everything(demo)
        for target in (goal, ID + "doel/bestaat-niet", ID + "maatregel/snelfietsroute"):
            error = refused(client, PROPOSE, {"goal": target, "label": "Overal zonnepanelen"}, PARTNER)
            assert error["extensions"]["where"] == "goal" and "bestaat niet in de gegevens van GM9999" in error["message"], error
        assert everything(demo) == before
    finally:
        demo.drop_graph(other)


def test_proposals_are_not_public(client, demo):
    from doelgraaf.analysis.export import export
    from doelgraaf.store import datasets

    validation = '{ validation(municipality: "GM9999") { conforms violationCount warningCount } }'
    before = ok(client, validation), ok(client, MUNICIPALITY)
    made = propose(client, label="Geheim plan Zonnewijk", organisation="Meerwijk Wekt (nieuwe naam)")
    assert (ok(client, validation), ok(client, MUNICIPALITY)) == before  # neither validated nor counted as the municipality's

    def sparql(query, **params):
        return client.get("/sparql", params={"query": query, **params}, headers={"accept": "application/sparql-results+json"})

    for query in ("SELECT ?s WHERE { ?s a dg:InitiativeProposal }",
                  "SELECT ?g ?s WHERE { GRAPH ?g { ?s a dg:InitiativeProposal } }",
                  'SELECT ?s WHERE { { ?s ?p "Geheim plan Zonnewijk"@nl } UNION { GRAPH ?g { ?s ?p "Meerwijk Wekt (nieuwe naam)" } } }',
                  "SELECT ?g WHERE { GRAPH ?g { } FILTER (CONTAINS(STR(?g), 'proposals')) }"):
        response = sparql(query)
        assert response.status_code == 200 and response.json()["results"]["bindings"] == [], (query, response.text)
    described = client.get("/sparql", params={"query": f"DESCRIBE <{made['id']}>"}, headers={"accept": "application/n-triples"})
    assert described.status_code == 200 and made["id"] not in described.text
    graph = PROPOSALS.value
    for query, params in ((f"SELECT * FROM <{graph}> WHERE {{ ?s ?p ?o }}", {}),
                          ("PREFIX g: <https://w3id.org/doelgraaf/graph/> SELECT * FROM NAMED g:GM9999 FROM NAMED g:GM9999\\/proposals "
                           "WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
                          ("BASE <https://w3id.org/doelgraaf/graph/GM9999/> SELECT * FROM <proposals> WHERE { ?s ?p ?o }", {}),
                          ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": graph}),
                          ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": graph})):
        response = sparql(query, **params)
        assert response.status_code == 400 and "niet openbaar" in response.text, (query, response.text)
    # a public query naming its own public dataset still reads it
    response = sparql("SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/doelgraaf/graph/GM9999> WHERE { ?s a dg:Goal }")
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) > 0

    assert client.get("/id/" + made["id"][len("https://w3id.org/doelgraaf/id/"):]).status_code == 404
    assert ok(client, '{ node(id: "%s") { id } }' % made["id"])["node"] is None
    assert made["id"] not in export(demo, ["GM9999"], "trig") and "Geheim plan" not in export(demo, ["GM9999"], "trig")
    assert graph not in datasets.remove_orphans(demo)  # start-up's clean-up leaves proposals alone
    assert [p["id"] for p in ok(client, LIST, None, EDITOR)["proposals"]] == [made["id"]]


def test_nobody_writes_a_proposals_graph_by_an_import(client, demo):
    """Proposals are made by partners only: a document naming the proposals graph is refused, as any graph that is
    not a municipality's."""
    trig = "<%s> { <%svoorstel/nep> a <https://w3id.org/doelgraaf/def#InitiativeProposal> . }" % (PROPOSALS.value, ID)
    before = everything(demo)
    for token in (EDITOR, ADMIN):
        error = refused(client, 'mutation($data: String!) { importRdf(municipality: "GM9999", format: TRIG, data: $data) { ok } }',
                        {"data": trig}, token)
        assert "geen gemeentegraaf" in error["message"], error
    assert everything(demo) == before


def test_a_refused_accept_leaves_the_store_unchanged(client, demo):
    created = ok(client, """mutation { createGoal(input: {label: "Schone wijken", owner: "%s", servedBy: ["%smaatregel/snelfietsroute"],
        indicators: [{kind: EFFECT, label: "Tevredenheid schoon", unit: "rapportcijfer", baseline: {value: "6.1", year: 2022},
                      target: {value: "7.0", year: 2026}}]}) { ok id } }""" % (OWNER, ID), token=EDITOR)["createGoal"]
    assert created["ok"]
    made = propose(client, goal=created["id"], label="Zwerfvuilbrigade")
    assert ok(client, 'mutation { deleteGoal(id: "%s") { ok } }' % created["id"], token=EDITOR)["deleteGoal"]["ok"]
    before = everything(demo)
    accepted = ok(client, ACCEPT, {"id": made["id"]}, EDITOR)["acceptProposal"]
    assert accepted["result"]["ok"] is False and accepted["proposal"]["status"] == "PENDING" and accepted["proposal"]["initiative"] is None
    assert any("geen doel" in finding["message"] for finding in accepted["result"]["added"]), accepted["result"]
    assert everything(demo) == before
    assert ok(client, LIST, {"status": "PENDING"}, PARTNER)["proposals"][0]["goal"] is None  # the goal is gone


def test_a_malformed_proposal_is_caught_by_its_shape(client, demo):
    before = everything(demo)
    long_name = refused(client, PROPOSE, {"goal": GOAL, "label": "Zon " * 60}, PARTNER)
    assert long_name["extensions"]["where"] == "proposal" and "langer dan 200 tekens" in long_name["message"]
    too_long = refused(client, PROPOSE, {"goal": GOAL, "label": "Zon", "description": "x" * 5001}, PARTNER)
    assert "hoogstens 5000 tekens" in too_long["message"] and "at most 5000 characters" in too_long["message"]
    assert refused(client, PROPOSE, {"goal": GOAL, "label": " "}, PARTNER)["extensions"]["where"] == "label"
    assert everything(demo) == before
    made = propose(client)
    assert "1 tot 2000 tekens" in refused(client, DECLINE, {"id": made["id"], "reason": "nee " * 600}, EDITOR)["message"]
    assert ok(client, LIST, None, EDITOR)["proposals"][0]["status"] == "PENDING"


def test_no_answer_for_one_principal_is_sent_to_another(client, demo, monkeypatch):
    """Answers are kept per principal: the same question asked with each token, in turn and all at once, gets
    that token's answer, and a write to the proposals graph makes every kept answer about it stale."""
    calls = []
    original = graphql_http._execute

    async def execute(*args, **kwargs):
        calls.append(args[0])
        await asyncio.sleep(0.05)  # the other requests arrive meanwhile
        return await original(*args, **kwargs)

    monkeypatch.setattr(graphql_http, "_execute", execute)
    question = "{ proposals { id status } } # per principal"
    mine = propose(client, PARTNER, label="Energiecafé")["id"]
    theirs = propose(client, NEW_PARTNER, label="Repaircafé", organisation="Buurtkracht Meerwijk")["id"]
    expected = {EDITOR: [mine, theirs], PARTNER: [mine], NEW_PARTNER: [theirs]}
    for _ in range(2):
        for token, ids in expected.items():
            assert [p["id"] for p in ok(client, question, token=token)["proposals"]] == ids
        assert refused(client, question)["extensions"]["code"] == "FORBIDDEN"
    assert calls.count(question) == 3 + 2  # each token's answer computed once; the refusal is never kept

    app = create_app(demo, TokenRegistry(TOKENS))
    order = [EDITOR, PARTNER, NEW_PARTNER, None] * 4

    async def ask_all():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            return await asyncio.gather(*(http.post("/graphql", json={"query": question + " at once"},
                                                    headers={"authorization": f"Bearer {t}"} if t else {}) for t in order))

    for token, answer in zip(order, asyncio.run(ask_all())):
        body = answer.json()
        if token is None:
            assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        else:
            assert [p["id"] for p in body["data"]["proposals"]] == expected[token]

    ok(client, DECLINE, {"id": mine, "reason": "Er is al een energiecafé in de bibliotheek."}, EDITOR)
    assert ok(client, question, token=PARTNER)["proposals"] == [{"id": mine, "status": "DECLINED"}]
    newest = propose(client, PARTNER, label="Warmtescan")["id"]
    assert [p["id"] for p in ok(client, question, token=EDITOR)["proposals"]] == [mine, theirs, newest]


def test_the_workers_copy_holds_no_private_graph(tmp_path):
    """On an on-disk store public queries run in worker processes on a snapshot: it holds every public graph and no
    proposals graph, so the workers answer from Oxigraph's union as before, and the store keeps the proposals."""
    import json

    from doelgraaf.sparql_endpoint import answer
    from doelgraaf.sparql_endpoint.workers import QueryWorkers
    from doelgraaf.store import open_repository
    from doelgraaf.store.repository import UNION

    repo = open_repository(store=tmp_path / "store")
    public = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999")
    statement = ox.Triple(ox.NamedNode(ID + "x"), ox.NamedNode("urn:x:p"), ox.Literal("x"))
    repo.modify_graphs({public: ([], [statement]), PROPOSALS: ([], [statement])})
    workers = QueryWorkers(repo, 1)
    try:
        reply = answer(repo, workers, "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g",
                       UNION, "application/sparql-results+json", None)
        rows = {row.get("g", {}).get("value"): row["n"]["value"] for row in json.loads(reply.body)["results"]["bindings"]}
        assert rows == {None: "1", public.value: "1"}
        snapshot = next(path for path in workers.root.iterdir())
        assert list(ox.Store.read_only(str(snapshot)).named_graphs()) == [public]
    finally:
        workers.close()
    assert set(repo.store.named_graphs()) == {public, PROPOSALS}
    repo.close()


def test_the_partner_role_is_checked_like_the_others():
    registry = TokenRegistry({"p" * 16: "partner:GM9999:buurtkracht"})
    principal = registry.principal("Bearer " + "p" * 16)
    assert principal.organisation == NEW and principal.municipality == "GM9999" and not principal.may_edit("GM9999")
    for role in ("partner:GM9999", "partner:GM9999:Buurt_Kracht", "partner:gm9999:x", "partner::x"):
        with pytest.raises(UserError) as raised:
            TokenRegistry({"q" * 16: role})
        assert "partner:GM0000:<sleutel>" in raised.value.nl and "partner:GM0000:<key>" in raised.value.en
