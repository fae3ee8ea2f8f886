"""The validator itself: SPARQL constraints on Oxigraph agree with pyshacl, focus-node validation, report formats."""

import json

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from doelgraaf.importers.municipality_graphs import split_by_municipality
from doelgraaf.importers.rdf_files import read_file
from doelgraaf.paths import EXAMPLES_DIR
from doelgraaf.validation import validate
from doelgraaf.validation.rules import shapes_graph, validation_background
from tests.conftest import run_cli

SPARQL_EXAMPLES = sorted(
    p for p in (EXAMPLES_DIR / "broken").glob("*.ttl")
    if any(rule in p.read_text() for rule in ("#Consistency-", "#Smart-targetAfterBaseline"))
)


def data(path):
    return split_by_municipality([read_file(path)])[None]


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
    ours = {(str(r.rule), str(r.focus_node)) for r in validate(graph).results if "#Consistency-" in str(r.rule) or "#Smart-targetAfter" in str(r.rule)}
    assert ours == theirs and ours


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
