"""A municipality's graph (or a small vocabulary) held in memory as two maps, until that graph is written.

On the on-disk store every term read costs ~15 µs; the resolvers of one nested request read the same
few thousand statements of one municipality level after level. Reading the graph once (about 0.2 s for
9,000 statements) and answering from memory makes later requests free of those reads. Only graphs of
bounded size are held: municipality graphs and vocabularies, at most MAX_GRAPHS at a time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.namespaces import GRAPH
from doelgraaf.services import revision_cache

# An index of a national-size municipality (9,000 statements) takes 5-10 MB: with 24 of them a portal
# asking for every municipality in turn took the service to 516 MB (bench/RESULTS.md, limit 500 MB).
MAX_GRAPHS = 12
INDEXED = (str(GRAPH["GM"]), str(GRAPH["vocab/"]))


@dataclass
class GraphIndex:
    outgoing: dict  # subject IRI -> predicate IRI -> [terms]
    incoming: dict  # object IRI -> predicate IRI -> [subject IRIs]


_indexes: "OrderedDict[tuple[int, str], tuple[int, GraphIndex, object]]" = OrderedDict()
_lock = threading.Lock()
_building: dict[tuple, threading.Lock] = {}


def ready(repo, graph: str) -> GraphIndex | None:
    """The index if it is already built for the current revision (cheap enough for the event loop)."""
    revision = revision_cache.revision(repo)
    if revision is None or not graph.startswith(INDEXED):
        return None
    store = revision_cache.base(repo)
    key = (id(store), graph)
    with _lock:
        hit = _indexes.get(key)
        if hit is not None and hit[2] is store and store.last_write((graph,)) <= hit[0]:
            _indexes.move_to_end(key)
            return hit[1]
    return None


def index(repo, graph: str) -> GraphIndex | None:
    """The index of `graph` at the store's current revision, or None when this graph or store is not indexed."""
    found = ready(repo, graph)
    revision = revision_cache.revision(repo)
    if found is not None or revision is None or not graph.startswith(INDEXED):
        return found
    store = revision_cache.base(repo)
    key = (id(store), graph)
    with _lock:
        building = _building.setdefault(key, threading.Lock())
    with building:  # requests arriving meanwhile wait for this build instead of repeating it
        found = ready(repo, graph)
        if found is not None:
            return found
        built = _build(store, ox.NamedNode(graph))
        with _lock:
            _indexes[key] = (revision, built, store)
            while len(_indexes) > MAX_GRAPHS:
                _indexes.popitem(last=False)
            if len(_building) > 4 * MAX_GRAPHS:
                _building.clear()
    return built


def _build(store, graph: ox.NamedNode) -> GraphIndex:
    outgoing: dict = defaultdict(lambda: defaultdict(list))
    incoming: dict = defaultdict(lambda: defaultdict(list))
    for triple in store.graph_triples(graph):
        subject, predicate, value = triple.subject.value, triple.predicate.value, triple.object
        outgoing[subject][predicate].append(value)
        if isinstance(value, ox.NamedNode):
            incoming[value.value][predicate].append(subject)
    return GraphIndex(outgoing, incoming)
