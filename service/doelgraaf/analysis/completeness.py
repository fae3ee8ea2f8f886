"""How far a municipality (or one of its programmes) is in steering by goals: counted, not judged.

Six fractions, each between 0 and 1: goals with an owner, with an indicator, with a SMART indicator (unit,
baseline with year, target with year), with a budget (a budget line funds the goal or a measure serving it);
measures that serve a goal; and the share of the expenses (lasten, all years and phases) that reaches a goal,
directly or through a measure. The score is their mean; a fraction over nothing (no goals, no measures, no
expenses) counts as 0: there is nothing yet to steer by (docs/architecture.md, "How far each one is"). The
expenses themselves, and their share reaching a goal, are None without a single expense line: no data is not zero.

All municipalities are counted at once, by five queries over all graphs (queries/completeness_*.rq, run side by
side: each is one pass over the store); each municipality's figures are then kept until its graph is written, so
an edit recounts only that one, by the same queries with its graph bound.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

import pyoxigraph as ox

from doelgraaf.analysis import listing
from doelgraaf.core.namespaces import GRAPH, municipality_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache

PREFIX = ox.Literal(str(GRAPH) + "GM")
PLACES = Decimal("0.001")
SHARE_PLACES = Decimal("0.000001")
# the longest first: two cores take them in this order
QUERIES = ("completeness_reaching", "completeness_goals", "completeness_smart", "completeness_expenses", "completeness_measures")
FIELDS = ("goals", "goalsWithOwner", "goalsWithIndicator", "goalsWithSmartIndicator", "goalsWithBudget", "measures",
          "measuresServingGoal", "expenses", "expensesReachingGoal", "expenseLines")


@dataclass(frozen=True)
class Completeness:
    goals: int
    goals_with_owner: int
    goals_with_indicator: int
    goals_with_smart_indicator: int
    goals_with_budget: int
    measures: int
    measures_serving_goal: int
    expenses: Decimal | None  # None: not a single expense line
    expenses_reaching_goal: Decimal

    @property
    def budget_reaching_goal(self) -> Decimal | None:
        """The share of the expenses that reaches a goal, 0..1, to the millionth: one measure's budget among a
        municipality's should show. None when there are no expenses to take a share of."""
        return _share(self.expenses_reaching_goal, self.expenses, SHARE_PLACES) if self.expenses else None

    @property
    def score(self) -> Decimal:
        goals = [self.goals_with_owner, self.goals_with_indicator, self.goals_with_smart_indicator, self.goals_with_budget]
        parts = [_share(Decimal(n), Decimal(self.goals)) for n in goals]
        parts += [_share(Decimal(self.measures_serving_goal), Decimal(self.measures)), self.budget_reaching_goal or Decimal(0)]
        return (sum(parts, Decimal(0)) / len(parts)).quantize(PLACES, ROUND_HALF_EVEN)


EMPTY = Completeness(0, 0, 0, 0, 0, 0, 0, None, Decimal(0))


def _share(part: Decimal, whole: Decimal, places: Decimal = PLACES) -> Decimal:
    return (part / whole).quantize(places, ROUND_HALF_EVEN) if whole else Decimal(0)


def _of_values(values: dict) -> Completeness:
    numbers = [int(values.get(name, 0)) for name in FIELDS[:7]]
    expenses = Decimal(values["expenses"]) if int(values.get("expenseLines", 0)) else None
    return Completeness(*numbers, expenses, Decimal(values.get("expensesReachingGoal", 0)))


def _count(repo: Repository, graph: str | None) -> dict[str, Completeness]:
    """graph -> figures, of every municipality graph (graph None) or of one; the queries run side by side."""
    bindings = {"prefix": PREFIX, **({"graph": ox.NamedNode(graph)} if graph else {})}

    def run(name: str):
        return repo.select(load(name), bindings=bindings)

    with ThreadPoolExecutor(max_workers=min(len(QUERIES), os.cpu_count() or 1)) as pool:
        answers = list(pool.map(run, QUERIES))
    found: dict[str, dict] = {}
    for answer in answers:
        names = [str(v).lstrip("?") for v in answer.variables]
        for row in answer.rows:
            values = found.setdefault(row[0].value, {})
            values.update({name: term.value for name, term in zip(names[1:], row[1:]) if term is not None})
    return {g: _of_values(values) for g, values in found.items()}


def of_municipality(repo: Repository, code: str) -> Completeness:
    return every_municipality(repo, [code]).get(code, EMPTY)


def every_municipality(repo: Repository, codes: list[str] | None = None) -> dict[str, Completeness]:
    """code -> figures of every municipality with data (or of `codes`): what is kept is taken, the rest
    counted in one query over all their graphs."""
    wanted = [r.data_graph for r in listing.all_municipalities(repo) if codes is None or r.code in codes]
    region = repo.cache.region("completeness")
    found: dict[str, Completeness] = {}
    missing = []
    for graph in wanted:
        kept = region.peek(graph)
        if kept is cache.MISSING:
            missing.append(graph)
        elif kept is not EMPTY:
            found[graph] = kept
    if missing:
        since = repo.current_revisions()
        # a few graphs (after edits) are counted one by one, with the graph bound; many at once over all graphs
        counted: dict[str, Completeness] = {}
        if len(missing) > 8:
            # one count at a time: the start-up warm-up and the first requests would otherwise each count all
            # 342, side by side on the same cores (bench/RESULTS.md, row 11)
            counted = cache.cached(repo, "completeness of every graph", lambda: _count(repo, None))
        else:
            for graph in missing:
                counted.update(_count(repo, graph))
        for graph in missing:
            figures = counted.get(graph, EMPTY)
            region.put(graph, figures, graphs=[graph], since=since)
            if figures is not EMPTY:
                found[graph] = figures
    return {graph.rsplit("/", 1)[-1]: figures for graph, figures in found.items()}


def of_programmes(repo: Repository, code: str) -> dict[str, Completeness]:
    """programme IRI -> figures, for every programme of one municipality."""
    graph = str(municipality_graph(code))

    def count() -> dict[str, Completeness]:
        rows = repo.select(load("completeness_programmes"), bindings={"graph": ox.NamedNode(graph)}).rows
        return {row[0].value: _of_values({name: term.value for name, term in zip(FIELDS, row[1:]) if term is not None})
                for row in rows}

    return cache.cached(repo, ("programme completeness", graph), count, graphs=[graph])


@dataclass(frozen=True)
class Ranked:
    code: str
    figures: Completeness
    rank: int


def ranking(repo: Repository) -> list[Ranked]:
    """Every municipality with data, the most complete first (equal scores share a rank)."""
    figures = every_municipality(repo)
    ordered = sorted(figures.items(), key=lambda item: (-item[1].score, item[0]))
    ranked, previous, rank = [], None, 0
    for position, (code, found) in enumerate(ordered, start=1):
        if found.score != previous:
            rank, previous = position, found.score
        ranked.append(Ranked(code, found, rank))
    return ranked
