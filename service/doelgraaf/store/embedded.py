"""Embedded back-end: Oxigraph in this process, on disk (default) or in memory (tests)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from doelgraaf.core.namespaces import is_private_graph
from doelgraaf.store.repository import (
    Answer,
    Dataset,
    QueryTimeout,
    Repository,
    Solutions,
    StoreUnavailable,
    read_rows,
    skolemising,
)
from doelgraaf.store.sparql_text import delete_data, insert_data, with_values

GRAPH_SIZES = "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph"


def _private(graph) -> bool:
    return isinstance(graph, ox.NamedNode) and is_private_graph(graph.value)


def query_dataset(store: ox.Store, query: str, dataset: Dataset, prefixes, limit: int, deadline: float) -> Answer:
    """A query over a dataset on an Oxigraph store: this process's, or a query worker's read-only copy."""
    options: dict[str, object] = {"prefixes": dict(prefixes)}
    # Oxigraph's union flag reads one index; the same union listed graph by graph was 170 times slower on a join
    # over 350 graphs. So the public graphs are listed only when a private one must be left out: in this
    # process's store, not in the workers' copies, which hold none (EmbeddedRepository.snapshot).
    public = None
    if dataset.default is None or dataset.named is None:
        graphs = list(store.named_graphs())
        if any(_private(graph) for graph in graphs):
            public = [graph for graph in graphs if not _private(graph)]
    if dataset.default is not None:
        options["default_graph"] = [ox.NamedNode(iri) for iri in dataset.default]
    elif public is not None:
        options["default_graph"] = public
    else:
        options["use_default_graph_as_union"] = True
    if dataset.named is not None:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in dataset.named]
    elif public is not None:
        options["named_graphs"] = public
    result = store.query(query, **options)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    try:
        if isinstance(result, ox.QuerySolutions):
            return read_rows(result, limit, deadline)
        found = []
        for triple in result:
            if len(found) >= limit:
                break
            if time.monotonic() > deadline:
                raise QueryTimeout()
            found.append(triple)
        return found
    except QueryTimeout:
        pass
    # raised here, after the results are gone: pyoxigraph's iterators may only be dropped by the thread
    # that made them, and a traceback would carry them to whichever thread handles the error
    del result
    raise QueryTimeout()


class EmbeddedRepository(Repository):
    """One process opens the store and every write goes through this object, so it counts the revisions
    itself; Oxigraph makes each update one transaction."""

    kind = "embedded"

    def __init__(self, path: Path | None = None, read_only: bool = False):
        super().__init__()
        self._write_lock = threading.Lock()
        self.path = path
        try:
            if path is None:
                self.store = ox.Store()
            elif read_only:
                self.store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(path))
        except OSError as exc:
            raise StoreUnavailable(
                f"kan de store in {path} niet openen ({exc}); draait er al een doelgraaf-proces op deze map? "
                f"/ cannot open the store in {path} ({exc}); is another doelgraaf process using this directory?"
            ) from None

    def _query(self, query, bindings, table):
        # VALUES rather than pyoxigraph's substitutions: those require every bound variable to be
        # projected, and one binding mechanism keeps both back-ends answering identically.
        return self.store.query(with_values(query, bindings, table))

    def select(self, query, bindings=None, table=None, limit=None, deadline=None) -> Solutions:
        return read_rows(self._query(query, bindings, table), limit, deadline)

    def construct(self, query, bindings=None, table=None) -> list[ox.Triple]:
        return list(self._query(query, bindings, table))

    def ask(self, query, bindings=None) -> bool:
        return bool(self._query(query, bindings, None))

    def query_dataset(self, query, dataset, prefixes, limit, deadline, form="SELECT") -> Answer:
        return query_dataset(self.store, query, dataset, prefixes, limit, deadline)

    def graph_triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        return [q.triple for q in self.store.quads_for_pattern(None, None, None, graph)]

    def graph_sizes(self) -> dict[str, int]:
        return {row["graph"].value: int(row["triples"].value) for row in self.store.query(GRAPH_SIZES)}

    def named_graphs(self) -> list[str]:
        return [graph.value for graph in self.store.named_graphs()]

    def _write(self, graphs: Iterable[ox.NamedNode], operation, *args, base: Mapping[str, int] | None = None) -> None:
        # the base is compared and the write counted under one lock: no other write of this process comes between
        with self._write_lock:
            self._check_base(base)
            operation(*args)
            self._wrote(graphs)

    def _replace(self, graphs: Mapping[ox.NamedNode, list[ox.Triple]], base) -> None:
        operations = []
        for graph, triples in graphs.items():
            operations.append(f"DROP SILENT GRAPH {graph}")
            if triples:
                operations.append(insert_data(graph, triples))
        self._write(graphs, self.store.update, " ;\n".join(operations), base=base)

    def _modify(self, changes: Mapping[ox.NamedNode, tuple[list[ox.Triple], list[ox.Triple]]], base) -> None:
        operations = []
        for graph, (delete, insert) in changes.items():
            if delete:
                operations.append(delete_data(graph, delete))
            if insert:
                operations.append(insert_data(graph, insert))
        if operations:
            self._write(changes, self.store.update, " ;\n".join(operations), base=base)

    def bulk_insert(self, graph: ox.NamedNode, triples) -> None:
        self._write([graph], self.store.bulk_extend, (ox.Quad(t.subject, t.predicate, t.object, graph) for t in skolemising(triples)))

    def drop_graph(self, graph: ox.NamedNode) -> None:
        self._write([graph], self.store.update, f"DROP SILENT GRAPH {graph}")

    def snapshot(self, target: Path) -> int:
        """A consistent copy of the public graphs in `target` for the public endpoint's workers (hard links where
        possible); returns its revision. The private graphs are dropped from the copy, so that the workers query
        the union of what is left with Oxigraph's union flag (see query_dataset)."""
        revision = self.revision
        self.backup(target)
        # asked of the store after the copy was made: nothing removes a private graph, so one in the copy is here too
        if any(_private(graph) for graph in self.store.named_graphs()):
            copy = ox.Store(str(target))
            copy.update(" ;\n".join(f"DROP SILENT GRAPH {graph}" for graph in copy.named_graphs() if _private(graph)))
            copy.flush()
            del copy  # closed before a worker opens it read-only
        return revision

    def backup(self, target: Path) -> None:
        """Oxigraph's online backup: a consistent copy while the service keeps running."""
        if self.path is None:
            raise StoreUnavailable("een store in het geheugen heeft geen back-up / an in-memory store has no backup")
        self.store.flush()
        self.store.backup(str(target))

    def close(self) -> None:
        self.store.flush()
        del self.store
