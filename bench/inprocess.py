"""Measurements on the loaded store inside one process: query 2 (GraphQL and SPARQL), benchmark,
validation (one municipality; all of them in a process pool), and a mutation behind its SHACL gate.

Runs as a child of bench.run (see bench.phases), so the store is closed when it ends.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from multiprocessing import get_context
from pathlib import Path

import pyoxigraph as ox

from bench.common import EXPENSE, Timing, contract_query, contract_sparql, cpu_count, repeat

BENCHMARK_GRAPHQL = """{ benchmark(taakveld: "%s", year: 2024, phase: ADOPTED, direction: EXPENSE) {
    municipality { code } amount inhabitants perInhabitant rank } }"""
UPDATE_GOAL = """mutation { updateGoal(id: "%s", input: {label: "%s"}) { ok id violations { message(lang: "en") } } }"""
COMPLETENESS_COMPARISON = "{ completenessComparison { rank municipality { code } completeness { goals goalsWithOwner score } } }"
CENT = Decimal("0.01")
SCRATCH = "https://w3id.org/doelgraaf/id/bench-scratch"  # written about to make the service's caches stale


# ---------------------------------------------------------------------------------------------------
# query 2: the GraphQL answer and the SPARQL answer, normalised to the same shape and compared


def _money(value) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def graphql_answer(data: dict) -> dict:
    m = data["municipality"]
    goals = {}
    for goal in m["goals"]:
        indicators = frozenset(
            (i["id"], i["label"], i["unit"],
             _money(i["baseline"]["value"]) if i["baseline"] else None, i["baseline"]["year"] if i["baseline"] else None,
             _money(i["target"]["value"]) if i["target"] else None, i["target"]["year"] if i["target"] else None)
            for i in goal["indicators"])
        goals[goal["id"]] = {
            "label": goal["label"], "owner": (goal["owner"] or {}).get("id"), "ownerLabel": (goal["owner"] or {}).get("label"),
            "indicators": indicators, "measures": frozenset(x["id"] for x in goal["measures"]),
            "expenses": _money(goal["cost"]["expenses"]), "revenues": _money(goal["cost"]["revenues"]),
        }
    measures = {x["id"]: {"label": x["label"], "goals": frozenset(g["id"] for g in x["goals"]),
                          "expenses": _money(x["cost"]["expenses"]), "revenues": _money(x["cost"]["revenues"])} for x in m["measures"]}
    programmes = {x["id"]: {"label": x["label"], "goals": frozenset(g["id"] for g in x["goals"]),
                            "expenses": _money(x["cost"]["expenses"]), "revenues": _money(x["cost"]["revenues"])} for x in m["programmes"]}
    return {"name": m["name"], "goals": goals, "measures": measures, "programmes": programmes}


def sparql_rows(store: ox.Store, query: str) -> list[tuple]:
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    return [tuple(solution[i] for i in range(len(names))) for solution in solutions]


def sparql_answer(rows: list[tuple]) -> dict:
    """Pivot the rows of contract.rq into the shape of graphql_answer (no computation beyond that)."""
    name = None
    goals: dict[str, dict] = defaultdict(lambda: {"indicators": set(), "measures": set(), "expenses": Decimal(0), "revenues": Decimal(0)})
    measures: dict[str, dict] = defaultdict(lambda: {"goals": set(), "expenses": Decimal(0), "revenues": Decimal(0)})
    programmes: dict[str, dict] = defaultdict(lambda: {"goals": set(), "expenses": Decimal(0), "revenues": Decimal(0)})

    def v(term):
        return None if term is None else term.value

    for part, subject, label, related, related_label, unit, baseline, baseline_year, target, target_year, direction, amount in rows:
        part, s = part.value, v(subject)
        if part == "municipality":
            name = label.value
        elif part == "goal":
            goals[s].update(label=label.value, owner=v(related), ownerLabel=v(related_label))
        elif part == "indicator":
            goals[s]["indicators"].add((related.value, v(related_label), v(unit),
                                        Decimal(baseline.value) if baseline else None, int(baseline_year.value) if baseline_year else None,
                                        Decimal(target.value) if target else None, int(target_year.value) if target_year else None))
        elif part == "serves":
            measures[s]["goals"].add(related.value)
            goals[related.value]["measures"].add(s)
        elif part == "measure":
            measures[s]["label"] = label.value
        elif part == "programme":
            programmes[s]["label"] = label.value
            if related is not None:
                programmes[s]["goals"].add(related.value)
        elif part in ("goalCost", "measureCost", "programmeCost"):
            target_map = {"goalCost": goals, "measureCost": measures, "programmeCost": programmes}[part]
            key = "expenses" if direction.value == EXPENSE else "revenues"
            target_map[s][key] += Decimal(amount.value)
    for table in (goals, measures, programmes):
        for item in table.values():
            for key in ("indicators", "measures", "goals"):
                if key in item:
                    item[key] = frozenset(item[key])
    return {"name": name, "goals": dict(goals), "measures": dict(measures), "programmes": dict(programmes)}


def compare(graphql: dict, sparql: dict) -> list[str]:
    """Differences between the two answers; money may differ by the cent-rounding of allocated shares."""
    differences = []
    if graphql["name"] != sparql["name"]:
        differences.append(f"name {graphql['name']!r} != {sparql['name']!r}")
    for kind in ("goals", "measures", "programmes"):
        left, right = graphql[kind], sparql[kind]
        if set(left) != set(right):
            differences.append(f"{kind}: {len(set(left) ^ set(right))} ids differ")
            continue
        for key, item in left.items():
            other = right[key]
            for field_name, value in item.items():
                if field_name in ("expenses", "revenues"):
                    tolerance = CENT * (1 + len(item.get("measures", ())) + 3 * len(item.get("goals", ())))
                    if abs(value - other.get(field_name, Decimal(0))) > tolerance:
                        differences.append(f"{kind} {key} {field_name}: {value} != {other.get(field_name)}")
                elif other.get(field_name) != value:
                    differences.append(f"{kind} {key} {field_name}: {value!r} != {other.get(field_name)!r}")
    return differences


# ---------------------------------------------------------------------------------------------------
# validation of every municipality in a pool of processes


_worker_repository = None


def _start_worker(store_dir: str) -> None:
    """Each worker opens the store read-only (nothing writes while they run) and loads the rules once."""
    global _worker_repository
    from doelgraaf.store.embedded import EmbeddedRepository
    from doelgraaf.validation.rules import project, validation_background_triples

    _worker_repository = EmbeddedRepository(Path(store_dir), read_only=True)
    project(), validation_background_triples()


def _validate_one(code: str) -> tuple[str, bool, int, int, float]:
    from doelgraaf.validation.municipality import municipality_report

    started = time.perf_counter()
    report = municipality_report(_worker_repository, code)
    return code, report.conforms, len(report.violations), len(report.warnings), time.perf_counter() - started


def validate_all(repo, store_dir: Path, codes: list[str]) -> dict:
    """Validate every municipality as the service validates one (`municipality_report`: its graph read from
    the store, checked in memory), in os.cpu_count() worker processes that each open the store read-only."""
    workers = cpu_count()
    repo.store.flush()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=_start_worker,
                             initargs=(str(store_dir),)) as pool:
        list(pool.map(int, range(workers * 2)))  # start the workers (imports, shapes) before the clock
        started = time.perf_counter()
        outcomes = list(pool.map(_validate_one, codes, chunksize=4))
        total = time.perf_counter() - started
    return {
        "workers": workers, "seconds": total, "municipalities": len(outcomes),
        "conforming": sum(1 for o in outcomes if o[1]), "violations": sum(o[2] for o in outcomes),
        "warnings": sum(o[3] for o in outcomes), "per_municipality": Timing(samples=[o[4] for o in outcomes]).as_dict(),
        "not_conforming": [o[0] for o in outcomes if not o[1]][:10],
    }


# ---------------------------------------------------------------------------------------------------


def measure(store_dir: Path, code: str, runs: int, validate_all_too: bool = False, warmup: int = 1) -> dict:
    from doelgraaf.analysis import comparisons
    from doelgraaf.cli.serve import tune_garbage_collector
    from doelgraaf.core.access import Principal
    from doelgraaf.core.namespaces import municipality_graph
    from doelgraaf.graphql.context import Context
    from doelgraaf.graphql.schema import schema
    from doelgraaf.store.embedded import EmbeddedRepository
    from doelgraaf.validation.municipality import municipality_report

    result: dict[str, object] = {"code": code, "runs": runs, "warmup": warmup}
    started = time.perf_counter()
    repo = EmbeddedRepository(store_dir)
    result["open_seconds"] = time.perf_counter() - started
    loop = asyncio.new_event_loop()
    gql = schema()
    tune_garbage_collector()  # as `doelgraaf serve` does

    def execute(query: str, principal=None) -> tuple[dict, int]:
        context = Context(repo, principal)
        response = loop.run_until_complete(gql.execute(query, context_value=context))
        if response.errors:
            raise RuntimeError(f"GraphQL errors: {[str(e) for e in response.errors][:3]}")
        return response.data, context.repository.queries

    # The service keeps answers until a write to the graphs they come from. "warm" repeats a question without
    # writes in between (answers may come from those caches); "cold" writes to the measured municipality's
    # own graph before every run (outside the clock: a statement about a scratch IRI, added and removed in
    # turn, which no query or rule reads), so that everything from that graph is computed again, as after
    # an editor's change there.
    own_graph = ox.NamedNode(str(municipality_graph(code)))
    marker = ox.Triple(ox.NamedNode(SCRATCH), ox.NamedNode(SCRATCH + "#write"), ox.Literal("benchmark"))
    present = [False]

    def invalidate():
        repo.modify_graph(own_graph, delete=[marker] if present[0] else [], insert=[] if present[0] else [marker])
        present[0] = not present[0]

    # 9. how far each municipality is: the first ranking after start counts every graph in one query
    started = time.perf_counter()
    ranking, _ = execute(COMPLETENESS_COMPARISON)
    result["completeness_first"] = {"seconds": time.perf_counter() - started,
                                    "municipalities": len(ranking["completenessComparison"])}

    # 2. query 2 through GraphQL and as one SPARQL query
    query = contract_query(code)
    timing, (data, queries) = repeat(lambda: execute(query), runs, warmup=warmup)
    result["graphql"] = {**timing.as_dict(), "sparql_queries": queries, "goals": len(data["municipality"]["goals"]),
                         "measures": len(data["municipality"]["measures"]), "programmes": len(data["municipality"]["programmes"])}
    timing, (_, queries) = repeat(lambda: execute(query), runs, warmup=warmup, before=invalidate)
    result["graphql_cold"] = {**timing.as_dict(), "sparql_queries": queries}
    text = contract_sparql(code)
    timing, rows = repeat(lambda: sparql_rows(repo.store, text), runs, warmup=warmup)
    result["sparql"] = {**timing.as_dict(), "rows": len(rows)}
    differences = compare(graphql_answer(data), sparql_answer(rows))
    result["answers_agree"] = not differences
    result["differences"] = differences[:10]

    # 3. benchmark over all municipalities: the service function and the GraphQL field
    for taakveld in ("6.1", "6"):
        for suffix, before in (("", None), ("_cold", invalidate)):
            timing, rows_ = repeat(lambda: comparisons.benchmark(repo, taakveld, 2024, "ADOPTED", EXPENSE), runs, warmup=warmup,
                                   before=before)
            result[f"benchmark_{taakveld}{suffix}"] = {**timing.as_dict(), "rows": len(rows_)}
            timing, (data_, _) = repeat(lambda: execute(BENCHMARK_GRAPHQL % taakveld), runs, warmup=warmup, before=before)
            result[f"benchmark_graphql_{taakveld}{suffix}"] = {**timing.as_dict(), "rows": len(data_["benchmark"])}

    # 4. validation of one municipality as the service does it (its graph copied into memory, checked by Oxigraph)
    validation_runs = max(1, min(runs, 10))
    timing, report = repeat(lambda: municipality_report(repo, code), validation_runs, warmup=warmup, before=invalidate)
    result["validate_one"] = {**timing.as_dict(), "conforms": report.conforms, "violations": len(report.violations),
                              "warnings": len(report.warnings),
                              "triples": len(repo.graph_triples(ox.NamedNode(str(municipality_graph(code)))))}
    timing, report = repeat(lambda: municipality_report(repo, code), validation_runs, warmup=warmup)
    result["validate_one_warm"] = timing.as_dict()

    # 5. a mutation behind its SHACL gate: rename a goal through GraphQL as an editor of the municipality
    goal = sorted(g["id"] for g in data["municipality"]["goals"])[0]
    original = next(g["label"] for g in data["municipality"]["goals"] if g["id"] == goal)
    editor = Principal(role="editor", municipality=code)
    counter = iter(range(10_000))

    def rename():
        response, _ = execute(UPDATE_GOAL % (goal, f"{original} (benchmark {next(counter)})"), editor)
        outcome = response["updateGoal"]
        if not outcome["ok"]:
            raise RuntimeError(f"mutation refused: {outcome['violations'][:3]}")
        return outcome

    mutation_runs = max(1, min(runs, 10))
    timing, _ = repeat(rename, mutation_runs, warmup=warmup)
    stored = repo.select("SELECT ?label WHERE { GRAPH ?g { ?goal <http://www.w3.org/2000/01/rdf-schema#label> ?label } }",
                         bindings={"g": ox.NamedNode(str(municipality_graph(code))), "goal": ox.NamedNode(goal)}).rows
    result["mutation"] = {**timing.as_dict(), "goal": goal, "stored": any("(benchmark" in r[0].value for r in stored)}
    execute(UPDATE_GOAL % (goal, original.replace('"', '\\"')), editor)  # put the label back

    # 9. the ranking again: kept, and after an edit in one municipality (only that one is counted again)
    timing, _ = repeat(lambda: execute(COMPLETENESS_COMPARISON), runs, warmup=warmup)
    result["completeness_warm"] = timing.as_dict()
    timing, _ = repeat(lambda: execute(COMPLETENESS_COMPARISON), max(1, min(runs, 10)), warmup=warmup, before=invalidate)
    result["completeness_after_edit"] = timing.as_dict()

    # 10. import of this municipality's whole data as one document, validated and stored with its findings
    from doelgraaf.ingest.loading import load_documents
    from doelgraaf.ingest.rdf_files import RdfDocument

    if present[0]:
        invalidate()
    document = RdfDocument("bench", [ox.Quad(t.subject, t.predicate, t.object) for t in repo.graph_triples(own_graph)])
    timing, outcome = repeat(lambda: load_documents(repo, [document], [code]), max(1, min(runs, 5)), warmup=warmup)
    found = outcome.reports[code]
    result["import"] = {**timing.as_dict(), "stored": outcome.stored, "triples": outcome.triples[code],
                        "findings": len(found.results)}

    # 4b. all municipalities
    if validate_all_too:
        codes = sorted(r.code for r in _municipalities_with_graphs(repo))
        result["validate_all"] = validate_all(repo, store_dir, codes)

    loop.close()
    repo.close()
    return result


def _municipalities_with_graphs(repo):
    from doelgraaf.analysis import listing

    present = {row[0].value.rsplit("/", 1)[-1] for row in repo.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/doelgraaf/def#Goal> } }").rows}
    return [r for r in listing.all_municipalities(repo) if r.code in present]
