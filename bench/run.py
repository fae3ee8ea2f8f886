"""Run the whole benchmark of issue 5 and write bench/RESULTS.md.

    .venv/bin/python -m bench.run                          # national: 342 municipalities, ~3.1 M triples
    .venv/bin/python -m bench.run --scale small --runs 3   # 10 municipalities, a quick look

Steps (each a child process where that matters, see bench/phases.py):
 1. generate the dataset (bench/generate.py) into bench/out/, or reuse it when seed, size and generator match;
 2. bulk load it into a fresh on-disk store, with ontology/vocabularies and the three CBS Iv3 files
    (a warm-up load, then --load-runs timed loads, each in its own process for its peak memory);
 3. in one process on that store: query 2 through GraphQL and as one SPARQL query (answers compared),
    benchmark over all municipalities, validation of one municipality and of all of them, a mutation;
 4. `doelgraaf serve --store DIR` in a subprocess and httpx clients at 1, 8 and 32 concurrent requests;
 5. its /sparql against `oxigraph serve-read-only` on a checkpoint of the same store (bench/sparql_endpoint.py);
 6. query 2 on 10 municipalities with rdflib's own engine against the same on Oxigraph;
 7. row 12: query 2 and benchmark through GraphQL on each back-end (embedded, `oxigraph serve`, Virtuoso), each
    loaded with the same data in the same run (bench/backends.py; `--backends` chooses, `none` leaves it out).
Below national scale the CBS files are cut down to the generated municipalities.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

from bench import generate as gen
from bench.common import BENCH, CBS_DIR, CBS_FILES, ROOT, code_state, cpu_count

SCALES = {"national": 342, "small": 10}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def wait_until_quiet(limit: float) -> dict:
    """Wait up to `limit` seconds for the 1-minute load average to drop below half the cores."""
    started = time.monotonic()
    while time.monotonic() - started < limit and os.getloadavg()[0] >= cpu_count() / 2:
        time.sleep(10)
    return {"waited_seconds": round(time.monotonic() - started), "load": load_average()}


# ---------------------------------------------------------------------------------------------------


def dataset(out: Path, count: int, seed: int, scale: float = 1.0) -> tuple[Path, dict, bool]:
    """The generated N-Quads (reused when seed, size and generator are the same) and its manifest."""
    name = ("national" if count == 342 else f"m{count}") + ("" if scale == 1.0 else f"-s{scale:g}")
    path = out / f"{name}.nq"
    manifest_path = Path(str(path) + ".json")
    if path.exists() and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if (manifest.get("seed"), manifest.get("municipalities"), manifest.get("generator"), manifest.get("scale")) \
                == (seed, count, gen.source_digest(), scale) \
                and manifest.get("bytes") == path.stat().st_size:
            return path, manifest, True
    return path, gen.generate(path, count, seed, quiet=True, scale=scale), False


def cbs_files(out: Path, codes: list[str]) -> list[tuple[Path, int, str]]:
    """The CBS Iv3 files; below national scale only the rows of the generated municipalities."""
    if len(codes) >= 342:
        return [(CBS_DIR / name, year, phase) for name, year, phase in CBS_FILES]
    with gen.GEMEENTEN.open(encoding="utf-8") as handle:
        names = set()
        for row in csv.DictReader(handle):
            if row["gm_code"] in set(codes):  # CBS writes "Groningen" where the reference says "Groningen (gemeente)"
                names |= {row["naam_in_iv3_data"], row["naam_in_iv3_data"].removesuffix(" (gemeente)"), row["gemeente"]}
    folder = out / f"cbs-m{len(codes)}"
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, year, phase in CBS_FILES:
        lines = (CBS_DIR / name).read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [lines[0]] + [line for line in lines[1:] if line.split(";", 1)[0] in names]
        (folder / name).write_text("".join(kept), encoding="utf-8")
        files.append((folder / name, year, phase))
    return files


def child(args: list[str], timeout: float) -> dict:
    """Run `python -m bench.phases …` and read the JSON it writes; raise with its output when it fails."""
    result_file = Path(args[1])
    result_file.unlink(missing_ok=True)
    completed = subprocess.run([sys.executable, "-m", "bench.phases", *args], cwd=ROOT, capture_output=True,
                               text=True, timeout=timeout)
    if completed.returncode != 0 or not result_file.exists():
        raise RuntimeError(f"bench.phases {args[0]} failed (exit {completed.returncode}): "
                           f"{(completed.stderr or completed.stdout)[-2000:]}")
    return json.loads(result_file.read_text(encoding="utf-8"))


def pick_municipality(manifest: dict) -> str:
    """The municipality of median size (triples), so query 2 measures a typical graph."""
    graphs = sorted(manifest["graphs"].items(), key=lambda item: (item[1], item[0]))
    return graphs[(len(graphs) - 1) // 2][0]


def neighbours(manifest: dict, code: str, count: int) -> list[str]:
    codes = sorted(manifest["graphs"])
    index = codes.index(code)
    start = max(0, min(index - count // 2, len(codes) - count))
    return codes[start:start + count]


def versions() -> dict[str, str]:
    from importlib.metadata import version

    found = {"python": platform.python_version()}
    for package in ("pyoxigraph", "rdflib", "pyshacl", "strawberry-graphql", "fastapi", "uvicorn", "httpx"):
        try:
            found[package] = version(package)
        except Exception:  # noqa: BLE001 - a missing package is reported as such
            found[package] = "?"
    return found


# ---------------------------------------------------------------------------------------------------


def run(scale: str = "national", municipalities: int | None = None, runs: int = 20, load_runs: int = 3,
        out: Path = BENCH / "out", results: Path = BENCH / "RESULTS.md", throughput_seconds: float = 10.0,
        seed: int = gen.DEFAULT_SEED, validate_all: bool = True, wait_quiet: float = 0, keep_store: bool = False,
        command: str | None = None, warmup: int = 1, programme_scale: float = 1.0,
        clients: tuple[int, ...] = (1, 8, 32), dashboard_views: tuple[str, ...] | None = None, dashboard_demo: bool = True,
        backends: tuple[str, ...] | None = None) -> dict:
    """Run every measurement and write `results`; failures are recorded there (report["errors"]), never hidden."""
    count = municipalities or SCALES[scale]
    out.mkdir(parents=True, exist_ok=True)
    code_at_start = code_state()
    report: dict[str, object] = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "cores": cpu_count(),
        "machine": f"{platform.system()} {platform.machine()}", "versions": versions(), "runs": runs,
        "load_runs": load_runs, "warmup": warmup, "throughput_seconds": throughput_seconds, "errors": [], "load_average": {},
        "command": command or "python -m bench.run", "source": {"start": code_at_start},
    }
    errors: list[str] = report["errors"]  # type: ignore[assignment]
    if wait_quiet:
        log(f"wachten op een rustige machine / waiting for a quiet machine (max {wait_quiet:.0f} s)")
        report["quiet"] = wait_until_quiet(wait_quiet)
    started_all = time.perf_counter()

    def phase(name: str, function):
        log(f"{name} …")
        before = load_average()
        started = time.perf_counter()
        try:
            value = function()
        except Exception as exc:  # noqa: BLE001 - every failure is recorded in RESULTS.md, the rest still runs
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            log(f"{name} FOUT / ERROR: {exc}")
            traceback.print_exc()
            value = None
        report["load_average"][name] = {"before": before, "after": load_average()}  # type: ignore[index]
        log(f"{name} klaar / done in {time.perf_counter() - started:.1f} s")
        return value

    # 1. the dataset
    def make_dataset():
        path, manifest, reused = dataset(out, count, seed, programme_scale)
        return {"path": str(path), "manifest": manifest, "reused": reused}

    data = phase("dataset", make_dataset)
    if data is None:
        write(report, results)
        return report
    manifest = data["manifest"]
    report["dataset"] = {k: v for k, v in manifest.items() if k != "graphs"} | {
        "reused": data["reused"], "file": str(Path(data["path"]).relative_to(ROOT)) if Path(data["path"]).is_relative_to(ROOT) else data["path"],
        "graph_triples": {"min": min(manifest["graphs"].values()), "median": statistics.median(manifest["graphs"].values()),
                          "max": max(manifest["graphs"].values())}}
    nquads = Path(data["path"])
    codes = sorted(manifest["graphs"])
    code = pick_municipality(manifest)
    report["code"] = code
    report["code_triples"] = manifest["graphs"][code]

    # 2. bulk loads, each in a fresh directory and its own process
    files = cbs_files(out, codes)
    report["cbs_files"] = [f"{p.name} ({year}, {phase_name})" for p, year, phase_name in files]
    store = out / f"store-{nquads.stem}"

    def loads():
        measured = []
        for attempt in range(load_runs + warmup):
            target = out / f"store-{nquads.stem}-load"
            shutil.rmtree(target, ignore_errors=True)
            last = attempt == load_runs + warmup - 1
            result = child(["load", str(out / "load.json"), str(nquads), str(target), *_cbs_args(files)] + (["--floor"] if last else []),
                           timeout=3600)
            log(f"  laden / load {attempt}: {result['bulk_seconds']:.1f} s bulk, {result['maxrss'] / 1e6:.0f} MB")
            if attempt >= warmup:  # the first `warmup` loads only warm up (page cache, imports)
                measured.append(result)
            shutil.rmtree(store, ignore_errors=True)
            target.rename(store)
        return measured

    report["load"] = phase("load", loads)
    if report["load"] is None:
        write(report, results)
        return report

    # 3. in-process measurements on the loaded store
    arguments = ["inprocess", str(out / "inprocess.json"), str(store), code, str(runs), f"--warmup={warmup}"] + \
        (["--validate-all"] if validate_all else [])
    report["inprocess"] = phase("inprocess", lambda: child(arguments, timeout=7200))

    # 4. throughput against `doelgraaf serve`
    from bench import throughput

    report["throughput"] = phase("throughput", lambda: throughput.measure(store, code, throughput_seconds, out / "serve.log",
                                                                        clients, warmup=3 * warmup, codes=codes))

    # 5. the public SPARQL endpoint against Oxigraph's own server on the same store
    from bench import sparql_endpoint

    report["sparql_endpoint"] = phase("sparql_endpoint", lambda: sparql_endpoint.measure(
        store, code, max(runs, 5), throughput_seconds, out, clients=8, warmup=3 * warmup))

    # 11. each dashboard view in Chromium: on the demo as `make run` serves it, and on the national store
    from bench import dashboards

    dashboard_runs = max(1, min(runs, 7))
    if dashboard_demo:
        report["dashboards_demo"] = phase("dashboards_demo", lambda: dashboards.measure_demo(out, dashboard_runs, files, dashboard_views))
    report["dashboards"] = phase("dashboards", lambda: dashboards.measure(store, code, dashboard_runs, out / "serve-dashboards.log", only=dashboard_views))

    # 6. rdflib against Oxigraph on 10 municipalities
    from bench import naive

    sample = neighbours(manifest, code, min(10, len(codes)))
    report["naive"] = phase("naive", lambda: naive.measure(nquads, sample, code, max(1, min(runs, 5)), warmup))

    # 12. the same questions on each back-end, each loaded with the same data (bench/backends.py)
    from bench import backends as per_backend

    kinds = per_backend.KINDS if backends is None else backends
    if kinds:
        report["backends"] = phase("backends", lambda: per_backend.measure(
            nquads, files, code, runs, warmup, out, kinds, keep=keep_store,
            municipalities=count, triples=manifest["triples"], wait_quiet=wait_quiet))
        errors += [f"backends: {e}" for e in (report["backends"] or {}).get("errors", [])]

    report["seconds"] = time.perf_counter() - started_all
    report["source"]["end"] = code_state()  # type: ignore[index]
    (out / "results.json").write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    if not keep_store:
        shutil.rmtree(store, ignore_errors=True)
    write(report, results)
    log(f"klaar / done: {results}")
    return report


def _cbs_args(files: list[tuple[Path, int, str]]) -> list[str]:
    return [f"--cbs={path}|{year}|{phase}" for path, year, phase in files]


def write(report: dict, results: Path) -> None:
    from bench.report import markdown

    results.write_text(markdown(report), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Doelgraaf-benchmark (issue 5) / Doelgraaf benchmark")
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument("--municipalities", type=int, help="aantal gemeenten (in plaats van --scale) / number of municipalities")
    parser.add_argument("--runs", type=int, default=20, help="herhalingen per meting na de opwarmronde / repetitions after warm-up")
    parser.add_argument("--load-runs", type=int, default=3, help="gemeten laadbeurten na één opwarmbeurt / timed loads after a warm-up")
    parser.add_argument("--throughput-seconds", type=float, default=10.0)
    parser.add_argument("--clients", default="1,8,32", help="gelijktijdige clients per niveau / concurrent clients per level")
    parser.add_argument("--warmup", type=int, default=1, help="opwarmrondes per meting / warm-up rounds per measurement")
    parser.add_argument("--programme-scale", type=float, default=1.0,
                        help="kleinere collegeprogramma's (0-1), alleen voor snelle tests / smaller programmes, quick tests only")
    parser.add_argument("--seed", type=int, default=gen.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--no-validate-all", action="store_true", help="sla de controle van alle gemeenten over / skip validating all")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                        help="wacht eerst tot de machine rustig is / first wait for a quiet machine")
    parser.add_argument("--keep-store", action="store_true", help="bewaar de store in --out / keep the store")
    parser.add_argument("--backends", default="embedded,oxigraph,virtuoso",
                        help="rij 12: deze achterkanten, kommagescheiden, of none / row 12: these back-ends, comma-separated, or none")
    args = parser.parse_args(argv)
    command = "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv)
    report = run(args.scale, args.municipalities, args.runs, args.load_runs, args.out, args.results, args.throughput_seconds,
                 args.seed, not args.no_validate_all, args.wait_quiet, args.keep_store, command.strip(), args.warmup,
                 args.programme_scale, tuple(int(c) for c in args.clients.split(",")),
                 backends=() if args.backends.strip() == "none" else tuple(k.strip() for k in args.backends.split(",") if k.strip()))
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
