"""Data written by hand from the public vocabulary contract (docs/architecture.md, section 3) is taken as the
contract says: integers where a decimal is asked, an organisation as initiator is a societal partner, a
realisation without a document and a negative amount are warnings; and the gate refuses only what blocks."""

import pytest
from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.errors import UserError
from doelgraaf.ingest.loading import load_documents
from doelgraaf.ingest.rdf_files import parse_bytes
from doelgraaf.store import open_repository

PREFIXES = """
@prefix dg: <https://w3id.org/doelgraaf/def#> . @prefix id: <https://w3id.org/doelgraaf/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix m: <https://w3id.org/doelgraaf/id/GM0003/> .
"""
COMPLETE = PREFIXES + """
id:gemeente\\/GM0003 a dg:Municipality ; dg:cbsCode "GM0003" ; rdfs:label "Proefdorp"@nl .
m:programma a dg:Programme ; rdfs:label "Wonen"@nl .
m:wethouder a org:Post , dg:PortfolioHolder ; rdfs:label "Wethouder Wonen"@nl .
m:doel a dg:Goal ; rdfs:label "Meer betaalbare woningen"@nl ; dg:partOfProgramme m:programma ; dg:owner m:wethouder ;
    dg:hasIndicator m:indicator .
m:indicator a dg:EffectIndicator ; rdfs:label "Nieuwe sociale huurwoningen"@nl ; dg:unit "aantal"@nl ;
    dg:baseline [ a dg:IndicatorValue ; dg:value 61 ; dg:year "2024"^^xsd:gYear ] ;
    dg:target [ a dg:IndicatorValue ; dg:value 120 ; dg:year "2026"^^xsd:gYear ] .
m:corporatie a org:Organization ; rdfs:label "Woonstichting Proefdorp" .
m:initiatief a dg:Measure ; rdfs:label "Tiny houses"@nl ; dg:serves m:doel ; dg:initiator m:corporatie ; dg:owner m:wethouder .
m:regel a dg:BudgetLine ; rdfs:label "Tiny houses 2025"@nl ; dg:amount 250000 ; dg:fiscalYear "2025"^^xsd:gYear ;
    dg:direction dg:Expense ; dg:phase dg:AdoptedBudget ; dg:taakveld id:taakveld\\/8.3 ; dg:funds m:initiatief .
m:realisatie a dg:BudgetLine ; rdfs:label "Tiny houses, gerealiseerd"@nl ; dg:amount 240000 ; dg:fiscalYear "2025"^^xsd:gYear ;
    dg:direction dg:Expense ; dg:phase dg:Realisation ; dg:taakveld id:taakveld\\/8.3 ; dg:funds m:initiatief .
m:correctie a dg:BudgetLine ; rdfs:label "Correctie"@nl ; dg:amount -1000 ; dg:fiscalYear "2025"^^xsd:gYear ;
    dg:direction dg:Expense ; dg:phase dg:AdoptedBudget ; dg:taakveld id:taakveld\\/8.3 ; dg:funds m:initiatief .
"""


@pytest.fixture
def repo():
    repository = open_repository(memory=True)
    shared_graphs.install(repository)
    yield repository
    repository.close()


def _load(repo, text: str, strict: bool = False):
    return load_documents(repo, [parse_bytes(text.encode(), "turtle", "hand.ttl")], ["GM0003"], strict)


def test_complete_data_from_the_contract_has_no_violation(repo):
    outcome = _load(repo, COMPLETE)
    report = outcome.reports["GM0003"]
    assert outcome.stored and not report.violations, [r.message("nl") for r in report.violations]
    warnings = " ".join(r.message("nl") for r in report.warnings)
    assert "noemt geen document" in warnings and "negatief" in warnings
    # the organisation named as initiator is a societal partner by the range, and stored so
    partners = repo.select("SELECT ?p WHERE { GRAPH ?g { ?p a <https://w3id.org/doelgraaf/def#SocietalPartner> } }").rows
    assert [row[0].value for row in partners] == ["https://w3id.org/doelgraaf/id/GM0003/corporatie"]


@pytest.mark.parametrize("broken,blocking", [
    ('dg:amount "veel"', True),                                   # money that is no number
    ('dg:amount 250000 ; dg:fiscalYear "vijf"', True),            # a year that is no year
    ('dg:taakveld <https://w3id.org/doelgraaf/id/taakveld/99.9>', True),  # no such taakveld
])
def test_what_would_make_answers_wrong_refuses_the_load(repo, broken, blocking):
    text = COMPLETE.replace('dg:amount 250000 ; dg:fiscalYear "2025"^^xsd:gYear', broken + ' ; dg:fiscalYear "2025"^^xsd:gYear', 1) \
        if "taakveld" not in broken else COMPLETE.replace("dg:taakveld id:taakveld\\/8.3 ; dg:funds m:initiatief .\nm:realisatie",
                                                           broken + " ; dg:funds m:initiatief .\nm:realisatie", 1)
    outcome = _load(repo, text)
    assert not outcome.stored and bool(outcome.reports["GM0003"].blocking) == blocking
    assert repo.graph_triples(__import__("pyoxigraph").NamedNode("https://w3id.org/doelgraaf/graph/GM0003")) == []


def test_incomplete_data_is_stored_and_strict_refuses_it(repo):
    incomplete = COMPLETE.replace("dg:owner m:wethouder ;\n    dg:hasIndicator m:indicator .", "dg:hasIndicator m:indicator .")
    assert _load(repo, incomplete, strict=True).stored is False
    outcome = _load(repo, incomplete)
    assert outcome.stored and any("eigenaar" in r.message("nl") for r in outcome.reports["GM0003"].violations)


def test_things_of_another_municipality_are_refused(repo):
    with pytest.raises(UserError, match="hoort bij GM0001"):
        _load(repo, COMPLETE + "\n<https://w3id.org/doelgraaf/id/GM0001/doel/x> a dg:Goal .")


def test_validate_gives_the_verdict_load_gives(tmp_path, capsys):
    """`validate` checks what `load` would store: the organisation named as initiator is a partner there too."""
    from doelgraaf.cli.commands import main

    path = tmp_path / "hand.ttl"
    path.write_text(COMPLETE, encoding="utf-8")
    assert main(["validate", str(path), "--municipality", "GM0003"]) == 0
    assert "0 fout(en)" in capsys.readouterr().out
