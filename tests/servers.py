"""Real SPARQL servers for the tests: Oxigraph and OpenLink Virtuoso on loopback, or a store of your own.

Each `start_<kind>(directory)` returns an `Endpoint` and a `stop` callable. The server keeps all its
files in `directory`, listens on free ports on 127.0.0.1 only, and `stop` ends it and waits for it.

To run the suite against a store you already have, set for a kind (OXIGRAPH, VIRTUOSO, or ENDPOINT
for any other SPARQL 1.1 store such as GraphDB, Fuseki or Neptune):

    DOELGRAAF_TEST_<KIND>_QUERY_URL         when set, nothing is started
    DOELGRAAF_TEST_<KIND>_UPDATE_URL        defaults to the query URL
    DOELGRAAF_TEST_<KIND>_GRAPH_STORE_URL   the Graph Store Protocol endpoint, if any
    DOELGRAAF_TEST_<KIND>_USER / _PASSWORD  HTTP credentials, if any

The tests empty the stores they use: never point them at data you want to keep.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

KINDS = ("oxigraph", "virtuoso", "endpoint")
STARTUP_SECONDS = 60

# Virtuoso's [SPARQL] limits. Debian's sample ini caps results at ResultSetMaxRows = 10000 rows, and a
# capped result is silently cut short: a SELECT carries an X-SPARQL-MaxRows header, a CONSTRUCT or a
# Graph Store GET nothing at all. The tests read whole graphs, so the cap here is far above anything
# they store. The time limits are those of Debian's sample (MaxQueryExecutionTime 60 s, cost estimate
# 400 s): a query the test Virtuoso refuses would be refused by a default installation too.
VIRTUOSO_MAX_ROWS = 1_000_000
VIRTUOSO_MAX_EXECUTION_SECONDS = 60
VIRTUOSO_MAX_COST_SECONDS = 400


@dataclasses.dataclass(frozen=True)
class Endpoint:
    """Where a SPARQL store answers, and how to log in to it (user and password None: anonymously)."""

    name: str
    query_url: str
    update_url: str
    graph_store_url: str | None = None
    user: str | None = None
    password: str | None = None

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password or "") if self.user else None


Stop = Callable[[], None]


def _variable(kind: str, field: str) -> str:
    return f"DOELGRAAF_TEST_{kind.upper()}_{field}"


def from_environment(kind: str) -> Endpoint | None:
    """The store the environment names for `kind`, or None when DOELGRAAF_TEST_<KIND>_QUERY_URL is unset."""
    query_url = os.environ.get(_variable(kind, "QUERY_URL"))
    if not query_url:
        return None
    return Endpoint(
        name=kind,
        query_url=query_url,
        update_url=os.environ.get(_variable(kind, "UPDATE_URL")) or query_url,
        graph_store_url=os.environ.get(_variable(kind, "GRAPH_STORE_URL")) or None,
        user=os.environ.get(_variable(kind, "USER")) or None,
        password=os.environ.get(_variable(kind, "PASSWORD")) or None,
    )


def oxigraph_binary() -> str | None:
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).with_name("oxigraph")  # installed into the venv by `pip install oxigraph`
    return str(beside) if beside.exists() else None


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def isql_binary() -> str | None:
    """Virtuoso's SQL client: `isql-vt` on Debian, `isql` beside virtuoso-t in OpenLink's own builds."""
    found = shutil.which("isql-vt")
    if found:
        return found
    server = virtuoso_binary()
    beside = Path(server).with_name("isql") if server else None
    return str(beside) if beside and beside.exists() else None


_ABSENT = {
    "oxigraph": "de oxigraph-server ontbreekt (pip install oxigraph) / the oxigraph server binary is absent",
    "virtuoso": "virtuoso-t ontbreekt (apt-get install virtuoso-opensource) / Virtuoso's server virtuoso-t is absent",
    "endpoint": (f"{_variable('endpoint', 'QUERY_URL')} is niet gezet (een eigen SPARQL 1.1-store) / "
                 "is not set (a SPARQL 1.1 store of your own)"),
}


def skip_reason(kind: str) -> str | None:
    """Why the suite cannot use `kind`, in Dutch and English; None when it can."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    if from_environment(kind):
        return None
    if kind == "oxigraph" and oxigraph_binary():
        return None
    if kind == "virtuoso" and virtuoso_binary() and isql_binary():
        return None
    if kind == "virtuoso" and virtuoso_binary():
        return "isql-vt ontbreekt (apt-get install virtuoso-opensource) / Virtuoso's client isql-vt is absent"
    return _ABSENT[kind]


def available_kinds() -> list[str]:
    """The remote kinds the suite can use here: started on this machine or named by the environment."""
    return [kind for kind in KINDS if skip_reason(kind) is None]


def start(kind: str, directory: Path, **options) -> tuple[Endpoint, Stop]:
    """The store for `kind`: the one the environment names, else one started in `directory` (with `options` of
    its start_<kind>)."""
    named = from_environment(kind)
    if named:
        return named, _nothing_to_stop
    reason = skip_reason(kind)
    if reason:
        raise RuntimeError(reason)
    return {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}[kind](directory, **options)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Stopper:
    """Stops one server process: SIGTERM, then SIGKILL if it lingers; waits for it; may be called again."""

    def __init__(self, process: subprocess.Popen, timeout: float = 30):
        self.process = process
        self.timeout = timeout

    def __call__(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _nothing_to_stop() -> None:
    """The store the environment names is not ours to stop."""


def _wait_until_answering(url: str, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            _Stopper(process, timeout=5)()
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{what} did not start (exit code {process.returncode}): {tail}")
        time.sleep(0.05)


def start_oxigraph(directory: Path) -> tuple[Endpoint, Stop]:
    """The Oxigraph server from PyPI, its store in `directory`/data (start() checks that it is there)."""
    binary = oxigraph_binary()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "oxigraph.log"
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"],
            stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    _wait_until_answering(url + "/query", process, log, "the oxigraph server")
    endpoint = Endpoint("oxigraph", url + "/query", url + "/update", url + "/store")
    return endpoint, _Stopper(process)


def virtuoso_ini(directory: Path, sql_port: int, http_port: int, buffers: int = 10_000) -> str:
    """A virtuoso.ini for a throw-away test database: every file in `directory`, loopback only, small.
    `buffers`: Virtuoso's page cache in 8 kB pages (10,000 is 80 MB, enough for the tests; the bench gives a
    national dataset more, bench/backends.py)."""
    d = Path(directory).resolve()
    return f"""\
; A throw-away Virtuoso for the Doelgraaf tests, written by tests/servers.py.
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 20
CheckpointInterval   = 0
CaseMode             = 2
DirsAllowed          = {d}
NumberOfBuffers      = {buffers}
MaxDirtyBuffers      = {buffers * 3 // 5}
MaxQueryMem          = 500M
ThreadsPerQuery      = 4
AsyncQueueMaxThreads = 10

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {d}/www
MaxClientConnections = 20
ServerThreads        = 20
MaxKeepAlives        = 20
KeepAliveTimeout     = 10
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0
Charset              = UTF-8

; Over ResultSetMaxRows a SELECT is cut short with only an X-SPARQL-MaxRows header to tell, a CONSTRUCT
; or Graph Store GET without any sign; a query estimated above MaxQueryCostEstimationTime is refused.
[SPARQL]
ResultSetMaxRows           = {VIRTUOSO_MAX_ROWS}
MaxQueryExecutionTime      = {VIRTUOSO_MAX_EXECUTION_SECONDS}
MaxQueryCostEstimationTime = {VIRTUOSO_MAX_COST_SECONDS}
"""


# Anonymous requests run as Virtuoso's SQL user "SPARQL"; with this role it may also change the store,
# through /sparql (SPARQL Update) as well as through /sparql-graph-crud (the Graph Store Protocol).
VIRTUOSO_GRANTS = 'GRANT SPARQL_UPDATE TO "SPARQL";'


def isql(port: int, statements: str, user: str = "dba", password: str = "dba") -> str:
    """Run SQL statements in the Virtuoso on `port` with its client; returns what it printed."""
    client = isql_binary()
    if not client:
        raise RuntimeError("isql-vt ontbreekt / Virtuoso's client isql-vt is absent")
    done = subprocess.run([client, f"127.0.0.1:{port}", user, password, f"exec={statements}"],
                          check=False, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql failed: {done.stdout[-1000:]} {done.stderr[-1000:]}")
    return done.stdout


def start_virtuoso(directory: Path, buffers: int = 10_000) -> tuple[Endpoint, Stop]:
    """OpenLink Virtuoso (open-source edition) with a fresh database in `directory`, writable anonymously (start()
    checks that it is there); `buffers` as in virtuoso_ini."""
    binary = virtuoso_binary()
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    (directory / "www").mkdir(exist_ok=True)  # an empty web root: the HTTP server would serve the ini and log
    ini = directory / "virtuoso.ini"
    ini.write_text(virtuoso_ini(directory, sql_port, http_port, buffers))
    log = directory / "virtuoso.log"
    with (directory / "virtuoso.out").open("wb") as output:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=directory,
                                   stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    _wait_until_answering(url + "/sparql", process, log, "virtuoso-t")
    stop = _Stopper(process)
    try:
        isql(sql_port, VIRTUOSO_GRANTS)
    except BaseException:
        stop()
        raise
    endpoint = Endpoint("virtuoso", url + "/sparql", url + "/sparql", url + "/sparql-graph-crud")
    return endpoint, stop
