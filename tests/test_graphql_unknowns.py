"""The API says what it does not know (issue 13): an unknown municipality, a year that is no year, a cursor
or filter that names nothing are errors in Dutch and English; "no data" is null, never 0; codes and keys are
accepted where a person has them; GraphQL's own messages come in Dutch with the English beside."""

from decimal import Decimal

import pytest
from doelgraaf.core.paths import PROJECT_ROOT
from fastapi.testclient import TestClient

from tests.conftest import embedded_demo_store, gql

# about what the API answers, not the back-end (the contract suite runs on both)
demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: its demo store and the one with CBS figures are built once, not on each worker
pytestmark = pytest.mark.xdist_group("graphql-unknowns")

PROGRAMME = "https://w3id.org/doelgraaf/id/GM9999/programma/duurzaamheid-en-mobiliteit"
OWNER = "https://w3id.org/doelgraaf/id/GM9999/post/wethouder-wonen"
GOAL = "https://w3id.org/doelgraaf/id/GM9999/doel/meer-woningen"


def user_error(body: dict, where: str) -> dict:
    """The first error of a response (a field in a list may fail once per item), every one checked to be a
    bilingual user error at `where`."""
    assert body.get("errors"), body
    for error in body["errors"]:
        extensions = error["extensions"]
        assert extensions["code"] == "BAD_USER_INPUT" and extensions["where"] == where, error
        assert error["message"] == f"{where}: {extensions['nl']} / {extensions['en']}"
        assert "Traceback" not in error["message"]
    return body["errors"][0]["extensions"]


# 1. municipalities

def test_an_unknown_municipality_is_an_error_not_null(client):
    status, body = gql(client, '{ municipality(code: "GM9998") { name } }')
    assert status == 200 and body["data"] == {"municipality": None}
    error = user_error(body, "code")
    assert error["nl"].startswith("onbekende gemeente GM9998: geen CBS-gemeente en geen eigen gegevens")
    assert error["en"].startswith("unknown municipality GM9998: not a CBS municipality and no data of its own")
    assert "`municipalities" in error["nl"] and "`municipalities" in error["en"]
    for query, where in (('{ validation(municipality: "GM9998") { conforms } }', "municipality"),
                         ('{ acrossYears(municipality: "GM9998", taakveld: "6.2", direction: EXPENSE) { year } }', "municipality")):
        _, body = gql(client, query)
        assert "onbekende gemeente GM9998" in user_error(body, where)["nl"]


def test_municipality_codes_are_case_insensitive(client):
    _, body = gql(client, '{ a: municipality(code: "gm9999") { code name } b: municipality(code: "Gm0629") { code } }')
    assert body["data"] == {"a": {"code": "GM9999", "name": "Meerwijk"}, "b": {"code": "GM0629"}}
    _, lower = gql(client, '{ validation(municipality: "gm9999") { conforms violationCount } }')
    _, upper = gql(client, '{ validation(municipality: "GM9999") { conforms violationCount } }')
    assert "errors" not in lower and lower == upper
    _, body = gql(client, '{ municipalities(first: 2, after: "gm0014") { code } }')
    assert "errors" not in body and body["data"]["municipalities"][0]["code"] > "GM0014"


def test_a_malformed_code_names_the_graphql_argument_not_a_cli_option(client):
    _, body = gql(client, '{ municipality(code: "GM99") { name } }')
    error = user_error(body, "code")
    assert "'GM99' is geen CBS-gemeentecode" in error["nl"] and "'GM99' is not a CBS municipality code" in error["en"]
    assert "--municipality" not in body["errors"][0]["message"]
    _, body = gql(client, '{ benchmark(taakveld: "6.1", year: 2024, phase: ADOPTED, direction: EXPENSE, peers: {codes: ["GM1"]}) { rank } }')
    assert user_error(body, "peers.codes")
    _, body = gql(client, '{ benchmark(taakveld: "6.1", year: 2024, phase: ADOPTED, direction: EXPENSE, peers: {sameProvinceAs: "x"}) { rank } }')
    assert user_error(body, "peers.sameProvinceAs")


# 2. years and figures: no data is null, never 0

@pytest.mark.parametrize("year", [25, 20255, -2025, 0])
def test_a_year_that_is_no_year_is_an_error(client, year):
    for query in ('{ municipality(code: "GM9999") { cost(year: %d, phase: ADOPTED) { net } } }',
                  '{ municipality(code: "GM9999") { programmes { cost(year: %d, phase: ADOPTED) { net } } } }',
                  '{ municipality(code: "GM9999") { budgetLines(year: %d) { id } } }',
                  '{ municipality(code: "GM9999") { population(year: %d) } }',
                  '{ municipality(code: "GM9999") { indicators { progress(year: %d) { status } } } }',
                  '{ benchmark(taakveld: "6.1", year: %d, phase: ADOPTED, direction: EXPENSE) { rank } }',
                  '{ indicatorComparison(indicator: 36, year: %d) { rank } }'):
        _, body = gql(client, query % year)
        error = user_error(body, "year")
        assert f"{year} is geen jaartal" in error["nl"] and f"{year} is not a year" in error["en"], query


def test_a_year_without_budget_lines_is_null_and_a_year_with_them_a_decimal(client):
    _, body = gql(client, """{ municipality(code: "GM9999") {
        with: cost(year: 2025, phase: ADOPTED) { expenses revenues net }
        without: cost(year: 2052, phase: ADOPTED) { expenses revenues net }
        programmes { code
          begroot: cost(year: 2024, phase: ADOPTED) { expenses revenues net }
          gewijzigd: cost(year: 2024, phase: AMENDED) { expenses revenues net }
          gerealiseerd: cost(year: 2024, phase: REALISED) { expenses revenues net } }
        goals { cost(year: 2052, phase: REALISED) { expenses revenues net } }
        measures { cost(year: 2052, phase: REALISED) { expenses revenues net } } } }""")
    assert "errors" not in body, body.get("errors")
    m = body["data"]["municipality"]
    nothing = {"expenses": None, "revenues": None, "net": None}
    assert m["without"] == nothing
    assert all(Decimal(m["with"][k]) > 0 for k in ("expenses", "revenues", "net"))
    assert Decimal(m["with"]["net"]) == Decimal(m["with"]["expenses"]) - Decimal(m["with"]["revenues"])
    assert m["with"]["expenses"].endswith(".00")  # money as a decimal string, to the cent
    # the demo has a budget and a realisation for 2024, no amended budget: "geen gegevens", not € 0
    for programme in m["programmes"]:
        assert programme["gewijzigd"] == nothing, programme["code"]
        assert Decimal(programme["begroot"]["expenses"]) > 0 and Decimal(programme["gerealiseerd"]["expenses"]) > 0
    assert all(g["cost"] == nothing for g in m["goals"]) and all(x["cost"] == nothing for x in m["measures"])


def test_a_side_without_lines_is_null_and_net_counts_it_as_zero(client):
    # programme 5 (safety and governance) has expense lines only
    _, body = gql(client, """{ municipality(code: "GM9999") { programmes { code cost(year: 2024, phase: REALISED) { expenses revenues net } } } }""")
    safety = next(p["cost"] for p in body["data"]["municipality"]["programmes"] if p["code"] == "5")
    assert safety["revenues"] is None and safety["net"] == safety["expenses"] and Decimal(safety["expenses"]) > 0


def test_the_municipality_total_is_every_line_of_the_year_and_phase(client):
    _, body = gql(client, """{ municipality(code: "GM9999") { cost(year: 2025, phase: REALISED) { expenses revenues }
        budgetLines(year: 2025, phase: REALISED) { amount direction } } }""")
    m = body["data"]["municipality"]
    for direction, key in (("EXPENSE", "expenses"), ("REVENUE", "revenues")):
        assert Decimal(m["cost"][key]) == sum(Decimal(line["amount"]) for line in m["budgetLines"] if line["direction"] == direction)


def test_a_line_of_zero_euros_is_zero_not_null(client, demo):
    from tests.conftest import EDITOR

    status, body = gql(client, """mutation { createMeasure(input: {label: "Niets", labelEn: "Nothing", goals: ["%s"], owner: "%s",
        budgetLines: [{label: "Nul", amount: "0", fiscalYear: 2052, phase: ADOPTED, direction: EXPENSE, taakveld: "8.3"}]}) { ok id } }"""
                       % (GOAL, OWNER), token=EDITOR)
    assert body["data"]["createMeasure"]["ok"], body
    _, body = gql(client, '{ node(id: "%s") { ... on Measure { cost(year: 2052, phase: ADOPTED) { expenses revenues net } } } }'
                  % body["data"]["createMeasure"]["id"])
    assert body["data"]["node"]["cost"] == {"expenses": "0.00", "revenues": None, "net": "0.00"}


def test_population_and_completeness_of_nothing_are_null(client):
    _, body = gql(client, """{ demo: municipality(code: "GM9999") { population(year: 2026) old: population(year: 1990)
        completeness { expenses budgetLinesReachingGoal score } }
        cbs: municipality(code: "GM0629") { completeness { expenses budgetLinesReachingGoal score } } }""")
    demo, cbs = body["data"]["demo"], body["data"]["cbs"]
    assert demo["population"] == 46657 and demo["old"] is None
    assert Decimal(demo["completeness"]["expenses"]) > 0 and 0 < Decimal(demo["completeness"]["budgetLinesReachingGoal"]) <= 1
    assert cbs["completeness"] == {"expenses": None, "budgetLinesReachingGoal": None, "score": "0.000"}


# 3. cursors and numbers that name nothing

def test_a_cursor_that_names_nothing_is_an_error(client):
    _, body = gql(client, '{ municipality(code: "GM9999") { goals(first: 2, after: "nonsense") { id } } }')
    error = user_error(body, "after")
    assert "'nonsense' staat niet in deze lijst" in error["nl"] and "'nonsense' is not in this list" in error["en"]
    _, body = gql(client, '{ municipalities(after: "GM9998") { code } }')
    assert "'GM9998' is not in this list" in user_error(body, "after")["en"]
    _, body = gql(client, '{ municipality(code: "GM9999") { goals(first: 2) { id } } }')
    second = body["data"]["municipality"]["goals"][1]["id"]
    _, body = gql(client, '{ municipality(code: "GM9999") { goals(first: 1, after: "%s") { id } } }' % second)
    assert body["data"]["municipality"]["goals"][0]["id"] > second


@pytest.mark.parametrize("query,where,nl,en", [
    ('{ municipality(code: "GM9999") { goals(sdg: 99) { id } } }', "sdg", "SDG 99 bestaat niet", "SDG 99 does not exist"),
    ('{ municipality(code: "GM9999") { goals(sdg: 0) { id } } }', "sdg", "genummerd 1 tot en met 17", "numbered 1 to 17"),
    ("{ linkedGoals(sdg: 18) { id } }", "sdg", "SDG 18 bestaat niet", "SDG 18 does not exist"),
    ("{ linkedGoals(indicator: 99) { id } }", "indicator", "beleidsindicator 99 bestaat niet", "policy indicator 99 does not exist"),
    ("{ indicatorComparison(indicator: 0) { rank } }", "indicator", "beleidsindicator 0 bestaat niet", "policy indicator 0 does not exist"),
])
def test_a_number_outside_its_list_is_an_error(client, query, where, nl, en):
    _, body = gql(client, query)
    error = user_error(body, where)
    assert nl in error["nl"] and en in error["en"] and "GET /vocab/" in error["en"]


def test_numbers_in_their_list_still_answer(client):
    _, body = gql(client, '{ indicatorComparison(indicator: 36) { rank } linkedGoals(sdg: 11, indicator: 36) { id } }')
    assert "errors" not in body and body["data"]["indicatorComparison"]


# 4. filters take the key a person has

def test_a_programme_by_code_by_key_or_by_iri(client):
    _, body = gql(client, """{ municipality(code: "GM9999") {
        byCode: goals(programme: "2") { id } byKey: goals(programme: "duurzaamheid-en-mobiliteit") { id }
        byIri: goals(programme: "%s") { id programme { id code } }
        measures: measures(programme: "2") { id } byIriMeasures: measures(programme: "%s") { id } } }""" % (PROGRAMME, PROGRAMME))
    m = body["data"]["municipality"]
    assert m["byIri"] and all(g["programme"] == {"id": PROGRAMME, "code": "2"} for g in m["byIri"])
    assert m["byCode"] == m["byKey"] == [{"id": g["id"]} for g in m["byIri"]]
    assert m["measures"] and m["measures"] == m["byIriMeasures"]


def test_an_owner_goal_or_funded_thing_by_the_last_part_of_its_iri(client):
    _, body = gql(client, """{ municipality(code: "GM9999") {
        owner: goals(owner: "wethouder-wonen") { id owner { id } } ownerIri: goals(owner: "%s") { id }
        anyCase: goals(owner: "Wethouder-Wonen") { id }
        goal: measures(goal: "meer-woningen") { id goals { id } }
        funds: budgetLines(funds: "1", year: 2025, phase: ADOPTED) { funds { id } } } }""" % OWNER)
    m = body["data"]["municipality"]
    assert m["owner"] and all(g["owner"]["id"] == OWNER for g in m["owner"])
    assert [{"id": g["id"]} for g in m["owner"]] == m["ownerIri"] == m["anyCase"]
    assert m["goal"] and all(any(g["id"] == GOAL for g in x["goals"]) for x in m["goal"])
    assert m["funds"] and all(line["funds"]["id"].endswith("/programma/wonen-en-ruimte") for line in m["funds"])


def test_taakvelden_by_code_iri_or_main_taakveld(client):
    _, body = gql(client, """{ municipality(code: "GM9999") {
        code: budgetLines(taakveld: "8.3") { id } iri: budgetLines(taakveld: "https://w3id.org/doelgraaf/id/taakveld/8.3") { id }
        main: budgetLines(taakveld: "8") { taakveld { code } } goals(taakveld: "8") { id } } }""")
    m = body["data"]["municipality"]
    assert m["code"] and m["code"] == m["iri"]
    assert len(m["main"]) > len(m["code"]) and all(line["taakveld"]["code"].startswith("8.") for line in m["main"])
    assert m["goals"]
    _, body = gql(client, '{ municipality(code: "GM9999") { measures(taakveld: "9.9") { id } } }')
    error = user_error(body, "taakveld")
    assert "taakveld '9.9' bestaat niet" in error["nl"] and "GET /vocab/taakvelden" in error["en"]


@pytest.mark.parametrize("argument,where,nl,en,hint", [
    ('goals(programme: "9")', "programme", "programma '9' bestaat niet in GM9999", "programme '9' does not exist in GM9999", "programmes { id code"),
    ('goals(owner: "wethouder-nergens")', "owner", "eigenaar 'wethouder-nergens' bestaat niet", "owner 'wethouder-nergens' does not exist", "owner { id"),
    ('measures(goal: "https://w3id.org/doelgraaf/id/GM0629/doel/x")', "goal", "doel 'https://w3id.org/doelgraaf/id/GM0629/doel/x' bestaat niet",
     "goal 'https://w3id.org/doelgraaf/id/GM0629/doel/x' does not exist", "goals { id"),
    ('budgetLines(funds: "nergens")', "funds", "'nergens' bestaat niet in GM9999", "'nergens' does not exist in GM9999", "programmes { id code"),
])
def test_a_filter_that_names_nothing_says_so_and_where_to_look(client, argument, where, nl, en, hint):
    _, body = gql(client, '{ municipality(code: "GM9999") { %s { id } } }' % argument)
    error = user_error(body, where)
    assert nl in error["nl"] and en in error["en"] and hint in error["nl"] and hint in error["en"]
    assert "bekend: " in error["nl"] and "known: " in error["en"] and "geen geldige IRI" not in error["nl"]


def test_programme_codes_are_in_the_message_of_a_wrong_one(client):
    _, body = gql(client, '{ municipality(code: "GM9999") { goals(programme: "9") { id } } }')
    assert "bekend: 1, 2, 3, 4, 5" in user_error(body, "programme")["nl"]


# 5. GraphQL's own messages in Dutch, the English beside

@pytest.mark.parametrize("query,nl,en", [
    ('{ municipality(code: "GM9999") { goals { lable } } }', "Veld 'lable' bestaat niet op type 'Goal'. Bedoelt u 'label'?",
     "Cannot query field 'lable' on type 'Goal'. Did you mean 'label'?"),
    ('{ municipality(cod: "x", code: "GM9999") { code } }', "Argument 'cod' bestaat niet op veld 'Query.municipality'. Bedoelt u 'code'?",
     "Unknown argument 'cod' on field 'Query.municipality'. Did you mean 'code'?"),
    ("{ municipality { code } }", "Argument 'Query.municipality(code:)' van type 'String!' is verplicht, maar ontbreekt.",
     "Argument 'Query.municipality(code:)' of type 'String!' is required, but it was not provided."),
    ("{ municipality(code: 5) { code } }", "String vraagt tekst, niet: 5", "String cannot represent a non string value: 5"),
    ('{ municipality(code: "GM9999") { budgetLines(phase: ADOPTD) { id } } }',
     "Waarde 'ADOPTD' bestaat niet in enum 'Phase'. Bedoelt u de enumwaarde 'ADOPTED'?",
     "Value 'ADOPTD' does not exist in 'Phase' enum. Did you mean the enum value 'ADOPTED'?"),
    ("query($c: Strin) { municipality(code: $c) { code } }", "Type 'Strin' bestaat niet. Bedoelt u 'String' of 'Trend'?",
     "Unknown type 'Strin'. Did you mean 'String' or 'Trend'?"),
    ("query Q { municipality(code: $c) { code } }", "Variabele '$c' is niet gedeclareerd in operatie 'Q'.",
     "Variable '$c' is not defined by operation 'Q'."),
    ("{ municipalities { ...F } }", "Fragment 'F' bestaat niet.", "Unknown fragment 'F'."),
    ("{ municipalities }", "Veld 'municipalities' van type '[Municipality!]!' vraagt om subvelden.",
     "Field 'municipalities' of type '[Municipality!]!' must have a selection of subfields."),
    ("{ municipality(code: ", "Syntaxfout: onverwacht <EOF>.", "Syntax Error: Unexpected <EOF>."),
    ('{ municipalities(first: ) { code } }', "Syntaxfout: onverwacht ')'.", "Syntax Error: Unexpected ')'."),
])
def test_graphql_errors_come_in_dutch_with_the_english_beside(client, query, nl, en):
    status, body = gql(client, query, accept="application/graphql-response+json")
    assert status == 400 and "data" not in body  # the status of GraphQL over HTTP is as before
    [error] = body["errors"]
    assert error["message"].startswith(nl) and error["message"].endswith(" / " + error["extensions"]["en"])
    assert error["extensions"]["en"].startswith(en) and error["extensions"]["nl"].startswith(nl)
    assert error["locations"] and error["locations"][0]["line"] == 1


def test_a_variable_error_is_translated_with_its_inner_message(client):
    status, body = gql(client, "query($c: String!) { municipality(code: $c) { code } }", {"c": 5})
    assert status == 200
    assert body["errors"][0]["message"] == ("Variabele '$c' heeft een ongeldige waarde: String vraagt tekst, niet: 5 / "
                                            "Variable '$c' has invalid value: String cannot represent a non string value: 5")


def test_an_unknown_message_stays_english_and_well_formed():
    from doelgraaf.graphql.messages import bilingual, dutch

    assert dutch("Something graphql-core may say one day.") is None
    assert bilingual("Something graphql-core may say one day.") == ("Something graphql-core may say one day.", None)
    # an unknown part makes the whole message unknown rather than half Dutch
    assert dutch("Variable '$c' has invalid value: Something new.") is None
    assert dutch("Syntax Error: Something new.") is None


# 6. certainty is an enum

def test_certainty_is_an_enum_with_bilingual_descriptions(client):
    from doelgraaf.catalogue.taakvelden import CERTAINTIES

    _, body = gql(client, '{ __type(name: "Certainty") { kind enumValues { name description } } }')
    found = body["data"]["__type"]
    assert found["kind"] == "ENUM"
    assert [v["name"] for v in found["enumValues"]] == [en.upper() for en, _, _ in CERTAINTIES.values()]
    assert all(" / " in v["description"] for v in found["enumValues"])
    _, body = gql(client, '{ __type(name: "YearFigure") { fields { name type { kind ofType { name } } } } }')
    certainty = next(f for f in body["data"]["__type"]["fields"] if f["name"] == "certainty")
    assert certainty["type"] == {"kind": "NON_NULL", "ofType": {"name": "Certainty"}}


@pytest.fixture(scope="module")
def with_figures():
    """The demo beside one year of CBS Iv3 figures, which do not cover the demo municipality."""
    from doelgraaf.api.app import create_app
    from doelgraaf.core.access import TokenRegistry
    from doelgraaf.ingest.cbs_iv3 import import_file

    repo = next(embedded_demo_store())
    import_file(repo, PROJECT_ROOT / "data" / "cbs-iv3" / "iv3_2024_begroting.csv", 2024, "ADOPTED")
    with TestClient(create_app(repo, TokenRegistry({}))) as test_client:
        yield test_client
    repo.close()


def test_across_years_a_municipality_outside_the_figures_has_null_not_zero(with_figures):
    _, body = gql(with_figures, """{ demo: acrossYears(municipality: "gm9999", taakveld: "7.3", direction: EXPENSE) { year amount inhabitants perInhabitant certainty }
        cbs: acrossYears(municipality: "GM0629", taakveld: "7.3", direction: EXPENSE) { year amount certainty } }""")
    assert "errors" not in body, body.get("errors")
    assert body["data"]["demo"] == [{"year": 2024, "amount": None, "inhabitants": None, "perInhabitant": None, "certainty": "CERTAIN"}]
    [wassenaar] = body["data"]["cbs"]
    assert Decimal(wassenaar["amount"]) > 0 and wassenaar["certainty"] in {"CERTAIN", "PROBABLE", "UNCERTAIN"}
