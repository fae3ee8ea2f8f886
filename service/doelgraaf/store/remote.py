"""Remote back-end: any SPARQL 1.1 Query + Update endpoint (Graph Store Protocol optional), over plain HTTP.

Plain protocol requests (store/protocol.py) rather than rdflib's SPARQLUpdateStore: that store fails on
updates naming their own graph and keeps failed updates queued. Writes go through the journal in the store
(store/journal.py), because a server need not run a request of several operations as one transaction; the
revisions live there too, so that several service instances over one store keep their caches right
(docs/architecture.md, section 12; what each server needs: docs/stores.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from doelgraaf.core.namespaces import BOOKKEEPING, is_our_graph, is_private_graph
from doelgraaf.store import cache
from doelgraaf.store.journal import Journal, Part
from doelgraaf.store.protocol import Credentials, Endpoints, SparqlClient, StoreRefused, read_results, read_triples, server_limit
from doelgraaf.store.repository import Answer, Repository, Solutions, skolemising
from doelgraaf.store.revisions import Revisions
from doelgraaf.store.sparql_text import with_values

GRAPH_SIZES = "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph"
# `GRAPH ?graph { }` would be shorter, but Virtuoso answers it with one row in which ?graph is unbound, and
# it never finishes SELECT DISTINCT ?graph over the same pattern; GROUP BY it answers at once
GRAPHS = "SELECT ?graph WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph"
TRIPLES = "SELECT ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } }"
SIZE = "SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } }"
RESULTS = "application/sparql-results+json"
TRIPLE_FORMATS = "application/n-triples, text/plain;q=0.9, text/turtle;q=0.8"
# Outside a request (one_moment), the revisions read from the store are reused this long: a command line run
# or the start-up count asks many values in a row. Within a request they are read once.
RECENT_SECONDS = 1.0


class RemoteRepository(Repository):
    """`endpoint` is the query URL, used as given; the update URL is the same unless given (Virtuoso, GraphDB and
    Fuseki's single-URL layout), the Graph Store URL is optional (a graph is then read with a SELECT)."""

    kind = "remote"

    def __init__(self, endpoint: str, update_endpoint: str | None = None, graph_store: str | None = None,
                 credentials: Credentials | None = None, timeout: float = 60.0):
        super().__init__()
        self.endpoints = Endpoints(endpoint, update_endpoint or endpoint, graph_store)
        self.client = SparqlClient(self.endpoints, credentials, timeout)
        self.journal = Journal(self.client)
        self._recent: tuple[float, Revisions] | None = None
        self._recovered = False
        self._recover_lock = threading.Lock()

    # revisions

    def current_revisions(self) -> Revisions:
        found = cache.moment(self, self.journal.revisions)
        if found is not None:
            return found
        recent = self._recent
        if recent is not None and time.monotonic() - recent[0] < RECENT_SECONDS:
            return recent[1]
        revisions = self.journal.revisions()
        self._recent = (time.monotonic(), revisions)
        return revisions

    def _changed(self) -> None:
        self._recent = None
        cache.forget_moment(self)

    # reading

    def _limited(self, headers, count: int) -> bool:
        """Whether the server cut the answer at its row limit (Virtuoso's ResultSetMaxRows)."""
        limit = server_limit(headers)
        return limit is not None and count >= limit

    def _complete(self, headers, count: int) -> None:
        if self._limited(headers, count):
            raise StoreRefused(
                f"de server kapte het antwoord af bij {count} rijen (X-SPARQL-MaxRows); verhoog die limiet "
                f"(Virtuoso: ResultSetMaxRows in virtuoso.ini, docs/stores.md) / the server cut the answer at {count} rows; "
                f"raise its limit")

    def select(self, query, bindings=None, table=None, limit=None, deadline=None) -> Solutions:
        body, headers = self.client.query(with_values(query, bindings, table), RESULTS, deadline)
        solutions = read_results(body)
        self._complete(headers, len(solutions.rows))
        if limit is not None:
            solutions.rows = solutions.rows[:limit]
        return solutions

    def construct(self, query, bindings=None, table=None) -> list[ox.Triple]:
        body, headers = self.client.query(with_values(query, bindings, table), TRIPLE_FORMATS)
        triples = read_triples(body, headers.get("content-type", ""))
        self._complete(headers, len(triples))
        return triples

    def ask(self, query, bindings=None) -> bool:
        body, _ = self.client.query(with_values(query, bindings, None), RESULTS)
        return bool(read_results(body))

    def query_dataset(self, query, dataset, prefixes, limit, deadline, form="SELECT") -> Answer:
        # a remote server knows neither our prefixes nor which graphs are ours: both are written out, and with
        # either protocol parameter the server leaves out what it does not list, so both are listed
        declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
        every = None
        if dataset.default is None or dataset.named is None:
            # listing the graphs scans the store (Virtuoso: all of it): once until the next write, not per public query
            every = cache.cached(self, "public graphs", lambda: [graph for graph in self.named_graphs() if not is_private_graph(graph)])
        parameters = [("default-graph-uri", iri) for iri in (every if dataset.default is None else dataset.default)]
        parameters += [("named-graph-uri", iri) for iri in (every if dataset.named is None else dataset.named)]
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        body, headers = self.client.query(declared + query, TRIPLE_FORMATS if graph_form else RESULTS, deadline, parameters)
        media = headers.get("content-type", "")
        if not graph_form:
            parsed = read_results(body)
            if isinstance(parsed, bool):
                return parsed
            parsed.truncated = self._limited(headers, len(parsed.rows))
            parsed.rows = parsed.rows[:limit]
            return parsed
        triples = read_triples(body, media)
        return triples[:limit]

    def graph_triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        if self.endpoints.graph_store is None:
            return [ox.Triple(*row) for row in self.select(TRIPLES, bindings={"graph": graph}).rows]
        # Virtuoso cuts a Graph Store GET at its row limit without saying so (docs/stores.md): counted before and
        # after, so that a write in between is told apart from a cut
        for _ in range(3):
            size = self._size(graph)
            found = self.client.graph(graph.value)
            if self._size(graph) == size:
                if len(found) < size:
                    raise StoreRefused(
                        f"de server gaf {len(found)} van de {size} triples van {graph.value}; verhoog zijn rijlimiet "
                        f"(Virtuoso: ResultSetMaxRows, docs/stores.md) / the server returned {len(found)} of {size} triples; "
                        f"raise its row limit")
                return found
        return found

    def _size(self, graph: ox.NamedNode) -> int:
        return int(self.select(SIZE, bindings={"graph": graph}).rows[0][0].value)

    def graph_sizes(self) -> dict[str, int]:
        return {row[0].value: int(row[1].value) for row in self.select(GRAPH_SIZES).rows
                if row[0] is not None and is_our_graph(row[0].value)}

    def named_graphs(self) -> list[str]:
        return [row[0].value for row in self.select(GRAPHS).rows if row[0] is not None and is_our_graph(row[0].value)]

    # writing

    def _recover(self) -> None:
        """Once, before this instance first writes: finish or clean up what an interrupted writer left."""
        with self._recover_lock:
            if not self._recovered:
                self.journal.recover()
                self._recovered = True

    def _write(self, parts: list[Part], base: Mapping[str, int] | None) -> None:
        self._recover()
        try:
            self.journal.write(parts, base)
        finally:
            self._changed()

    def _replace(self, graphs, base) -> None:
        self._write([Part(graph, True, [], triples) for graph, triples in graphs.items()], base)

    def _modify(self, changes, base) -> None:
        self._write([Part(graph, False, delete, insert) for graph, (delete, insert) in changes.items()], base)

    def bulk_insert(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        self._recover()
        self.journal.stage([(graph, skolemising(triples))])
        self._changed()

    def drop_graph(self, graph: ox.NamedNode) -> None:
        # one operation, whole or not at all on any server; a journal write would delete triple by triple
        self._recover()
        self.client.update(f"DROP SILENT GRAPH {graph}")
        self.journal.raise_revisions([graph])
        self._changed()

    def clear(self) -> None:
        bookkeeping = [row[0].value for row in self.select(GRAPHS).rows
                       if row[0] is not None and row[0].value.startswith(str(BOOKKEEPING))]
        for graph in [*self.named_graphs(), *bookkeeping]:
            self.client.update(f"DROP SILENT GRAPH <{graph}>")
        self._recovered = False  # the journal went too
        self._changed()

    def close(self) -> None:
        self.client.close()
