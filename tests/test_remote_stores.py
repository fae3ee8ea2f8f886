"""The README's path on each remote server, with the embedded store's answers: `doelgraaf load`, `import cbs-iv3`
and `serve` over Oxigraph server and Virtuoso, then the public SPARQL queries and the guide's GraphQL queries,
answered alike by every back-end (docs/stores.md)."""

import json
import re

import httpx
import pytest
from doelgraaf.api.app import create_app
from doelgraaf.core.access import TokenRegistry
from doelgraaf.core.paths import PROJECT_ROOT
from doelgraaf.store import open_repository
from fastapi.testclient import TestClient

from tests.conftest import TOKENS, doelgraaf_serve, endpoint_options, remote_repository, run_cli

pytestmark = pytest.mark.xdist_group("remote-stores")

DEMO = "data/examples/gm9999-meerwijk.ttl"
# the figures the guide's comparison asks for (docs/queries/vergelijken.graphql)
CBS = PROJECT_ROOT / "data" / "cbs-iv3" / "iv3_2024_begroting.csv"
PUBLIC = sorted((PROJECT_ROOT / "service" / "doelgraaf" / "queries" / "public").glob("*.rq"))
DESCRIBE = "4-beschrijf-doel.rq"
GUIDE = sorted((PROJECT_ROOT / "docs" / "queries").glob("*.graphql"))
# what differs between two loads of the same data whatever the store: fresh IRIs (skolem IRIs, dataset versions)
# and the moment of an import
FRESH = re.compile(r"[0-9a-f]{32}|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\"']*")


@pytest.fixture(scope="module")
def cbs_file(tmp_path_factory):
    """The 2024 figures of 25 municipalities: the whole file takes a minute on Virtuoso and proves no more."""
    lines = CBS.read_text(encoding="utf-8").splitlines()
    names = list(dict.fromkeys(line.split(";", 1)[0] for line in lines[1:]))[:25]
    kept = [lines[0]] + [line for line in lines[1:] if line.split(";", 1)[0] in names]
    path = tmp_path_factory.mktemp("cbs") / CBS.name
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def load_and_import(options: list[str], cbs_file) -> None:
    for command in (["load", DEMO, "--municipality", "GM9999"], ["import", "cbs-iv3", str(cbs_file), "--year", "2024", "--phase", "ADOPTED"]):
        result = run_cli(*command, *options)
        assert result.returncode == 0, result.stderr.decode()[-2000:]


def answers(repo) -> dict[str, str]:
    """Every public query and every query of the guide, as the service answers them, in a comparable form."""
    found = {}
    with TestClient(create_app(repo, TokenRegistry(TOKENS))) as client:
        for path in PUBLIC:
            response = client.get("/sparql", params={"query": path.read_text(encoding="utf-8")},
                                  headers={"Accept": "application/sparql-results+json, application/n-triples"})
            assert response.status_code == 200, (path.name, response.text[:500])
            if response.headers["content-type"].startswith("application/sparql-results+json"):
                rows = [json.dumps(binding, sort_keys=True) for binding in response.json()["results"]["bindings"]]
            else:
                rows = response.text.splitlines()
            found[path.name] = FRESH.sub("*", "\n".join(sorted(rows)))
        for path in GUIDE:
            response = client.post("/graphql", json={"query": path.read_text(encoding="utf-8")})
            assert response.status_code == 200 and "errors" not in response.json(), (path.name, response.text[:500])
            found[path.name] = FRESH.sub("*", json.dumps(response.json(), sort_keys=True))
    return found


@pytest.fixture(scope="module")
def embedded_answers(tmp_path_factory, cbs_file):
    store = tmp_path_factory.mktemp("embedded") / "store"
    load_and_import(["--store", str(store)], cbs_file)
    repo = open_repository(store=store)
    try:
        return answers(repo)
    finally:
        repo.close()


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_load_import_and_the_readme_queries_answer_as_on_the_embedded_store(sparql_servers, kind, cbs_file, embedded_answers):
    endpoint = sparql_servers(kind)
    remote_repository(endpoint).close()
    load_and_import(endpoint_options(endpoint), cbs_file)
    repo = open_repository(endpoint=endpoint.query_url, update_endpoint=endpoint.update_url, graph_store=endpoint.graph_store_url)
    try:
        found = answers(repo)
    finally:
        repo.close()
    assert found.keys() == embedded_answers.keys()
    for name, expected in embedded_answers.items():
        if name == DESCRIBE and kind == "virtuoso":
            # what describes a resource is the server's choice (SPARQL 1.1, 16.4): Virtuoso adds the links that point at it
            assert set(expected.splitlines()) < set(found[name].splitlines()), name
        else:
            assert found[name] == expected, name


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_serve_over_a_remote_store(sparql_servers, kind):
    endpoint = sparql_servers(kind)
    remote_repository(endpoint).close()
    with doelgraaf_serve(*endpoint_options(endpoint), "--demo") as served:
        health = httpx.get(served.url + "/health").json()
        assert health["backend"] == "remote" and all(graph.startswith("https://w3id.org/doelgraaf/graph/") for graph in health["graphSizes"])
        answer = httpx.post(served.url + "/graphql", json={"query": '{ municipality(code: "GM9999") { name goals { id } } }'}).json()
        assert answer["data"]["municipality"]["name"] == "Meerwijk" and len(answer["data"]["municipality"]["goals"]) > 5
