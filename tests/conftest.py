import contextlib
import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the browser tests drive Debian's Chromium with Playwright and leave what they saw here
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="Debian's chromium ontbreekt (apt-get install chromium) / is absent")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep `--dist loadgroup` working: xdist sends the tests of one `xdist_group` to one worker by appending
    "@group" to their node ids, but pytest 9.2 keeps a node id in `_id` and xdist 3.8 still writes the old
    `_nodeid`, so the mark did nothing and each worker started a group's shared set-up again. Where xdist's
    own renaming took effect (older pytest) this changes nothing."""
    if not getattr(config.option, "loadgroup", False):
        return
    for item in items:
        names = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                        for mark in item.iter_markers("xdist_group")})
        suffix = "@" + "_".join(names)
        if names and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
            item._id = type(item._id).parse(item.nodeid + suffix)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@functools.lru_cache(maxsize=None)
def example_report(path: Path):
    """validate() of one example file (plain Turtle, outside any named graph), once per worker: test_examples
    checks what each broken example reports, test_validation compares it with a check of some focus nodes.
    Both modules are in one xdist group, so each file is validated once. Returns (groups, report)."""
    from doelgraaf.ingest.municipality_graphs import split_by_municipality
    from doelgraaf.ingest.rdf_files import read_file
    from doelgraaf.validation import validate

    groups = split_by_municipality([read_file(path)])
    return tuple(groups), validate(groups[None]) if None in groups else None


def run_cli(*args: str, input: bytes | None = None):
    """Run the real `doelgraaf` console script; returns the CompletedProcess."""
    import subprocess

    exe = Path(sys.executable).with_name("doelgraaf")
    return subprocess.run([str(exe), *args], capture_output=True, input=input, cwd=ROOT, timeout=120)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The back-ends every back-end-parametrised test runs on: the embedded store, and each remote SPARQL server
# (tests/servers.py starts them on loopback, or takes the one the environment names). A server that is absent
# is skipped with the reason; DOELGRAAF_TEST_BACKENDS=embedded,oxigraph narrows the list.
BACKENDS = [name for name in ("embedded", "oxigraph", "virtuoso", "endpoint")
            if name != "endpoint" or os.environ.get("DOELGRAAF_TEST_ENDPOINT_QUERY_URL")]
if os.environ.get("DOELGRAAF_TEST_BACKENDS"):
    BACKENDS = [name for name in BACKENDS if name in os.environ["DOELGRAAF_TEST_BACKENDS"].split(",")]


@pytest.fixture(scope="session")
def sparql_servers(tmp_path_factory):
    """The remote servers of this test session, started on first use and stopped at its end."""
    from tests import servers

    started: dict = {}

    def endpoint(kind: str):
        if kind not in started:
            reason = servers.skip_reason(kind)
            if reason:
                pytest.skip(reason)
            started[kind] = servers.start(kind, tmp_path_factory.mktemp(kind))
        return started[kind][0]

    yield endpoint
    for _, stop in started.values():
        stop()


@pytest.fixture(scope="session")
def oxigraph_server(sparql_servers):
    """A real SPARQL 1.1 endpoint: the Oxigraph server from PyPI on loopback (tests/servers.py)."""
    return sparql_servers("oxigraph")


def remote_repository(endpoint):
    """A repository over one of the test servers, emptied of our graphs (only ours: a user's own store keeps the rest)."""
    from doelgraaf.store import open_repository
    from doelgraaf.store.protocol import Credentials

    credentials = Credentials(endpoint.password or "", endpoint.user) if endpoint.user else None
    repo = open_repository(endpoint=endpoint.query_url, update_endpoint=endpoint.update_url,
                           graph_store=endpoint.graph_store_url, credentials=credentials)
    repo.clear()
    return repo


@dataclass
class Served:
    url: str
    process: object
    output: str = ""  # what it printed, once stopped


@contextlib.contextmanager
def doelgraaf_serve(*args: str, timeout: float = 90):
    """`doelgraaf serve ARGS` in its own process on a free loopback port, until its /health answers; stopped after."""
    import subprocess
    import time

    import httpx

    port = _free_port()
    exe = Path(sys.executable).with_name("doelgraaf")
    process = subprocess.Popen([str(exe), "serve", *args, "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    served = Served(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(served.url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError("serve did not start: " + process.communicate()[0].decode()[-2000:])
            time.sleep(0.3)
        yield served
    finally:
        process.terminate()
        served.output = process.communicate(timeout=30)[0].decode()


def everything(store) -> list[str]:
    """Every quad of our graphs, sorted: to prove a refused change left the store exactly as it was (graph by
    graph: a remote server answers a whole graph much faster than one SELECT over all of them)."""
    import pyoxigraph as ox

    return sorted(f"{graph} {triple}" for graph in store.named_graphs() for triple in store.graph_triples(ox.NamedNode(graph)))


def endpoint_options(endpoint) -> list[str]:
    """The command-line options naming a test server (its credentials would go through the environment)."""
    options = ["--endpoint", endpoint.query_url, "--update-endpoint", endpoint.update_url]
    return options + (["--graph-store", endpoint.graph_store_url] if endpoint.graph_store_url else [])


def open_backend(request, name: str):
    from doelgraaf.store import open_repository

    if name == "embedded":
        return open_repository(memory=True)
    return remote_repository(request.getfixturevalue("sparql_servers")(name))


@pytest.fixture(params=BACKENDS)
def repository(request):
    """An empty repository on each back-end; every test using it runs on all of them."""
    repo = open_backend(request, request.param)
    yield repo
    repo.close()


EDITOR = "editor-token-gm9999-0123456789"
OTHER_EDITOR = "editor-token-gm0001-0123456789"
ADMIN = "admin-token-0123456789abcdef"
PARTNER = "partner-token-gm9999-0123456789"  # Energiecoöperatie Meerwijk Wekt, a partner the demo already names
NEW_PARTNER = "partner-token-gm9999-new-0123456789"  # an organisation the demo does not know yet
TOKENS = {EDITOR: "editor:GM9999", OTHER_EDITOR: "editor:GM0001", ADMIN: "admin",
          PARTNER: "partner:GM9999:meerwijk-wekt", NEW_PARTNER: "partner:GM9999:buurtkracht"}


def demo_repository(repo):
    """Install ontology, vocabularies and the demo municipality into an empty repository."""
    from doelgraaf.catalogue import shared_graphs
    from doelgraaf.cli.serve import DEMO_CODE, DEMO_FILE
    from doelgraaf.ingest.loading import load_documents
    from doelgraaf.ingest.rdf_files import read_file

    shared_graphs.install(repo)
    assert load_documents(repo, [read_file(DEMO_FILE)], [DEMO_CODE]).stored
    return repo


@pytest.fixture(scope="session", params=BACKENDS)
def demo_store(request):
    """A store with ontology, vocabularies and the demo municipality, on each back-end. Modules whose
    tests do not depend on the back-end override this with `embedded_demo_store`."""
    repo = open_backend(request, request.param)
    yield demo_repository(repo)
    repo.close()


def embedded_demo_store():
    """A module fixture body: the demo on the embedded store only."""
    from doelgraaf.store import open_repository

    repo = demo_repository(open_repository(memory=True))
    yield repo
    repo.close()


_DEMO_CONTENT: dict[int, dict] = {}


@pytest.fixture
def demo(demo_store):
    """The demo store, restored to the demo data (and the proposals partners made to it) after a test that changes it."""
    import pyoxigraph as ox

    graphs = [ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999"), ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999/proposals")]
    if id(demo_store) not in _DEMO_CONTENT:  # the same before every test: each one that writes leaves it so again
        _DEMO_CONTENT[id(demo_store)] = {graph: demo_store.graph_triples(graph) for graph in graphs}
    before = _DEMO_CONTENT[id(demo_store)]
    stamp = demo_store.current_revisions().stamp(graph.value for graph in graphs)
    yield demo_store
    # most tests only read: writing the demo back (a whole graph through the journal on a remote store) is for those that wrote
    if demo_store.current_revisions().stamp(graph.value for graph in graphs) != stamp:
        demo_store.replace_graphs(before)


@pytest.fixture
def client(demo):
    from doelgraaf.api.app import create_app
    from doelgraaf.core.access import TokenRegistry
    from fastapi.testclient import TestClient

    with TestClient(create_app(demo, TokenRegistry(TOKENS))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def reader(demo_store):
    """A client over the demo store for tests that only read (or are refused before anything is written): one
    per module and back-end instead of `client`'s snapshot and restore around every test, which took 0.3-0.7 s
    a test on the remote store. Instead of restoring, it checks that those tests left the store as they found it."""
    from doelgraaf.api.app import create_app
    from doelgraaf.core.access import TokenRegistry
    from fastapi.testclient import TestClient

    before = demo_store.graph_sizes(), demo_store.current_revisions().total
    with TestClient(create_app(demo_store, TokenRegistry(TOKENS))) as test_client:
        yield test_client
    after = demo_store.graph_sizes(), demo_store.current_revisions().total
    assert after == before, "the store changed under tests given `reader`: a test that writes needs `client`"


def gql(client, query: str, variables: dict | None = None, token: str | None = None, accept: str = "application/json"):
    """POST a GraphQL request; returns (status, body)."""
    headers = {"accept": accept}
    if token:
        headers["authorization"] = f"Bearer {token}"
    response = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    return response.status_code, response.json()


class Listener:
    """A TCP listener on loopback that records every connection made to it: proof that nobody called out."""

    def __init__(self, path: str = "/sparql"):
        import socket
        import threading

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}{path}"
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        import socket

        while self.running:
            try:
                connection, _ = self.socket.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self.running = False
        self.thread.join(2)
        self.socket.close()


@pytest.fixture(scope="session")
def listener():
    found = Listener()
    yield found
    found.close()


@contextlib.contextmanager
def serving(repo, tokens: dict[str, str]):
    """The real service over HTTP on loopback (uvicorn, warm SPARQL workers) over `repo`; yields its URL."""
    import threading
    import time

    import httpx
    import uvicorn
    from doelgraaf.api.app import create_app
    from doelgraaf.core.access import TokenRegistry

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(repo, TokenRegistry(tokens)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the service did not start")
        time.sleep(0.1)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(15)


@pytest.fixture(scope="session")
def live_service(tmp_path_factory):
    """The demo on an on-disk store, served over HTTP."""
    from doelgraaf.store import open_repository

    repo = demo_repository(open_repository(store=tmp_path_factory.mktemp("live") / "store"))
    with serving(repo, {EDITOR: "editor:GM9999"}) as url:
        yield url
    repo.close()


CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium ontbreekt (apt-get install chromium) / is absent")
SCREENSHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (its own browser download is not available here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # without the background-networking flags Chromium tries to reach Google at every start
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


@contextlib.contextmanager
def offline(browser, service: str, viewport: dict | None = None):
    """A page in a fresh browser context that reaches `service` only: every other request is aborted and noted.
    Yields the page and the list of addresses it asked elsewhere."""
    context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1000})
    elsewhere = []

    def only_the_service(route):
        if route.request.url.startswith(service):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_service)
    try:
        yield context.new_page(), elsewhere
    finally:
        context.close()


@pytest.fixture
def offline_page(browser, live_service):
    with offline(browser, live_service) as found:
        yield found
