"""Cost of measures, goals and programmes: 'Wat mag het kosten?'.

A measure costs its own budget lines. A goal costs its direct lines plus, for each measure
serving it, the measure's cost times its share (equal shares when none are given). Shares are
applied in Decimal and rounded to the cent with the largest-remainder method, so the parts of a
measure always add up exactly to the measure's total: allocated goal costs reconcile with
measure totals to the cent. A programme costs its direct lines plus the cost of its goals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import pyoxigraph as ox

from doelgraaf.namespaces import DG
from doelgraaf.queries import load
from doelgraaf.store import Repository

ZERO = Decimal(0)
EXPENSE = ox.NamedNode(str(DG.Expense))
REVENUE = ox.NamedNode(str(DG.Revenue))


@dataclass(frozen=True)
class Cost:
    expenses: Decimal = ZERO
    revenues: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        """Net cost: expenses minus revenues (positive when it costs money)."""
        return self.expenses - self.revenues

    def __add__(self, other: "Cost") -> "Cost":
        return Cost(self.expenses + other.expenses, self.revenues + other.revenues)


def year_literal(year: int) -> ox.Literal:
    return ox.Literal(str(year), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear"))


def funded_totals(repo: Repository, graph: ox.NamedNode, funded: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    """The budget lines funding each of `funded` directly, summed per direction (one query)."""
    if not funded:
        return {}
    rows = repo.select(
        load("budget_totals"),
        bindings={"graph": graph, "year": year_literal(year), "phase": phase},
        table=(["funded"], [[f] for f in funded]),
    ).rows
    totals: dict[str, Cost] = defaultdict(Cost)
    for node, direction, total in rows:
        amount = Decimal(total.value)
        part = Cost(expenses=amount) if direction == EXPENSE else Cost(revenues=amount) if direction == REVENUE else Cost()
        totals[node.value] = totals[node.value] + part
    return totals


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


def measure_costs(repo: Repository, graph: ox.NamedNode, measures: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    totals = funded_totals(repo, graph, measures, year, phase)
    return {m.value: totals.get(m.value, Cost()) for m in measures}


def _shares(rows) -> dict[str, dict[str, Decimal]]:
    """measure -> goal -> share, from (measure, goal, share-or-None) rows; equal shares when any is missing."""
    shares: dict[str, dict[str, Decimal | None]] = defaultdict(dict)
    for measure, goal, share in rows:
        shares[measure.value][goal.value] = Decimal(share.value) if share is not None else None
    return {
        measure: goals if all(s is not None for s in goals.values()) else {goal: Decimal(1) for goal in goals}
        for measure, goals in shares.items()
    }


def _allocate_cost(cost: Cost, shares: dict[str, Decimal]) -> dict[str, Cost]:
    expenses = allocate(cost.expenses, shares)
    revenues = allocate(cost.revenues, shares)
    return {goal: Cost(expenses[goal], revenues[goal]) for goal in shares}


def measure_allocations(repo: Repository, graph: ox.NamedNode, measures: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, dict[str, Cost]]:
    """measure -> goal -> the part of the measure's cost allocated to that goal (two queries)."""
    if not measures:
        return {}
    rows = repo.select(load("measure_goals"), bindings={"graph": graph}, table=(["measure"], [[m] for m in measures])).rows
    shares = _shares(rows)
    costs = measure_costs(repo, graph, measures, year, phase)
    return {m.value: _allocate_cost(costs[m.value], shares.get(m.value, {})) for m in measures}


def goal_costs(repo: Repository, graph: ox.NamedNode, goals: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    """Direct lines plus the allocated part of every serving measure (two queries)."""
    if not goals:
        return {}
    rows = repo.select(load("goal_measure_shares"), bindings={"graph": graph}, table=(["goal"], [[g] for g in goals])).rows
    serving = {(goal.value, measure.value) for goal, measure, _, _ in rows}
    shares = _shares((measure, served, share) for _, measure, served, share in rows)
    measures = sorted(shares)
    totals = funded_totals(repo, graph, goals + [ox.NamedNode(m) for m in measures], year, phase)
    parts = {m: _allocate_cost(totals.get(m, Cost()), shares[m]) for m in measures}
    result = {g.value: totals.get(g.value, Cost()) for g in goals}
    for goal, measure in serving:
        result[goal] = result[goal] + parts[measure][goal]
    return result


def programme_costs(repo: Repository, graph: ox.NamedNode, programmes: list[ox.NamedNode], year: int, phase: ox.NamedNode) -> dict[str, Cost]:
    if not programmes:
        return {}
    rows = repo.select(load("programme_goals"), bindings={"graph": graph}, table=(["programme"], [[p] for p in programmes])).rows
    goals = sorted({goal.value for _, goal in rows})
    per_goal = goal_costs(repo, graph, [ox.NamedNode(g) for g in goals], year, phase)
    direct = funded_totals(repo, graph, programmes, year, phase)
    result = {p.value: direct.get(p.value, Cost()) for p in programmes}
    for programme, goal in rows:
        result[programme.value] = result[programme.value] + per_goal[goal.value]
    return result
