"""The three contract queries of the service issue, checked against figures computed independently
from the demo file (plain rdflib, no code of the service), on both back-ends."""

from collections import defaultdict
from decimal import Decimal
from functools import lru_cache

from doelgraaf.core.paths import EXAMPLES_DIR
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from tests.conftest import gql

DG = "https://w3id.org/doelgraaf/def#"
YEAR = Literal("2025", datatype=XSD.gYear)

MUNICIPALITIES = "{ municipalities { code name population } }"
MUNICIPALITY = """{ municipality(code: "GM9999") {
    code name
    goals { id label(lang: "nl") owner { id label }
            indicators { id label unit baseline { value year } target { value year } }
            measures { id label }
            cost(year: 2025, phase: ADOPTED) { expenses revenues net } }
    measures { id label goals { id } cost(year: 2025, phase: ADOPTED) { expenses revenues net } }
    programmes { id label goals { id } cost(year: 2025, phase: ADOPTED) { expenses revenues net } } } }"""
VALIDATION = """{ validation(municipality: "GM9999") { conforms results { focusNode severity path message(lang: "nl") } } }"""


def d(name):
    return URIRef(DG + name)


@lru_cache(maxsize=1)
def demo() -> Graph:
    return Graph().parse(EXAMPLES_DIR / "gm9999-meerwijk.ttl")


def expected_direct(node) -> tuple[Decimal | None, Decimal | None]:
    """Expenses and revenues of the lines funding `node` directly, 2025, adopted; None for a direction without lines."""
    g = demo()
    totals = {}
    for line in g.subjects(d("funds"), node):
        if g.value(line, d("fiscalYear")) == YEAR and g.value(line, d("phase")) == d("AdoptedBudget"):
            direction = g.value(line, d("direction"))
            totals[direction] = totals.get(direction, Decimal(0)) + Decimal(str(g.value(line, d("amount"))))
    return totals.get(d("Expense")), totals.get(d("Revenue"))


def amount(text: str | None) -> Decimal | None:
    """A figure of the answer: null is no data, not 0."""
    return None if text is None else Decimal(text)


def shares_of(measure) -> dict:
    g = demo()
    goals = list(g.objects(measure, d("serves")))
    given = {g.value(c, d("goal")): Decimal(str(g.value(c, d("share"))))
             for c in g.subjects(d("measure"), measure) if g.value(c, d("share")) is not None}
    return given if given else {goal: Decimal(1) / len(goals) for goal in goals}


def test_municipalities(reader):
    status, body = gql(reader, MUNICIPALITIES)
    assert status == 200 and "errors" not in body
    rows = {m["code"]: m for m in body["data"]["municipalities"]}
    assert len(rows) == 343  # the 342 of CBS and the demo
    assert rows["GM0014"] == {"code": "GM0014", "name": "Groningen", "population": 244807}
    assert rows["GM9999"]["name"] == "Meerwijk"
    assert rows["GM9999"]["population"] == max(
        int(demo().value(c, d("inhabitants"))) for c in demo().objects(None, d("population"))
        if int(str(demo().value(c, d("year")))) == max(int(str(demo().value(x, d("year")))) for x in demo().objects(None, d("population")))
    )


def test_municipality_goals_measures_programmes_and_cost(reader):
    status, body = gql(reader, MUNICIPALITY)
    assert status == 200 and "errors" not in body, body.get("errors")
    m = body["data"]["municipality"]
    g = demo()
    assert m["code"] == "GM9999" and m["name"] == "Meerwijk"

    goals = {x["id"]: x for x in m["goals"]}
    assert set(goals) == {str(s) for s in g.subjects(RDF.type, d("Goal"))}
    for iri, goal in goals.items():
        node = URIRef(iri)
        assert goal["label"] == str(next(l for l in g.objects(node, RDFS.label) if l.language == "nl"))
        assert goal["owner"]["id"] == str(g.value(node, d("owner")))
        assert {i["id"] for i in goal["indicators"]} == {str(i) for i in g.objects(node, d("hasIndicator"))}
        for indicator in goal["indicators"]:
            target = g.value(URIRef(indicator["id"]), d("target"))
            assert Decimal(indicator["target"]["value"]) == Decimal(str(g.value(target, d("value"))))
            assert indicator["target"]["year"] == int(str(g.value(target, d("year"))))
        assert {x["id"] for x in goal["measures"]} == {str(s) for s in g.subjects(d("serves"), node)}

    measures = {x["id"]: x for x in m["measures"]}
    assert set(measures) == {str(s) for t in ("Measure", "PartnerInitiative") for s in g.subjects(RDF.type, d(t))}
    measure_totals = {}
    for iri, measure in measures.items():
        expenses, revenues = expected_direct(URIRef(iri))
        assert amount(measure["cost"]["expenses"]) == expenses, measure["label"]
        assert amount(measure["cost"]["revenues"]) == revenues
        assert amount(measure["cost"]["net"]) == (None if expenses is None and revenues is None else (expenses or 0) - (revenues or 0))
        measure_totals[iri] = (expenses, revenues)

    # goal cost = direct lines + measure cost x share; allocations are rounded to the cent but reconcile exactly
    allocated_expenses = Decimal(0)
    for iri, goal in goals.items():
        node = URIRef(iri)
        direct, _ = expected_direct(node)
        parts = [measure_totals[str(ms)][0] * shares_of(ms)[node] for ms in g.subjects(d("serves"), node) if measure_totals[str(ms)][0] is not None]
        if direct is None and not parts:
            assert goal["cost"]["expenses"] is None, goal["label"]
            continue
        exact = (direct or 0) + sum(parts, Decimal(0))
        assert abs(Decimal(goal["cost"]["expenses"]) - exact) <= Decimal("0.01") * len(goal["measures"]), goal["label"]
        allocated_expenses += Decimal(goal["cost"]["expenses"]) - (direct or 0)
    serving = [iri for iri in measures if any(True for _ in g.objects(URIRef(iri), d("serves")))]
    assert allocated_expenses == sum(measure_totals[i][0] or 0 for i in serving)

    for programme in m["programmes"]:
        node = URIRef(programme["id"])
        assert {x["id"] for x in programme["goals"]} == {str(s) for s in g.subjects(d("partOfProgramme"), node)}
        direct, _ = expected_direct(node)
        assert Decimal(programme["cost"]["expenses"]) == (direct or 0) + sum(
            amount(goals[x["id"]]["cost"]["expenses"]) or 0 for x in programme["goals"]
        )


def test_a_measure_with_shares_is_split_by_its_shares(reader):
    _, body = gql(reader, MUNICIPALITY)
    g = demo()
    with_shares = next(m for m in g.subjects(d("serves"), None) if any(g.subjects(d("measure"), m)) and
                       any(g.value(c, d("share")) is not None for c in g.subjects(d("measure"), m)))
    expenses, _ = expected_direct(with_shares)
    goals = {x["id"]: x for x in body["data"]["municipality"]["goals"]}
    parts = defaultdict(Decimal)
    for goal_iri, share in shares_of(with_shares).items():
        parts[goal_iri] = expenses * share
    assert all(p == p.quantize(Decimal("0.01")) for p in parts.values())  # 0.6/0.4 of whole cents are exact
    assert sum(parts.values()) == expenses and expenses > 0
    for goal_iri in parts:
        assert str(goal_iri) in goals


def test_validation_of_the_demo(reader):
    status, body = gql(reader, VALIDATION)
    assert status == 200
    assert body["data"]["validation"] == {"conforms": True, "results": []}
