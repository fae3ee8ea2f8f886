"""The SPARQL 1.1 Protocol as a client, the way every server accepts it (docs/stores.md).

Queries go as form-encoded POST: Virtuoso never answers a POST with `Content-Type: application/sparql-query`,
and GET would put long queries in a URL. Updates go as form-encoded POST as well. Results are read with our
own reader of the JSON results format, because servers name blank nodes freely (Virtuoso: `nodeID://b10550`)
and pyoxigraph's reader rejects such labels. The query, update and Graph Store URLs are used exactly as given.
Credentials (HTTP basic or bearer) come from the environment or a file and never appear in a message.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from doelgraaf.store.repository import QueryTimeout, Solutions, StoreUnavailable

FORM = "application/x-www-form-urlencoded"
BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


class StoreRefused(StoreUnavailable):
    """The server refused a request it could have answered (too expensive, over one of its limits)."""


@dataclass(frozen=True)
class Credentials:
    """HTTP basic (`user` and `secret`) or bearer (`secret` only). The secret is left out of repr()."""

    secret: str = field(repr=False)
    user: str | None = None

    def auth(self) -> httpx.Auth | None:
        return httpx.BasicAuth(self.user, self.secret) if self.user is not None else None

    def headers(self) -> dict[str, str]:
        return {} if self.user is not None else {"Authorization": f"Bearer {self.secret}"}

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None, prefix: str = "DOELGRAAF_ENDPOINT_") -> Credentials | None:
        """`<prefix>USER` with `<prefix>PASSWORD` or `<prefix>PASSWORD_FILE` (basic), or `<prefix>TOKEN` or
        `<prefix>TOKEN_FILE` (bearer); None when none is set."""
        environ = os.environ if environ is None else environ

        def secret(name: str) -> str | None:
            if environ.get(prefix + name):
                return environ[prefix + name]
            path = environ.get(prefix + name + "_FILE")
            if not path:
                return None
            try:
                return Path(path).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise StoreUnavailable(
                    f"kan {prefix}{name}_FILE ({path}) niet lezen: {exc.strerror}; geef een leesbaar bestand "
                    f"/ cannot read {prefix}{name}_FILE ({path}): {exc.strerror}; name a readable file") from None

        user = environ.get(prefix + "USER")
        if user:
            password = secret("PASSWORD")
            if password is None:
                raise StoreUnavailable(
                    f"{prefix}USER is gezet maar {prefix}PASSWORD(_FILE) niet; zet het wachtwoord of haal de gebruiker weg "
                    f"/ {prefix}USER is set but {prefix}PASSWORD(_FILE) is not; set the password or unset the user")
            return cls(password, user)
        token = secret("TOKEN")
        return cls(token) if token else None


@dataclass(frozen=True)
class Endpoints:
    """Where the server answers: queries, updates (often the same URL) and, if it has one, the Graph Store."""

    query: str
    update: str
    graph_store: str | None = None


def _shown(url: str) -> str:
    """The URL without user information, for messages."""
    return re.sub(r"//[^/@]*@", "//", url)


def _label(value: str) -> str:
    """A blank-node label pyoxigraph accepts, the same for the same label within one answer."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", value)
    return cleaned if cleaned[:1].isalnum() else "b" + cleaned


def _term(value: Mapping[str, str]):
    kind = value.get("type")
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(_label(value["value"]))
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            if value["datatype"] == BOOLEAN and value["value"] in ("1", "0"):  # Virtuoso's booleans
                return ox.Literal("true" if value["value"] == "1" else "false", datatype=ox.NamedNode(BOOLEAN))
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    raise ValueError(f"unknown term type {kind!r}")


def read_results(body: bytes) -> Solutions | bool:
    """SPARQL 1.1 Query Results JSON, read tolerantly: any blank-node label, Virtuoso's `typed-literal`."""
    document = json.loads(body)
    if "boolean" in document:
        return bool(document["boolean"])
    names = list(document.get("head", {}).get("vars", []))
    rows = [tuple(_term(binding[name]) if name in binding else None for name in names)
            for binding in document.get("results", {}).get("bindings", [])]
    return Solutions(names, rows)


def read_triples(body: bytes, media: str) -> list[ox.Triple]:
    """N-Triples or Turtle as the server sent it, blank-node labels made acceptable first."""
    text = re.sub(rb"_:([^\s;,.)\]]+)", lambda m: b"_:" + _label(m.group(1).decode()).encode(), body)
    form = ox.RdfFormat.TURTLE if "turtle" in media else ox.RdfFormat.N_TRIPLES
    return [_boolean(q.triple) for q in ox.parse(text, format=form)]


def _boolean(triple: ox.Triple) -> ox.Triple:
    value = triple.object
    if isinstance(value, ox.Literal) and value.datatype.value == BOOLEAN and value.value in ("1", "0"):
        return ox.Triple(triple.subject, triple.predicate, _term({"type": "literal", "datatype": BOOLEAN, "value": value.value}))
    return triple


class SparqlClient:
    """One server, spoken to over HTTP with the client's connection pool."""

    def __init__(self, endpoints: Endpoints, credentials: Credentials | None = None, timeout: float = 60.0):
        self.endpoints = endpoints
        self.credentials = credentials
        self.http = httpx.Client(timeout=timeout, auth=credentials.auth() if credentials else None,
                                 headers=credentials.headers() if credentials else {})

    def _failed(self, url: str, status: int, body: bytes) -> StoreUnavailable:
        # the server's first line says what is wrong; what follows it (Virtuoso: the query) is not for users to read
        text = body[:300].decode(errors="replace").strip().split("\n", 1)[0][:200]
        if status in (401, 403):
            return StoreUnavailable(
                f"SPARQL-endpoint {_shown(url)} weigert toegang (HTTP {status}); geef gebruiker en wachtwoord of token "
                f"(DOELGRAAF_ENDPOINT_USER/_PASSWORD_FILE of _TOKEN_FILE) en controleer de rechten (docs/stores.md) "
                f"/ SPARQL endpoint {_shown(url)} refuses access (HTTP {status}); give user and password or a token and check the grants")
        if status >= 500 or status == 400:
            return StoreRefused(
                f"SPARQL-endpoint {_shown(url)} weigerde (HTTP {status}: {text}); beperk de vraag of verruim de limieten "
                f"van de server (docs/stores.md) / SPARQL endpoint {_shown(url)} refused (HTTP {status}: {text}); "
                f"narrow the question or raise the server's limits")
        return StoreUnavailable(f"SPARQL-endpoint {_shown(url)} gaf HTTP {status}: {text} "
                                f"/ SPARQL endpoint {_shown(url)} answered HTTP {status}")

    def _unreachable(self, url: str, exc: Exception) -> StoreUnavailable:
        return StoreUnavailable(
            f"SPARQL-endpoint {_shown(url)} niet bereikbaar ({type(exc).__name__}); draait de server en klopt de URL? "
            f"/ SPARQL endpoint {_shown(url)} unreachable ({type(exc).__name__}); is the server running and the URL right?")

    def query(self, text: str, accept: str, deadline: float | None = None,
              dataset: Sequence[tuple[str, str]] = ()) -> tuple[bytes, httpx.Headers]:
        """The server's answer and its headers; past `deadline` stop reading and close the connection.
        `dataset`: the protocol's default-graph-uri / named-graph-uri parameters."""
        url = self.endpoints.query
        # a server that computes before it sends anything (Virtuoso) is waited for until the deadline, not longer
        timeout = None if deadline is None else httpx.Timeout(self.http.timeout.connect, read=max(0.05, deadline - time.monotonic()))
        request = self.http.build_request("POST", url, content=urlencode([("query", text), *dataset]).encode("ascii"),
                                          headers={"Accept": accept, "Content-Type": FORM},
                                          **({"timeout": timeout} if timeout else {}))
        try:
            response = self.http.send(request, stream=True)
        except httpx.TimeoutException:
            raise QueryTimeout() from None
        except httpx.HTTPError as exc:
            raise self._unreachable(url, exc) from None
        try:
            chunks = []
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if deadline is not None and time.monotonic() > deadline:
                    raise QueryTimeout()
            body = b"".join(chunks)
        except httpx.TimeoutException:
            raise QueryTimeout() from None
        except httpx.HTTPError as exc:
            raise self._unreachable(url, exc) from None
        finally:
            response.close()
        if response.status_code >= 400:
            raise self._failed(url, response.status_code, body)
        return body, response.headers

    def update(self, text: str) -> None:
        url = self.endpoints.update
        try:
            response = self.http.post(url, content=urlencode([("update", text)]).encode("ascii"), headers={"Content-Type": FORM})
        except httpx.HTTPError as exc:
            raise self._unreachable(url, exc) from None
        if response.status_code >= 400:
            raise self._failed(url, response.status_code, response.content)

    def graph(self, graph: str) -> list[ox.Triple] | None:
        """The Graph Store Protocol's GET of one graph ([] when absent); None without a Graph Store URL."""
        url = self.endpoints.graph_store
        if url is None:
            return None
        try:
            response = self.http.get(url, params={"graph": graph}, headers={"Accept": "application/n-triples, text/plain;q=0.9, text/turtle;q=0.5"})
        except httpx.HTTPError as exc:
            raise self._unreachable(url, exc) from None
        if response.status_code == 404:
            return []
        if response.status_code >= 400:
            raise self._failed(url, response.status_code, response.content)
        return read_triples(response.content, response.headers.get("content-type", ""))

    def add_to_graph(self, graph: str, ntriples: bytes) -> None:
        """The Graph Store Protocol's POST: add N-Triples to one graph (a server parses this four times faster
        than the same triples in INSERT DATA; docs/stores.md)."""
        url = self.endpoints.graph_store
        try:
            response = self.http.post(url, params={"graph": graph}, content=ntriples, headers={"Content-Type": "application/n-triples"})
        except httpx.HTTPError as exc:
            raise self._unreachable(url, exc) from None
        if response.status_code >= 400:
            raise self._failed(url, response.status_code, response.content)

    def close(self) -> None:
        self.http.close()


def server_limit(headers: httpx.Headers) -> int | None:
    """The row limit the server says it applied (Virtuoso: X-SPARQL-MaxRows), if any."""
    value = headers.get("x-sparql-maxrows")
    return int(value) if value and value.strip().isdigit() else None
