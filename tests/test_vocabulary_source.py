"""Vocabularies have one source, the store: an administrator's upload is what GET /vocab, validation, the
GraphQL enums and the template's lists see, and a restart keeps it; the project's files only seed."""

import io

import pyoxigraph as ox
import pytest
from doelgraaf.api.app import create_app
from doelgraaf.catalogue import shared_graphs, vocabularies
from doelgraaf.core.access import TokenRegistry
from doelgraaf.core.paths import VOCAB_DIR
from doelgraaf.graphql.schema import schema_for
from doelgraaf.ingest.loading import load_documents
from doelgraaf.ingest.rdf_files import parse_bytes
from doelgraaf.ingest.spreadsheet.export import export_workbook
from doelgraaf.store import StoreUnavailable, open_repository
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.conftest import ADMIN, demo_repository

BEGROTING = "https://w3id.org/doelgraaf/graph/vocab/begroting"


def _without(name: str, drop: str) -> bytes:
    """The project's vocabulary file with every line mentioning `drop` left out (as N-Triples)."""
    triples = [q.triple for q in ox.parse(path=str(VOCAB_DIR / f"{name}.ttl"))]
    return b"".join(str(t).encode() + b" .\n" for t in triples if drop not in str(t))


def _renamed_phase() -> bytes:
    """The budget vocabulary with the adopted budget's notation ADOPTED renamed PRIMITIEF."""
    triples = [q.triple for q in ox.parse(path=str(VOCAB_DIR / "begroting.ttl"))]
    notation = "http://www.w3.org/2004/02/skos/core#notation"
    out = []
    for t in triples:
        if t.predicate.value == notation and t.object.value == "ADOPTED":
            t = ox.Triple(t.subject, t.predicate, ox.Literal("PRIMITIEF"))
        out.append(str(t).encode() + b" .\n")
    return b"".join(out)


@pytest.fixture
def repo():
    repository = demo_repository(open_repository(memory=True))
    yield repository
    repository.close()


@pytest.fixture
def client(repo):
    with TestClient(create_app(repo, TokenRegistry({ADMIN: "admin"}))) as test_client:
        yield test_client


def _upload(client, name: str, body: bytes):
    response = client.put(f"/vocab/{name}", content=body,
                          headers={"content-type": "application/n-triples", "authorization": f"Bearer {ADMIN}"})
    assert response.status_code == 200, response.text


def test_get_serves_the_uploaded_vocabulary_and_a_restart_keeps_it(client, repo):
    before = client.get("/vocab/taakvelden", headers={"accept": "application/n-triples"}).text
    assert "taakveld/0.10>" in before
    _upload(client, "taakvelden", _without("taakvelden", "taakveld/0.10>"))
    after = client.get("/vocab/taakvelden", headers={"accept": "application/n-triples"}).text
    page = client.get("/vocab/taakvelden", headers={"accept": "text/html"}).text
    assert "taakveld/0.10>" not in after and "Mutaties reserves" not in page and "Mutaties reserves" in before
    shared_graphs.install(repo)  # what `serve` and `load` do on start
    assert client.get("/vocab/taakvelden", headers={"accept": "application/n-triples"}).text == after
    assert shared_graphs.records(repo)[vocabularies.PREFIX + "taakvelden"][0] == "upload"


def test_validation_checks_against_the_uploaded_vocabulary(client, repo):
    line = (b'@prefix dg: <https://w3id.org/doelgraaf/def#> . @prefix id: <https://w3id.org/doelgraaf/id/> .\n'
            b'id:GM0002 a dg:Municipality ; dg:cbsCode "GM0002" .\n'
            b'<https://w3id.org/doelgraaf/id/GM0002/programma/p> a dg:Programme ; <http://www.w3.org/2000/01/rdf-schema#label> "P"@nl .\n'
            b'<https://w3id.org/doelgraaf/id/GM0002/begroting/r> a dg:BudgetLine ; dg:amount 5.0 ; dg:fiscalYear "2025"^^<http://www.w3.org/2001/XMLSchema#gYear> ;\n'
            b'  dg:phase dg:AdoptedBudget ; dg:direction dg:Expense ; dg:taakveld <https://w3id.org/doelgraaf/id/taakveld/0.10> ;\n'
            b'  dg:funds <https://w3id.org/doelgraaf/id/GM0002/programma/p> .\n')
    document = parse_bytes(line, "turtle", "test")
    first = load_documents(repo, [document], ["GM0002"])
    assert not any("0.10" in str(r.focus_node) or "taakveld" in (r.path or "") for r in first.reports["GM0002"].violations), \
        [r.messages for r in first.reports["GM0002"].violations]
    _upload(client, "taakvelden", _without("taakvelden", "taakveld/0.10>"))
    second = load_documents(repo, [document], ["GM0002"])
    assert any(r.path == "dg:taakveld" for r in second.reports["GM0002"].violations)


def test_graphql_enums_and_the_template_lists_follow_the_store(client, repo):
    assert "PRIMITIEF" not in schema_for(repo).as_str()
    _upload(client, "begroting", _renamed_phase())
    sdl = schema_for(repo).as_str()
    phase = sdl.split("enum Phase {", 1)[1].split("}", 1)[0]
    assert "PRIMITIEF" in phase and "ADOPTED" not in phase
    _upload(client, "taakvelden", _without("taakvelden", "taakveld/0.10>"))
    lists = load_workbook(io.BytesIO(export_workbook(repo, "GM9999")))["Lijsten"]
    shown = {str(cell.value) for row in lists.iter_rows() for cell in row if cell.value is not None}
    assert "0.10" not in shown and "0.11" in shown


def test_a_new_version_of_a_shipped_file_replaces_the_stored_copy_of_it(repo):
    graph = ox.NamedNode(vocabularies.PREFIX + "sdg")
    entries = shared_graphs.records(repo)
    entries[graph.value] = ("file", "sha256:an-older-version")
    repo.replace_graphs({graph: [], shared_graphs.SOURCES: shared_graphs._record_triples(entries)})
    shared_graphs.install(repo)
    assert len(repo.graph_triples(graph)) > 17


def test_a_store_without_vocabularies_says_what_to_do():
    empty = open_repository(memory=True)
    with pytest.raises(StoreUnavailable, match="doelgraaf serve"):
        vocabularies.current(empty)
