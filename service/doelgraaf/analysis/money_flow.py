"""Where the money goes: the expenses of one year and phase as a flow programme → measure → goal.

The flow is the cost model of analysis/cost.py drawn out, not a second one: a measure's expenses split over
its goals with the same allocation to the cent, a goal's own lines flow from its programme straight to it,
and a programme's own lines to the programme itself. So what leaves a programme is that programme's cost,
and what reaches a goal is that goal's cost (docs/architecture.md, "Waar gaat het geld heen").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from doelgraaf.analysis import cost
from doelgraaf.core.namespaces import DG
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache

# the kinds of link in the flow
PROGRAMME_MEASURE = "PROGRAMME_MEASURE"
MEASURE_GOAL = "MEASURE_GOAL"
PROGRAMME_GOAL = "PROGRAMME_GOAL"
PROGRAMME_ITSELF = "PROGRAMME_ITSELF"


@dataclass(frozen=True)
class Link:
    kind: str
    source: str | None  # None: no programme (a goal outside every programme, a measure serving no goal)
    target: str
    amount: Decimal


def money_flow(repo: Repository, graph: ox.NamedNode, year: int, phase: ox.NamedNode) -> list[Link]:
    totals = cost.graph_totals(repo, graph, year, phase)
    shares = cost.graph_shares(repo, graph)
    programme_of = {goal: programme for programme, goals in cost.programme_goals(repo, graph).items() for goal in goals}
    links: list[Link] = []
    into_measure: dict[tuple[str | None, str], Decimal] = defaultdict(Decimal)
    for measure, goal_shares in sorted(shares.items()):
        expenses = totals.get(measure, cost.Cost()).expenses
        if not expenses:
            continue
        for goal, part in sorted(cost.allocate(expenses, goal_shares).items()):
            if part:
                links.append(Link(MEASURE_GOAL, measure, goal, part))
                into_measure[(programme_of.get(goal), measure)] += part
    links.extend(Link(PROGRAMME_MEASURE, programme, measure, amount) for (programme, measure), amount in sorted(into_measure.items(), key=str))
    served = set(shares)
    programmes = set(programme_of.values())
    for funded, spent in sorted(totals.items()):
        if not spent.expenses:
            continue
        if funded in programmes:
            links.append(Link(PROGRAMME_ITSELF, funded, funded, spent.expenses))
        elif funded in programme_of or _is_goal(repo, graph, funded):
            links.append(Link(PROGRAMME_GOAL, programme_of.get(funded), funded, spent.expenses))
        elif funded not in served:  # a measure serving no goal: its money reaches no goal, and the flow says so
            links.append(Link(PROGRAMME_MEASURE, None, funded, spent.expenses))
    return links


def _is_goal(repo: Repository, graph: ox.NamedNode, node: str) -> bool:
    return node in cache.cached(repo, ("goals of graph", graph.value), lambda: _goals(repo, graph), graphs=[graph.value])


def _goals(repo: Repository, graph: ox.NamedNode) -> frozenset[str]:
    rows = repo.select(load("resources_of_type"), bindings={"graph": graph, "type": ox.NamedNode(str(DG.Goal))}).rows
    return frozenset(row[0].value for row in rows)


def budget_years(repo: Repository, graph: ox.NamedNode) -> dict[int, set[str]]:
    """fiscal year -> the phases (IRIs) with budget lines in that year."""
    def compute():
        found: dict[int, set[str]] = defaultdict(set)
        for year, phase in repo.select(load("budget_years"), bindings={"graph": graph}).rows:
            if year.value.isdigit():
                found[int(year.value)].add(phase.value)
        return dict(found)

    return cache.cached(repo, ("budget years", graph.value), compute, graphs=[graph.value])
