"""The validator itself: compiled core constraints and SPARQL constraints on Oxigraph agree with pyshacl,
focus-node validation, report formats."""

import json
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
import pytest
from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.core.paths import EXAMPLES_DIR
from doelgraaf.core.terms import to_triples
from doelgraaf.ingest.municipality_graphs import split_by_municipality
from doelgraaf.ingest.rdf_files import read_file
from doelgraaf.ingest.spreadsheet.reader import read_workbook
from doelgraaf.validation import core_constraints, validate
from doelgraaf.validation.report import path_text
from doelgraaf.validation.results import new_results
from doelgraaf.validation.rules import project, validation_background
from doelgraaf.validation.sparql_constraints import without_sparql
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from tests.conftest import example_report, run_cli

# one worker validates each example once for this module and test_examples (see example_report)
pytestmark = pytest.mark.xdist_group("example-reports")

SPARQL_EXAMPLES = sorted(
    p for p in (EXAMPLES_DIR / "broken").glob("*.ttl")
    if any(rule in p.read_text() for rule in ("#Consistency-", "#Smart-targetAfterBaseline"))
)


def data(path):
    return split_by_municipality([read_file(path)])[None]


def full_report(name, graph):
    """validate(graph); for a broken example (graph is data(path)) the report test_examples checks as well."""
    path = EXAMPLES_DIR / "broken" / f"{name}.ttl"
    return example_report(path)[1] if path.exists() else validate(graph)


@lru_cache(maxsize=1)
def core_shapes_graph():
    """The shapes without their SPARQL constraints, built once rather than for each example (pyshacl adds the
    same two RDFS statements to any shapes graph it is given, so reusing it changes no result)."""
    return without_sparql(shapes_graph())


@pytest.mark.parametrize("path", SPARQL_EXAMPLES, ids=lambda p: p.stem)
def test_sparql_constraints_agree_with_pyshacl(path):
    """Our single-query evaluation on Oxigraph finds exactly what pyshacl's per-node evaluation finds."""
    graph = data(path)
    combined = Graph()
    combined += graph
    combined += validation_background()
    _, results, _ = pyshacl.validate(combined, shacl_graph=shapes_graph(), inference="none", allow_warnings=True)
    theirs = {
        (str(results.value(r, SH.sourceConstraint)), str(results.value(r, SH.focusNode)))
        for r in results.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent)
    }
    ours = {(str(r.rule), str(r.focus_node)) for r in full_report(path.stem, graph).results if "#Consistency-" in str(r.rule) or "#Smart-targetAfter" in str(r.rule)}
    assert ours == theirs and ours


ILL_TYPED = """
@prefix dg: <https://w3id.org/doelgraaf/def#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix id: <https://w3id.org/doelgraaf/id/GM9999/> .
id:i a dg:Indicator ; rdfs:label "Tevredenheid" ; dg:baseline [ dg:value "veel"^^xsd:decimal ; dg:year "20x5"^^xsd:gYear ] ;
    dg:target [ dg:value "7"^^xsd:integer ; dg:year 2026 ] .
id:o a dg:Observation ; dg:indicator id:i, "tekst" ; dg:value "1,5"^^xsd:decimal ; dg:year "2025"^^xsd:gYear .
id:l a dg:BudgetLine ; rdfs:label id:i ; dg:amount "-3.0"^^xsd:decimal ; dg:direction "lasten" ; dg:fiscalYear "2025" .
id:d a dg:PlanningDocument ; dg:adopted "2025-13-01"^^xsd:date .
"""


def _core_examples():
    yield "gm9999-meerwijk", data(EXAMPLES_DIR / "gm9999-meerwijk.ttl")
    for path in sorted((EXAMPLES_DIR / "broken").glob("*.ttl")):
        yield path.stem, data(path)
    yield "wassenaar-2026", read_workbook((EXAMPLES_DIR / "wassenaar-2026.xlsx").read_bytes(), "GM0629", "wassenaar").graph
    yield "ill-typed", Graph().parse(data=ILL_TYPED, format="turtle")


def _same_value(node):
    """Oxigraph keeps a valid decimal in canonical form (-450000.00 is read back as -450000)."""
    return (node.datatype, node.value) if isinstance(node, Literal) and not node.ill_typed else node


def _result_keys(results: Graph) -> set[tuple]:
    return {
        (results.value(r, SH.focusNode), results.value(r, SH.resultSeverity), results.value(r, SH.sourceShape),
         results.value(r, SH.sourceConstraintComponent), path_text(results.value(r, SH.resultPath), results),
         _same_value(results.value(r, SH.value)))
        for r in results.subjects(SH.sourceShape, None)
        if results.value(r, SH.sourceConstraintComponent) != SH.SPARQLConstraintComponent
    }


def test_every_core_shape_is_compiled():
    """Our own shapes need no pyshacl at run time: nothing in them is left to the fallback."""
    assert project().core.checks and not project().core.residual_targets


@pytest.mark.parametrize("name,graph", list(_core_examples()), ids=lambda v: v if isinstance(v, str) else "")
def test_core_constraints_agree_with_pyshacl(name, graph):
    """Each core constraint compiled to one SPARQL query finds exactly what pyshacl finds, result for result
    (focus node, severity, shape, component, path and value), on every example, valid or broken."""
    combined = Graph()
    combined += graph
    combined += validation_background()
    _, theirs, _ = pyshacl.validate(combined, shacl_graph=core_shapes_graph(), inference="none", allow_warnings=True)
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in to_triples(combined))
    ours = new_results()
    core_constraints.evaluate(store, project().core.checks, shapes_graph(), ours, None)
    ours, theirs = _result_keys(ours), _result_keys(theirs)
    # rdflib does not check the form of an xsd:gYear, so pyshacl takes "20x5" for a year; SHACL says an
    # ill-formed literal fails sh:datatype, and so do we
    ill_formed_years = {k for k in ours - theirs if k[3] == SH.DatatypeConstraintComponent and k[5] == (XSD.gYear, None)}
    assert ours - ill_formed_years == theirs
    assert bool(ill_formed_years) == (name == "ill-typed")


@pytest.mark.parametrize("name,graph", [e for e in _core_examples() if e[0] != "gm9999-meerwijk"], ids=lambda v: v if isinstance(v, str) else "")
def test_checking_some_focus_nodes_finds_what_checking_all_finds_for_them(name, graph):
    """An edit checks only the nodes it touches (the queries get a VALUES table); for those nodes the
    results are the same as in a full check."""
    def keys(results):
        return sorted((str(r.focus_node), str(r.rule), r.path, str(r.value)) for r in results)

    full = full_report(name, graph).results
    focus = {r.focus_node for r in full if isinstance(r.focus_node, URIRef)}
    if not focus:
        pytest.skip("no result on an IRI")
    some = set(sorted(focus)[::2])
    assert keys(validate(graph, focus_nodes=some).results) == keys(r for r in full if r.focus_node in some)


def test_shapes_the_compiler_does_not_know_go_to_pyshacl():
    """A shape with a component outside the compiled set (here sh:closed) is still enforced, by pyshacl."""
    extra = Graph().parse(format="turtle", data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dg: <https://w3id.org/doelgraaf/def#> .
        <urn:x:ClosedGoal> a sh:NodeShape ; sh:targetClass dg:Goal ; sh:hasValue <urn:x:never> ;
            sh:property [ sh:path dg:owner ; sh:minCount 1 ] .""")
    compiled = core_constraints.compile_shapes(extra)
    assert not compiled.checks and compiled.residual_targets
    _, results, _ = pyshacl.validate(data(EXAMPLES_DIR / "broken" / "doel-zonder-eigenaar.ttl"), shacl_graph=compiled.residual,
                                     inference="none")
    assert (None, SH.sourceConstraintComponent, SH.HasValueConstraintComponent) in results


def test_focus_nodes_limit_the_results():
    graph = data(EXAMPLES_DIR / "broken" / "doel-zonder-eigenaar.ttl")
    full = validate(graph)
    goal = next(r.focus_node for r in full.violations)
    assert {r.focus_node for r in validate(graph, focus_nodes=[goal]).results} == {goal}
    assert validate(graph, focus_nodes=[URIRef("https://w3id.org/doelgraaf/id/GM9999/niets")]).conforms


def test_report_formats():
    report = validate(data(EXAMPLES_DIR / "broken" / "doel-zonder-eigenaar.ttl"))
    parsed = json.loads(report.as_json())
    assert parsed["conforms"] is False and parsed["violations"] == 1
    assert set(parsed["results"][0]["message"]) == {"nl", "en"}
    turtle = Graph().parse(data=report.as_turtle(), format="turtle")
    messages = {m.language for m in turtle.objects(None, SH.resultMessage)}
    assert messages == {"nl", "en"}
    assert "heeft geen eigenaar" in report.as_text("nl") and "has no owner" in report.as_text("en")


def test_unreadable_input_names_file_line_and_problem(tmp_path):
    bad = tmp_path / "kapot.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "niet afgesloten .\n', encoding="utf-8")
    result = run_cli("validate", str(bad))
    assert result.returncode == 2
    message = result.stderr.decode()
    assert "kapot.ttl" in message and "regel/line 2" in message and "Traceback" not in message
    assert len(message.strip().splitlines()) == 1


@pytest.mark.parametrize("content,needle", [
    (b"\xff\xfe\x00bad", "UTF-8"),
    (b"", "geen triples"),
])
def test_other_unreadable_inputs(tmp_path, content, needle):
    path = tmp_path / "x.ttl"
    path.write_bytes(content)
    result = run_cli("validate", str(path))
    assert result.returncode == 2 and needle in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_unknown_extension_and_municipality_code(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("x")
    assert "onbekend RDF-formaat" in run_cli("validate", str(path)).stderr.decode()
    demo = str(EXAMPLES_DIR / "gm9999-meerwijk.ttl")
    result = run_cli("validate", demo, "--municipality", "9999")
    assert result.returncode == 2 and "GM0629" in result.stderr.decode()


def test_every_rdf_syntax_is_accepted(tmp_path):
    graph = data(EXAMPLES_DIR / "broken" / "doel-zonder-eigenaar.ttl")
    for fmt, ext in (("nt", "nt"), ("json-ld", "jsonld"), ("xml", "rdf"), ("turtle", "ttl")):
        path = tmp_path / f"copy.{ext}"
        graph.serialize(path, format=fmt)
        result = run_cli("validate", str(path), "--format", "json")
        assert result.returncode == 1, (fmt, result.stderr)
        assert json.loads(result.stdout)["violations"] == 1
