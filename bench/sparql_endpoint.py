"""The public SPARQL endpoint against Oxigraph's own server on the same store, in the same run.

`doelgraaf serve --store DIR` (as `make run` starts it: warm worker processes behind /sparql) and
`oxigraph serve-read-only --location COPY` (the PyPI binary the tests use, on a checkpoint of the same
store, since one RocksDB store has one writer) run side by side. Each query is asked of both in
turn, A B A B …, by the same lean keep-alive client (throughput._Connection), form-encoded POST with
Accept: SPARQL JSON results; the ratio is taken pair by pair, so that drift of the machine cancels.
Then each server gets 8 concurrent clients for a fixed time.

Queries: `ASK {}`; the goals of one municipality with owner and budget (the endpoint page's first
example, for the measured municipality); the sum of taakveld 6.1 over all municipalities in the CBS
Iv3 figures of 2025 (the page's second example). Both examples declare their own prefixes, so
Oxigraph's server answers them as they stand.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from bench.common import Timing
from bench.throughput import _Connection, free_port, start_server, stop_server

FORM = "application/x-www-form-urlencoded"
RESULTS = "application/sparql-results+json"


def queries(code: str) -> dict[str, str]:
    from doelgraaf import queries as project_queries

    examples = {example.name: example.text for example in project_queries.examples()}
    return {
        "ASK {}": "ASK {}",
        "doelen met eigenaar en budget / goals with owner and budget": examples["1-doelen-eigenaar-kosten"].replace("GM9999", code),
        "taakveld 6.1 over alle gemeenten / across all municipalities": examples["2-taakveld-alle-gemeenten"],
    }


def start_oxigraph(location: Path, port: int, log: Path) -> subprocess.Popen:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    handle = log.open("wb")
    process = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(process)
            raise RuntimeError(f"oxigraph serve-read-only did not start: {log.read_text(errors='replace')[-800:]}")
        time.sleep(0.2)


async def _one(connection: _Connection, query: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    status, content = await connection.post(urlencode({"query": query}).encode(), FORM, RESULTS)
    elapsed = time.perf_counter() - started
    if status != 200:
        raise RuntimeError(f"HTTP {status}: {content[:300]!r}")
    return elapsed, content


async def _paired(ours: str, theirs: str, query: str, runs: int, warmup: int) -> dict:
    a, b = (_Connection(httpx.URL(url).host, httpx.URL(url).port, httpx.URL(url).path) for url in (ours, theirs))
    try:
        for _ in range(warmup):
            await _one(a, query)
            await _one(b, query)
        mine, other, ratios = Timing(warmup=warmup), Timing(warmup=warmup), []
        for _ in range(runs):
            elapsed_a, _ = await _one(a, query)
            elapsed_b, _ = await _one(b, query)
            mine.samples.append(elapsed_a)
            other.samples.append(elapsed_b)
            ratios.append(elapsed_a / elapsed_b)
        return {"doelgraaf": mine.as_dict(), "oxigraph": other.as_dict(), "ratio_median": statistics.median(ratios),
                "ratio_min": min(ratios), "ratio_max": max(ratios)}
    finally:
        a.close()
        b.close()


async def _floor(url: str, runs: int, warmup: int) -> dict:
    """The cheapest request the service answers: GraphQL `{ __typename }`, nothing asked of the store."""
    connection = _Connection(httpx.URL(url).host, httpx.URL(url).port, httpx.URL(url).path)
    body = b'{"query": "{ __typename }"}'
    try:
        for _ in range(warmup):
            await connection.post(body)
        timing = Timing(warmup=warmup)
        for _ in range(runs):
            started = time.perf_counter()
            status, _ = await connection.post(body)
            timing.samples.append(time.perf_counter() - started)
            if status != 200:
                raise RuntimeError(f"/graphql answered HTTP {status}")
        return timing.as_dict()
    finally:
        connection.close()


async def _drive(url: str, query: str, clients: int, seconds: float) -> dict:
    address = httpx.URL(url)
    body = urlencode({"query": query}).encode()
    deadline = time.perf_counter() + seconds
    done, errors = 0, 0

    async def client():
        nonlocal done, errors
        connection = _Connection(address.host, address.port, address.path)
        try:
            while time.perf_counter() < deadline:
                status, _ = await connection.post(body, FORM, RESULTS)
                if status == 200:
                    done += 1
                else:
                    errors += 1
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    return {"requests": done, "errors": errors, "per_second": done / elapsed}


def measure(store_dir: Path, code: str, runs: int, seconds: float, out: Path, clients: int = 8, warmup: int = 3) -> dict:
    """Latency (paired, median of `runs`) and throughput at `clients` for each query, ours against Oxigraph's."""
    import pyoxigraph as ox

    copy = out / "oxigraph-server-copy"
    shutil.rmtree(copy, ignore_errors=True)
    store = ox.Store(str(store_dir))
    store.backup(str(copy))  # a RocksDB checkpoint: hard links, the same data
    del store
    ours_port, theirs_port = free_port(), free_port()
    ours_process, _ = start_server(store_dir, ours_port, out / "serve-sparql.log")
    theirs_process = start_oxigraph(copy, theirs_port, out / "oxigraph-serve.log")
    ours, theirs = f"http://127.0.0.1:{ours_port}/sparql", f"http://127.0.0.1:{theirs_port}/query"
    result: dict[str, object] = {"runs": runs, "seconds": seconds, "clients": clients, "code": code, "queries": {}}
    try:
        result["floor"] = asyncio.run(_floor(f"http://127.0.0.1:{ours_port}/graphql", runs, warmup))
        for name, query in queries(code).items():
            latency = asyncio.run(_paired(ours, theirs, query, runs, warmup))
            latency["throughput_doelgraaf"] = asyncio.run(_drive(ours, query, clients, seconds))
            latency["throughput_oxigraph"] = asyncio.run(_drive(theirs, query, clients, seconds))
            result["queries"][name] = latency  # type: ignore[index]
    finally:
        stop_server(ours_process)
        stop_server(theirs_process)
        shutil.rmtree(copy, ignore_errors=True)
    return result
