"""Load test on loopback: many concurrent clients mixing the common queries with mutations, against the
service as `make run` starts it (one process, embedded on-disk store, demo data).

Counts errors and lost writes: every mutation that answered ok adds one budget line with a label
unique to it; afterwards each must be in the store. Writes the figures to bench/LOADTEST.md.

    .venv/bin/python -m bench.load_test [--clients 50] [--seconds 30] [--write-share 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "loadtest-editor-token-0123456789"
GOAL = "https://w3id.org/doelgraaf/id/GM9999/doel/duurzaam-verkeer"
QUERIES = {
    "contract": '{ municipality(code: "GM9999") { goals { id label owner { label } indicators { label baseline { value year } '
                'target { value year } } measures { id } cost(year: 2025, phase: ADOPTED) { expenses net } } } }',
    "measures": '{ municipality(code: "GM9999") { measures(first: 20) { label cost(year: 2025, phase: ADOPTED) { net } } } }',
    "progress": '{ municipality(code: "GM9999") { indicators { label progress { status fraction } } } }',
    "municipalities": "{ municipalities(first: 50) { code name population } }",
}
MUTATION = ('mutation($label: String!) { createBudgetLine(input: {label: $label, amount: "1000.00", fiscalYear: 2025, phase: ADOPTED, '
            'direction: EXPENSE, taakveld: "2.1", funds: "%s", statedIn: "https://w3id.org/doelgraaf/id/GM9999/programmabegroting-2025"}) '
            '{ ok violations { message } } }' % GOAL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_service(store: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DOELGRAAF_TOKENS": json.dumps({TOKEN: "editor:GM9999"})}
    exe = Path(sys.executable).with_name("doelgraaf")
    process = subprocess.Popen([str(exe), "serve", "--demo", "--store", str(store), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("the service did not start")


async def client(number: int, base: str, until: float, write_share: float, results: dict, written: list) -> None:
    rng = random.Random(number)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        sequence = 0
        while time.monotonic() < until:
            if rng.random() < write_share:
                sequence += 1
                label = f"loadtest-{number}-{sequence}"
                kind, payload, headers = "mutation", {"query": MUTATION, "variables": {"label": label}}, {"authorization": f"Bearer {TOKEN}"}
            else:
                kind = rng.choice(list(QUERIES))
                payload, headers, label = {"query": QUERIES[kind]}, {}, None
            started = time.perf_counter()
            try:
                response = await http.post("/graphql", json=payload, headers=headers)
                body = response.json()
                failed = response.status_code != 200 or "errors" in body
                if kind == "mutation" and not failed:
                    if body["data"]["createBudgetLine"]["ok"]:
                        written.append(label)
                    else:
                        failed = True
            except (httpx.HTTPError, ValueError):
                failed = True
            entry = results.setdefault(kind, {"latencies": [], "errors": 0})
            entry["latencies"].append(time.perf_counter() - started)
            entry["errors"] += failed


def count_written(base: str, labels: list[str]) -> int:
    query = ('SELECT (COUNT(DISTINCT ?label) AS ?n) WHERE { GRAPH <https://w3id.org/doelgraaf/graph/GM9999> { '
             '?line <http://www.w3.org/2000/01/rdf-schema#label> ?label . FILTER (STRSTARTS(STR(?label), "loadtest-")) } }')
    response = httpx.post(f"{base}/sparql", data={"query": query}, timeout=60)
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(clients: int, seconds: float, write_share: float, results_file: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        service = start_service(Path(tmp) / "store", port)
        try:
            results: dict = {}
            written: list[str] = []
            until = time.monotonic() + seconds

            async def everyone():
                await asyncio.gather(*(client(n, base, until, write_share, results, written) for n in range(clients)))

            asyncio.run(everyone())
            found = count_written(base, written)
        finally:
            service.terminate()
            service.wait(timeout=30)
    summary = {
        "clients": clients, "seconds": seconds, "write_share": write_share,
        "requests": sum(len(r["latencies"]) for r in results.values()),
        "errors": sum(r["errors"] for r in results.values()),
        "writes_ok": len(written), "writes_found": found, "lost_writes": len(written) - found,
        "kinds": {k: {"n": len(r["latencies"]), "errors": r["errors"], "p50_ms": round(statistics.median(r["latencies"]) * 1000, 1),
                      "p95_ms": round(percentile(r["latencies"], 0.95) * 1000, 1)} for k, r in sorted(results.items())},
    }
    if results_file is not None:
        write(summary, results_file)
    return summary


def write(summary: dict, path: Path) -> None:
    rows = "\n".join(f"| {kind} | {k['n']} | {k['errors']} | {k['p50_ms']} | {k['p95_ms']} |" for kind, k in summary["kinds"].items())
    path.write_text(f"""# Belastingstest / load test

{datetime.date.today().isoformat()}, {os.cpu_count()} cores, one service process (embedded on-disk store, demo GM9999), loopback.
Command: `.venv/bin/python -m bench.load_test --clients {summary['clients']} --seconds {summary['seconds']:g} --write-share {summary['write_share']:g}`

| | |
|---|---|
| clients / gelijktijdige gebruikers | {summary['clients']} |
| duration / duur | {summary['seconds']:g} s |
| requests / verzoeken | {summary['requests']} ({summary['requests'] / summary['seconds']:.1f}/s) |
| errors / fouten | {summary['errors']} |
| writes answered ok / geslaagde schrijfacties | {summary['writes_ok']} |
| writes found afterwards / teruggevonden | {summary['writes_found']} |
| lost writes / verloren | {summary['lost_writes']} |

| kind / soort | n | errors | p50 ms | p95 ms |
|---|---|---|---|---|
{rows}
""", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--results", default=str(ROOT / "bench" / "LOADTEST.md"))
    args = parser.parse_args()
    summary = run(args.clients, args.seconds, args.write_share, Path(args.results))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
