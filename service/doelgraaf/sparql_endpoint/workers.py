"""Warm worker processes for the public SPARQL endpoint on an on-disk embedded store.

Why processes: Oxigraph cannot interrupt a query that computes for a long time before its first row
(an aggregate over a cross product), so a runaway query is stopped by killing the process that runs
it; and rdflib's parser, which decides what a query may do (check), takes long enough on big
queries that it must not hold the service's own interpreter. Why warm: forking a process and opening
the store per query cost 70-170 ms for `ASK {}`; a worker that stays up answers in about a millisecond.

Each worker reads a snapshot of the store (a RocksDB checkpoint: hard links, made in well under a
second) opened read-only, and moves to a newer one when a write has made a new snapshot; a snapshot
is deleted once no worker has it open. A worker is killed and replaced only when a query passes the
time limit. Workers run in a network namespace of their own where the kernel allows it, with no
interface but a loopback that is down: even a query that got past the parser could reach no server.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import queue
import shutil
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from doelgraaf.core.errors import UserError
from doelgraaf.core.media import NotAcceptable
from doelgraaf.sparql_endpoint import answers
from doelgraaf.store import QueryTimeout
from doelgraaf.store.embedded import EmbeddedRepository, query_dataset
from doelgraaf.store.repository import Dataset

log = logging.getLogger(__name__)

_context = multiprocessing.get_context("forkserver")
# imported once in the fork server, so that a new worker starts in milliseconds, not in a second
_context.set_forkserver_preload(["pyoxigraph", "rdflib.plugins.sparql.parser", "doelgraaf.sparql_endpoint.answers",
                               "doelgraaf.store.embedded"])

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def isolate_network() -> str:
    """Move this process into a network namespace of its own; says which isolation it got."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNET) == 0:
        return "network namespace"
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:  # without root, where user namespaces are allowed
        return "user and network namespace"
    return "none"


class Busy(Exception):
    """Every worker was busy for the whole time limit (other people's long queries): try again shortly."""


@dataclass(frozen=True)
class Request:
    text: str
    dataset: Dataset
    accept: str | None
    format_name: str | None
    limit: int
    time_limit: float


def _serve(connection) -> None:
    """A worker's life: isolate, then answer requests until the pipe closes."""
    import pyoxigraph as ox

    connection.send(("ready", isolate_network()))
    store, opened = None, None
    while True:
        try:
            snapshot, request = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if snapshot != opened:
                store, opened = None, None
                store, opened = ox.Store.read_only(snapshot), snapshot
            deadline = time.monotonic() + request.time_limit

            def run(query, dataset, prefixes, limit, form, store=store):
                return query_dataset(store, query, dataset, prefixes, limit, deadline)

            reply = answers.respond(run, request.text, request.dataset, request.accept, request.format_name,
                                           request.limit)
            connection.send(("reply", reply))
        except UserError as error:  # sent as fields: a dataclass exception does not pickle
            connection.send(("user", error.nl, error.en, error.where))
        except QueryTimeout:
            connection.send(("timeout",))
        except NotAcceptable as refusal:
            connection.send(("not acceptable", refusal.offered))
        except Exception as exc:  # noqa: BLE001 - a bug, told to the service as such; the worker lives on
            connection.send(("failed", f"{type(exc).__name__}: {exc}"[:500]))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: object
    opened: Path | None = None


class QueryWorkers:
    """A pool of `size` workers over the snapshots of one on-disk embedded repository."""

    def __init__(self, repo: EmbeddedRepository, size: int = 2):
        self.repo = repo
        self.size = size
        self.root = Path(str(repo.path) + ".snapshots")
        self.isolation = "unknown"
        self._lock = threading.Lock()
        self._current: tuple[int, Path] | None = None
        self._retired: list[Path] = []
        self._live: list[_Worker] = []
        self._idle: queue.Queue[_Worker] = queue.Queue()
        shutil.rmtree(self.root, ignore_errors=True)
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        receiving, sending = _context.Pipe(duplex=True)
        process = _context.Process(target=_serve, args=(sending,), daemon=True, name="doelgraaf-sparql-worker")
        process.start()
        sending.close()
        kind, isolation = receiving.recv()
        if isolation == "none" and self.isolation != "none":
            log.warning("SPARQL-workers hebben netwerktoegang: alleen de parser weert SERVICE / SPARQL workers can reach "
                        "the network (no namespace allowed here): only the parser keeps SERVICE out")
        self.isolation = isolation
        worker = _Worker(process, receiving)
        with self._lock:
            self._live.append(worker)
        return worker

    def _snapshot(self) -> Path:
        with self._lock:
            if self._current is None or self._current[0] != self.repo.revision:
                target = self.root / uuid.uuid4().hex
                self.root.mkdir(parents=True, exist_ok=True)
                revision = self.repo.snapshot(target)
                if self._current is not None:
                    self._retired.append(self._current[1])
                self._current = (revision, target)
            return self._current[1]

    def _clean(self) -> None:
        with self._lock:
            in_use = {w.opened for w in self._live}
            for path in [p for p in self._retired if p not in in_use]:
                shutil.rmtree(path, ignore_errors=True)
                self._retired.remove(path)

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker (its query ran too long) and put a fresh one in the pool, without making anyone wait."""
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        with self._lock:
            self._live.remove(worker)
        threading.Thread(target=lambda: self._idle.put(self._start()), daemon=True).start()

    def answer(self, request: Request):
        """The worker's reply (answers.Reply); UserError, NotAcceptable or QueryTimeout otherwise."""
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=request.time_limit)
        except queue.Empty:
            raise Busy() from None
        snapshot = self._snapshot()
        remaining = max(request.time_limit - (time.monotonic() - started), 0.05)
        try:
            worker.connection.send((str(snapshot), request))
            if not worker.connection.poll(remaining + 0.5):
                raise QueryTimeout()
            answer = worker.connection.recv()
        except (QueryTimeout, EOFError, OSError):
            self._replace(worker)
            raise QueryTimeout() from None
        worker.opened = snapshot
        self._idle.put(worker)
        self._clean()
        if answer[0] == "reply":
            return answer[1]
        if answer[0] == "timeout":
            raise QueryTimeout()
        if answer[0] == "user":
            raise UserError(*answer[1:])
        if answer[0] == "failed":
            raise RuntimeError(f"SPARQL worker: {answer[1]}")
        raise NotAcceptable(answer[1])

    def close(self) -> None:
        with self._lock:
            workers, self._live = list(self._live), []
        for worker in workers:
            worker.process.kill()
            worker.process.join(5)
        shutil.rmtree(self.root, ignore_errors=True)
