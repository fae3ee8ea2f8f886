"""The JSON-LD context: generated from the ontology, agreeing with the shapes, usable by two parsers, served."""

import json

import pyoxigraph as ox
import pytest
from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.core.namespaces import DG
from doelgraaf.core.paths import CONTEXT_FILE, ONTOLOGY_FILE
from doelgraaf.tools.jsonld_context import context_text
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH, XSD

CONTEXT = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
GM = "https://w3id.org/doelgraaf/id/GM9999/"


def _expand(value: str) -> str:
    prefix, _, local = value.partition(":")
    return CONTEXT[prefix] + local if prefix in CONTEXT and isinstance(CONTEXT[prefix], str) else value


def _iri(term) -> str:
    return _expand(term if isinstance(term, str) else term["@id"])


def test_committed_context_is_the_generated_one():
    assert CONTEXT_FILE.read_text(encoding="utf-8") == context_text(), (
        "ontology/context.jsonld is out of date: run `python -m doelgraaf.tools.jsonld_context`")


def test_every_class_and_property_of_the_ontology_has_a_term():
    ontology = Graph().parse(ONTOLOGY_FILE)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    terms = {s for kind in kinds for s in ontology.subjects(RDF.type, kind) if str(s).startswith(str(DG))}
    mapped = {_iri(t) for key, t in CONTEXT.items() if not key.startswith("@") and not str(t).startswith("@")}
    assert terms and {str(t) for t in terms} <= mapped
    assert {"rdfs", "skos", "org", "foaf", "prov", "dcterms", "xsd"} <= CONTEXT.keys()
    object_properties = {str(p) for p in ontology.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(str(DG))}
    for key, term in CONTEXT.items():
        if isinstance(term, dict) and _iri(term) in object_properties:
            assert term["@type"] in ("@id", "@vocab"), key


def test_datatypes_agree_with_the_shapes():
    """Where a shape requires a datatype on a dg: property, the context coerces to the same one."""
    shapes = shapes_graph()
    by_iri = {_iri(t): t for t in CONTEXT.values() if isinstance(t, dict)}
    checked = 0
    for shape in shapes.subjects(SH.datatype, None):
        path = shapes.value(shape, SH.path)
        if isinstance(path, URIRef) and str(path).startswith(str(DG)):
            assert _expand(by_iri[str(path)]["@type"]) == str(shapes.value(shape, SH.datatype)), path
            checked += 1
    assert checked >= 8


ONE_GOAL = {
    "id": GM + "doel/meer-woningen",
    "type": "Goal",
    "label": {"nl": "Meer woningen bouwen", "en": "Build more homes"},
    "addresses": GM + "opgave/betaalbaar-wonen",
    "owner": GM + "post/wethouder-wonen",
    "sdg": "http://metadata.un.org/sdg/11",
    "hasIndicator": {
        "id": GM + "indicator/nieuwbouw-woningen",
        "type": "EffectIndicator",
        "unit": "aantal per 1.000 woningen",
        "target": {"type": "IndicatorValue", "value": "12.0", "year": "2026"},
    },
}
LINE = {
    "id": GM + "begroting/bouwversnellingsteam-2023",
    "type": "BudgetLine",
    "amount": "450000.00",
    "fiscalYear": "2023",
    "direction": "Expense",
    "phase": "AdoptedBudget",
    "taakveld": "https://w3id.org/doelgraaf/id/taakveld/8.3",
    "funds": GM + "maatregel/bouwversnellingsteam",
}


def _expected(target: str) -> set[tuple]:
    goal, ind = URIRef(GM + "doel/meer-woningen"), URIRef(GM + "indicator/nieuwbouw-woningen")
    return {
        (goal, RDF.type, DG.Goal),
        (goal, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Meer woningen bouwen", lang="nl")),
        (goal, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Build more homes", lang="en")),
        (goal, DG.addresses, URIRef(GM + "opgave/betaalbaar-wonen")),
        (goal, DG.owner, URIRef(GM + "post/wethouder-wonen")),
        (goal, DG.sdg, URIRef("http://metadata.un.org/sdg/11")),
        (goal, DG.hasIndicator, ind),
        (ind, RDF.type, DG.EffectIndicator),
        (ind, DG.unit, Literal("aantal per 1.000 woningen")),
        (ind, DG.target, target),
        (target, RDF.type, DG.IndicatorValue),
        (target, DG.value, Literal("12.0", datatype=XSD.decimal)),
        (target, DG.year, Literal("2026", datatype=XSD.gYear)),
    }


def _line_triples() -> set[tuple]:
    line = URIRef(GM + "begroting/bouwversnellingsteam-2023")
    return {
        (line, RDF.type, DG.BudgetLine),
        (line, DG.amount, Literal("450000.00", datatype=XSD.decimal)),
        (line, DG.fiscalYear, Literal("2023", datatype=XSD.gYear)),
        (line, DG.direction, DG.Expense),
        (line, DG.phase, DG.AdoptedBudget),
        (line, DG.taakveld, URIRef("https://w3id.org/doelgraaf/id/taakveld/8.3")),
        (line, DG.funds, URIRef(GM + "maatregel/bouwversnellingsteam")),
    }


def _parse_rdflib(document: dict) -> set[tuple]:
    return set(Graph().parse(data=json.dumps(document), format="json-ld"))


def _parse_oxigraph(document: dict) -> set[tuple]:
    from doelgraaf.core.terms import triples_to_graph

    return set(triples_to_graph(ox.parse(json.dumps(document).encode(), format=ox.RdfFormat.JSON_LD), Graph()))


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # inside rdflib's own JSON-LD parser
@pytest.mark.parametrize("parse", [_parse_rdflib, _parse_oxigraph], ids=["rdflib", "pyoxigraph"])
def test_a_goal_and_a_budget_line_expand_to_the_expected_triples(parse):
    triples = parse({"@context": CONTEXT, "@graph": [ONE_GOAL, LINE]})
    target = next(o for s, p, o in triples if p == DG.target)
    assert triples == _expected(target) | _line_triples()


def test_the_service_serves_the_context(client):
    response = client.get("/context.jsonld")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.json() == {"@context": CONTEXT}
