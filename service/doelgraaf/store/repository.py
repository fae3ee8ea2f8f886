"""The one interface to the triple store. Nothing above this package knows which back-end is in use.

Terms are pyoxigraph terms on both back-ends. Queries come from .rq files (see doelgraaf.queries)
with named variables; values are bound through `bindings` (one term per variable) or `table`
(rows of terms, for batching over parents) and never pasted into the text by callers.
Writes are all-or-nothing: each write method is one transaction.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

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
    merged into the default graph, None for the union of every named graph; `named`: the graphs GRAPH
    may name, None for all. `from_query`: the query's own FROM / FROM NAMED decide instead."""

    default: tuple[str, ...] | None = None
    named: tuple[str, ...] | None = None
    from_query: bool = False


UNION = Dataset()
FROM_QUERY = Dataset(from_query=True)

Answer = Solutions | list[ox.Triple] | bool


class QueryTimeout(Exception):
    """A query ran past its time limit."""


class StoreUnavailable(Exception):
    """The store cannot be reached or opened; the message says what to do."""


class Repository(abc.ABC):
    """SPARQL over named graphs, with atomic writes."""

    kind: str

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

    @abc.abstractmethod
    def modify_graph(self, graph: ox.NamedNode, delete: Iterable[ox.Triple], insert: Iterable[ox.Triple]) -> None:
        """Delete then insert triples in one graph, in one transaction."""

    @abc.abstractmethod
    def bulk_load(self, path: Path, format: ox.RdfFormat, graph: ox.NamedNode) -> None:
        """Fast initial load of a large file (not transactional on the embedded store)."""

    @abc.abstractmethod
    def bulk_insert(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        """Fast, not transactional insert of many triples into a graph nobody reads yet (see services.datasets)."""

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
