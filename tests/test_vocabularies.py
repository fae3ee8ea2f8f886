"""The SKOS vocabularies in ontology/vocab: equal to a fresh build from data/reference, and complete against the facts.

Expected codes and counts are read from the fact files, not written down here, so a test fails on a generator that
drops or invents something, not on a fact that was corrected.
"""

import logging
import re
import warnings

import pytest
from doelgraaf.core.namespaces import DG, ID, OWL, RDF, SKOS, municipality_iri, policy_indicator_iri, sdg_iri, taakveld_iri
from doelgraaf.core.paths import ONTOLOGY_FILE, VOCAB_DIR
from doelgraaf.tools.vocabularies import VOCABULARIES, facts
from doelgraaf.tools.vocabularies.__main__ import HEADER
from doelgraaf.tools.vocabularies.taakvelden import certainty
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
SCHEME_2017, SCHEME_2023, SCHEME_2025 = (ID[f"taakveldindeling/{year}"] for year in (2017, 2023, 2025))


@pytest.fixture(scope="module")
def built() -> dict[str, Graph]:
    return {name: build() for name, build in VOCABULARIES.items()}


@pytest.fixture(scope="module")
def committed() -> dict[str, Graph]:
    return {name: Graph().parse(VOCAB_DIR / name, format="turtle") for name in VOCABULARIES}


@pytest.fixture(scope="module")
def vocab(committed) -> Graph:
    graph = Graph()
    for part in committed.values():
        graph += part
    return graph


def notations(graph: Graph, scheme: URIRef) -> set[str]:
    return {str(graph.value(c, SKOS.notation)) for c in graph.subjects(SKOS.inScheme, scheme)}


def label(graph: Graph, subject: URIRef, lang: str = "nl", predicate: URIRef = SKOS.prefLabel) -> str:
    [value] = [o for o in graph.objects(subject, predicate) if o.language == lang]
    return str(value)


def version_names(graph: Graph, code: str) -> dict[URIRef, str]:
    return {graph.value(n, DG.inVersion): label(graph, n) for n in graph.objects(taakveld_iri(code), DG.versionName)}


# --- the files never drift from the facts ---


@pytest.mark.parametrize("name", VOCABULARIES)
def test_committed_file_equals_a_fresh_build(name, built, committed):
    assert (VOCAB_DIR / name).read_text(encoding="utf-8").startswith(HEADER)
    assert isomorphic(committed[name], built[name]), f"run `python -m doelgraaf.tools.vocabularies` and commit {name}"


def test_the_vocabularies_load_without_warnings(caplog):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with caplog.at_level(logging.WARNING):
            for name in VOCABULARIES:
                Graph().parse(VOCAB_DIR / name, format="turtle")
    assert not caplog.records


def test_every_concept_and_scheme_has_one_dutch_and_one_english_label(vocab):
    subjects = set(vocab.subjects(RDF.type, SKOS.Concept)) | set(vocab.subjects(RDF.type, SKOS.ConceptScheme))
    for subject in subjects:
        languages = sorted(o.language for o in vocab.objects(subject, SKOS.prefLabel))
        assert languages == ["en", "nl"], subject


def test_every_dg_term_used_is_declared_in_the_ontology(vocab):
    ontology = Graph().parse(ONTOLOGY_FILE)
    used = {t for triple in vocab for t in triple if isinstance(t, URIRef) and t.startswith(str(DG))}
    individuals = set(vocab.subjects(RDF.type, OWL.NamedIndividual))
    assert {t for t in used - individuals if (t, RDF.type, None) not in ontology} == set()


# --- taakvelden ---


def test_the_2025_scheme_holds_exactly_the_current_taakvelden_and_hoofdtaakvelden(vocab):
    rows = facts.read("taakvelden.csv")
    current = {r["code"] for r in rows}
    main = {r["hoofdtaakveld_code"] for r in rows}
    assert (len(current), len(main)) == (69, 9)
    assert notations(vocab, SCHEME_2025) == current | main


def test_hoofdtaakvelden_are_top_concepts_of_every_scheme(vocab):
    main = {r["hoofdtaakveld_code"] for r in facts.read("taakvelden.csv")}
    for scheme in (SCHEME_2017, SCHEME_2023, SCHEME_2025):
        assert {str(vocab.value(c, SKOS.notation)) for c in vocab.objects(scheme, SKOS.hasTopConcept)} == main
        for code in main:
            assert (taakveld_iri(code), SKOS.topConceptOf, scheme) in vocab


def test_every_taakveld_is_narrower_than_its_hoofdtaakveld(vocab):
    for row in facts.read("taakvelden.csv") + facts.read("taakvelden_historisch.csv"):
        if "." in row["code"]:
            broader = list(vocab.objects(taakveld_iri(row["code"]), SKOS.broader))
            assert broader == [taakveld_iri(row["hoofdtaakveld_code"])]


def test_codes_are_strings_so_0_10_is_not_0_1(vocab):
    assert taakveld_iri("0.10") != taakveld_iri("0.1")
    assert vocab.value(taakveld_iri("0.10"), SKOS.notation) == Literal("0.10")
    assert vocab.value(taakveld_iri("0.1"), SKOS.notation) == Literal("0.1")
    assert label(vocab, taakveld_iri("0.10")) == "Mutaties reserves"
    assert label(vocab, taakveld_iri("0.1")) == "Bestuur"
    assert all(isinstance(value, str) for row in facts.read("taakvelden.csv") for value in row.values())


def test_6_2_keeps_one_iri_with_a_name_per_version(vocab):
    assert version_names(vocab, "6.2") == {SCHEME_2017: "Wijkteams", SCHEME_2023: "Toegang en eerstelijnsvoorzieningen"}
    assert label(vocab, taakveld_iri("6.2")) == "Toegang en eerstelijnsvoorzieningen"
    assert vocab.value(taakveld_iri("6.2"), DG.validUntil) == Literal("2024", datatype=GYEAR)


@pytest.mark.parametrize("code, old, new", [
    ("6.4", "Begeleide participatie", "WSW en beschut werk"),
    ("8.1", "Ruimtelijke ordening", "Ruimte en leefomgeving"),
    ("8", "Volkshuisvesting, ruimtelijke ordening en stedelijke vernieuwing",
     "Volkshuisvesting, leefomgeving en stedelijke vernieuwing"),
])
def test_renames_are_names_per_version_not_mappings(vocab, code, old, new):
    assert version_names(vocab, code) == {SCHEME_2017: old, SCHEME_2023: new, SCHEME_2025: new}
    iri = taakveld_iri(code)
    for mapping in (SKOS.exactMatch, SKOS.closeMatch, SKOS.narrowMatch, SKOS.relatedMatch):
        assert (iri, mapping, iri) not in vocab


def test_version_membership_follows_the_facts(vocab):
    historic = facts.read("taakvelden_historisch.csv")
    lettered = {r["code"] for r in historic if re.fullmatch(r"\d\.\d+[a-z]", r["code"])}
    assert len(lettered) == 18
    new_in_2025 = {r["code"] for r in facts.read("taakvelden.csv") if r["code_in_use_since"] == "2025"}
    expected = {code: {SCHEME_2023} for code in lettered}
    expected |= {code: {SCHEME_2025} for code in new_in_2025}
    expected |= {code: {SCHEME_2017} for code in ("6.71", "6.72", "6.81", "6.82")}
    expected |= {"6.6": {SCHEME_2017, SCHEME_2023}, "6.2": {SCHEME_2017, SCHEME_2023}}
    for code, schemes in expected.items():
        assert set(vocab.objects(taakveld_iri(code), SKOS.inScheme)) == schemes, code


def test_one_succession_per_historic_row_whose_successors_are_taakvelden_of_a_later_version(vocab):
    successions = set(vocab.subjects(RDF.type, DG.Succession))
    assert len(successions) == len(facts.read("taakvelden_historisch.csv"))
    for node in successions:
        predecessor = vocab.value(node, DG.predecessor)
        successors = set(vocab.objects(node, DG.successor))
        assert successors and str(vocab.value(node, DG.certainty)) in ("zeker", "waarschijnlijk", "onzeker")
        for successor in successors:
            assert (successor, RDF.type, DG.Taakveld) in vocab
        year = int(str(node).rsplit("-", 1)[1])
        assert all((s, SKOS.inScheme, ID[f"taakveldindeling/{year}"]) in vocab for s in successors)
        one_to_one = vocab.value(node, DG.oneToOne).toPython()
        rename = successors == {predecessor}
        assert one_to_one == (len(successors) == 1 and (rename or str(vocab.value(node, DG.certainty)) == "zeker"))


def test_ranges_of_successors_are_expanded_into_real_codes(vocab):
    def successors(node: URIRef) -> set[str]:
        return {str(vocab.value(s, SKOS.notation)) for s in vocab.objects(node, DG.successor)}

    lettered = {f"6.72{c}" for c in "abcd"} | {f"6.73{c}" for c in "abc"} | {f"6.74{c}" for c in "abc"}
    assert successors(ID["taakveld-opvolging/6.72-2023"]) == lettered
    assert successors(ID["taakveld-opvolging/6.72a-2025"]) == {"6.751", "6.752", "6.753"}


@pytest.mark.parametrize("old, mapping, new", [
    ("6.71a", SKOS.exactMatch, ["6.711"]),
    ("6.82b", SKOS.exactMatch, ["6.822"]),
    ("6.71", SKOS.narrowMatch, ["6.71a", "6.71b", "6.71c", "6.71d"]),
    ("6.2", SKOS.narrowMatch, ["6.21", "6.22", "6.23"]),
    ("6.6", SKOS.closeMatch, ["6.60"]),
    ("6.72a", SKOS.relatedMatch, ["6.751", "6.752", "6.753"]),
    ("6.74b", SKOS.relatedMatch, ["6.761", "6.762", "6.763"]),
])
def test_mappings_say_how_comparable_old_and_new_codes_are(vocab, old, mapping, new):
    assert set(vocab.objects(taakveld_iri(old), mapping)) == {taakveld_iri(code) for code in new}


@pytest.mark.parametrize("text, expected", [
    ("zeker", "zeker"),
    ("waarschijnlijk", "waarschijnlijk"),
    ("zeker (naam); jaren waarschijnlijk", "zeker"),
    ("naam zeker; opvolger waarschijnlijk", "waarschijnlijk"),
    ("code zeker; opvolging onzeker", "onzeker"),
    ("naam zeker; jaar onzeker", "zeker"),
])
def test_certainty_is_what_the_source_says_about_the_succession(text, expected):
    assert certainty(text) == expected


def test_uncertainty_in_the_facts_becomes_an_editorial_note(vocab):
    for code in ("6.4", "6.60", "8.1", "8", "6.72a"):
        assert list(vocab.objects(taakveld_iri(code), SKOS.editorialNote)), code


# --- economic categories, policy indicators, SDGs ---


def test_every_economic_category_is_under_its_main_category_on_its_side(vocab):
    rows = facts.read("iv3_categorieen.csv")
    assert len(rows) == 76
    scheme = ID["economische-categorie"]
    leaves = {c for c in vocab.subjects(SKOS.inScheme, scheme) if (c, SKOS.broader, None) in vocab}
    assert {str(vocab.value(c, SKOS.notation)) for c in leaves} == {r["id"] for r in rows}
    for row in rows:
        iri = ID[f"economische-categorie/{row['id']}"]
        assert (iri, RDF.type, DG.EconomicCategory) in vocab
        assert vocab.value(iri, SKOS.broader) == ID[f"economische-categorie/{row['id'][0]}{row['hoofdcategorie_code']}"]


def test_policy_indicators_retired_ones_deprecated(vocab):
    rows = facts.read("beleidsindicatoren.csv")
    retired = {r["id"] for r in rows if r["status"].startswith("vervallen")}
    assert (len(rows), len(rows) - len(retired)) == (39, 34)
    indicators = set(vocab.subjects(RDF.type, DG.PolicyIndicator))
    assert indicators == {policy_indicator_iri(r["id"]) for r in rows}
    deprecated = {str(vocab.value(i, SKOS.notation)) for i in indicators if (i, OWL.deprecated, Literal(True)) in vocab}
    assert deprecated == retired
    for row in rows:
        iri = policy_indicator_iri(row["id"])
        assert "ONZEKER" not in label(vocab, iri)
        assert vocab.value(iri, DG.taakveld) == taakveld_iri(row["taakveld"])
        assert label(vocab, iri, predicate=DG.unit)
    for number in ("12", "13"):
        notes = list(vocab.objects(policy_indicator_iri(number), SKOS.editorialNote))
        assert any("Onzeker" in note for note in notes)


def test_the_17_sdgs_under_their_un_iris(vocab):
    goals = set(vocab.subjects(SKOS.inScheme, ID["sdg"]))
    assert goals == {sdg_iri(n) for n in range(1, 18)}
    assert label(vocab, sdg_iri(1), "en") == "No poverty"
    assert label(vocab, sdg_iri(1), "nl") == "Geen armoede"


# --- municipalities ---


def test_every_municipality_with_code_province_classes_and_population(vocab):
    rows = facts.read("gemeenten.csv")
    assert len(rows) == 342
    assert set(vocab.subjects(RDF.type, DG.Municipality)) == {municipality_iri(r["gm_code"]) for r in rows}
    for row in rows:
        iri = municipality_iri(row["gm_code"])
        assert vocab.value(iri, DG.cbsCode) == Literal(row["gm_code"])
        for predicate, scheme in ((DG.province, "provincie"), (DG.sizeClass, "gemeentegrootte"),
                                  (DG.urbanity, "stedelijkheid")):
            assert (vocab.value(iri, predicate), SKOS.inScheme, ID[scheme]) in vocab, (row["gm_code"], predicate)
        count = vocab.value(iri, DG.population)
        assert vocab.value(count, DG.inhabitants).toPython() == int(row["inwoners_2025"])


@pytest.mark.parametrize("code, name, province, inhabitants", [
    ("GM0014", "Groningen", "PV20", 244807),
    ("GM0820", "Nuenen, Gerwen en Nederwetten", "PV30", 24291),
])
def test_spot_checks_of_municipalities(vocab, code, name, province, inhabitants):
    iri = municipality_iri(code)
    assert label(vocab, iri, predicate=SKOS.prefLabel) == name
    assert vocab.value(iri, DG.province) == ID[f"provincie/{province}"]
    count = vocab.value(iri, DG.population)
    assert count == ID[f"gemeente/{code}/inwoners/2025"]
    assert vocab.value(count, DG.inhabitants) == Literal(inhabitants)
    assert str(vocab.value(count, DG.year)) == "2025"


def test_provinces_have_their_cbs_codes(vocab):
    assert notations(vocab, ID["provincie"]) == {f"PV{n}" for n in range(20, 32)}
    assert label(vocab, ID["provincie/PV31"]) == "Limburg"


# --- roles, document types, budget terms ---


def test_roles_document_types_and_budget_terms(vocab):
    for slug in ("raad", "college", "portefeuillehouder", "ambtelijk-opdrachtgever", "budgethouder",
                 "maatschappelijke-partner"):
        assert (ID[f"rol/{slug}"], RDF.type, DG.RoleType) in vocab
        assert label(vocab, ID[f"rol/{slug}"], "en", SKOS.definition)
    classes = {"coalitieakkoord": DG.CoalitionAgreement, "collegeprogramma": DG.CollegeProgramme,
               "kadernota": DG.FrameworkMemorandum, "programmabegroting": DG.ProgrammeBudget,
               "bestuursrapportage": DG.InterimReport, "jaarstukken": DG.AnnualReport}
    for slug, cls in classes.items():
        assert vocab.value(ID[f"documentsoort/{slug}"], DG.documentClass) == cls
    terms = ((DG.AdoptedBudget, DG.BudgetPhase, "ADOPTED"), (DG.AmendedBudget, DG.BudgetPhase, "AMENDED"),
             (DG.Realisation, DG.BudgetPhase, "REALISED"), (DG.Expense, DG.BudgetDirection, "EXPENSE"),
             (DG.Revenue, DG.BudgetDirection, "REVENUE"))
    for term, cls, notation in terms:
        assert {cls, OWL.NamedIndividual, SKOS.Concept} <= set(vocab.objects(term, RDF.type))
        assert vocab.value(term, SKOS.notation) == Literal(notation)
    assert label(vocab, DG.AdoptedBudget) == "primitieve begroting"
