"""The spreadsheet template: generated template, export -> import round trip, located messages,
untrusted workbooks, formula injection, the real Wassenaar budget, CLI and GraphQL."""

import base64
import csv
import io
import time
import zipfile
from collections import Counter
from decimal import Decimal

import pyoxigraph as ox
import pytest
from doelgraaf.analysis.export import municipality_graph_data
from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, ID, municipality_graph
from doelgraaf.core.paths import EXAMPLES_DIR
from doelgraaf.core.terms import to_triples
from doelgraaf.ingest.loading import load_documents
from doelgraaf.ingest.rdf_files import read_file
from doelgraaf.ingest.spreadsheet import export, importing, writer
from doelgraaf.ingest.spreadsheet.lists import vocabulary
from doelgraaf.ingest.spreadsheet.problems import WorkbookError
from doelgraaf.ingest.spreadsheet.reader import read_workbook
from doelgraaf.ingest.spreadsheet.template import OTHER, sheets
from doelgraaf.store import open_repository
from openpyxl import load_workbook
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from tests.conftest import EDITOR, OTHER_EDITOR, gql, run_cli
from tests.test_cli_store import canonical

DEMO = EXAMPLES_DIR / "gm9999-meerwijk.ttl"
WASSENAAR = EXAMPLES_DIR / "wassenaar-2026.xlsx"
WASSENAAR_CSV = EXAMPLES_DIR / "wassenaar"

# on one worker: the demo and Wassenaar stores (and the demo workbook) are built once, not on each worker
pytestmark = pytest.mark.xdist_group("spreadsheets")
GOAL_RULES = {
    "https://w3id.org/doelgraaf/shapes#Goal-indicatorsRequired": "indicator",
    "https://w3id.org/doelgraaf/shapes#Goal-owner": "owner",
    "https://w3id.org/doelgraaf/shapes#GoalBudgetShape": "budget",
}

# The smallest municipality that conforms: a goal with owner, programme, indicator and budget.
MINIMAL = {
    "Rollen": [{"key": "wethouder", "kind": "portefeuillehouder", "label": "Wethouder Wijken"}],
    "Programma's": [{"key": "P1", "code": "1", "label": "Programma 1: Wijken"}],
    "Doelen": [{"key": "D1", "label": "Schone wijken", "programme": "P1", "owner": "Wethouder Wijken"}],
    "Indicatoren": [{"key": "I1", "of": "D1", "kind": "effect", "label": "Tevredenheid over schoon", "unit": "%",
                     "baseline": Decimal("61.5"), "baseline_year": 2022, "target": Decimal("70"), "target_year": 2026}],
    "Begroting": [{"key": "B1", "funds": "D1", "year": 2026, "phase": "primitieve begroting", "direction": "lasten",
                   "taakveld": "7.3", "amount": Decimal("1250000.10")}],
}


def workbook(changes: dict | None = None, **extra) -> bytes:
    """MINIMAL with rows changed ({sheet: {row index: {column: value}}}) and sheets added."""
    rows = {name: [dict(row) for row in sheet_rows] for name, sheet_rows in MINIMAL.items()}
    for name, by_index in (changes or {}).items():
        for index, values in by_index.items():
            rows[name][index].update(values)
            rows[name][index] = {k: v for k, v in rows[name][index].items() if v is not None}
    rows.update(extra)
    return writer.fill_template(rows)


def content(data: bytes) -> dict:
    """What a person sees in a workbook: sheets, visibility, cell values, drop-downs, header notes."""
    book = load_workbook(io.BytesIO(data))
    return {ws.title: {
        "state": ws.sheet_state,
        "cells": [[cell.value for cell in row] for row in ws.iter_rows()],
        "validations": sorted((str(v.sqref), v.formula1, v.errorStyle) for v in ws.data_validations.dataValidation),
        "comments": [cell.comment.text for row in ws.iter_rows(max_row=1) for cell in row if cell.comment],
    } for ws in book.worksheets}


@pytest.fixture(scope="module")
def demo_repo():
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    assert load_documents(repo, [read_file(DEMO)], ["GM9999"]).stored
    yield repo
    repo.close()


@pytest.fixture(scope="module")
def demo_xlsx(demo_repo) -> bytes:
    return export.export_workbook(demo_repo, "GM9999")


@pytest.fixture(scope="module")
def wassenaar():
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    outcome = importing.import_workbook(repo, WASSENAAR.read_bytes(), "GM0629", str(WASSENAAR))
    yield repo, outcome
    repo.close()


def stored(repo, code: str) -> int:
    return len(repo.graph_triples(ox.NamedNode(str(municipality_graph(code)))))


# --- the template ------------------------------------------------------------------------------


def test_the_template_has_the_sheets_headers_and_drop_downs():
    book = load_workbook(io.BytesIO(writer.build_template()))
    assert book.sheetnames[:9] == ["Instructies", "Opgaven", "Doelen", "Indicatoren", "Maatregelen", "Bijdragen",
                                   "Begroting", "Rollen", "Documenten"]
    assert book.sheetnames[-2:] == [OTHER, "Lijsten"] and book["Lijsten"].sheet_state == "hidden"
    for sheet in sheets():
        worksheet = book[sheet.name]
        assert [c.value for c in worksheet[1]] == [c.nl for c in sheet.columns]
        assert [c.value for c in worksheet[2]] == [c.en for c in sheet.columns]
    budget = book["Begroting"]
    headers = [c.value for c in budget[1]]
    lists = {v.formula1: str(v.sqref) for v in budget.data_validations.dataValidation}
    values = {}
    for formula in lists:
        column = formula.split("$")[1]
        values[formula] = [c.value for c in book["Lijsten"][column][1:] if c.value is not None]
    phases = next(v for v in values.values() if "primitieve begroting" in v)
    assert phases == ["primitieve begroting", "begroting na wijziging", "realisatie"]
    assert next(v for v in values.values() if "lasten" in v) == ["lasten", "baten"]
    taakvelden = next(v for v in values.values() if "6.1" in v)
    assert "0.10" in taakvelden and "0.1" in taakvelden and "6.71a" in taakvelden and "6" not in taakvelden
    assert all(isinstance(code, str) for code in taakvelden)
    letter = "ABCDEFGHIJKL"[headers.index("Taakveld")]
    assert budget.column_dimensions[letter].number_format == "@"  # typed 0.10 stays 0.10
    required = {c.value for c in book["Doelen"][1] if c.fill.fgColor.rgb.endswith("C55A11")}
    assert {"Naam (nl)", "Eigenaar (portefeuillehouder)"} <= required
    note = book["Doelen"]["I1"].comment.text
    assert "portefeuillehouder" in note and "portfolio holder" in note  # from the shapes, in both languages
    kinds = {v.formula1 for v in book["Indicatoren"].data_validations.dataValidation}
    assert len(kinds) == 2  # soort (effect/prestatie) and beleidsindicator
    sdg_validation = next(v for v in book["Doelen"].data_validations.dataValidation if v.errorStyle == "information")
    assert str(sdg_validation.sqref).startswith("L3:")  # several SDGs in one cell are allowed
    instructions = [c.value for c in book["Instructies"]["A"] if c.value]
    assert any("puntkomma" in t for t in instructions) and any("semicolon" in t for t in instructions)


def test_the_committed_template_is_the_generated_one(root):
    committed = (root / "data" / "templates" / "doelgraaf-template.xlsx").read_bytes()
    assert content(committed) == content(writer.build_template()), \
        "regenerate it: .venv/bin/python -m doelgraaf.tools.template"


# --- export and import ----------------------------------------------------------------------------


def test_the_demo_survives_export_and_import(demo_repo, demo_xlsx):
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    started = time.perf_counter()
    outcome = importing.import_workbook(repo, demo_xlsx, "GM9999", "demo.xlsx")
    assert time.perf_counter() - started < 20
    assert outcome.stored and outcome.reports["GM9999"].conforms, outcome.messages("nl")[:5]
    original = canonical(municipality_graph_data(demo_repo, "GM9999"))
    again = canonical(municipality_graph_data(repo, "GM9999"))
    assert len(again) == len(original) == 4572 and isomorphic(original, again)
    # every statement of the demo has a column of its own: nothing needed the sheet Overig
    assert export.workbook_rows(municipality_graph_data(demo_repo, "GM9999"), "GM9999")[OTHER] == []
    book = load_workbook(io.BytesIO(demo_xlsx), read_only=True)
    assert book["Overig"].max_row == 2
    repo.close()


def test_rows_become_nodes_with_stable_iris_and_references_by_key_or_name():
    data = workbook()
    first, second = read_workbook(data, "GM0001", "a.xlsx"), read_workbook(data, "GM0001", "a.xlsx")
    assert set(first.graph) == set(second.graph)  # a re-import states exactly the same
    goal, owner = ID["GM0001/doel/D1"], ID["GM0001/post/wethouder"]
    graph = first.graph
    assert (goal, RDF.type, DG.Goal) in graph and (goal, DG.owner, owner) in graph  # the owner was given by name
    assert (owner, DG.roleType, ID["rol/portefeuillehouder"]) in graph
    assert (goal, RDFS.label, Literal("Schone wijken", lang="nl")) in graph
    line = ID["GM0001/begroting/B1"]
    assert Decimal(str(graph.value(line, DG.amount))) == Decimal("1250000.10")  # via str(), never a float sum
    assert graph.value(line, DG.taakveld) == ID["taakveld/7.3"]
    assert graph.value(graph.value(ID["GM0001/indicator/I1"], DG.baseline), DG.value) == Literal(Decimal("61.5"))
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    assert importing.import_workbook(repo, data, "GM0001", "a.xlsx").stored
    repo.close()


def test_a_violation_names_sheet_row_and_column_and_strict_stores_nothing(demo_repo):
    before = stored(demo_repo, "GM9999")
    data = workbook({"Doelen": {0: {"owner": None}}, "Indicatoren": {0: {"of": None}}})
    outcome = importing.import_workbook(demo_repo, data, "GM9999", "kapot.xlsx", strict=True)
    assert not outcome.stored and stored(demo_repo, "GM9999") == before
    nl, en = outcome.messages("nl"), outcome.messages("en")
    assert any("Blad Doelen, rij 3: Doel 'Schone wijken' heeft geen indicator." in line for line in nl)
    assert any("Sheet Doelen, row 3: Goal 'Schone wijken' has no indicator." in line for line in en)
    assert any("Blad Doelen, rij 3, kolom I (Eigenaar (portefeuillehouder)): Doel 'Schone wijken' heeft geen eigenaar"
               in line for line in nl)
    assert any("Sheet Doelen, row 3, column I (Owner (portfolio holder)): Goal 'Schone wijken' has no owner" in line
               for line in en)
    assert nl[-1].startswith("2 fout(en), waarvan 0 blokkerend") and en[-1].startswith("2 violation(s), 0 of them blocking")


def test_unreadable_cells_are_all_listed_with_their_place_in_both_languages(demo_repo):
    before = stored(demo_repo, "GM9999")
    data = workbook({
        "Begroting": {0: {"amount": "1.250.000,10", "year": "twintig", "taakveld": 0.1}},
        "Doelen": {0: {"owner": "wethouder-x", "parent": "P1"}},
        "Indicatoren": {0: {"shared_indicator": "99"}},
    }, Maatregelen=[{"key": "M1", "label": "Veegploeg", "goals": "D1, D2"}])
    with pytest.raises(WorkbookError) as caught:
        importing.import_workbook(demo_repo, data, "GM9999", "kapot.xlsx")
    error = caught.value
    assert stored(demo_repo, "GM9999") == before
    nl, en = error.text("nl"), error.text("en")
    assert "7 cel(len) van de werkmap zijn niet te lezen; er is niets opgeslagen" in nl
    assert "Blad Begroting, rij 3, kolom I (Bedrag (euro)): '1.250.000,10' is geschreven met een komma" in nl
    assert "Sheet Begroting, row 3, column I (Amount (euro)): '1.250.000,10' is written with a comma" in en
    assert "Blad Begroting, rij 3, kolom E (Jaar): 'twintig' is geen jaartal" in nl
    assert "kolom H (Taakveld): de code is als getal 0.1 ingevuld en kan dan 0.1 of 0.10 zijn" in nl
    assert "Blad Doelen, rij 3, kolom I (Eigenaar (portefeuillehouder)): 'wethouder-x' is geen bekende sleutel of naam" in nl
    assert "Sheet Doelen, row 3, column K (Parent goal): 'P1' is a programme (sheet Programma's, row 3), not a goal" in en
    assert "kolom L (Beleidsindicator (BBV)): '99' staat niet in de lijst BBV-beleidsindicatoren" in nl
    assert "'D1, D2' is no known key or name" in en and "separate several with a semicolon" in en
    assert "Traceback" not in nl + en


def test_numbers_in_code_columns_are_read_only_when_unambiguous():
    taakveld = vocabulary("taakveld")
    assert taakveld.find(6.1) == ID["taakveld/6.1"]  # Excel's number 6.1 can only be 6.1
    assert taakveld.find("0.10") == ID["taakveld/0.10"] and taakveld.find("0.1") == ID["taakveld/0.1"]
    assert taakveld.find("6.1 Samenkracht en burgerparticipatie") == ID["taakveld/6.1"]
    for ambiguous in (0.1, 6.6):  # 0.1 or 0.10; 6.6 or 6.60
        with pytest.raises(Exception, match="typ de code als tekst"):
            taakveld.find(ambiguous)
    with pytest.raises(Exception, match="staat niet in de lijst"):
        taakveld.find("9.9")


def test_the_workbook_must_be_of_the_municipality_imported():
    data = workbook(Gemeente=[{"label": "Wassenaar", "code": "GM0629"}])
    with pytest.raises(WorkbookError, match="deze werkmap is van GM0629, maar wordt geïmporteerd als GM0001"):
        read_workbook(data, "GM0001", "w.xlsx")


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    malicious = ['=HYPERLINK("http://evil.example","klik")', "+1+2", "-2+3", "@SUM(A1:A2)", "=1+1"]
    graph = read_workbook(workbook(), "GM0001", "a.xlsx").graph
    goal = ID["GM0001/doel/D1"]
    graph.remove((goal, RDFS.label, None))
    graph.add((goal, RDFS.label, Literal(malicious[0], lang="nl")))
    for index, text in enumerate(malicious[1:]):
        graph.add((ID[f"GM0001/opgave/o{index}"], RDF.type, DG.SocietalChallenge))
        graph.add((ID[f"GM0001/opgave/o{index}"], RDFS.label, Literal(text, lang="nl")))
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    repo.replace_graphs({ox.NamedNode(str(municipality_graph("GM0001"))): to_triples(graph)})
    data = export.export_workbook(repo, "GM0001")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets_xml = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets_xml)  # not a single formula in the file
    book = load_workbook(io.BytesIO(data))
    label = next(c for c in book["Doelen"][3] if c.value == malicious[0])
    assert label.data_type == "s" and label.quotePrefix
    again = read_workbook(data, "GM0001", "a.xlsx").graph
    assert again.value(goal, RDFS.label) == Literal(malicious[0], lang="nl")
    assert {str(o) for o in again.objects(None, RDFS.label)} >= set(malicious)
    repo.close()


# --- untrusted files ---------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def _with_sheet_xml(data: bytes, sheet: str, change) -> bytes:
    """The workbook with the XML of one sheet changed (as a tool other than Excel might write it)."""
    book = load_workbook(io.BytesIO(data), read_only=True)
    index = book.sheetnames.index(sheet) + 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    name = f"xl/worksheets/sheet{index}.xml"
    members[name] = change(members[name])
    return _zip(members)


def _huge_range(data: bytes) -> bytes:
    book = load_workbook(io.BytesIO(data))
    book["Doelen"]["XFD1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _lying_dimension(data: bytes) -> bytes:
    far = b'<row r="900000"><c r="C900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    return _with_sheet_xml(data, "Doelen", lambda xml: xml.replace(b"</sheetData>", far))


def _uncomputed_formula(data: bytes) -> bytes:
    book = load_workbook(io.BytesIO(data))
    book["Begroting"]["I3"] = "=1000*1250"  # openpyxl, like some tools, stores no computed value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BOMB = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * 30_000_000})


@pytest.mark.parametrize("make, expected", [
    (lambda: b"Naam;Bedrag\nSchone wijken;12\n", "geen Excel-werkmap"),
    (lambda: _zip({"word/document.xml": b"<w/>"}), "geen xl/workbook.xml"),
    (lambda: BOMB, "zip-bom"),
    (lambda: _huge_range(workbook()), "blad Doelen gebruikt cellen tot XFD1048576"),
    (lambda: _lying_dimension(workbook()), "blad Doelen gebruikt cellen tot N900000"),
    (lambda: _uncomputed_formula(workbook()), "blad Begroting, cel I3 heeft een formule zonder berekende waarde"),
], ids=["text", "other-zip", "zip-bomb", "huge-used-range", "lying-dimension", "uncomputed-formula"])
def test_untrusted_files_are_refused_quickly(make, expected):
    data = make()
    started = time.perf_counter()
    with pytest.raises(UserError) as caught:
        read_workbook(data, "GM0001", "x.xlsx")
    assert time.perf_counter() - started < 2
    assert expected in caught.value.text("nl") and caught.value.where == "x.xlsx"


def test_the_cli_refuses_an_unreadable_file_with_exit_2(tmp_path):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(BOMB)
    result = run_cli("import", "xlsx", str(path), "--municipality", "GM0001", "--store", str(tmp_path / "store"))
    assert result.returncode == 2 and "zip-bom" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


# --- Wassenaar: a real programme budget -------------------------------------------------------------


def _source(name: str) -> list[dict]:
    with open(WASSENAAR_CSV / f"wassenaar_begroting2026_{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _lacking(report) -> dict[str, set]:
    lacking: dict[str, set] = {name: set() for name in GOAL_RULES.values()}
    for result in report.violations:
        if str(result.rule) in GOAL_RULES:
            lacking[GOAL_RULES[str(result.rule)]].add(str(result.focus_node))
    return lacking


def test_the_wassenaar_workbook_is_built_from_the_copied_csvs(root):
    import runpy

    build = runpy.run_path(str(WASSENAAR_CSV / "build_workbook.py"))
    assert content(WASSENAAR.read_bytes()) == content(writer.fill_template(build["rows"]())), \
        "rebuild it: .venv/bin/python data/examples/wassenaar/build_workbook.py"


def test_the_wassenaar_report_shows_every_goal_without_indicator_owner_or_budget(wassenaar):
    repo, outcome = wassenaar
    elements = _source("visie_doelen_resultaten")
    goals = [e for e in elements if e["element_type"] == "doelstelling"]
    assert len(goals) == 35 and sum(e["element_type"] == "resultaat" for e in elements) == 71
    assert outcome.stored and stored(repo, "GM0629") == outcome.triples  # stored as it is, with its findings
    report = outcome.reports["GM0629"]
    lacking = _lacking(report)
    # the budget names no owner or indicator for any goal, and funds programmes, not goals or results
    assert {name: len(nodes) for name, nodes in lacking.items()} == {"indicator": 35, "owner": 35, "budget": 35}
    assert lacking["indicator"] == {str(ID[f"GM0629/doel/{g['programma_code']}-D{g['nummer']}"]) for g in goals}
    assert not [r for r in report.violations if str(r.rule) not in GOAL_RULES] and not report.blocking
    # 6.753: a negative expense in the source, a correction: something to check, not an error
    assert len(report.warnings) == 1 and "negatief bedrag (-100000)" in report.warnings[0].message("nl")
    lines = outcome.messages("nl")
    assert any(line.endswith("Blad Doelen, rij 3: Doel 'Stellen van veiligheidsprioriteiten.' heeft geen indicator.")
               for line in lines)
    assert lines[-1] == "105 fout(en), waarvan 0 blokkerend; 1 waarschuwing(en): voldoet niet"
    # what a controller reads first: the same three gaps for every goal, each once, with an example
    short = lines[lines.index("Samengevat:") + 1:-1]
    assert [line.split("×")[0].strip() for line in short] == ["35", "35", "35"]
    assert any("heeft geen indicator" in line for line in short) and any("eigenaar" in line for line in short)


def test_the_wassenaar_budget_reconciles_with_the_document():
    graph = read_workbook(WASSENAAR.read_bytes(), "GM0629", "w.xlsx").graph
    totals = Counter()
    for line in graph.subjects(RDF.type, DG.BudgetLine):
        totals[graph.value(line, DG.direction)] += Decimal(str(graph.value(line, DG.amount)))
    assert totals[DG.Expense] == Decimal("95520068") and totals[DG.Revenue] == Decimal("95107652")
    assert len(set(graph.subjects(RDF.type, DG.Observation))) == len(_source("beleidsindicatoren")) == 34
    assert len(set(graph.subjects(DG.serves, None))) == 71


def test_validate_on_the_wassenaar_rdf_reports_the_same(wassenaar, tmp_path):
    import json

    repo, outcome = wassenaar
    graph = read_workbook(WASSENAAR.read_bytes(), "GM0629", "w.xlsx").graph
    path = tmp_path / "wassenaar.ttl"
    graph.serialize(path, format="turtle")
    result = run_cli("validate", str(path), "--municipality", "GM0629", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    by_rule = Counter(r["rule"] for r in report["results"] if r["severity"] == "Violation")
    assert by_rule == Counter(str(r.rule) for r in outcome.reports["GM0629"].violations)
    assert report["violations"] == 105 and report["blocking"] == 0


def test_the_cli_imports_and_exports_workbooks(tmp_path):
    store = str(tmp_path / "store")
    path = tmp_path / "gm0001.xlsx"
    path.write_bytes(workbook())
    result = run_cli("import", "xlsx", str(path), "--municipality", "GM0001", "--store", store)
    assert result.returncode == 0 and result.stdout.decode().splitlines() == [
        "0 fout(en), waarvan 0 blokkerend; 0 waarschuwing(en): voldoet", "opgeslagen / stored"], result.stderr.decode()
    out = tmp_path / "terug.xlsx"
    result = run_cli("export", "xlsx", "--municipality", "GM0001", "--store", store, "-o", str(out))
    assert result.returncode == 0
    assert [row[:3] for row in content(out.read_bytes())["Doelen"]["cells"][2:]] == [["D1", None, "Schone wijken"]]
    result = run_cli("import", "xlsx", str(WASSENAAR), "--municipality", "GM0629", "--store", store, "--lang", "en")
    output = result.stdout.decode()
    assert result.returncode == 0 and "stored, with 106 finding(s) to resolve" in output
    findings = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert sum(line.endswith("has no indicator.") for line in findings) == 35 and "Sheet Doelen, row 3: Goal" in output
    assert "In short:" in output
    result = run_cli("import", "xlsx", str(WASSENAAR), "--municipality", "GM0629", "--store", store, "--strict")
    assert result.returncode == 1 and "met --strict weigert elke fout" in result.stdout.decode()


# --- GraphQL -----------------------------------------------------------------------------------------

IMPORT = ("mutation($data: String!, $strict: Boolean! = false) { importSpreadsheet(municipality: \"GM9999\", data: $data, "
          "strict: $strict) { ok violations { message(lang: \"en\") } } }")


def test_graphql_import_spreadsheet(client, demo):
    data = base64.b64encode(workbook()).decode()
    status, body = gql(client, IMPORT, {"data": data}, OTHER_EDITOR)
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN" and stored(demo, "GM9999") == 4572
    status, body = gql(client, IMPORT, {"data": data}, EDITOR)
    assert body["data"]["importSpreadsheet"] == {"ok": True, "violations": []}
    assert stored(demo, "GM9999") == len(read_workbook(workbook(), "GM9999", "w.xlsx").graph)
    broken = base64.b64encode(workbook({"Doelen": {0: {"owner": None}}})).decode()
    status, body = gql(client, IMPORT, {"data": broken, "strict": True}, EDITOR)
    assert body["data"]["importSpreadsheet"]["ok"] is False
    status, body = gql(client, IMPORT, {"data": broken}, EDITOR)
    result = body["data"]["importSpreadsheet"]
    assert result["ok"] is True  # stored as it is: the goal still needs an owner, and the answer says so
    assert [v["message"] for v in result["violations"]] == [
        "Sheet Doelen, row 3, column I (Owner (portfolio holder)): Goal 'Schone wijken' has no owner (portfolio holder)."]
    status, body = gql(client, IMPORT, {"data": "dit is geen base64!"}, EDITOR)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
