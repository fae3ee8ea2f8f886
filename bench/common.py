"""Small helpers shared by the benchmark phases: timing statistics, paths, the contract query."""

from __future__ import annotations

import math
import os
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
QUERIES = BENCH / "queries"
CBS_DIR = ROOT / "data" / "cbs-iv3"
# (file, year, phase) as `doelgraaf import cbs-iv3` takes them
CBS_FILES = (("iv3_2023_jaarrekening.csv", 2023, "REALISED"), ("iv3_2024_begroting.csv", 2024, "ADOPTED"),
             ("iv3_2025_begroting.csv", 2025, "ADOPTED"))
DEMO_CODE = "GM9999"
EXPENSE = "https://w3id.org/doelgraaf/def#Expense"


@dataclass
class Timing:
    """Repeated measurements of one thing, in seconds (after the warm-up, which is not in `samples`)."""

    samples: list[float] = field(default_factory=list)
    warmup: int = 0

    @property
    def n(self) -> int:
        return len(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        """Nearest-rank 95th percentile (with few samples: the largest)."""
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def as_dict(self) -> dict:
        return {**asdict(self), "median": self.median, "p95": self.p95}


def repeat(function: Callable[[], object], runs: int, warmup: int = 1,
           before: Callable[[], object] | None = None) -> tuple[Timing, object]:
    """Call `function` warmup + runs times; time the last `runs` calls. Returns the timing and the last result.
    `before` runs ahead of every call, outside the clock (e.g. a write that makes the service's caches stale)."""
    result = None
    for _ in range(warmup):
        if before:
            before()
        result = function()
    timing = Timing(warmup=warmup)
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        result = function()
        timing.samples.append(time.perf_counter() - started)
    return timing, result


def timing_from(data: dict) -> Timing:
    return Timing(samples=list(data["samples"]), warmup=data.get("warmup", 0))


def directory_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def rss_of(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a running process, in bytes, from /proc/<pid>/status."""
    found = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) * 1024
    return found


def rss_of_children(pid: int) -> int:
    """VmRSS of every process below `pid` together (the service's SPARQL workers and their fork server), in bytes."""
    total, waiting = 0, [pid]
    while waiting:
        parent = waiting.pop()
        children = []
        for task in Path(f"/proc/{parent}/task").glob("*"):  # a child belongs to the thread that started it
            try:
                children += [int(child) for child in (task / "children").read_text(encoding="ascii").split()]
            except OSError:
                continue
        for child in children:
            total += rss_of(child).get("VmRSS", 0)
            waiting.append(child)
    return total


def contract_query(code: str) -> str:
    """tests/test_graphql_contract.py's MUNICIPALITY, for municipality `code` (read from the test, not copied)."""
    source = (ROOT / "tests" / "test_graphql_contract.py").read_text(encoding="utf-8")
    match = re.search(r'^MUNICIPALITY = """(.*?)"""', source, re.S | re.M)
    if match is None:
        raise RuntimeError("MUNICIPALITY not found in tests/test_graphql_contract.py")
    return match.group(1).replace(f'"{DEMO_CODE}"', f'"{code}"')


def contract_sparql(code: str) -> str:
    """bench/queries/contract.rq for municipality `code` (the file names the demo, GM9999)."""
    return (QUERIES / "contract.rq").read_text(encoding="utf-8").replace(DEMO_CODE, code)


def cpu_count() -> int:
    return os.cpu_count() or 1


def code_state() -> dict[str, object]:
    """The commit measured and whether the service's files differ from it (others may edit the checkout meanwhile)."""
    import subprocess

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"

    changed = git("status", "--porcelain", "--", "service", "shapes", "ontology", "pyproject.toml")
    return {"head": git("rev-parse", "--short", "HEAD"), "changed": [line[3:] for line in changed.splitlines() if line]}
