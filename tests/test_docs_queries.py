"""Every saved query of the guide (docs/queries/*.graphql) runs against the demo without errors and finds data.

A query whose first line reads `# vereist / requires: field, …` runs once every named field is in
schema.graphql. A line `# gegevens / data: cbs-iv3 FILE YEAR PHASE` loads those CBS Iv3 figures first,
into a store of the query's own (the shared demo store stays as the other tests expect it).
"""

import re

import pytest
from doelgraaf.core.paths import PROJECT_ROOT
from fastapi.testclient import TestClient

from tests.conftest import embedded_demo_store, gql

# the saved queries test the guide, not the back-end (the contract and mutation suites run on both)
demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: the module's demo store is built once, not on each worker
pytestmark = pytest.mark.xdist_group("docs-queries")

QUERIES = sorted((PROJECT_ROOT / "docs" / "queries").glob("*.graphql"))
SCHEMA = (PROJECT_ROOT / "schema.graphql").read_text(encoding="utf-8")


def _header(path, key: str) -> list[str]:
    found = re.search(rf"^# {key}: (.+)$", path.read_text(encoding="utf-8"), flags=re.M)
    return found.group(1).split() if found else []


def _missing_fields(path) -> list[str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    if not first.startswith("# vereist / requires:"):
        return []
    fields = [f.strip() for f in first.split(":", 1)[1].split(",") if f.strip()]
    return [f for f in fields if not re.search(rf"^\s+{re.escape(f)}[(:]", SCHEMA, flags=re.M)]


def _store_with_figures(kind: str, file: str, year: str, phase: str):
    from doelgraaf.catalogue import shared_graphs
    from doelgraaf.cli.serve import DEMO_CODE, DEMO_FILE
    from doelgraaf.ingest.cbs_iv3 import import_file
    from doelgraaf.ingest.loading import load_documents
    from doelgraaf.ingest.rdf_files import read_file
    from doelgraaf.store import open_repository

    assert kind == "cbs-iv3", f"unknown data kind {kind}"
    if not (PROJECT_ROOT / file).is_file():
        pytest.skip(f"{file} ontbreekt / is missing")
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    assert load_documents(repo, [read_file(DEMO_FILE)], [DEMO_CODE]).stored
    import_file(repo, PROJECT_ROOT / file, int(year), phase)
    return repo


def _filled(data) -> bool:
    if isinstance(data, dict):
        return any(_filled(v) for v in data.values())
    if isinstance(data, list):
        return any(_filled(v) for v in data)
    return data is not None


def test_there_are_saved_queries():
    assert len(QUERIES) >= 8


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_saved_query_runs_on_the_demo(path, client):
    if missing := _missing_fields(path):
        pytest.skip(f"{', '.join(missing)} staat nog niet in schema.graphql / is not in schema.graphql yet")
    text = path.read_text(encoding="utf-8")
    assert len(re.match(r"(#.*\n)*", text).group().splitlines()) >= 2, "a comment header, in Dutch and English"
    if data := _header(path, "gegevens / data"):
        from doelgraaf.api.app import create_app
        from doelgraaf.core.access import TokenRegistry

        repo = _store_with_figures(*data)
        with TestClient(create_app(repo, TokenRegistry({}))) as own_client:
            status, body = gql(own_client, text)
        repo.close()
    else:
        status, body = gql(client, text)
    assert status == 200 and "errors" not in body, body.get("errors")
    assert all(value is not None for value in body["data"].values())
    assert _filled(body["data"]), "the query finds nothing in the demo"
