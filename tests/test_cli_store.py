"""The commands that touch the store: load, export, serve (as `make run` starts it)."""

import json
from decimal import Decimal

import httpx
import pytest
from doelgraaf.core.paths import EXAMPLES_DIR
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from tests.conftest import doelgraaf_serve, endpoint_options, remote_repository, run_cli

DEMO = str(EXAMPLES_DIR / "gm9999-meerwijk.ttl")
BROKEN = str(EXAMPLES_DIR / "broken" / "doel-zonder-eigenaar.ttl")
BLOCKING = str(EXAMPLES_DIR / "broken" / "bedrag-als-tekst.ttl")


def canonical(graph: Graph) -> Graph:
    """Decimals in canonical form: the store keeps 1250000.00 as 1250000, the same value."""
    result = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        result.add((s, p, o))
    return result


@pytest.fixture
def store(tmp_path):
    return str(tmp_path / "store")


def test_load_then_export_round_trips(store, tmp_path):
    result = run_cli("load", DEMO, "--municipality", "GM9999", "--store", store)
    assert result.returncode == 0, result.stderr.decode()
    assert "GM9999: 4572 triples" in result.stdout.decode()
    out = tmp_path / "export.ttl"
    assert run_cli("export", "--municipality", "GM9999", "--store", store, "-o", str(out)).returncode == 0
    assert isomorphic(canonical(Graph().parse(out)), canonical(Graph().parse(DEMO)))
    trig = run_cli("export", "--municipality", "GM9999", "--format", "trig", "--store", store)
    assert b"<https://w3id.org/doelgraaf/graph/GM9999>" in trig.stdout
    jsonld = run_cli("export", "--municipality", "GM9999", "--format", "jsonld", "--store", store)
    assert json.loads(jsonld.stdout)


def test_a_load_that_is_refused_stores_nothing(store):
    """A blocking finding refuses (exit 1), and so does any violation under --strict; the stored data stays."""
    assert run_cli("load", DEMO, "--municipality", "GM9999", "--store", store).returncode == 0
    result = run_cli("load", BLOCKING, "--municipality", "GM9999", "--store", store)
    assert result.returncode == 1 and "niets opgeslagen" in result.stdout.decode() and "BLOKKEERT" in result.stdout.decode()
    result = run_cli("load", BROKEN, "--municipality", "GM9999", "--strict", "--store", store)
    assert result.returncode == 1 and "heeft geen eigenaar" in result.stdout.decode() and "--strict" in result.stdout.decode()
    after = run_cli("export", "--municipality", "GM9999", "--store", store).stdout
    assert isomorphic(canonical(Graph().parse(data=after, format="turtle")), canonical(Graph().parse(DEMO)))


def test_an_incomplete_load_is_stored_with_its_findings(store):
    result = run_cli("load", BROKEN, "--municipality", "GM9999", "--store", store)
    out = result.stdout.decode()
    assert result.returncode == 0 and "heeft geen eigenaar" in out and "opgeslagen, met 1 bevinding(en)" in out


def test_plain_turtle_needs_a_municipality_and_exports_need_data(store):
    result = run_cli("load", DEMO, "--store", store)
    assert result.returncode == 2 and "--municipality" in result.stderr.decode()
    result = run_cli("export", "--municipality", "GM0001", "--store", store)
    assert result.returncode == 2 and "geen gegevens van GM0001" in result.stderr.decode()


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_load_and_export_on_a_remote_endpoint(sparql_servers, kind, tmp_path):
    endpoint = sparql_servers(kind)
    remote_repository(endpoint).close()  # emptied of our graphs
    where = endpoint_options(endpoint)
    assert run_cli("load", DEMO, "--municipality", "GM9999", *where).returncode == 0
    out = tmp_path / "remote.ttl"
    assert run_cli("export", "--municipality", "GM9999", *where, "-o", str(out)).returncode == 0
    assert isomorphic(canonical(Graph().parse(out)), canonical(Graph().parse(DEMO)))


def test_an_unreachable_endpoint_is_one_clear_line():
    result = run_cli("export", "--municipality", "GM9999", "--endpoint", "http://127.0.0.1:9")
    assert result.returncode == 3 and "niet bereikbaar" in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_serve_with_demo_as_make_run_does(tmp_path):
    with doelgraaf_serve("--demo", "--store", str(tmp_path / "data")) as served:
        answer = httpx.post(served.url + "/graphql", json={"query": '{ municipality(code: "GM9999") { name goals { id } } }'}).json()
        assert answer["data"]["municipality"]["name"] == "Meerwijk"
    assert f"{served.url}/graphql" in served.output and "editor:GM9999" in served.output and "partner:GM9999:meerwijk-wekt" in served.output
