"""The example data: the demo municipality conforms, and every rule has a broken example that breaks exactly it.

data/examples/gm9999-meerwijk.ttl   the demo (fictional Meerwijk, GM9999): no violations, no warnings
data/examples/broken/*.ttl          one file per rule; its first lines declare what validation must report:
                                    # verwacht / expected: <rule IRI> <focus node IRI> <Violation|Warning>
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.core.paths import EXAMPLES_DIR
from doelgraaf.validation import ValidationReport
from rdflib import Literal, URIRef
from rdflib.namespace import SH

from tests.conftest import example_report

# one worker validates each example once for this module and test_validation (see example_report)
pytestmark = pytest.mark.xdist_group("example-reports")

DEMO = EXAMPLES_DIR / "gm9999-meerwijk.ttl"
BROKEN_DIR = EXAMPLES_DIR / "broken"
BROKEN = sorted(BROKEN_DIR.glob("*.ttl"))
EXPECTED = re.compile(r"^# verwacht / expected: (\S+) (\S+) (Violation|Warning|Info)\s*$")
PLACEHOLDER = re.compile(r"\{(label|value)\}")

# SHACL Core parameters that make a shape a rule someone can break (sh:property and sh:sparql only point to
# other rules; SPARQL constraints are collected separately).
CONSTRAINT_PARAMETERS = {
    SH[name]
    for name in (
        "class datatype nodeKind minCount maxCount minExclusive minInclusive maxExclusive maxInclusive minLength "
        "maxLength pattern languageIn uniqueLang equals disjoint lessThan lessThanOrEquals not and or xone node "
        "qualifiedValueShape closed hasValue in"
    ).split()
}

Expectation = tuple[str, str, str]  # (rule IRI, focus node, severity)


def report_for(path: Path) -> ValidationReport:
    groups, report = example_report(path)
    assert list(groups) == [None], "example files are plain Turtle, outside any named graph"
    return report


def results_of(report: ValidationReport) -> set[Expectation]:
    return {(str(r.rule), str(r.focus_node), r.severity) for r in report.results}


def declared(path: Path) -> set[Expectation]:
    """The expectations in the comment block that opens the file."""
    expected = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if match := EXPECTED.match(line):
            expected.add(match.groups())
    return expected


def named_rules() -> set[str]:
    """Every named shape that carries a constraint, and every named SPARQL constraint."""
    shapes = shapes_graph()
    deactivated = {s for s in shapes.subjects(SH.deactivated, Literal(True))}
    rules = {
        s for s, p, _ in shapes
        if p in CONSTRAINT_PARAMETERS and isinstance(s, URIRef) and s not in deactivated
    }
    rules |= {o for o in shapes.objects(None, SH.sparql) if isinstance(o, URIRef) and o not in deactivated}
    return {str(r) for r in rules}


# ------------------------------------------------------------------------------------------------------------
# the demo municipality
# ------------------------------------------------------------------------------------------------------------


def test_demo_conforms_without_violations():
    report = report_for(DEMO)
    assert report.violations == [], [r.messages["en"] for r in report.violations]
    assert report.conforms


def test_demo_has_no_warnings():
    report = report_for(DEMO)
    assert report.warnings == [], [r.messages["en"] for r in report.warnings]


# ------------------------------------------------------------------------------------------------------------
# the broken examples
# ------------------------------------------------------------------------------------------------------------


def test_there_are_broken_examples():
    assert len(BROKEN) > 50


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_example_reports_exactly_what_it_declares(path: Path):
    expected = declared(path)
    assert expected, f"{path.name} declares no '# verwacht / expected:' line"
    report = report_for(path)
    assert results_of(report) == expected
    assert report.conforms is False  # SHACL: any finding, even a warning, means the data does not conform


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_example_messages_are_bilingual_and_filled_in(path: Path):
    for result in report_for(path).results:
        for lang in ("nl", "en"):
            message = result.messages.get(lang, "")
            assert message.strip(), f"{result.rule}: no {lang} message"
            assert not PLACEHOLDER.search(message), f"{result.rule}: unfilled placeholder in {message!r}"


def test_every_rule_has_a_broken_example():
    covered = {rule for path in BROKEN for rule, _, _ in declared(path)}
    missing = sorted(named_rules() - covered)
    assert not missing, f"rules without a file in data/examples/broken/: {missing}"


def test_broken_examples_name_only_existing_rules():
    unknown = {rule for path in BROKEN for rule, _, _ in declared(path)} - named_rules()
    assert not unknown


# ------------------------------------------------------------------------------------------------------------
# the command line: one run per exit code
# ------------------------------------------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "doelgraaf.cli", "validate", *args],
        capture_output=True, text=True, timeout=300,
    )


def test_cli_exit_0_when_only_warnings():
    path = BROKEN_DIR / "smart-geen-eenheid.ttl"
    done = run_cli(str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    # SHACL says a report with a warning does not conform; the exit code is about violations
    assert output["conforms"] is False and output["violations"] == 0 and output["warnings"] >= 1
    assert {(r["rule"], r["focusNode"], r["severity"]) for r in output["results"]} == declared(path)


def test_cli_exit_1_on_violations():
    path = BROKEN_DIR / "doel-zonder-eigenaar.ttl"
    done = run_cli(str(path), "--format", "json")
    assert done.returncode == 1, done.stderr
    output = json.loads(done.stdout)
    assert {(r["rule"], r["focusNode"], r["severity"]) for r in output["results"]} == declared(path)


def test_cli_exit_2_on_unreadable_input(tmp_path: Path):
    path = tmp_path / "kapot.ttl"
    path.write_text("@prefix dg: <https://w3id.org/doelgraaf/def#> .\ndg:x dg:y \n", encoding="utf-8")
    done = run_cli(str(path))
    assert done.returncode == 2
    assert "kapot.ttl" in done.stderr


def test_cli_strict_turns_warnings_into_exit_1():
    path = BROKEN_DIR / "smart-geen-eenheid.ttl"
    done = run_cli(str(path), "--strict")
    assert done.returncode == 1 and "heeft geen eenheid" in done.stdout
