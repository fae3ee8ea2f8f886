"""Answers that stay valid until the store's next write.

The embedded store counts its writes (`revision`); a value computed at one revision is reused until the
count moves. On a store that does not count writes (a remote endpoint another process may write to),
nothing is cached. Entries live as long as their repository (weak keys), so a new store never sees
answers of an old one.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_entries: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()
_computing: dict[tuple, threading.Lock] = {}


def base(repo):
    """The repository behind a per-request wrapper (CountingRepository)."""
    return getattr(repo, "_repository", repo)


def revision(repo) -> int | None:
    return getattr(base(repo), "revision", None)


def peek(repo, key):
    """The cached value for the current revision, or None (without computing anything)."""
    store, current = base(repo), revision(repo)
    if current is None:
        return None
    with _lock:
        hit = _entries.get(store, {}).get(key)
    return hit[1] if hit is not None and hit[0] == current else None


def cached(repo, key, compute: Callable[[], T], max_entries: int = 512) -> T:
    """The value of `key` at the current revision, computed once: threads asking for it meanwhile wait
    for that computation instead of repeating it."""
    store, current = base(repo), revision(repo)
    if current is None:
        return compute()
    with _lock:
        entries = _entries.setdefault(store, {})
        hit = entries.get(key)
        if hit is not None and hit[0] == current:
            return hit[1]
        computing = _computing.setdefault((id(store), key), threading.Lock())
    with computing:
        with _lock:
            hit = entries.get(key)
            if hit is not None and hit[0] == current:
                return hit[1]
        value = compute()
        with _lock:
            if len(entries) >= max_entries:
                entries.clear()  # simple and bounded: a busy store refills what it needs
                _computing.clear()
            entries[key] = (current, value)
    return value
