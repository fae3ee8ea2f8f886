"""What a user would otherwise build: the municipalities' quads in an rdflib Dataset in memory, and query 2
asked with rdflib's own SPARQL engine. The same query text (bench/queries/contract.rq) on an in-memory
Oxigraph store with the same quads gives the engine's share of the difference.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from bench.common import Timing, contract_sparql, repeat
from bench.inprocess import compare, sparql_answer, sparql_rows

SLOW = 10.0  # seconds: a query slower than this is timed once more, not `runs` times


def quads_of(nquads: Path, codes: list[str]) -> bytes:
    suffixes = tuple(f"<https://w3id.org/doelgraaf/graph/{code}> .\n" for code in codes)
    with nquads.open(encoding="utf-8") as handle:
        return "".join(line for line in handle if line.endswith(suffixes)).encode("utf-8")


def measure(nquads: Path, codes: list[str], query_code: str, runs: int, warmup: int = 1) -> dict:
    from rdflib import Dataset

    data = quads_of(nquads, codes)
    query = contract_sparql(query_code)
    result: dict[str, object] = {"municipalities": len(codes), "query_municipality": query_code}

    started = time.perf_counter()
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    result["rdflib_load_seconds"] = time.perf_counter() - started
    result["triples"] = len(dataset)

    def rdflib_rows():
        return [tuple(None if term is None else _to_ox(term) for term in row) for row in dataset.query(query)]

    started = time.perf_counter()
    rows = rdflib_rows()  # warm-up, also timed in case it is too slow to repeat
    first = time.perf_counter() - started
    if first > SLOW or warmup == 0:
        timing = Timing(samples=[first], warmup=0)
        if warmup == 0 and runs > 1:
            more, rows = repeat(rdflib_rows, runs - 1, warmup=0)
            timing.samples += more.samples
    else:  # the first call was the warm-up
        timing, rows = repeat(rdflib_rows, runs, warmup=0)
        timing.warmup = 1
    result["rdflib"] = {**timing.as_dict(), "rows": len(rows)}
    rdflib_answer = sparql_answer(rows)

    store = ox.Store()
    started = time.perf_counter()
    store.load(data, format=ox.RdfFormat.N_QUADS)
    result["oxigraph_load_seconds"] = time.perf_counter() - started
    timing, ox_rows = repeat(lambda: sparql_rows(store, query), runs, warmup=warmup)
    result["oxigraph"] = {**timing.as_dict(), "rows": len(ox_rows)}
    differences = compare(sparql_answer(ox_rows), rdflib_answer)
    result["answers_agree"] = not differences
    result["differences"] = differences[:5]
    return result


def _to_ox(term):
    """rdflib term -> pyoxigraph term, so that both engines' rows go through the same pivot."""
    from doelgraaf.core.terms import to_oxigraph

    return to_oxigraph(term)
