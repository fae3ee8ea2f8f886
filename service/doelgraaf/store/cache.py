"""One cache facility for everything computed from the store (docs/architecture.md, section 4).

Each repository has one `Cache` (`repo.cache`), divided into named regions, each bounded on its own
(least recently used out first), because what they hold differs in size by orders of magnitude: an
answer is kilobytes, a municipality's in-memory index megabytes.

A value is valid while the graphs it was computed from (`graphs`: one municipality, one dataset version,
one vocabulary) keep the revisions they had when computing began, or, when it names none, until any write:
an editor of one municipality then does not make the other 341 compute everything again. The revisions
come from the repository (`Repository.current_revisions`); a remote store keeps them in the store, so that a
write through another service instance makes the value stale here too. Computing is single-flight: threads (or
coroutines) asking for a value that is being computed wait for that computation instead of repeating it.

While a request runs inside `reading()`, every value it takes from the cache and every graph it reads
through a counted repository is noted, so that the request's whole answer can be kept exactly as long
as everything it read is unchanged (the GraphQL answers, api/graphql_http.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from doelgraaf.store.revisions import Revisions

T = TypeVar("T")
MISSING = object()

# Per region, how many values at most. A municipality's costs take a few hundred kB: 512 of them let a portal
# that asks for every municipality in turn grow the service past 500 MB; an index of a national-size
# municipality takes 5-10 MB, and 24 of them took the service to 516 MB (bench/RESULTS.md).
# The completeness figures of every municipality (a few hundred bytes each) have their own region, so that counting
# all 342 does not push everything else out of the values.
SIZES = {"values": 128, "graph indexes": 12, "answers": 256, "working copies": 8, "completeness": 1024}


@dataclass
class Reads:
    """What one request has read: named graphs, or `everything` once it read something not tied to any."""

    graphs: set[str] = field(default_factory=set)
    everything: bool = False

    def scope(self) -> tuple[str, ...] | None:
        return None if self.everything else tuple(sorted(self.graphs))


_reads: contextvars.ContextVar[Reads | None] = contextvars.ContextVar("doelgraaf_reads", default=None)


@contextlib.contextmanager
def reading() -> Iterator[Reads]:
    """Note what the code inside reads (threads started with asyncio.to_thread share the note)."""
    reads = Reads()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


_moments: contextvars.ContextVar[dict | None] = contextvars.ContextVar("doelgraaf_moment", default=None)


@contextlib.contextmanager
def one_moment() -> Iterator[None]:
    """The code inside (one HTTP request, one warm-up) sees the revisions of a remote store as they were when it
    first asked: one small query for the whole request, and one consistent view (store/remote.py)."""
    token = _moments.set({})
    try:
        yield
    finally:
        _moments.reset(token)


def moment(repository, fetch: Callable[[], Revisions]) -> Revisions | None:
    """The revisions `repository` had at this moment (fetched on first use), or None outside one_moment()."""
    moments = _moments.get()
    if moments is None:
        return None
    found = moments.get(id(repository))
    if found is None:
        found = moments[id(repository)] = fetch()
    return found


def forget_moment(repository) -> None:
    """After a write of this request: its later reads see the new revisions."""
    moments = _moments.get()
    if moments is not None:
        moments.pop(id(repository), None)


def note(graphs: Iterable[str] | None) -> None:
    """Record a read of `graphs` (None: of anything) for the request that is running, if any."""
    reads = _reads.get()
    if reads is None:
        return
    if graphs is None:
        reads.everything = True
    else:
        reads.graphs.update(graphs)


class Region:
    """One bounded part of a repository's cache."""

    def __init__(self, repository, size: int):
        self.repository = repository
        self.size = size
        self._entries: OrderedDict = OrderedDict()  # key -> (stamp of its graphs when computed, graphs or None, value)
        self._lock = threading.Lock()
        self._computing: dict = {}  # key -> threading.Lock
        self._pending: dict = {}  # (key, revision) -> asyncio.Future

    def _valid(self, entry) -> bool:
        stamp, graphs, _ = entry
        return self.repository.current_revisions().stamp(graphs) == stamp

    def peek(self, key):
        """The value if it is still valid, else MISSING; nothing is computed."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or not self._valid(entry):
                return MISSING
            self._entries.move_to_end(key)
        note(entry[1])
        return entry[2]

    def put(self, key, value, graphs: Iterable[str] | None = None, since: Revisions | None = None) -> None:
        """Keep `value`, computed from `graphs` since the moment `since` (now, when not given)."""
        graphs = None if graphs is None else tuple(graphs)
        since = self.repository.current_revisions() if since is None else since
        entry = (since.stamp(graphs), graphs, value)
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def discard(self, key) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def cached(self, key, compute: Callable[[], T], graphs: Iterable[str] | None = None) -> T:
        """The value of `key`, computed by `compute` only when none is valid; threads asking meanwhile wait."""
        graphs = None if graphs is None else tuple(graphs)
        found = self.peek(key)
        if found is not MISSING:
            return found
        with self._lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            found = self.peek(key)
            if found is not MISSING:
                return found
            since = self.repository.current_revisions()  # before computing: a write meanwhile makes the value stale
            value = compute()
            note(graphs)
            self.put(key, value, graphs, since)
        with self._lock:
            if len(self._computing) > 4 * self.size:
                self._computing.clear()
        return value

    async def cached_async(self, key, compute: Callable[[], Awaitable[tuple[T, tuple[str, ...] | None, bool]]]) -> T:
        """For coroutines: `compute()` returns (value, the graphs it read or None, whether to keep it).
        Coroutines asking for the same key at the same revision meanwhile await the same computation."""
        found = self.peek(key)
        if found is not MISSING:
            return found
        since = self.repository.current_revisions()
        revision = since.total
        pending = self._pending.get((key, revision))
        if pending is not None:
            found = await asyncio.shield(pending)
            if found is not MISSING:
                return found
            value, _, _ = await compute()
            return value
        leader = self._pending[(key, revision)] = asyncio.get_running_loop().create_future()
        kept = MISSING
        try:
            value, graphs, keep = await compute()
            if keep:
                self.put(key, value, graphs, since)
                kept = value
        finally:  # those waiting get the value, or MISSING and compute it themselves
            del self._pending[(key, revision)]
            leader.set_result(kept)
        return value


class Cache:
    """The regions of one repository's cache, made on first use."""

    def __init__(self, repository):
        self.repository = repository
        self._regions: dict[str, Region] = {}
        self._lock = threading.Lock()

    def region(self, name: str) -> Region:
        with self._lock:
            if name not in self._regions:
                self._regions[name] = Region(self.repository, SIZES[name])
            return self._regions[name]


def cached(repo, key, compute: Callable[[], T], graphs: Iterable[str] | None = None) -> T:
    """A value computed from the store, kept in the repository's cache of values (see Region.cached)."""
    return repo.cache.region("values").cached(key, compute, graphs)


def peek(repo, key):
    """The kept value of `key` in the repository's cache of values, or None; nothing is computed."""
    found = repo.cache.region("values").peek(key)
    return None if found is MISSING else found
