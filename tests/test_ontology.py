"""The ontology: contract terms present, bilingual documentation, metadata, alignments, OWL 2 DL consistency."""

import shutil
import subprocess

import pytest
from doelgraaf.core.namespaces import DG, ONTOLOGY_IRI, VANN
from doelgraaf.core.paths import ONTOLOGY_FILE
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

CONTRACT_TERMS = """
Municipality cbsCode Trend leadsTo SocietalChallenge Goal addresses partOfProgramme subGoalOf sdg Programme
Indicator EffectIndicator OutputIndicator hasIndicator unit baseline target IndicatorValue value year
sharedIndicator Observation indicator refArea Measure PartnerInitiative serves Contribution measure goal share
initiator BudgetLine amount fiscalYear direction phase taakveld funds statedIn PlanningDocument
CoalitionAgreement CollegeProgramme FrameworkMemorandum ProgrammeBudget InterimReport AnnualReport adoptedOn
adoptedBy owner officialOwner budgetHolder partner
""".split()

DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def dg_terms(graph: Graph) -> set[URIRef]:
    return {
        s
        for t in DECLARATION_TYPES
        for s in graph.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(str(DG))
    }


def test_every_contract_term_is_declared(ontology):
    declared = dg_terms(ontology)
    missing = [t for t in CONTRACT_TERMS if DG[t] not in declared]
    assert not missing, f"contract terms missing from the ontology: {missing}"


@pytest.mark.parametrize("prop", [RDFS.label, SKOS.definition])
def test_every_term_has_dutch_and_english(ontology, prop):
    problems = []
    for term in sorted(dg_terms(ontology)):
        langs = {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}
        if not {"nl", "en"} <= langs:
            problems.append(f"{term} {prop}: {sorted(filter(None, langs))}")
    assert not problems, "\n".join(problems)


def test_ontology_metadata(ontology):
    o = ONTOLOGY_IRI
    assert (o, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(o, OWL.versionIRI) is not None
    assert ontology.value(o, OWL.versionInfo) is not None
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {lit.language for lit in ontology.objects(o, prop)} >= {"nl", "en"}, prop
    for prop in (DCTERMS.creator, DCTERMS.created, DCTERMS.modified):
        assert ontology.value(o, prop) is not None, prop
    assert ontology.value(o, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(ontology.value(o, VANN.preferredNamespacePrefix)) == "dg"
    assert str(ontology.value(o, VANN.preferredNamespaceUri)) == str(DG)


def test_reused_vocabularies(ontology):
    assert (DG.Municipality, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#FormalOrganization")) in ontology
    assert (DG.statedIn, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#hadPrimarySource")) in ontology
    assert (DG.CouncilTerm, RDFS.subClassOf, URIRef("http://www.w3.org/2006/time#ProperInterval")) in ontology
    assert (DG.Taakveld, RDFS.subClassOf, SKOS.Concept) in ontology


@pytest.mark.parametrize(
    "fragment",
    [
        "BMM/1.3/#Goal", "BMM/1.3/#Objective", "BMM/1.3/#Tactic", "BMM/1.3/#Influencer", "BMM/1.3/#Assessment",
        "iati-activity/result/", "result/indicator/", "indicator/baseline/", "period/target/", "period/actual/",
        "iati-activity/budget/",
        "dimension/budgetPhase", "dimension/functionalClassification", "dimension/economicClassification",
    ],
)
def test_alignments_recorded_with_mapping_properties(ontology, fragment):
    mapping = (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch, SKOS.narrowMatch)
    targets = {str(o) for p in mapping for o in ontology.objects(None, p)}
    assert any(t.endswith(fragment) for t in targets), f"no alignment to …{fragment}"


def _hermit_unsatisfiable(graph: Graph) -> list[str]:
    """Classify with HermiT (owlready2). Raises when the ontology is inconsistent."""
    import tempfile
    from pathlib import Path

    import owlready2

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ontology.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        with onto:
            owlready2.sync_reasoner_hermit([onto], infer_property_values=False, debug=0)
        return [c.iri for c in world.inconsistent_classes()]


@pytest.fixture(scope="module")
def java():
    if shutil.which("java") is None:
        pytest.fail(
            "Java ontbreekt: de OWL-redeneerder HermiT (owlready2) heeft Java nodig; installeer een JRE. "
            "/ Java is missing: the HermiT OWL reasoner (owlready2) needs Java; install a JRE."
        )
    subprocess.run(["java", "-version"], check=True, capture_output=True)


def test_hermit_finds_no_unsatisfiable_class(ontology, java):
    assert _hermit_unsatisfiable(ontology) == []


def test_hermit_check_is_not_vacuous(ontology, java):
    """The same check reports a class made unsatisfiable on purpose (so the test above can fail)."""
    broken = Graph()
    broken += ontology
    broken.add((DG.Broken, RDF.type, OWL.Class))
    broken.add((DG.Broken, RDFS.subClassOf, DG.EffectIndicator))
    broken.add((DG.Broken, RDFS.subClassOf, DG.OutputIndicator))
    assert str(DG.Broken) in _hermit_unsatisfiable(broken)
