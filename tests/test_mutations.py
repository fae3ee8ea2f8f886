"""Mutations behind the SHACL gate, and who may make them (both back-ends)."""

import pytest
from doelgraaf.core.paths import EXAMPLES_DIR

from tests.conftest import ADMIN, EDITOR, OTHER_EDITOR, everything, gql

ID = "https://w3id.org/doelgraaf/id/GM9999/"
GOAL = ID + "doel/duurzaam-verkeer"
OWNER = ID + "post/wethouder-duurzaamheid"
RESULT = "{ ok id violations { focusNode path message(lang: \"nl\") en: message(lang: \"en\") } warnings { message } }"


def mutate(client, text, token=EDITOR, variables=None):
    status, body = gql(client, "mutation { x: %s }" % text, variables, token)
    assert status == 200, body
    return body


def test_an_invalid_change_is_refused_and_leaves_the_store_unchanged(client, demo):
    before = everything(demo)
    body = mutate(client, 'createGoal(input: {label: "Schone wijken"}) ' + RESULT)
    result = body["data"]["x"]
    assert result["ok"] is False
    messages = {v["message"] for v in result["violations"]}
    assert "Doel 'Schone wijken' heeft geen eigenaar (portefeuillehouder)." in messages
    assert "Doel 'Schone wijken' heeft geen indicator." in messages
    assert any("has no owner" in v["en"] for v in result["violations"])
    assert everything(demo) == before


def test_a_complete_goal_is_created_with_its_indicator(client, demo):
    body = mutate(client, """createGoal(input: {
        label: "Schone wijken", labelEn: "Clean neighbourhoods", owner: "%s", programme: "%sprogramma/duurzaamheid-en-mobiliteit",
        sdgs: ["11"], servedBy: ["%smaatregel/snelfietsroute"],
        indicators: [{kind: EFFECT, label: "Tevredenheid schoon", baseline: {value: "6.1", year: 2022}, target: {value: "7.0", year: 2026}}]
    }) %s""" % (OWNER, ID, ID, RESULT))
    result = body["data"]["x"]
    assert result["ok"] is True, result["violations"]
    assert result["warnings"]  # no unit on the indicator: a SMART warning, which does not block
    _, body = gql(client, '{ node(id: "%s") { ... on Goal { label en: label(lang: "en") owner { label } indicators { kind unit target { value year } } measures { id } sdgs { code } } } }' % result["id"])
    goal = body["data"]["node"]
    assert goal["label"] == "Schone wijken" and goal["en"] == "Clean neighbourhoods"
    assert goal["indicators"] == [{"kind": "EFFECT", "unit": None, "target": {"value": "7", "year": 2026}}]
    assert goal["measures"] == [{"id": ID + "maatregel/snelfietsroute"}]


def test_update_and_refused_update(client, demo):
    result = mutate(client, 'updateGoal(id: "%s", input: {label: "Fietsen!"}) %s' % (GOAL, RESULT))["data"]["x"]
    assert result["ok"]
    _, body = gql(client, '{ node(id: "%s") { ... on Goal { label en: label(lang: "en") } } }' % GOAL)
    assert body["data"]["node"] == {"label": "Fietsen!", "en": "More cycling over short distances"}
    before = everything(demo)
    result = mutate(client, 'updateGoal(id: "%s", input: {owner: "%spost/bestaat-niet"}) %s' % (GOAL, ID, RESULT))["data"]["x"]
    assert not result["ok"] and any("geen post" in v["message"] for v in result["violations"])
    assert everything(demo) == before


def test_deleting_a_goal_that_a_measure_needs_is_refused(client, demo):
    _, body = gql(client, '{ node(id: "%s") { ... on Goal { measures { id goals { id } } } } }' % GOAL)
    only_here = [m for m in body["data"]["node"]["measures"] if len(m["goals"]) == 1]
    assert only_here
    before = everything(demo)
    result = mutate(client, 'deleteGoal(id: "%s") %s' % (GOAL, RESULT))["data"]["x"]
    assert not result["ok"] and any("dient geen enkel doel" in v["message"] for v in result["violations"])
    assert everything(demo) == before


def test_measure_with_budget_then_its_cost_and_a_contribution_gate(client, demo):
    result = mutate(client, """createMeasure(input: {label: "Veegteam", goals: ["%s"], owner: "%s",
        budgetLines: [{amount: "12500.50", fiscalYear: 2025, phase: ADOPTED, direction: EXPENSE, taakveld: "2.1",
                       statedIn: "%sprogrammabegroting-2025"}]}) %s""" % (GOAL, OWNER, ID, RESULT))["data"]["x"]
    assert result["ok"], result["violations"]
    _, body = gql(client, '{ node(id: "%s") { ... on Measure { cost(year: 2025, phase: ADOPTED) { expenses net } } } }' % result["id"])
    assert body["data"]["node"]["cost"] == {"expenses": "12500.50", "net": "12500.50"}
    bad = mutate(client, 'createContribution(input: {measure: "%s", goal: "%s", share: "0.5"}) %s' % (result["id"], GOAL, RESULT))["data"]["x"]
    assert not bad["ok"] and any("tellen op tot 0.5" in v["message"] for v in bad["violations"])


@pytest.mark.parametrize("line,needle", [
    ('amount: "5", fiscalYear: 2026, phase: ADOPTED, direction: EXPENSE, taakveld: "6.2"', "niet geldt"),
    ('amount: "5", fiscalYear: 2025, phase: REALISED, direction: EXPENSE, taakveld: "2.1", statedIn: "%sprogrammabegroting-2025"' % ID,
     "jaarstukken"),
])
def test_budget_line_rules_block(client, demo, line, needle):
    """A change that adds a blocking finding (a taakveld not valid that year) or a new violation (a realisation
    stated in a budget) is refused, and says why."""
    before = everything(demo)
    result = mutate(client, 'createBudgetLine(input: {%s, funds: "%s"}) %s' % (line, GOAL, RESULT))["data"]["x"]
    assert not result["ok"] and any(needle in v["message"] for v in result["violations"]), result
    assert everything(demo) == before


@pytest.mark.parametrize("line,needle", [
    ('amount: "-5", fiscalYear: 2025, phase: ADOPTED, direction: EXPENSE, taakveld: "2.1"', "negatief"),
    ('amount: "5", fiscalYear: 2025, phase: REALISED, direction: EXPENSE, taakveld: "2.1"', "noemt geen document"),
])
def test_budget_lines_to_check_are_stored_with_a_warning(client, demo, line, needle):
    """A correction (a negative amount) and a realisation without its document are real: stored, with a warning."""
    result = mutate(client, 'createBudgetLine(input: {%s, funds: "%s"}) %s' % (line, GOAL, RESULT))["data"]["x"]
    assert result["ok"] and any(needle in w["message"] for w in result["warnings"]), result


def test_an_editor_cannot_touch_another_municipality(client, demo):
    before = everything(demo)
    body = mutate(client, 'deleteGoal(id: "%s") %s' % (GOAL, RESULT), token=OTHER_EDITOR)
    assert body["data"] is None and "bestaat niet" in body["errors"][0]["message"]
    status, body = gql(client, 'mutation { importRdf(municipality: "GM9999", format: TURTLE, data: "") { ok } }', token=OTHER_EDITOR)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    status, body = gql(client, 'mutation { createGoal(input: {label: "x"}) { ok } }', token=ADMIN)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert everything(demo) == before


def test_import_rdf_replaces_after_validation(client, demo):
    text = (EXAMPLES_DIR / "gm9999-meerwijk.ttl").read_text(encoding="utf-8")
    query = ("mutation($data: String!, $strict: Boolean! = false) { importRdf(municipality: \"GM9999\", format: TURTLE, data: $data, "
             "strict: $strict) { ok violations { message blocking } } }")
    status, body = gql(client, query, {"data": text}, EDITOR)
    assert body["data"]["importRdf"]["ok"] is True
    before = everything(demo)
    blocking = (EXAMPLES_DIR / "broken" / "bedrag-als-tekst.ttl").read_text(encoding="utf-8")
    status, body = gql(client, query, {"data": blocking}, EDITOR)
    assert body["data"]["importRdf"]["ok"] is False and any(v["blocking"] for v in body["data"]["importRdf"]["violations"])
    broken = (EXAMPLES_DIR / "broken" / "doel-zonder-eigenaar.ttl").read_text(encoding="utf-8")
    status, body = gql(client, query, {"data": broken, "strict": True}, EDITOR)
    assert body["data"]["importRdf"]["ok"] is False and body["data"]["importRdf"]["violations"]
    trig = "<https://w3id.org/doelgraaf/graph/GM0001> { <http://example.org/a> <http://example.org/b> \"c\" }"
    status, body = gql(client, query.replace("TURTLE", "TRIG"), {"data": trig}, EDITOR)
    assert body["data"] is None and "GM0001" in body["errors"][0]["message"]
    assert everything(demo) == before


def test_an_unknown_code_is_refused_in_both_languages(client, demo):
    """Codes are looked up in the same lists as the template's drop-downs: an unknown one says so, where and in nl and en."""
    before = everything(demo)
    body = mutate(client, 'createBudgetLine(input: {amount: "5", fiscalYear: 2025, phase: ADOPTED, direction: EXPENSE, '
                          'taakveld: "99.9", funds: "%s"}) %s' % (GOAL, RESULT))
    error = body["errors"][0]
    assert body["data"] is None and error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'99.9' staat niet in de lijst taakvelden" in error["message"] and "is not in the list of taakvelden" in error["extensions"]["en"]
    assert error["extensions"]["where"] == "taakveld"
    assert everything(demo) == before
