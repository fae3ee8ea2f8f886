"""Public SPARQL queries in a separate process that can be killed at the time limit.

Oxigraph cannot interrupt a query that computes for a long time before its first row (an aggregate
over a cross product): a thread would keep a core busy long after the client got its 503. So on an
on-disk store each public query runs in a child process (forked from a clean fork server) against
a read-only snapshot of the store, and the child is killed when the time is up. The snapshot is a
RocksDB checkpoint (hard links, made in well under a second) and is renewed after writes.
"""

from __future__ import annotations

import multiprocessing
import shutil
import threading
import uuid
from pathlib import Path

from doelgraaf.store import QueryTimeout
from doelgraaf.store.embedded import EmbeddedRepository

_context = multiprocessing.get_context("forkserver")


def _execute(snapshot: str, query: str, form: str, limit: int, connection) -> None:
    """In the child: open the snapshot read-only, run the query, send back at most `limit` + 1 results."""
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(snapshot)
        result = store.query(query)
        if form == "SELECT":
            names = [v.value for v in result.variables]
            rows = []
            for solution in result:
                rows.append(tuple(solution[i] for i in range(len(names))))
                if len(rows) > limit:
                    break
            connection.send(("rows", names, rows))
        elif form == "ASK":
            connection.send(("boolean", bool(result)))
        else:
            triples = []
            for triple in result:
                triples.append(triple)
                if len(triples) > limit:
                    break
            connection.send(("triples", triples))
    except SyntaxError as exc:
        connection.send(("syntax", str(exc)))
    finally:
        connection.close()


class IsolatedRunner:
    """Runs queries of one embedded on-disk repository in killable child processes."""

    def __init__(self, repo: EmbeddedRepository):
        self.repo = repo
        self.root = Path(str(repo.path) + ".snapshots")
        self.lock = threading.Lock()
        self.current: tuple[int, Path] | None = None
        shutil.rmtree(self.root, ignore_errors=True)

    def _snapshot(self) -> Path:
        with self.lock:
            if self.current is None or self.current[0] != self.repo.revision:
                target = self.root / uuid.uuid4().hex
                self.root.mkdir(parents=True, exist_ok=True)
                revision = self.repo.snapshot(target)
                previous, self.current = self.current, (revision, target)
                if previous is not None:
                    # a query may still read the old one: it is removed once no child holds it open
                    shutil.rmtree(previous[1], ignore_errors=True)
            return self.current[1]

    def run(self, query: str, form: str, limit: int, time_limit: float):
        """('rows', names, rows) | ('boolean', bool) | ('triples', triples); QueryTimeout past the limit."""
        receiving, sending = _context.Pipe(duplex=False)
        child = _context.Process(target=_execute, args=(str(self._snapshot()), query, form, limit, sending), daemon=True)
        child.start()
        sending.close()
        try:
            if not receiving.poll(time_limit):
                raise QueryTimeout()
            answer = receiving.recv()
        except EOFError:
            raise QueryTimeout() from None
        finally:
            if child.is_alive():
                child.kill()
            child.join(5)
            receiving.close()
        if answer[0] == "syntax":
            raise SyntaxError(answer[1])
        return answer
