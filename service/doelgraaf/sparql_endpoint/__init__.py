"""The public SPARQL endpoint: read-only queries over the union of the public graphs, with a row cap
and a time limit.

What a query may do is decided from its parse tree (check): no updates, no SERVICE. On an
on-disk embedded store queries run in warm worker processes that are killed at the time limit and
cannot reach the network (workers); on a memory store (tests) or a remote store they run in
this process, where reading stops at the limit.
"""

from __future__ import annotations

import os
import time

from doelgraaf.sparql_endpoint.answers import Reply, respond
from doelgraaf.sparql_endpoint.workers import QueryWorkers, Request
from doelgraaf.store import Repository
from doelgraaf.store.embedded import EmbeddedRepository
from doelgraaf.store.repository import Dataset

MAX_ROWS = 10_000
TIME_LIMIT_SECONDS = 10.0
# two per core: two strangers' long queries then leave the others something to answer with (a query that
# computes for the whole time limit holds a worker that long)
WORKERS = 2 * max(1, os.cpu_count() or 1)

def start_workers(repo: Repository) -> QueryWorkers | None:
    """The worker pool for an on-disk embedded store; None where queries run in this process."""
    if not isinstance(repo, EmbeddedRepository) or repo.path is None:
        return None
    return QueryWorkers(repo, WORKERS)


def answer(repo: Repository, pool: QueryWorkers | None, text: str, dataset: Dataset, accept: str | None,
           format_name: str | None) -> Reply:
    """The reply to one query, from `pool` if there is one; UserError (400), NotAcceptable (406) or
    QueryTimeout (503) otherwise."""
    max_rows, time_limit = MAX_ROWS, TIME_LIMIT_SECONDS
    if pool is not None:
        return pool.answer(Request(text, dataset, accept, format_name, max_rows, time_limit))
    deadline = time.monotonic() + time_limit

    def run(query, dataset, prefixes, limit, form):
        return repo.query_dataset(query, dataset, prefixes, limit, deadline, form)

    return respond(run, text, dataset, accept, format_name, max_rows)
