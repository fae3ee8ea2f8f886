"""Answers that stay valid until the store's next write, or the next write to the graphs they read.

The embedded store counts its writes (`revision`) and remembers the revision of the last write to each
graph. A value computed from named graphs only (`graphs=`: one municipality, one dataset version, one
vocabulary) is reused until one of those graphs is written, so an editor of one municipality does not
make the other 341 compute everything again; any other value until the count moves. On a store that
does not count writes (a remote endpoint another process may write to), nothing is cached. Entries
live as long as their repository (weak keys), so a new store never sees answers of an old one.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
# Per store, the most recently used values first to go last. A municipality's costs take a few hundred kB:
# keeping 512 of them let a portal that asks for every municipality in turn grow the service past 500 MB.
MAX_ENTRIES = 128
_entries: "weakref.WeakKeyDictionary[object, OrderedDict]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_computing: dict[tuple, threading.Lock] = {}


def base(repo):
    """The repository behind a per-request wrapper (CountingRepository)."""
    return getattr(repo, "_repository", repo)


def revision(repo) -> int | None:
    return getattr(base(repo), "revision", None)


def _valid(store, computed_at: int, current: int, graphs: tuple[str, ...] | None) -> bool:
    if graphs is None:
        return computed_at == current
    return store.last_write(graphs) <= computed_at


def peek(repo, key):
    """The cached value for the current revision, or None (without computing anything)."""
    store, current = base(repo), revision(repo)
    if current is None:
        return None
    with _lock:
        hit = _entries.get(store, {}).get(key)
    return hit[1] if hit is not None and _valid(store, hit[0], current, None) else None


def _hit(entries: OrderedDict, key, store, current: int, graphs) -> tuple | None:
    hit = entries.get(key)
    if hit is not None and _valid(store, hit[0], current, graphs):
        entries.move_to_end(key)
        return hit
    return None


def cached(repo, key, compute: Callable[[], T], graphs: Iterable[str] | None = None) -> T:
    """The value of `key`, computed once per revision, or with `graphs` (all it reads), once per write to
    them: threads asking for it meanwhile wait for that computation instead of repeating it."""
    store, current = base(repo), revision(repo)
    if current is None:
        return compute()
    graphs = None if graphs is None else tuple(graphs)
    with _lock:
        entries = _entries.setdefault(store, OrderedDict())
        hit = _hit(entries, key, store, current, graphs)
        if hit is not None:
            return hit[1]
        computing = _computing.setdefault((id(store), key), threading.Lock())
    with computing:
        with _lock:
            hit = _hit(entries, key, store, current, graphs)
            if hit is not None:
                return hit[1]
        value = compute()
        with _lock:
            entries[key] = (current, value)
            entries.move_to_end(key)
            while len(entries) > MAX_ENTRIES:
                entries.popitem(last=False)
            if len(_computing) > 4 * MAX_ENTRIES:
                _computing.clear()
    return value
