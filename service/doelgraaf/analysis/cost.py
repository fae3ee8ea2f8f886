"""Cost of measures, goals and programmes: 'Wat mag het kosten?'.

A measure costs its own budget lines. A goal costs its direct lines plus, for each measure
serving it, the measure's cost times its share (equal shares when none are given). Shares are
applied in Decimal and rounded to the cent with the largest-remainder method, so the parts of a
measure always add up exactly to the measure's total: allocated goal costs reconcile with
measure totals to the cent. A programme costs its direct lines plus the cost of its goals; a
municipality costs all its lines.

No data is not zero: a direction without a single budget line to add up (for that year and phase)
is None, a line of 0 euros is 0 (docs/architecture.md, "Geen gegevens is geen nul").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import pyoxigraph as ox

from doelgraaf.core.namespaces import DG
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache

ZERO = Decimal(0)
EXPENSE = ox.NamedNode(str(DG.Expense))
REVENUE = ox.NamedNode(str(DG.Revenue))


def _plus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    """A sum that is None (no data) only when both parts are."""
    return b if a is None else a if b is None else a + b


@dataclass(frozen=True)
class Cost:
    expenses: Decimal | None = None  # None: no expense line at all
    revenues: Decimal | None = None

    @property
    def net(self) -> Decimal | None:
        """Net cost: expenses minus revenues (positive when it costs money), a side without lines counting
        as 0; None when neither side has a line."""
        if self.expenses is None and self.revenues is None:
            return None
        return (self.expenses or ZERO) - (self.revenues or ZERO)

    def __add__(self, other: "Cost") -> "Cost":
        return Cost(_plus(self.expenses, other.expenses), _plus(self.revenues, other.revenues))


def _directed(direction, amount: Decimal) -> Cost:
    return Cost(expenses=amount) if direction == EXPENSE else Cost(revenues=amount) if direction == REVENUE else Cost()


def year_literal(year: int) -> ox.Literal:
    return ox.Literal(str(year), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))


def graph_totals(repo: Repository, graph: ox.NamedNode, year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    """What every budget line of the graph funds, summed per direction: one pass over the year's lines,
    kept until the next write (asking for all costs once is cheaper than asking per parent on disk)."""
    def compute():
        rows = repo.select(load("budget_totals"), bindings={"graph": graph, "year": year_literal(year), "phase": phase}).rows
        totals: dict[str, Cost] = defaultdict(Cost)
        for node, direction, total in rows:
            totals[node.value] = totals[node.value] + _directed(direction, Decimal(total.value))
        return dict(totals)

    return cache.cached(repo, ("totals", graph.value, year, phase.value), compute, graphs=[graph.value])


def graph_shares(repo: Repository, graph: ox.NamedNode) -> dict[str, dict[str, Decimal]]:
    """measure -> goal -> share for every measure of the graph (1 each when no shares are given)."""
    def compute():
        shares: dict[str, dict[str, Decimal | None]] = defaultdict(dict)
        for measure, goal, share in repo.select(load("measure_goals"), bindings={"graph": graph}).rows:
            shares[measure.value][goal.value] = Decimal(share.value) if share is not None else None
        return {
            measure: goals if all(s is not None for s in goals.values()) else {goal: Decimal(1) for goal in goals}
            for measure, goals in shares.items()
        }

    return cache.cached(repo, ("shares", graph.value), compute, graphs=[graph.value])


def programme_goals(repo: Repository, graph: ox.NamedNode) -> dict[str, list[str]]:
    def compute():
        found: dict[str, list[str]] = defaultdict(list)
        for programme, goal in repo.select(load("programme_goals"), bindings={"graph": graph}).rows:
            found[programme.value].append(goal.value)
        return dict(found)

    return cache.cached(repo, ("programme goals", graph.value), compute, graphs=[graph.value])


def allocate(total: Decimal, shares: dict[str, Decimal]) -> dict[str, Decimal]:
    """Split `total` over keys by share, to the cent, with parts that add up exactly to `total`."""
    if not shares:
        return {}
    quantum = Decimal(1).scaleb(min(-2, total.as_tuple().exponent))
    weight = sum(shares.values())
    exact = {key: total * share / weight for key, share in shares.items()}
    parts = {key: value.quantize(quantum, rounding=ROUND_FLOOR) for key, value in exact.items()}
    leftover = int((total - sum(parts.values())) / quantum)
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - parts[k]), k))
    for key in by_remainder[:leftover]:
        parts[key] += quantum
    return parts


def _allocate_cost(cost: Cost, shares: dict[str, Decimal]) -> dict[str, Cost]:
    expenses = {} if cost.expenses is None else allocate(cost.expenses, shares)
    revenues = {} if cost.revenues is None else allocate(cost.revenues, shares)
    return {goal: Cost(expenses.get(goal), revenues.get(goal)) for goal in shares}


def measure_costs(repo: Repository, graph: ox.NamedNode, measures: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    totals = graph_totals(repo, graph, year, phase)
    return {m.value: totals.get(m.value, Cost()) for m in measures}


def goal_costs(repo: Repository, graph: ox.NamedNode, goals: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    """Direct lines plus the allocated part of every serving measure."""
    totals = graph_totals(repo, graph, year, phase)
    shares = graph_shares(repo, graph)
    wanted = {g.value for g in goals}
    result = {goal: totals.get(goal, Cost()) for goal in wanted}
    for measure, goal_shares in shares.items():
        if wanted.isdisjoint(goal_shares):
            continue
        parts = _allocate_cost(totals.get(measure, Cost()), goal_shares)
        for goal in wanted.intersection(goal_shares):
            result[goal] = result[goal] + parts[goal]
    return result


def programme_costs(repo: Repository, graph: ox.NamedNode, programmes: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    """Direct lines plus the cost of the programme's goals."""
    goals_of = programme_goals(repo, graph)
    every_goal = sorted({g for p in programmes for g in goals_of.get(p.value, [])})
    per_goal = goal_costs(repo, graph, [ox.NamedNode(g) for g in every_goal], year, phase)
    totals = graph_totals(repo, graph, year, phase)
    result = {}
    for programme in programmes:
        result[programme.value] = sum((per_goal[g] for g in goals_of.get(programme.value, [])), totals.get(programme.value, Cost()))
    return result


def municipality_costs(repo: Repository, graph: ox.NamedNode, municipalities: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    """All budget lines of the municipality's graph, those that fund nothing included."""
    def compute() -> Cost:
        rows = repo.select(load("municipality_budget"), bindings={"graph": graph, "year": year_literal(year), "phase": phase}).rows
        return sum((_directed(direction, Decimal(total.value)) for direction, total in rows), Cost())

    total = cache.cached(repo, ("municipality total", graph.value, year, phase.value), compute, graphs=[graph.value])
    return {m.value: total for m in municipalities}
