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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.core.terms import skolem_iri
from doelgraaf.store.revisions import Revisions
from doelgraaf.store.sparql_text import Term

Table = tuple[Sequence[str], Sequence[Sequence[Term | None]]]


@dataclass
class Solutions:
    """SELECT results: variable names and rows of terms (None where unbound)."""

    variables: list[str]
    rows: list[tuple]
    truncated: bool = False  # the server cut the rows at its own limit (store/remote.py)



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


class WriteConflict(Exception):
    """A write was based on a revision of a graph that has moved since (another instance or editor wrote it)."""


class Repository(abc.ABC):
    """SPARQL over named graphs, with all-or-nothing writes.

    Every graph has a revision that each write to it raises (`revisions`): the cache (`cache`, store/cache.py)
    keeps a value while the revisions of the graphs it came from are unchanged, and a write can name the
    revisions it was based on (`base`) and is refused with WriteConflict when one has moved. The embedded
    store is opened by one process, which counts the writes itself; a remote store keeps the revisions in the
    store, so that several service instances over one store see each other's writes (docs/architecture.md,
    section 12)."""

    kind: str

    def __init__(self):
        self._revision = 0
        self._written: dict[str, int] = {}  # graph IRI -> its revision
        self._count_lock = threading.Lock()

    def current_revisions(self) -> Revisions:
        """The revision of every graph now (a remote store is asked once per request, store/remote.py)."""
        return Revisions(self._written, self._revision)

    @property
    def revision(self) -> int:
        """A number that grows with every write to any graph."""
        return self.current_revisions().total

    def _wrote(self, graphs: Iterable[ox.NamedNode]) -> None:
        """Count a write, after it is done: a value computed meanwhile is then seen as older, never as newer.
        The map is replaced, never changed, so a Revisions taken earlier stays as it was."""
        with self._count_lock:
            written = dict(self._written)
            for graph in graphs:
                written[graph.value] = written.get(graph.value, 0) + 1
            self._written = written
            self._revision += 1

    def _check_base(self, base: Mapping[str, int] | None) -> None:
        if base is not None and any(self._written.get(graph, 0) != revision for graph, revision in base.items()):
            raise WriteConflict()

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
                      deadline: float, form: str = "SELECT") -> Answer:
        """Run a query someone else wrote, over `dataset`, with `prefixes` declared: rows or triples up to
        `limit`, QueryTimeout past `deadline`. Its text is used as given (nothing is bound into it); `form` (SELECT,
        ASK, CONSTRUCT, DESCRIBE, from its parse tree) says what to ask a remote server for."""

    @abc.abstractmethod
    def graph_triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        """All triples of one named graph."""

    @abc.abstractmethod
    def graph_sizes(self) -> dict[str, int]:
        """Triple count per named graph."""

    @abc.abstractmethod
    def named_graphs(self) -> list[str]:
        """The graphs of this service in the store (under core.namespaces.GRAPH; a remote store's other graphs
        and the bookkeeping of its writes are not ours)."""

    # writing: each call is all-or-nothing. Blank nodes are written as skolem IRIs (core.terms.skolem_iri), on
    # every back-end alike: a remote server may refuse them in INSERT DATA, and a node must be nameable to be
    # deleted again. With `base` ({graph IRI: revision}) a write is refused (WriteConflict) when one of those
    # graphs has another revision by now.

    def replace_graphs(self, graphs: Mapping[ox.NamedNode, Iterable[ox.Triple]], base: Mapping[str, int] | None = None) -> None:
        """Replace the whole content of each graph, all graphs in one transaction."""
        self._replace({graph: skolemised(triples) for graph, triples in graphs.items()}, base)

    def modify_graph(self, graph: ox.NamedNode, delete: Iterable[ox.Triple], insert: Iterable[ox.Triple],
                     base: Mapping[str, int] | None = None) -> None:
        """Delete then insert triples in one graph, in one transaction."""
        self.modify_graphs({graph: (delete, insert)}, base)

    def modify_graphs(self, changes: Mapping[ox.NamedNode, tuple[Iterable[ox.Triple], Iterable[ox.Triple]]],
                      base: Mapping[str, int] | None = None) -> None:
        """Delete then insert triples in several graphs ({graph: (delete, insert)}), all in one transaction: an
        accepted proposal becomes an initiative in the municipality's graph and is marked in its proposals graph."""
        self._modify({graph: (skolemised(delete), skolemised(insert)) for graph, (delete, insert) in changes.items()}, base)

    @abc.abstractmethod
    def _replace(self, graphs: Mapping[ox.NamedNode, list[ox.Triple]], base: Mapping[str, int] | None) -> None:
        ...

    @abc.abstractmethod
    def _modify(self, changes: Mapping[ox.NamedNode, tuple[list[ox.Triple], list[ox.Triple]]], base: Mapping[str, int] | None) -> None:
        ...

    @abc.abstractmethod
    def bulk_insert(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        """Fast, not transactional insert of many triples into a graph nobody reads yet (see store.datasets)."""

    @abc.abstractmethod
    def drop_graph(self, graph: ox.NamedNode) -> None:
        """Remove a graph (slow for large graphs; used after a dataset version is no longer current)."""

    def close(self) -> None:
        """Release the store."""

    def clear(self) -> None:
        """Remove every graph of this service from the store (tests start from nothing this way; on a remote
        store the server's own graphs and those of others stay)."""
        for graph in self.named_graphs():
            self.drop_graph(ox.NamedNode(graph))

    def status(self) -> dict[str, object]:
        sizes = self.graph_sizes()
        return {"backend": self.kind, "graphs": len(sizes), "triples": sum(sizes.values()), "graphSizes": sizes}



def skolemised(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples with every blank node replaced by a skolem IRI, the same IRI for the same node within one write."""
    return list(skolemising(triples))


def skolemising(triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
    """skolemised, one triple at a time (a bulk load is never all in memory)."""
    names: dict[ox.BlankNode, ox.NamedNode] = {}

    def name(term):
        if isinstance(term, ox.BlankNode):
            if term not in names:
                names[term] = ox.NamedNode(skolem_iri())
            return names[term]
        return term

    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            triple = ox.Triple(name(triple.subject), triple.predicate, name(triple.object))
        yield triple


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
