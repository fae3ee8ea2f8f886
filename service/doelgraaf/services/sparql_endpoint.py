"""The public SPARQL endpoint: read-only queries with a result cap and a time limit (on an on-disk
store in a process that is killed at the limit; elsewhere reading stops at the limit).

Refused before anything runs: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, COPY, MOVE,
ADD) and SERVICE (the service must not make requests on a user's behalf), wherever they appear:
nested, in OPTIONAL, in any letter case. Keywords are found by a scanner that skips strings,
IRIs, comments and variables, so `?service` or "load" in a literal are fine.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.errors import UserError
from doelgraaf.services.isolated_queries import IsolatedRunner
from doelgraaf.store import Repository
from doelgraaf.store.embedded import EmbeddedRepository
from doelgraaf.store.sparql_text import scan

FORBIDDEN = {"SERVICE", "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "COPY", "MOVE", "ADD", "WITH"}
FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
MAX_QUERY_LENGTH = 20_000
MAX_ROWS = 10_000
TIME_LIMIT_SECONDS = 10.0


@dataclass
class Outcome:
    form: str
    variables: list[str] | None = None
    rows: list[tuple] | None = None
    triples: list[ox.Triple] | None = None
    boolean: bool | None = None
    truncated: bool = False


def query_form(query: str) -> str:
    """The query form, after refusing what a read-only public endpoint must not run."""
    if len(query) > MAX_QUERY_LENGTH:
        raise UserError(f"query langer dan {MAX_QUERY_LENGTH} tekens", f"query longer than {MAX_QUERY_LENGTH} characters", where="query")
    form = None
    for _, token in scan(query):
        if token in FORBIDDEN:
            raise UserError(
                f"'{token}' is niet toegestaan: dit endpoint voert alleen leesqueries uit, zonder SERVICE",
                f"'{token}' is not allowed: this endpoint runs read-only queries only, without SERVICE",
                where="query",
            )
        if form is None and token in FORMS:
            form = token
    if form is None:
        raise UserError("geen SELECT-, CONSTRUCT-, ASK- of DESCRIBE-query", "not a SELECT, CONSTRUCT, ASK or DESCRIBE query", where="query")
    return form


_runners: dict[int, IsolatedRunner] = {}


def _isolated(repo: Repository) -> IsolatedRunner | None:
    """On an on-disk embedded store, queries run in killable processes (see isolated_queries)."""
    if not isinstance(repo, EmbeddedRepository) or repo.path is None:
        return None
    if id(repo) not in _runners:
        _runners[id(repo)] = IsolatedRunner(repo)
    return _runners[id(repo)]


def run(repo: Repository, query: str) -> Outcome:
    """Run a checked query; rows beyond MAX_ROWS are cut off, and it is stopped at TIME_LIMIT_SECONDS."""
    max_rows, time_limit = MAX_ROWS, TIME_LIMIT_SECONDS
    form = query_form(query)
    runner = _isolated(getattr(repo, "_repository", repo))
    if runner is not None:
        try:
            answer = runner.run(query, form, max_rows, time_limit)
        except SyntaxError as exc:
            raise UserError(f"ongeldige SPARQL: {exc}", f"invalid SPARQL: {exc}", where="query") from None
        if answer[0] == "rows":
            return Outcome(form, answer[1], answer[2][:max_rows], truncated=len(answer[2]) > max_rows)
        if answer[0] == "boolean":
            return Outcome(form, boolean=answer[1])
        return Outcome(form, triples=answer[1][:max_rows], truncated=len(answer[1]) > max_rows)
    deadline = time.monotonic() + time_limit
    try:
        if form == "SELECT":
            solutions = repo.select(query, limit=max_rows + 1, deadline=deadline)
            truncated = len(solutions.rows) > max_rows
            return Outcome(form, solutions.variables, solutions.rows[:max_rows], truncated=truncated)
        if form == "ASK":
            return Outcome(form, boolean=repo.ask(query))
        triples = repo.construct(query)
        return Outcome(form, triples=triples[:max_rows], truncated=len(triples) > max_rows)
    except SyntaxError as exc:
        raise UserError(f"ongeldige SPARQL: {exc}", f"invalid SPARQL: {exc}", where="query") from None
