"""Nothing lost, nothing half-written: kill -9 during writes, readers during writes, backup and restore."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pyoxigraph as ox
import pytest
from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.paths import EXAMPLES_DIR
from doelgraaf.ingest.loading import load_documents
from doelgraaf.ingest.rdf_files import read_file
from doelgraaf.store import datasets, open_repository
from doelgraaf.validation.municipality import municipality_report

from tests.conftest import run_cli

GRAPH = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999")
DEMO = EXAMPLES_DIR / "gm9999-meerwijk.ttl"

WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from doelgraaf.ingest.rdf_files import parse_bytes
    from doelgraaf.ingest.loading import load_documents
    from doelgraaf.store import open_repository
    repo = open_repository(store=sys.argv[1])
    text = Path(sys.argv[2]).read_text(encoding="utf-8")
    print("ready", flush=True)
    round = 0
    while True:  # alternate between two conforming versions of the demo until killed
        round += 1
        version = text.replace('"Meerwijk"@nl', f'"Meerwijk {round}"@nl')
        load_documents(repo, [parse_bytes(version.encode(), "turtle", "v")], ["GM9999"])
""")


def label(repo) -> str:
    rows = repo.select('SELECT ?l WHERE { GRAPH ?g { <https://w3id.org/doelgraaf/id/gemeente/GM9999> <http://www.w3.org/2000/01/rdf-schema#label> ?l } }',
                       bindings={"g": GRAPH}).rows
    return rows[0][0].value


@pytest.mark.parametrize("delay", [0.4, 2.2])
def test_kill_9_during_a_load_leaves_the_before_or_after_state(tmp_path, delay):
    store = tmp_path / "store"
    repo = open_repository(store=store)
    shared_graphs.install(repo)
    assert load_documents(repo, [read_file(DEMO)], ["GM9999"]).stored
    expected_size = repo.graph_sizes()[GRAPH.value]
    repo.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store), str(DEMO)], stdout=subprocess.PIPE)
    assert writer.stdout.readline().strip() == b"ready"
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    repo = open_repository(store=store)
    assert repo.graph_sizes()[GRAPH.value] == expected_size  # one complete version, never a mix
    assert label(repo).startswith("Meerwijk")
    assert municipality_report(repo, "GM9999").conforms
    repo.close()


def test_kill_9_during_a_dataset_import_keeps_the_previous_version(tmp_path):
    store = tmp_path / "store"
    repo = open_repository(store=store)
    shared_graphs.install(repo)
    first = [ox.Triple(ox.NamedNode(f"http://example.org/{i}"), ox.NamedNode("http://example.org/p"), ox.Literal("old")) for i in range(1000)]
    datasets.replace(repo, "proef", first, {"title": "proef"})
    repo.close()
    script = textwrap.dedent("""
        import sys, pyoxigraph as ox
        from doelgraaf.store import datasets
        from doelgraaf.store import open_repository
        repo = open_repository(store=sys.argv[1])
        triples = (ox.Triple(ox.NamedNode(f"http://example.org/{i}"), ox.NamedNode("http://example.org/p"), ox.Literal("new"))
                   for i in range(3_000_000))
        print("ready", flush=True)
        datasets.replace(repo, "proef", triples, {"title": "proef"})
    """)
    writer = subprocess.Popen([sys.executable, "-c", script, str(store)], stdout=subprocess.PIPE)
    assert writer.stdout.readline().strip() == b"ready"
    time.sleep(3.0)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    repo = open_repository(store=store)
    datasets.remove_orphans(repo)
    current = datasets.current_graph(repo, "proef")
    assert repo.graph_sizes()[current.value] == 1000
    assert not [g for g in repo.graph_sizes() if g.startswith(datasets.VERSIONS) and g != current.value]
    repo.close()


def test_readers_never_see_a_half_written_change(tmp_path):
    repo = open_repository(store=tmp_path / "store")
    small = [ox.Triple(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"), ox.Literal("a")) for i in range(100)]
    large = [ox.Triple(ox.NamedNode(f"http://example.org/l{i}"), ox.NamedNode("http://example.org/p"), ox.Literal("b")) for i in range(1000)]
    repo.replace_graphs({GRAPH: small})
    seen, stop = set(), threading.Event()

    def read():
        while not stop.is_set():
            rows = repo.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": GRAPH}).rows
            seen.add(int(rows[0][0].value))

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    for round in range(10):
        repo.replace_graphs({GRAPH: large if round % 2 == 0 else small})
    stop.set()
    for reader in readers:
        reader.join()
    assert seen <= {100, 1000} and len(seen) == 2
    repo.close()


def test_backup_and_restore(tmp_path):
    store, backup, restored = tmp_path / "store", tmp_path / "backup", tmp_path / "restored"
    assert run_cli("load", str(DEMO), "--municipality", "GM9999", "--store", str(store)).returncode == 0
    result = run_cli("backup", str(backup), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert run_cli("backup", str(backup), "--store", str(store)).returncode == 2  # never overwrites
    result = run_cli("restore", str(backup), "--store", str(restored))
    assert run_cli("restore", str(backup), "--store", str(restored)).returncode == 2
    original = open_repository(store=store)
    copy = open_repository(store=restored)
    sizes = original.graph_sizes()
    assert result.returncode == 0 and f"{len(sizes)} graphs, {sum(sizes.values())} triples".encode() in result.stdout
    assert copy.graph_sizes() == sizes and sizes[str(GRAPH.value)] == 4572
    assert sorted(map(str, original.graph_triples(GRAPH))) == sorted(map(str, copy.graph_triples(GRAPH)))
    original.close()
    copy.close()
