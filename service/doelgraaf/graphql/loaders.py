"""DataLoaders: every field at one nesting level shares one SPARQL query (VALUES over the parents).

Resolvers never query the store themselves; they ask a loader, which batches all keys asked
for in the same tick into one query. This is what keeps nested queries free of N+1.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from strawberry.dataloader import DataLoader

from doelgraaf.analysis import cost, graph_index, populations
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache

Props = dict[str, list]


def _graphs_read(args, kwargs) -> list[str] | None:
    """The named graphs a query of ours reads: those bound to ?graph, one or a table of them; None when
    the query says no graph (it may read any)."""
    bindings = kwargs.get("bindings") if "bindings" in kwargs else (args[1] if len(args) > 1 else None)
    table = kwargs.get("table") if "table" in kwargs else (args[2] if len(args) > 2 else None)
    if bindings and isinstance(bindings.get("graph"), ox.NamedNode):
        return [bindings["graph"].value]
    if table and "graph" in table[0]:
        column = list(table[0]).index("graph")
        return [row[column].value for row in table[1] if isinstance(row[column], ox.NamedNode)]
    return None


class CountingRepository:
    """Delegates to a repository (its cache and write counts included), counts the queries one request sends (tests assert on it) and notes the
    graphs they read, so that the request's answer is kept as long as those are unchanged (store/cache.py)."""

    def __init__(self, repository: Repository):
        self._repository = repository
        self.queries = 0

    def __getattr__(self, name):
        attribute = getattr(self._repository, name)
        if name in ("select", "construct", "ask"):
            def counted(*args, **kwargs):
                self.queries += 1
                cache.note(_graphs_read(args, kwargs))
                return attribute(*args, **kwargs)
            return counted
        if name == "graph_triples":
            def whole_graph(graph, *args, **kwargs):
                cache.note([graph.value])
                return attribute(graph, *args, **kwargs)
            return whole_graph
        if name in ("graph_sizes", "query_dataset", "status"):
            cache.note(None)
        return attribute


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


@dataclass
class Loaders:
    repository: CountingRepository
    _cost_loaders: dict = field(default_factory=dict)

    def __post_init__(self):
        self.properties = DataLoader(load_fn=self._load_properties)
        self.referrers = DataLoader(load_fn=self._load_referrers)
        self.population = DataLoader(load_fn=self._load_population)

    async def _run(self, function, *args, **kwargs):
        # pyoxigraph releases the GIL, so other requests proceed while a query runs
        return await asyncio.to_thread(function, *args, **kwargs)

    async def _indexes(self, graphs) -> dict:
        """Graphs answered from memory (see analysis.graph_index); the rest go to the store. Indexes that
        are ready are taken on the event loop; building one reads the store, in a thread."""
        wanted = set(graphs)
        found = {graph: graph_index.ready(self.repository, graph) for graph in wanted}
        missing = [graph for graph, index in found.items() if index is None]
        if missing:
            found.update(await self._run(lambda: {graph: graph_index.index(self.repository, graph) for graph in missing}))
        return found

    async def _load_properties(self, keys: list[tuple[str, str]]) -> list[Props]:
        """(resource IRI, graph IRI) -> property IRI -> values, for all keys in at most one query."""
        indexes = await self._indexes(g for _, g in keys)
        found: dict[tuple[str, str], Props] = {}
        asked = [(r, g) for r, g in keys if indexes.get(g) is None]
        if asked:
            solutions = await self._run(
                self.repository.select, load("resource_properties"),
                table=(["resource", "graph"], [[_node(r), _node(g)] for r, g in asked]),
            )
            collected: dict[tuple[str, str], Props] = defaultdict(lambda: defaultdict(list))
            for resource, graph, prop, value in solutions.rows:
                collected[(resource.value, graph.value)][prop.value].append(value)
            found.update(collected)
        return [indexes[g].outgoing.get(r, {}) if indexes.get(g) is not None else found.get((r, g), {}) for r, g in keys]

    async def _load_referrers(self, keys: list[tuple[str, str, str]]) -> list[list[str]]:
        """(resource, graph, property) -> the IRIs that refer to the resource through the property."""
        indexes = await self._indexes(g for _, g, _ in keys)
        found: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        asked = [(r, g, p) for r, g, p in keys if indexes.get(g) is None]
        if asked:
            solutions = await self._run(
                self.repository.select, load("resource_referrers"),
                table=(["resource", "graph", "property"], [[_node(r), _node(g), _node(p)] for r, g, p in asked]),
            )
            for resource, graph, prop, referrer in solutions.rows:
                if isinstance(referrer, ox.NamedNode):
                    found[(resource.value, graph.value, prop.value)].append(referrer.value)
        return [sorted(indexes[g].incoming.get(r, {}).get(p, []) if indexes.get(g) is not None else found.get((r, g, p), []))
                for r, g, p in keys]

    async def _load_population(self, municipalities: list[str]) -> list[dict[int, int]]:
        """municipality -> year -> inhabitants (see analysis.populations)."""
        counts = populations.ready(self.repository) or await self._run(populations.all_counts, self.repository)
        return [counts.get(m, {}) for m in municipalities]

    def cost(self, kind: str, graph: str, year: int, phase: str) -> DataLoader:
        """One loader per (kind, graph, year, phase): the cost of many measures/goals/programmes/municipalities at once."""
        key = (kind, graph, year, phase)
        if key not in self._cost_loaders:
            compute = {"measure": cost.measure_costs, "goal": cost.goal_costs, "programme": cost.programme_costs,
                       "municipality": cost.municipality_costs}[kind]

            async def load_costs(iris: list[str]) -> list[cost.Cost]:
                result = await self._run(compute, self.repository, _node(graph), [_node(i) for i in iris], year, _node(phase))
                return [result[i] for i in iris]

            self._cost_loaders[key] = DataLoader(load_fn=load_costs)
        return self._cost_loaders[key]
