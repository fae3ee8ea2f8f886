"""Benchmark phases that run in a child process of bench.run, each reporting JSON to a file.

A child process per phase gives honest peak-memory figures (ru_maxrss of that process only) and
releases the embedded store's lock when it ends, so that `doelgraaf serve` can open the store next.

    python -m bench.phases load      RESULT.json NQUADS STORE_DIR [--cbs=FILE|YEAR|PHASE ...] [--floor]
    python -m bench.phases inprocess RESULT.json STORE_DIR CODE RUNS [--validate-all] [--warmup=N]
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _maxrss() -> int:
    """Peak resident memory of this process so far, in bytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def load_floor(nquads: Path) -> dict:
    """What loading costs before the disk: parsing the file alone, and the same bulk load into a store in
    memory. Neither can be faster than this, whatever the disk does."""
    import pyoxigraph as ox

    started = time.perf_counter()
    quads = sum(1 for _ in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ox.Store().bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    return {"quads": quads, "parse_seconds": parse_seconds, "memory_bulk_seconds": time.perf_counter() - started}


def load(nquads: Path, store_dir: Path, cbs: list[tuple[Path, int, str]], floor: bool = False) -> dict:
    """Bulk load the N-Quads into a fresh on-disk store, then ontology/shapes/vocabularies, then CBS Iv3;
    with `floor`, afterwards also load_floor (in this process, so after the peak memory was read)."""
    import pyoxigraph as ox
    from doelgraaf.catalogue import shared_graphs
    from doelgraaf.ingest.cbs_iv3 import import_file
    from doelgraaf.store.embedded import EmbeddedRepository

    from bench.common import directory_size

    result: dict[str, object] = {}
    started = time.perf_counter()
    repo = EmbeddedRepository(store_dir)
    result["open_seconds"] = time.perf_counter() - started

    started = time.perf_counter()
    # N-Quads name their own graphs, so the store's bulk loader reads the file as it is
    repo.store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    result["bulk_seconds"] = time.perf_counter() - started
    result["bulk_maxrss"] = _maxrss()

    started = time.perf_counter()
    shared_graphs.install(repo)
    result["install_seconds"] = time.perf_counter() - started

    result["cbs"] = []
    for path, year, phase in cbs:
        started = time.perf_counter()
        report = import_file(repo, path, year, phase)
        result["cbs"].append({"file": path.name, "seconds": time.perf_counter() - started, "lines": report.lines,
                              "triples": report.triples, "municipalities": report.municipalities})
    started = time.perf_counter()
    repo.close()
    result["close_seconds"] = time.perf_counter() - started
    result["maxrss"] = _maxrss()
    result["store_bytes"] = directory_size(store_dir)
    if floor:
        result["floor"] = load_floor(nquads)
    return result


def main(argv: list[str]) -> int:
    phase, out = argv[0], Path(argv[1])
    if phase == "load":
        cbs = [a[len("--cbs="):].split("|") for a in argv[4:] if a.startswith("--cbs=")]
        result = load(Path(argv[2]), Path(argv[3]), [(Path(p), int(y), phase_name) for p, y, phase_name in cbs],
                      floor="--floor" in argv)
    elif phase == "inprocess":
        from bench.inprocess import measure

        warmup = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--warmup=")), 1)
        result = measure(Path(argv[2]), argv[3], int(argv[4]), validate_all_too="--validate-all" in argv, warmup=warmup)
    else:
        raise SystemExit(f"unknown phase {phase}")
    out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
