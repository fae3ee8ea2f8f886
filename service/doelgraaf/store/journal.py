"""All-or-nothing writes and revisions kept in a remote store (docs/architecture.md, section 12).

A SPARQL server need not run a request of several operations as one transaction (Virtuoso does not), nor
accept a large one. What every server does is run one operation at a time, each wholly or not at all. So a
write goes in steps, each one operation, and is decided by one small operation in the journal graph:

1. stage: the triples to insert (and, for a change, to delete) go into staging graphs nobody reads, in
   bounded INSERT DATA requests;
2. commit: one operation adds the write to the journal, only if each graph it writes still has the revision
   the write was based on and no other write of that graph is pending (compare-and-swap);
3. check: the write is the only one pending for its graphs (a server that does not serialise operations may
   let two commits through; then both withdraw and try again);
4. decide: one operation marks it decided; from here on it happens, whoever finishes it;
5. apply: per graph one DELETE/INSERT operation from the staging graphs, done only while the write is in
   the journal, so that a late repetition changes nothing;
6. finish: the revisions rise, the write leaves the journal, the staging graphs are dropped.

A writer killed before 4 leaves the data as it was (its staging and its undecided entry are cleaned up once
stale); killed after 4, any instance that reads the revisions first finishes the write (steps 5 and 6 can be
repeated). Each graph's revision lives in the journal, so that service instances over one store know from
one small query which of their kept values are still current.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.core.namespaces import BOOKKEEPING, JOURNAL, JOURNAL_GRAPH
from doelgraaf.store.protocol import SparqlClient, read_results
from doelgraaf.store.repository import Solutions, WriteConflict
from doelgraaf.store.revisions import Revisions

# Triples per INSERT DATA: Virtuoso refuses a request of ~1,500 triples ("exceeded 10000 lines") and runs out
# of memory parsing ~5,000 (docs/stores.md). Through the Graph Store Protocol, where a server has it, larger.
CHUNK = 500
GRAPH_STORE_CHUNK = 10_000
# A write is undecided only between two small requests (steps 2 and 4), so one undecided for this long has lost
# its writer; it is withdrawn, and a writer that was only slow finds its write withdrawn and tries again.
STALE = datetime.timedelta(seconds=10)
# How often a write without a base (a load, an import) is tried while others write the same graphs: with the
# waits between, a little longer than STALE, so that a writer killed midway never blocks the next one.
ATTEMPTS = 12

J = ox.NamedNode(str(JOURNAL_GRAPH))
REVISION = ox.NamedNode(str(JOURNAL.revision))
PART = ox.NamedNode(str(JOURNAL.part))
GRAPH = ox.NamedNode(str(JOURNAL.graph))
KIND = ox.NamedNode(str(JOURNAL.kind))
INSERTS = ox.NamedNode(str(JOURNAL.inserts))
DELETES = ox.NamedNode(str(JOURNAL.deletes))
BASE = ox.NamedNode(str(JOURNAL.base))
STARTED = ox.NamedNode(str(JOURNAL.startedAt))
DECIDED = ox.NamedNode(str(JOURNAL.decided))
TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
# Every condition of an update starts from this triple: Virtuoso drops the FILTERs and OPTIONALs of a WHERE
# clause that has no pattern of its own to match (docs/stores.md), and a write would then pass any check.
ANCHOR = f"{J} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> {ox.NamedNode(str(JOURNAL.Journal))}"
STAGING = f"{BOOKKEEPING}staging/"
WRITES = f"{BOOKKEEPING}write/"


@dataclass
class Part:
    """What one write does to one graph: replace it by `insert`, or delete `delete` and insert `insert`."""

    graph: ox.NamedNode
    replace: bool
    delete: list[ox.Triple]
    insert: list[ox.Triple]


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")


def _written(term) -> str:
    # Virtuoso keeps a decimal as a number and gives "35000"^^xsd:decimal back as an xsd:integer, but keeps
    # "35000.0" a decimal (docs/stores.md); the value is the same, so every decimal is written with its point
    if isinstance(term, ox.Literal) and term.datatype == DECIMAL and not any(c in term.value for c in ".eE"):
        return str(ox.Literal(term.value + ".0", datatype=DECIMAL))
    return str(term)


def _lines(triples: Iterable[ox.Triple]) -> str:
    return "\n".join(f"{t.subject} {t.predicate} {_written(t.object)} ." for t in triples)


def insert_requests(graphs: Iterable[tuple[ox.NamedNode, Iterable[ox.Triple]]], chunk: int = CHUNK) -> Iterator[str]:
    """INSERT DATA requests of at most `chunk` triples each, several graphs per request, none empty; the
    triples are read as the requests are sent, so a large load is never all in memory."""
    pieces: list[str] = []
    lines: list[str] = []
    size = 0
    for graph, triples in graphs:
        for triple in triples:
            lines.append(_lines([triple]))
            size += 1
            if size >= chunk:
                pieces.append(f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}")
                yield "INSERT DATA {\n" + "\n".join(pieces) + "\n}"
                pieces, lines, size = [], [], 0
        if lines:
            pieces.append(f"GRAPH {graph} {{\n" + "\n".join(lines) + "\n}")
            lines = []
    if pieces:
        yield "INSERT DATA {\n" + "\n".join(pieces) + "\n}"


def ntriples_requests(triples: Iterable[ox.Triple], chunk: int = GRAPH_STORE_CHUNK) -> Iterator[bytes]:
    """N-Triples documents of at most `chunk` triples each, read as they are sent."""
    lines: list[str] = []
    for triple in triples:
        lines.append(_lines([triple]))
        if len(lines) >= chunk:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines = []
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


class Journal:
    """The journal graph of one remote store, spoken to through `client`."""

    def __init__(self, client: SparqlClient):
        self.client = client

    def stage(self, graphs: Iterable[tuple[ox.NamedNode, Iterable[ox.Triple]]]) -> None:
        """Put triples into graphs nobody reads yet, in bounded requests (not a transaction)."""
        if self.client.endpoints.graph_store is None:
            for request in insert_requests(graphs):
                self.client.update(request)
            return
        for graph, triples in graphs:
            for document in ntriples_requests(triples):
                self.client.add_to_graph(graph.value, document)

    def _select(self, query: str) -> Solutions:
        body, _ = self.client.query(query, "application/sparql-results+json")
        return read_results(body)

    # revisions

    def revisions(self) -> Revisions:
        """The revision of every graph, after finishing any decided write still under way (one small query
        when there is none)."""
        for _ in range(3):
            rows = self._select(f"""
                SELECT ?graph ?revision ?decided WHERE {{ GRAPH {J} {{
                  {{ ?graph {REVISION} ?revision }} UNION {{ ?decided {DECIDED} {TRUE} }} }} }}""").rows
            decided = {row[2].value for row in rows if row[2] is not None}
            if not decided:
                graphs = {row[0].value: int(row[1].value) for row in rows if row[0] is not None}
                return Revisions(graphs, sum(graphs.values()))
            for write in sorted(decided):
                self.finish(ox.NamedNode(write))
        raise WriteConflict()

    # writing

    def write(self, parts: Sequence[Part], base: Mapping[str, int] | None) -> None:
        """Make `parts` happen all or not at all. With `base` ({graph: revision}), WriteConflict when one of those
        graphs moved meanwhile; tried again while other writes come between."""
        parts = [part for part in parts if part.replace or part.delete or part.insert]
        if not parts:
            return
        wid = f"{time.time_ns():020d}-{uuid.uuid4().hex[:12]}"
        write = ox.NamedNode(WRITES + wid)
        staged = [(ox.NamedNode(f"{STAGING}{wid}/{i}/insert"), ox.NamedNode(f"{STAGING}{wid}/{i}/delete")) for i in range(len(parts))]
        committing = False
        try:
            batches = [(inserts, part.insert) for part, (inserts, _) in zip(parts, staged)]
            batches += [(deletes, part.delete) for part, (_, deletes) in zip(parts, staged) if not part.replace]
            self.stage(batches)
            for attempt in range(ATTEMPTS):
                # the graphs the write is based on must still have their revisions; the others (an accepted proposal
                # also marks the proposals graph) are taken as they are now
                wanted = self.revisions().of(p.graph.value for p in parts)
                if base is not None and any(wanted.get(graph, 0) != revision for graph, revision in base.items()):
                    raise WriteConflict()
                committing = True
                if self._commit(write, parts, staged, {**wanted, **(base or {})}):
                    break
                committing = False  # withdrawn, or never in the journal
                self._withdraw_stale()
                time.sleep(min(2.0, 0.05 * 2 ** attempt) * random.uniform(0.5, 1.0))
            else:
                raise WriteConflict()
        except BaseException:
            # staging that no journal entry names goes at once; a commit that failed midway may have been decided
            # (an answer lost on the way), and then its staging is what finishes it: recover() drops it if not
            if not committing:
                self._drop(g for pair in staged for g in pair)
            raise
        self.finish(write)

    def _commit(self, write: ox.NamedNode, parts: Sequence[Part], staged, base: Mapping[str, int]) -> bool:
        """Steps 2-4: True when the write is decided, False (and withdrawn) when another came first."""
        entry = [f"{write} {STARTED} {ox.Literal(_now().isoformat(), datatype=ox.NamedNode('http://www.w3.org/2001/XMLSchema#dateTime'))} ."]
        conditions = [f"GRAPH {J} {{ {ANCHOR} }}"]
        for i, (part, (inserts, deletes)) in enumerate(zip(parts, staged)):
            node = ox.NamedNode(f"{write.value}/{i}")
            entry.append(f"{write} {PART} {node} . {node} {GRAPH} {part.graph} ; {KIND} {ox.Literal('replace' if part.replace else 'modify')} ; "
                         f"{INSERTS} {inserts} ; {BASE} {_integer(base.get(part.graph.value, 0))} .")
            if not part.replace:
                entry.append(f"{node} {DELETES} {deletes} .")
            revision = base.get(part.graph.value, 0)
            if revision:
                conditions.append(f"GRAPH {J} {{ {part.graph} {REVISION} {_integer(revision)} }}")
            conditions.append(f"FILTER NOT EXISTS {{ GRAPH {J} {{ {part.graph} {REVISION} ?r{i} FILTER (?r{i} != {revision}) }} }}")
            conditions.append(f"FILTER NOT EXISTS {{ GRAPH {J} {{ ?busy{i} {GRAPH} {part.graph} }} }}")
        self.client.update(f"INSERT {{ GRAPH {J} {{\n" + "\n".join(entry) + "\n} }\nWHERE {\n" + "\n".join(conditions) + "\n}")
        targets = " ".join(str(part.graph) for part in parts)
        rows = self._select(f"""
            SELECT DISTINCT ?write WHERE {{ GRAPH {J} {{ ?write {PART} ?part . ?part {GRAPH} ?graph }} VALUES ?graph {{ {targets} }} }}""").rows
        writes = {row[0].value for row in rows}
        if writes != {write.value}:
            if write.value in writes:
                self._withdraw(write)
            return False
        self.client.update(f"INSERT {{ GRAPH {J} {{ {write} {DECIDED} {TRUE} }} }} WHERE {{ GRAPH {J} {{ {write} {PART} ?part }} }}")
        # withdrawn meanwhile as stale (this writer was paused that long): then it did not happen
        body, _ = self.client.query(f"ASK {{ GRAPH {J} {{ {write} {DECIDED} {TRUE} }} }}", "application/sparql-results+json")
        return read_results(body) is True

    def finish(self, write: ox.NamedNode) -> None:
        """Steps 5 and 6 of a decided write; repeating them changes nothing."""
        rows = self._select(f"""
            SELECT ?part ?graph ?kind ?inserts ?deletes WHERE {{ GRAPH {J} {{ {write} {DECIDED} {TRUE} ; {PART} ?part .
              ?part {GRAPH} ?graph ; {KIND} ?kind ; {INSERTS} ?inserts . OPTIONAL {{ ?part {DELETES} ?deletes }} }} }}""").rows
        for part, graph, kind, inserts, deletes in rows:
            old = f"GRAPH {graph} {{ ?s ?p ?o }}" if kind.value == "replace" else f"GRAPH {deletes} {{ ?s ?p ?o }}"
            self.client.update(f"""
                DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} INSERT {{ GRAPH {graph} {{ ?a ?b ?c }} }}
                WHERE {{ GRAPH {J} {{ {write} {DECIDED} {TRUE} ; {PART} {part} }} {{ {old} }} UNION {{ GRAPH {inserts} {{ ?a ?b ?c }} }} }}""")
        if rows:
            self.client.update(f"""
                DELETE {{ GRAPH {J} {{ ?graph {REVISION} ?old . {write} {PART} ?part . ?part ?property ?value }} }}
                INSERT {{ GRAPH {J} {{ ?graph {REVISION} ?new }} }}
                WHERE {{ GRAPH {J} {{ {write} {PART} ?part . ?part {GRAPH} ?graph ; {BASE} ?base ; ?property ?value .
                  OPTIONAL {{ ?graph {REVISION} ?old }} }} BIND (?base + 1 AS ?new) }}""")
        self._withdraw(write, parts=False)
        self._drop(ox.NamedNode(row[3].value) for row in rows)
        self._drop(ox.NamedNode(row[4].value) for row in rows if row[4] is not None)

    def raise_revisions(self, graphs: Iterable[ox.NamedNode]) -> None:
        """After a write that is one operation by itself (dropping a graph): its graphs' revisions rise."""
        for graph in graphs:
            self.client.update(f"""
                DELETE {{ GRAPH {J} {{ {graph} {REVISION} ?old }} }} INSERT {{ GRAPH {J} {{ {graph} {REVISION} ?new }} }}
                WHERE {{ GRAPH {J} {{ {ANCHOR} OPTIONAL {{ {graph} {REVISION} ?old }} }} BIND (COALESCE(?old, 0) + 1 AS ?new) }}""")

    def _withdraw(self, write: ox.NamedNode, parts: bool = True) -> None:
        if parts:
            self.client.update(f"DELETE WHERE {{ GRAPH {J} {{ {write} {PART} ?part . ?part ?property ?value }} }}")
            self.client.update(f"DELETE WHERE {{ GRAPH {J} {{ {write} {PART} ?part }} }}")
        self.client.update(f"DELETE WHERE {{ GRAPH {J} {{ {write} ?property ?value }} }}")

    def _drop(self, graphs: Iterable[ox.NamedNode]) -> None:
        for graph in graphs:
            self.client.update(f"DROP SILENT GRAPH {graph}")

    # clean-up

    def _withdraw_stale(self) -> None:
        """Withdraw undecided writes whose writer is gone: they would keep their graphs from being written."""
        rows = self._select(f"""
            SELECT ?write ?started WHERE {{ GRAPH {J} {{ ?write {STARTED} ?started FILTER NOT EXISTS {{ ?write {DECIDED} ?d }} }} }}""").rows
        for write, started in rows:
            if _now() - datetime.datetime.fromisoformat(started.value) > STALE:
                self._withdraw(write)
                self._drop(self._staging_of(write.value.removeprefix(WRITES)))

    def _staging_of(self, wid: str | None = None) -> list[ox.NamedNode]:
        rows = self._select(f"""
            SELECT ?graph WHERE {{ GRAPH ?graph {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?graph), {ox.Literal(STAGING + (wid + "/" if wid else ""))})) }}
            GROUP BY ?graph""").rows
        return [row[0] for row in rows if row[0] is not None]

    def recover(self) -> None:
        """At start: finish decided writes, withdraw stale ones, drop staging graphs no pending write owns."""
        self.client.update(f"INSERT DATA {{ GRAPH {J} {{ {ANCHOR} }} }}")
        self.revisions()
        self._withdraw_stale()
        pending = {row[0].value.removeprefix(WRITES) for row in self._select(
            f"SELECT DISTINCT ?write WHERE {{ GRAPH {J} {{ ?write {STARTED} ?started }} }}").rows}
        for graph in self._staging_of():
            wid = graph.value.removeprefix(STAGING).split("/", 1)[0]
            started = datetime.datetime.fromtimestamp(int(wid.split("-", 1)[0]) / 1e9, datetime.timezone.utc) if wid[:1].isdigit() else None
            if wid not in pending and (started is None or _now() - started > STALE):
                self._drop([graph])
