"""Remote back-end: any SPARQL 1.1 Query + Update + Graph Store Protocol endpoint, over plain HTTP.

Plain protocol requests (httpx) rather than rdflib's SPARQLUpdateStore: that store fails on
updates naming their own graph and keeps failed updates queued (see docs/architecture.md). Each write is
one SPARQL Update request, which SPARQL 1.1 servers execute as one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

import httpx
import pyoxigraph as ox

from doelgraaf.core.namespaces import is_private_graph
from doelgraaf.store.repository import Answer, QueryTimeout, Repository, Solutions, StoreUnavailable, read_rows
from doelgraaf.store.sparql_text import delete_data, insert_data, with_values

GRAPH_SIZES = "SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph"
GRAPHS = "SELECT DISTINCT ?graph WHERE { GRAPH ?graph { } }"


class RemoteRepository(Repository):
    """`endpoint` is the query URL (…/query) or the server's base URL. Update and Graph Store URLs
    default to the Oxigraph server layout beside it (…/update, …/store); give them for other servers."""

    kind = "remote"

    def __init__(self, endpoint: str, update_endpoint: str | None = None, graph_store: str | None = None, timeout: float = 60.0):
        super().__init__()
        endpoint = endpoint.rstrip("/")
        base = endpoint.removesuffix("/query")
        self.query_url = base + "/query"
        self.update_url = update_endpoint or base + "/update"
        self.graph_store_url = graph_store or base + "/store"
        self.client = httpx.Client(timeout=timeout)

    def _post(self, url: str, **kwargs) -> httpx.Response:
        try:
            response = self.client.post(url, **kwargs)
        except httpx.HTTPError as exc:
            raise StoreUnavailable(
                f"SPARQL-endpoint {url} niet bereikbaar ({exc}) / SPARQL endpoint {url} unreachable ({exc})"
            ) from None
        if response.status_code >= 400:
            raise StoreUnavailable(
                f"SPARQL-endpoint {url} gaf HTTP {response.status_code}: {response.text[:300]} "
                f"/ SPARQL endpoint {url} answered HTTP {response.status_code}"
            )
        return response

    def _query(self, query: str, accept: str, deadline: float | None = None, dataset: list[tuple[str, str]] = ()) -> bytes:
        """POST a query and read the answer; past `deadline` stop reading and close the connection.
        `dataset`: the protocol's default-graph-uri / named-graph-uri parameters."""
        if dataset:
            request = self.client.build_request(
                "POST", self.query_url, data={"query": query}, params=list(dataset), headers={"Accept": accept})
        else:
            request = self.client.build_request(
                "POST", self.query_url, content=query.encode("utf-8"),
                headers={"Content-Type": "application/sparql-query", "Accept": accept},
            )
        try:
            response = self.client.send(request, stream=True)
        except httpx.TimeoutException:
            raise QueryTimeout() from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(
                f"SPARQL-endpoint {self.query_url} niet bereikbaar ({exc}) / SPARQL endpoint {self.query_url} unreachable ({exc})"
            ) from None
        try:
            chunks = []
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if deadline is not None and time.monotonic() > deadline:
                    raise QueryTimeout()
            body = b"".join(chunks)
        finally:
            response.close()
        if response.status_code >= 400:
            raise StoreUnavailable(
                f"SPARQL-endpoint {self.query_url} gaf HTTP {response.status_code}: {body[:300].decode(errors='replace')} "
                f"/ SPARQL endpoint {self.query_url} answered HTTP {response.status_code}"
            )
        return body

    def select(self, query, bindings=None, table=None, limit=None, deadline=None) -> Solutions:
        body = self._query(with_values(query, bindings, table), "application/sparql-results+json", deadline)
        return read_rows(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON), limit, deadline)

    def construct(self, query, bindings=None, table=None) -> list[ox.Triple]:
        body = self._query(with_values(query, bindings, table), "application/n-triples")
        return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]

    def ask(self, query, bindings=None) -> bool:
        body = self._query(with_values(query, bindings, None), "application/sparql-results+json")
        return bool(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON))

    def query_dataset(self, query, dataset, prefixes, limit, deadline) -> Answer:
        # a remote server knows neither our prefixes nor a union default graph: both are written out
        declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
        # with either parameter the protocol leaves out what it does not list, so both are listed
        every = None
        if dataset.default is None or dataset.named is None:
            every = [row[0].value for row in self.select(GRAPHS).rows if row[0] is not None and not is_private_graph(row[0].value)]
        parameters = [("default-graph-uri", iri) for iri in (every if dataset.default is None else dataset.default)]
        parameters += [("named-graph-uri", iri) for iri in (every if dataset.named is None else dataset.named)]
        body = self._query(declared + query, "application/sparql-results+json, application/n-triples;q=0.9",
                           deadline, parameters)
        if body.lstrip().startswith(b"{"):
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QueryBoolean):
                return bool(parsed)
            return read_rows(parsed, limit, deadline)
        return [q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)][:limit]

    def graph_triples(self, graph: ox.NamedNode) -> list[ox.Triple]:
        try:
            response = self.client.get(
                self.graph_store_url, params={"graph": graph.value}, headers={"Accept": "application/n-triples"}
            )
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"Graph Store {self.graph_store_url} niet bereikbaar / unreachable ({exc})") from None
        if response.status_code == 404:
            return []
        if response.status_code >= 400:
            raise StoreUnavailable(f"Graph Store gaf / answered HTTP {response.status_code}")
        return [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]

    def graph_sizes(self) -> dict[str, int]:
        solutions = self.select(GRAPH_SIZES)
        return {row[0].value: int(row[1].value) for row in solutions.rows}

    def _update(self, update: str) -> None:
        self._post(self.update_url, content=update.encode("utf-8"), headers={"Content-Type": "application/sparql-update"})

    def replace_graphs(self, graphs: Mapping[ox.NamedNode, Iterable[ox.Triple]]) -> None:
        operations = []
        for graph, triples in graphs.items():
            operations.append(f"DROP SILENT GRAPH {graph}")
            operations.append(insert_data(graph, triples))
        self._update(" ;\n".join(operations))
        self._wrote(graphs)

    def modify_graphs(self, changes: Mapping[ox.NamedNode, tuple[Iterable[ox.Triple], Iterable[ox.Triple]]]) -> None:
        self._update(" ;\n".join(delete_data(graph, delete) + " ;\n" + insert_data(graph, insert)
                                 for graph, (delete, insert) in changes.items()))
        self._wrote(changes)

    def bulk_insert(self, graph: ox.NamedNode, triples) -> None:
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
        try:
            response = self.client.post(self.graph_store_url, params={"graph": graph.value}, content=body,
                                        headers={"Content-Type": "application/n-triples"})
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"Graph Store {self.graph_store_url} niet bereikbaar / unreachable ({exc})") from None
        if response.status_code >= 400:
            raise StoreUnavailable(f"Graph Store gaf / answered HTTP {response.status_code}: {response.text[:300]}")
        self._wrote([graph])

    def drop_graph(self, graph: ox.NamedNode) -> None:
        self._update(f"DROP SILENT GRAPH {graph}")
        self._wrote([graph])

    def close(self) -> None:
        self.client.close()
