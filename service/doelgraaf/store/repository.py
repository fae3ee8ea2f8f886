"""The one interface to the triple store. Nothing above this package knows which back-end is in use.

Terms are pyoxigraph terms on both back-ends. Queries come from .rq files (see doelgraaf.queries)
with named variables; values are bound through `bindings` (one term per variable) or `table`
(rows of terms, for batching over parents) and never pasted into the text by callers.
Writes are all-or-nothing: each write method is one transaction.
"""

from __future__ import annotations

import abc
import functools
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.store.sparql_text import Term

Table = tuple[Sequence[str], Sequence[Sequence[Term | None]]]


@dataclass
class Solutions:
    """SELECT results: variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple]



@dataclass(frozen=True)
class Dataset:
    """The graphs a public query reads (the SPARQL 1.1 Protocol's RDF dataset). `default`: the graphs
    merged into the default graph, None for the union of every public named graph; `named`: the graphs
    GRAPH may name, None for every public one. A private graph (core.namespaces.is_private_graph) is
    never part of None; a query's own FROM / FROM NAMED come here as lists too (sparql_endpoint.answers),
    so that the store never reads a dataset it was not given."""

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None


UNION = Dataset()

Answer = Solutions | list[ox.Triple] | bool


class QueryTimeout(Exception):
    """A query ran past its time limit."""


class StoreUnavailable(Exception):
    """The store cannot be reached or opened; the message ("Dutch / English") says what to do."""

    @property
    def nl(self) -> str:
        return str(self).split(" / ", 1)[0]

    @property
    def en(self) -> str:
        return str(self).split(" / ", 1)[-1]


class Repository(abc.ABC):
    """SPARQL over named graphs, with atomic writes.

    It counts the writes made through it (`revision`) and remembers per graph the revision of its last
    write (`last_write`): the cache (`cache`, store/cache.py) keeps each value until a write to the graphs
    it came from, and the SPARQL workers know when their snapshot is out of date."""

    kind: str
    # True when every write to the store goes through this object (the embedded store, one process owns
    # it): only then do `revision` and `last_write` prove that a kept value is current, and only then
    # does the cache keep anything. A remote store may be written by others (docs/architecture.md).
    sees_every_write: bool = False

    def __init__(self):
        self._revision = 0
        self._written: dict[str, int] = {}  # graph IRI -> the revision its last write made
        self._count_lock = threading.Lock()

    @property
    def revision(self) -> int:
        """How many writes went through this repository since it was opened."""
        return self._revision

    def last_write(self, graphs: Iterable[str]) -> int:
        """The revision of the latest write to any of `graphs` (0: none since the repository was opened)."""
        return max((self._written.get(graph, 0) for graph in graphs), default=0)

    def _wrote(self, graphs: Iterable[ox.NamedNode]) -> None:
        """Count a write, after it is done: a value computed meanwhile is then seen as older, never as newer."""
        with self._count_lock:
            self._revision += 1
            for graph in graphs:
                self._written[graph.value] = self._revision

    @functools.cached_property
    def cache(self):
        from doelgraaf.store.cache import Cache

        return Cache(self)

    # reading

    @abc.abstractmethod
    def select(self, query: str, bindings: Mapping[str, Term] | None = None, table: Table | None = None,
               limit: int | None = None, deadline: float | None = None) -> Solutions:
        """Run a SELECT query; with `limit`, stop reading after that many rows; past `deadline`
        (time.monotonic()) raise QueryTimeout."""

    @abc.abstractmethod
    def construct(self, query: str, bindings: Mapping[str, Term] | None = None, table: Table | None = None) -> list[ox.Triple]:
        ...

    @abc.abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Term] | None = None) -> bool:
        ...

    @abc.abstractmethod
    def query_dataset(self, query: str, dataset: Dataset, prefixes: Mapping[str, str], limit: int,
                      deadline: float) -> Answer:
        """Run a query someone else wrote, over `dataset`, with `prefixes` declared: rows or triples up to
        `limit`, QueryTimeout past `deadline`. Its text is used as given (nothing is bound into it)."""

    @abc.abstractmethod
    def graph_triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        """All triples of one named graph."""

    @abc.abstractmethod
    def graph_sizes(self) -> dict[str, int]:
        """Triple count per named graph."""

    # writing: each call is one transaction

    @abc.abstractmethod
    def replace_graphs(self, graphs: Mapping[ox.NamedNode, Iterable[ox.Triple]]) -> None:
        """Replace the whole content of each graph, all graphs in one transaction."""

    def modify_graph(self, graph: ox.NamedNode, delete: Iterable[ox.Triple], insert: Iterable[ox.Triple]) -> None:
        """Delete then insert triples in one graph, in one transaction."""
        self.modify_graphs({graph: (delete, insert)})

    @abc.abstractmethod
    def modify_graphs(self, changes: Mapping[ox.NamedNode, tuple[Iterable[ox.Triple], Iterable[ox.Triple]]]) -> None:
        """Delete then insert triples in several graphs ({graph: (delete, insert)}), all in one transaction: an
        accepted proposal becomes an initiative in the municipality's graph and is marked in its proposals graph."""

    @abc.abstractmethod
    def bulk_insert(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        """Fast, not transactional insert of many triples into a graph nobody reads yet (see store.datasets)."""

    @abc.abstractmethod
    def drop_graph(self, graph: ox.NamedNode) -> None:
        """Remove a graph (slow for large graphs; used after a dataset version is no longer current)."""

    def close(self) -> None:
        """Release the store."""

    def status(self) -> dict[str, object]:
        sizes = self.graph_sizes()
        return {"backend": self.kind, "graphs": len(sizes), "triples": sum(sizes.values()), "graphSizes": sizes}



def read_rows(solutions, limit: int | None, deadline: float | None) -> Solutions:
    """Read pyoxigraph solutions lazily, stopping at `limit` rows or at `deadline`."""
    import time

    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        if limit is not None and len(rows) >= limit:
            break
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout()
        rows.append(tuple(solution[i] for i in range(len(names))))
    return Solutions(names, rows)
