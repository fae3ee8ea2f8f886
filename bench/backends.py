"""Row 12 of bench/RESULTS.md: the same questions on each back-end, with the same data, in the same run.

    .venv/bin/python -m bench.backends                        # national: 342 municipalities, every back-end
    .venv/bin/python -m bench.backends --scale small --runs 5 # 10 municipalities, a quick look
    .venv/bin/python -m bench.backends --backends embedded,oxigraph

Back-ends: the embedded on-disk store (`--store DIR`), `oxigraph serve` and OpenLink Virtuoso (`virtuoso-t`),
both started on loopback with their own data directory by tests/servers.py. For each one:

1. load the generated N-Quads and the three CBS Iv3 files, in a process of its own: the embedded store as
   bench/phases.py loads it (`Store.bulk_load`, `shared_graphs.install`, `cbs_iv3.import_file`); a remote one
   through the repository's own write path: each municipality's graph with `Repository.bulk_insert` (or, with
   `--remote-load replace`, `replace_graphs`: the journal's all-or-nothing write), then `shared_graphs.install`
   and `cbs_iv3.import_file`, as `doelgraaf load` / `doelgraaf import cbs-iv3 --endpoint …` would;
2. then all of them in one fresh process, run by run in turn (so that the machine's load, which other work on
   it changes, touches each alike): query 2 (the contract query) and `benchmark(taakveld: "6.1", …)` over all
   municipalities through GraphQL in process, each GraphQL request inside `cache.one_moment()` as the service's
   middleware runs a request (a remote store's revisions are read once per request); warm (repeated without a
   write) and after a write (one write to the municipality's own graph before each run, outside the clock: the
   "cold" of rows 2 and 3); median and p95, and the median of the ratios run by run.

Every request to a remote server is timed (SparqlClient.query/update/graph/add_to_graph wrapped in the
measuring process), and every query the service asks of any back-end (Repository.select/construct/ask/
graph_triples), named by its .rq file or by the function that asked it: `requests` in the results says per
measurement which queries took the time (bench/out/backends/requests-measure-all.json has them all, per
measurement; requests-load-<back-end>.json those of each load).

Standalone, the rows of 12 are written into bench/RESULTS.md (only at national scale; otherwise into
bench/out/backends.md), leaving the other rows as they are; bench/run.py runs this as its own step.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import datetime
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

from bench.common import BENCH, ROOT, code_state, contract_query, cpu_count, directory_size, rss_of

KINDS = ("embedded", "oxigraph", "virtuoso")
# Virtuoso's page cache for the bench, in 8 kB pages: what virtuoso.ini's own comments advise with 2 GB of
# memory free (the tests' 80 MB would make a national store read its pages from disk again and again)
VIRTUOSO_BUFFERS = 170_000
BENCHMARK_GRAPHQL = """{ benchmark(taakveld: "6.1", year: 2024, phase: ADOPTED, direction: EXPENSE) {
    municipality { code } amount inhabitants perInhabitant rank } }"""
SCRATCH = "https://w3id.org/doelgraaf/id/bench-scratch"  # as bench/inprocess.py: no query or rule reads it


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------
# the request log: every query the service asks of the store, and every HTTP request to a remote server


class Requests:
    """Records (measurement, layer, name, seconds, text) of every store call while installed."""

    def __init__(self):
        self.label = "-"
        self.entries: list[dict] = []
        self._names = None
        self._current: contextvars.ContextVar[str | None] = contextvars.ContextVar("bench_query_name", default=None)
        self._lock = threading.Lock()

    def _name_of(self, text: str) -> str | None:
        if self._names is None:
            from doelgraaf.core.paths import QUERIES_DIR

            self._names = {path.read_text(encoding="utf-8"): f"{path.stem}.rq" for path in QUERIES_DIR.glob("*.rq")}
        return self._names.get(text)

    @staticmethod
    def _caller() -> str:
        """The first function outside the store package and this file that led to the call."""
        frame = sys._getframe(2)
        while frame is not None:
            module = frame.f_globals.get("__name__", "")
            if not module.startswith(("doelgraaf.store.repository", "doelgraaf.store.protocol", "doelgraaf.graphql.loaders",
                                      "bench.backends", "doelgraaf.store.remote", "doelgraaf.store.embedded",
                                      "asyncio", "concurrent", "threading", "contextvars")):
                return f"{module.removeprefix('doelgraaf.')}.{frame.f_code.co_name}"
            frame = frame.f_back
        return "?"

    def _record(self, layer: str, name: str, seconds: float, text: str) -> None:
        with self._lock:
            self.entries.append({"label": self.label, "layer": layer, "name": name, "seconds": seconds, "text": text})

    def install(self) -> None:
        """Wrap the repositories' reading methods and the SPARQL client's requests (in this process only)."""
        from doelgraaf.store.embedded import EmbeddedRepository
        from doelgraaf.store.protocol import SparqlClient
        from doelgraaf.store.remote import RemoteRepository

        requests = self

        def repository_method(cls, method: str):
            original = getattr(cls, method)

            def timed(self_, *args, **kwargs):
                if requests._current.get() is not None:  # one service call inside another (graph_triples → select)
                    return original(self_, *args, **kwargs)
                query = args[0] if args else kwargs.get("query", "")
                name = (requests._name_of(query) if isinstance(query, str) else None) or f"{method} ({requests._caller()})"
                token = requests._current.set(name)
                started = time.perf_counter()
                try:
                    return original(self_, *args, **kwargs)
                finally:
                    requests._record("service", name, time.perf_counter() - started,
                                     query if isinstance(query, str) else str(query))
                    requests._current.reset(token)

            setattr(cls, method, timed)

        for cls in (EmbeddedRepository, RemoteRepository):
            for method in ("select", "construct", "ask", "graph_triples"):
                repository_method(cls, method)

        def client_method(method: str):
            original = getattr(SparqlClient, method)

            def timed(self_, *args, **kwargs):
                text = args[0] if args else ""
                if method in ("graph", "add_to_graph"):
                    text = f"{method.upper()} <{args[0]}>" + (f" ({len(args[1]):,} bytes)" if method == "add_to_graph" else "")
                name = requests._current.get() or requests._caller()
                started = time.perf_counter()
                try:
                    return original(self_, *args, **kwargs)
                finally:
                    requests._record("http", f"{method}: {name}", time.perf_counter() - started, text)

            setattr(SparqlClient, method, timed)

        for method in ("query", "update", "graph", "add_to_graph"):
            client_method(method)

    def summary(self, label: str | None = None, top: int = 8, text_chars: int = 1500) -> list[dict]:
        """Per (layer, name) in `label`: count, total, median and max seconds, and the text of the slowest, slowest first."""
        groups: dict[tuple[str, str], list[dict]] = {}
        for entry in self.entries:
            if label is None or entry["label"] == label:
                groups.setdefault((entry["layer"], entry["name"]), []).append(entry)
        found = []
        for (layer, name), entries in groups.items():
            times = [e["seconds"] for e in entries]
            slowest = max(entries, key=lambda e: e["seconds"])
            found.append({"layer": layer, "name": name, "count": len(times), "total": sum(times),
                          "median": statistics.median(times), "max": max(times), "text": slowest["text"][:text_chars]})
        found.sort(key=lambda item: -item["total"])
        return found[:top]

    def totals(self, label: str) -> dict:
        entries = [e for e in self.entries if e["label"] == label]
        return {layer: {"count": sum(1 for e in entries if e["layer"] == layer),
                        "seconds": sum(e["seconds"] for e in entries if e["layer"] == layer)} for layer in ("service", "http")}


# ---------------------------------------------------------------------------------------------------
# loading, in a process of its own


def _graphs(nquads: Path):
    """(graph, triples) per municipality, streamed: the generator writes each graph's quads together."""
    import itertools

    import pyoxigraph as ox

    quads = ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    for graph, group in itertools.groupby(quads, key=lambda quad: quad.graph_name):
        yield graph, (quad.triple for quad in group)


def load_remote(endpoint: dict, nquads: Path, cbs: list[tuple[Path, int, str]], mode: str, requests: Requests) -> dict:
    from doelgraaf.catalogue import shared_graphs
    from doelgraaf.ingest.cbs_iv3 import import_file

    repo = _open(endpoint)
    result: dict[str, object] = {"mode": mode}
    repo.clear()  # a store the environment names may hold an earlier run (only our graphs go)
    requests.label = "load"
    started = time.perf_counter()
    graphs = 0
    for graph, triples in _graphs(nquads):
        if mode == "replace":
            repo.replace_graphs({graph: list(triples)})
        else:
            repo.bulk_insert(graph, triples)
        graphs += 1
    result["bulk_seconds"] = time.perf_counter() - started
    result["graphs"] = graphs
    requests.label = "install"
    started = time.perf_counter()
    shared_graphs.install(repo)
    result["install_seconds"] = time.perf_counter() - started
    result["cbs"] = []
    for path, year, phase in cbs:
        requests.label = f"cbs {path.name}"
        started = time.perf_counter()
        report = import_file(repo, path, year, phase)
        result["cbs"].append({"file": path.name, "seconds": time.perf_counter() - started, "lines": report.lines,
                              "triples": report.triples, "municipalities": report.municipalities})
    requests.label = "-"
    result["triples"] = sum(repo.graph_sizes().values())
    repo.close()
    result["requests"] = {label: requests.summary(label, top=5, text_chars=400)
                          for label in ("load", "install", *(f"cbs {p.name}" for p, _, _ in cbs))}
    return result


def _open(endpoint: dict):
    from doelgraaf.store import open_repository

    return open_repository(endpoint=endpoint["query_url"], update_endpoint=endpoint["update_url"],
                           graph_store=endpoint.get("graph_store_url"))


# ---------------------------------------------------------------------------------------------------
# measuring, in a fresh process


def _canonical(value):
    """The answer in one order, for comparing back-ends: sets sorted, numbers as their decimal value."""
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda item: str(item[0]))}
    if isinstance(value, (set, frozenset, list, tuple)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True)) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (Decimal, float)):
        return str(Decimal(str(value)).normalize())
    return value


class _Backend:
    """One back-end in the measuring process: its repository, its GraphQL execution, its write."""

    def __init__(self, kind: str, target: str, code: str, loop, gql):
        import pyoxigraph as ox
        from doelgraaf.core.namespaces import municipality_graph
        from doelgraaf.store.embedded import EmbeddedRepository

        self.kind, self.loop, self.gql = kind, loop, gql
        started = time.perf_counter()
        self.repo = EmbeddedRepository(Path(target)) if kind == "embedded" else _open(json.loads(target))
        self.open_seconds = time.perf_counter() - started
        self.graph = ox.NamedNode(str(municipality_graph(code)))
        self.marker = ox.Triple(ox.NamedNode(SCRATCH), ox.NamedNode(SCRATCH + "#write"), ox.Literal("benchmark"))
        self.present = False
        self.queries = 0

    def execute(self, query: str) -> dict:
        from doelgraaf.graphql.context import Context
        from doelgraaf.store import cache

        with cache.one_moment():  # as the service's middleware wraps every HTTP request (api/app.py)
            context = Context(self.repo)
            response = self.loop.run_until_complete(self.gql.execute(query, context_value=context))
        if response.errors:
            raise RuntimeError(f"GraphQL errors: {[str(e) for e in response.errors][:3]}")
        self.queries = context.repository.queries
        return response.data

    def write(self) -> None:
        """One small write to the municipality's own graph (a statement about a scratch IRI, added and removed in turn)."""
        self.repo.modify_graph(self.graph, delete=[self.marker] if self.present else [], insert=[] if self.present else [self.marker])
        self.present = not self.present


def measure_all(targets: dict[str, str], code: str, runs: int, warmup: int, requests: Requests) -> dict:
    """Every back-end in one process, run by run in turn (the order rotating), so that a change in the machine's
    load during the measurement touches all of them alike: (embedded, oxigraph, virtuoso), (oxigraph, virtuoso,
    embedded), … Each has its own repository and so its own caches."""
    from doelgraaf.cli.serve import tune_garbage_collector
    from doelgraaf.graphql.schema import schema

    from bench.common import Timing
    from bench.inprocess import graphql_answer

    loop = asyncio.new_event_loop()
    gql = schema()
    backends = {kind: _Backend(kind, target, code, loop, gql) for kind, target in targets.items()}
    tune_garbage_collector()
    results: dict[str, dict] = {kind: {"kind": kind, "code": code, "runs": runs, "warmup": warmup,
                                       "open_seconds": backend.open_seconds} for kind, backend in backends.items()}
    contract = contract_query(code)
    for kind, backend in backends.items():
        requests.label = f"{kind}: first"
        started = time.perf_counter()
        backend.execute(contract)
        results[kind]["first_seconds"] = time.perf_counter() - started
    order = list(backends)
    for question, query in (("contract", contract), ("benchmark", BENCHMARK_GRAPHQL)):
        for mode in ("warm", "write"):
            name = f"{question} {mode}"
            timings = {kind: Timing(warmup=warmup) for kind in backends}
            data = {}
            for round_ in range(warmup + runs):
                for kind in order[round_ % len(order):] + order[:round_ % len(order)]:
                    backend = backends[kind]
                    if mode == "write":
                        requests.label = f"{kind}: writes"
                        backend.write()
                    requests.label = f"{kind}: {name}" + (" (warm-up)" if round_ < warmup else "")
                    started = time.perf_counter()
                    data[kind] = backend.execute(query)
                    if round_ >= warmup:
                        timings[kind].samples.append(time.perf_counter() - started)
            requests.label = "-"
            for kind, backend in backends.items():
                results[kind].setdefault(question, {})[mode] = {**timings[kind].as_dict(), "sparql_queries": backend.queries}
        for kind in backends:
            if question == "contract":
                answer = _canonical(graphql_answer(data[kind]))
            else:
                answer = _canonical([(row["municipality"]["code"], row["amount"], row["inhabitants"], row["rank"])
                                     for row in data[kind]["benchmark"]])
                results[kind]["benchmark_rows"] = len(data[kind]["benchmark"])
            text = json.dumps(answer, sort_keys=True)
            results[kind][f"{question}_answer"] = hashlib.sha256(text.encode()).hexdigest()[:16]
            results[kind][f"{question}_answer_text"] = text
    for kind, backend in backends.items():
        if backend.present:
            backend.write()
        results[kind]["requests"] = {
            label: {"per_run": _per_run(requests.totals(f"{kind}: {label}"), runs), "top": requests.summary(f"{kind}: {label}")}
            for label in ("first", "contract warm", "contract write", "benchmark warm", "benchmark write")}
        backend.repo.close()
    loop.close()
    return results


def _per_run(totals: dict, runs: int) -> dict:
    divisor = max(1, runs)
    return {layer: {"count": figures["count"] / divisor, "seconds": figures["seconds"] / divisor}
            for layer, figures in totals.items()}


# ---------------------------------------------------------------------------------------------------
# the parent: a process per load and per measurement, servers started and stopped here


def _child(args: list[str], result_file: Path, timeout: float) -> dict:
    result_file.unlink(missing_ok=True)
    completed = subprocess.run([sys.executable, "-m", "bench.backends", *args, f"--result={result_file}"], cwd=ROOT,
                               capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0 or not result_file.exists():
        raise RuntimeError(f"bench.backends {args[0]} {args[1][:40]} failed (exit {completed.returncode}): "
                           f"{(completed.stderr or completed.stdout)[-3000:]}")
    return json.loads(result_file.read_text(encoding="utf-8"))


def _start(kind: str, directory: Path):
    from tests import servers

    return servers.start(kind, directory, **({"buffers": VIRTUOSO_BUFFERS} if kind == "virtuoso" else {}))


def measure(nquads: Path, cbs: list[tuple[Path, int, str]], code: str, runs: int = 20, warmup: int = 1,
            out: Path = BENCH / "out", kinds: tuple[str, ...] = KINDS, remote_load: str = "bulk", keep: bool = False,
            timeout: float = 7200, municipalities: int | None = None, triples: int | None = None,
            wait_quiet: float = 0) -> dict:
    """Load every back-end in `kinds` (each in a process of its own, the servers left running), then measure them
    all in one fresh process, run by run in turn; a back-end that fails is recorded in `errors`, the others go on.
    With `wait_quiet`, the measuring waits up to that many seconds for a quiet machine (after the loads, which
    raised the load average themselves)."""
    folder = out / "backends"
    folder.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"code": code, "runs": runs, "warmup": warmup, "remote_load": remote_load,
                                 "municipalities": municipalities, "triples": triples,
                                 "virtuoso_buffers": VIRTUOSO_BUFFERS, "versions": _versions(), "backends": {},
                                 "errors": [], "load_average": {}}
    errors: list[str] = report["errors"]  # type: ignore[assignment]
    entries: dict[str, dict] = report["backends"]  # type: ignore[assignment]
    cbs_args = [f"--cbs={path}|{year}|{phase}" for path, year, phase in cbs]
    stops, targets, servers_started = [], {}, {}

    def load_average() -> list[float]:
        return [round(x, 2) for x in os.getloadavg()]

    try:
        for kind in kinds:
            directory = folder / kind
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir(parents=True)
            entry = entries[kind] = {}
            before = load_average()
            try:
                if kind == "embedded":
                    target = str(directory / "store")
                    log(f"{kind}: laden / load …")
                    entry["load"] = _child(["load", kind, str(nquads), target, *cbs_args], folder / f"load-{kind}.json", timeout)
                else:
                    log(f"{kind}: server starten / start …")
                    endpoint, stop = _start(kind, directory)
                    stops.append(stop)
                    servers_started[kind] = stop
                    target = json.dumps({"query_url": endpoint.query_url, "update_url": endpoint.update_url,
                                         "graph_store_url": endpoint.graph_store_url})
                    log(f"{kind}: laden / load ({remote_load}) …")
                    entry["load"] = _child(["load", kind, str(nquads), target, f"--remote-load={remote_load}", *cbs_args],
                                           folder / f"load-{kind}.json", timeout)
                targets[kind] = target
                log(f"{kind}: geladen in / loaded in {_load_total(entry['load']):.1f} s")
            except Exception as exc:  # noqa: BLE001 - recorded in RESULTS.md, the other back-ends still run
                errors.append(f"{kind} laden / load: {type(exc).__name__}: {exc}"[:3000])
                log(f"{kind} FOUT / ERROR: {exc}")
            report["load_average"][f"{kind}: laden / load"] = {"before": before, "after": load_average()}  # type: ignore[index]
        if targets:
            if wait_quiet:
                from bench.run import wait_until_quiet

                log(f"wachten op een rustige machine / waiting for a quiet machine (max {wait_quiet:.0f} s)")
                report["quiet_before_measuring"] = wait_until_quiet(wait_quiet)
            log(f"meten / measuring: {', '.join(targets)}, {runs} runs om de beurt / in turn …")
            before = load_average()
            try:
                measured = _child(["measure", json.dumps(targets), code, str(runs), f"--warmup={warmup}"],
                                  folder / "measure.json", timeout)
                for kind, result in measured.items():
                    entries[kind]["measure"] = result
                    m = result
                    log(f"  {kind}: vraag 2 / query 2 warm {m['contract']['warm']['median'] * 1000:.1f} ms, na schrijven / after a "
                        f"write {m['contract']['write']['median'] * 1000:.1f} ms; benchmark warm "
                        f"{m['benchmark']['warm']['median'] * 1000:.1f} ms, na schrijven / after a write "
                        f"{m['benchmark']['write']['median'] * 1000:.1f} ms")
            except Exception as exc:  # noqa: BLE001
                errors.append(f"meten / measuring: {type(exc).__name__}: {exc}"[:3000])
                log(f"meten FOUT / measuring ERROR: {exc}")
            report["load_average"]["meten / measuring"] = {"before": before, "after": load_average()}  # type: ignore[index]
        for kind, stop in servers_started.items():
            process = getattr(stop, "process", None)
            if process is not None and process.poll() is None:
                entries[kind]["server_rss"] = rss_of(process.pid).get("VmRSS")
        for kind in entries:
            store = folder / kind / "store" if kind == "embedded" else folder / kind
            if store.exists():
                entries[kind]["store_bytes"] = directory_size(store)
    finally:
        for stop in stops:
            stop()
        if not keep:
            for kind in kinds:
                shutil.rmtree(folder / kind, ignore_errors=True)
    _compare_answers(report, folder)
    report["pairs"] = _pairs(report)
    return report


def _pairs(report: dict) -> dict[str, dict[str, float]]:
    """Per remote back-end and measurement, the median of the ratios run by run (the runs went in turn)."""
    reference = (report["backends"].get("embedded") or {}).get("measure")
    found: dict[str, dict[str, float]] = {}
    for kind, entry in report["backends"].items():
        measured = entry.get("measure")
        if kind == "embedded" or not measured or not reference:
            continue
        found[kind] = {f"{question} {mode}": statistics.median(
            mine / theirs for mine, theirs in zip(measured[question][mode]["samples"], reference[question][mode]["samples"]))
            for question in ("contract", "benchmark") for mode in ("warm", "write")}
    return found


def _load_total(load: dict) -> float:
    return load["bulk_seconds"] + load["install_seconds"] + sum(c["seconds"] for c in load["cbs"]) + load.get("close_seconds", 0)


def _compare_answers(report: dict, folder: Path) -> None:
    """Whether each back-end gave the embedded store's answers; when one differs, both are kept in `folder`
    (answer-<question>-<back-end>.json) to be compared. The long texts leave the report."""
    texts = {kind: {name: (entry.get("measure") or {}).pop(f"{name}_answer_text", None) for name in ("contract", "benchmark")}
             for kind, entry in report["backends"].items()}
    reference = (report["backends"].get("embedded") or {}).get("measure")
    if not reference:
        return
    for kind, entry in report["backends"].items():
        measured = entry.get("measure")
        if kind == "embedded" or not measured:
            continue
        for name in ("contract", "benchmark"):
            same = measured[f"{name}_answer"] == reference[f"{name}_answer"]
            measured[f"{name}_same_answer"] = same
            if not same:
                for which in ("embedded", kind):
                    (folder / f"answer-{name}-{which}.json").write_text(texts[which][name] or "", encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# standalone: the dataset, this measurement, and its rows in RESULTS.md


HEADING = "## Rij 12, per achterkant / row 12, per back-end"


def splice(results: Path, rows: list[str], note: str) -> None:
    """Put `rows` (row 12) at the end of the table in `results`, in place of any earlier row 12, and `note`
    under its own heading before the conditions; everything else stays as it is."""
    from bench.report import Table

    text = results.read_text(encoding="utf-8") if results.exists() else ""
    text = re.sub(rf"{re.escape(HEADING)}\n.*?(?=^## |\Z)", "", text, flags=re.S | re.M)
    lines = [line for line in text.rstrip("\n").splitlines() if not line.startswith("| 12 |")]
    table = [i for i, line in enumerate(lines) if line.startswith("| ")]
    if not table:
        lines += ["", "## Resultaten / results", "", *Table().markdown().splitlines()]
        table = [len(lines) - 1]
    lines[table[-1] + 1:table[-1] + 1] = rows
    section = [HEADING, "", *note.splitlines(), ""]
    conditions = next((i for i, line in enumerate(lines) if line.startswith("## Omstandigheden")), None)
    if conditions is None:
        lines += ["", *section]
    else:
        lines[conditions:conditions] = section
    results.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("load", "measure"):
        return _child_main(argv)
    from bench import generate as gen
    from bench import run as bench_run

    parser = argparse.ArgumentParser(description="Rij 12: per achterkant / row 12: per back-end")
    parser.add_argument("--scale", choices=sorted(bench_run.SCALES), default="national")
    parser.add_argument("--municipalities", type=int)
    parser.add_argument("--backends", default=",".join(KINDS), help=f"kommagescheiden / comma-separated: {', '.join(KINDS)}")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--remote-load", choices=("bulk", "replace"), default="bulk",
                        help="Repository.bulk_insert per gemeente, of replace_graphs (het journaal) / or replace_graphs (the journal)")
    parser.add_argument("--seed", type=int, default=gen.DEFAULT_SEED)
    parser.add_argument("--programme-scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--results", type=Path, help="standaard / default: bench/RESULTS.md op landelijke schaal / at "
                                                     "national scale, anders / else bench/out/backends.md")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS")
    parser.add_argument("--keep-store", action="store_true")
    args = parser.parse_args(argv)
    kinds = tuple(kind.strip() for kind in args.backends.split(",") if kind.strip())
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        parser.error(f"unknown back-end(s) {', '.join(unknown)}; one of {', '.join(KINDS)}")
    count = args.municipalities or bench_run.SCALES[args.scale]
    results = args.results or (BENCH / "RESULTS.md" if count == 342 and args.programme_scale == 1.0 else args.out / "backends.md")
    report = run(count, kinds, args.runs, args.warmup, args.out, args.seed, args.programme_scale, args.remote_load,
                 args.wait_quiet, args.keep_store, "python -m bench.backends " + " ".join(argv))
    from bench.report import backend_note, backend_rows

    splice(results, backend_rows(report), backend_note(report))
    log(f"klaar / done: {results}")
    return 1 if report["errors"] else 0


def run(count: int, kinds: tuple[str, ...] = KINDS, runs: int = 20, warmup: int = 1, out: Path = BENCH / "out",
        seed: int | None = None, programme_scale: float = 1.0, remote_load: str = "bulk", wait_quiet: float = 0,
        keep: bool = False, command: str = "python -m bench.backends") -> dict:
    from bench import generate as gen
    from bench import run as bench_run

    out.mkdir(parents=True, exist_ok=True)
    start = code_state()
    quiet = None
    if wait_quiet:
        log(f"wachten op een rustige machine / waiting for a quiet machine (max {wait_quiet:.0f} s)")
        quiet = bench_run.wait_until_quiet(wait_quiet)
    nquads, manifest, _ = bench_run.dataset(out, count, gen.DEFAULT_SEED if seed is None else seed, programme_scale)
    codes = sorted(manifest["graphs"])
    code = bench_run.pick_municipality(manifest)
    files = bench_run.cbs_files(out, codes)
    started = time.perf_counter()
    report = measure(nquads, files, code, runs, warmup, out, kinds, remote_load, keep,
                     municipalities=count, triples=manifest["triples"], wait_quiet=wait_quiet)
    report.update({"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "cores": cpu_count(),
                   "command": command, "code_triples": manifest["graphs"][code], "seconds": time.perf_counter() - started, "quiet": quiet,
                   "source": {"start": start, "end": code_state()}})
    (out / "backends.json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return report


def _versions() -> dict[str, str]:
    from importlib.metadata import version

    found = {}
    for package in ("pyoxigraph", "oxigraph"):
        try:
            found[package] = version(package)
        except Exception:  # noqa: BLE001
            found[package] = "?"
    try:
        from tests import servers

        binary = servers.virtuoso_binary()
        if binary:
            text = subprocess.run([binary, "-?"], capture_output=True, text=True, timeout=10)
            match = re.search(r"Version (\S+)", text.stdout + text.stderr)
            found["virtuoso"] = match.group(1) if match else "?"
    except Exception:  # noqa: BLE001
        found["virtuoso"] = "?"
    return found


def _child_main(argv: list[str]) -> int:
    step, kind = argv[0], argv[1]
    result_file = Path(next(a.split("=", 1)[1] for a in argv if a.startswith("--result=")))
    requests = Requests()
    requests.install()
    if step == "load":
        nquads, target = Path(argv[2]), argv[3]
        cbs = [a[len("--cbs="):].split("|") for a in argv if a.startswith("--cbs=")]
        files = [(Path(p), int(y), phase) for p, y, phase in cbs]
        if kind == "embedded":
            from bench.phases import load

            result = load(nquads, Path(target), files)
        else:
            mode = next((a.split("=", 1)[1] for a in argv if a.startswith("--remote-load=")), "bulk")
            result = load_remote(json.loads(target), nquads, files, mode, requests)
    else:
        targets, code, runs = json.loads(argv[1]), argv[2], int(argv[3])
        warmup = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--warmup=")), 1)
        result = measure_all(targets, code, runs, warmup, requests)
        kind = "all"
    result_file.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    labels = sorted({entry["label"] for entry in requests.entries})
    (result_file.parent / f"requests-{step}-{kind}.json").write_text(
        json.dumps({label: requests.summary(label, top=100) for label in labels}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
