"""One public SPARQL request from text to bytes: check it, pick the format, run it, write the answer.

The same steps run in a query worker (on-disk store) and in the service's own process (memory and
remote stores), so that both answer alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from doelgraaf.content_types import preferred
from doelgraaf.services import sparql_results
from doelgraaf.services.sparql_check import PREFIXES, check, engine_refusal
from doelgraaf.store.repository import FROM_QUERY, Dataset, Solutions


class NotAcceptable(Exception):
    """No format the client accepts fits this query form; `offered` lists those that do."""

    def __init__(self, offered: list[str]):
        super().__init__(offered)
        self.offered = offered


@dataclass(frozen=True)
class Reply:
    body: bytes
    media: str  # the Content-Type to send
    truncated: bool  # rows or triples beyond the limit were left out


def media_type(form: str, accept: str | None, format_name: str | None) -> str:
    """The media type to answer in: a `format`/`output` parameter wins over Accept."""
    offered = sparql_results.offered(form)
    chosen = sparql_results.named(form, format_name) if format_name else preferred(accept, offered)
    if chosen is None:
        raise NotAcceptable(offered)
    return chosen


def respond(run: Callable, text: str, dataset: Dataset, accept: str | None, format_name: str | None,
            limit: int) -> Reply:
    """`run(query, dataset, prefixes, limit)` asks the store; UserError, NotAcceptable or QueryTimeout on refusal."""
    checked = check(text)
    media = media_type(checked.form, accept, format_name)
    if checked.names_dataset and dataset.default is None and dataset.named is None:
        dataset = FROM_QUERY  # the protocol's parameters override FROM; without them, the query's own count
    try:
        answer = run(checked.text, dataset, PREFIXES, limit + 1)
    except SyntaxError as exc:
        raise engine_refusal(checked.text, str(exc)) from None
    canonical = sparql_results.CANONICAL[media]
    if isinstance(answer, bool):
        return Reply(sparql_results.boolean(answer, media), canonical, False)
    if isinstance(answer, Solutions):
        rows = answer.rows[:limit]
        return Reply(sparql_results.solutions(answer.variables, rows, media), canonical, len(answer.rows) > limit)
    return Reply(sparql_results.triples(answer[:limit], media), canonical, len(answer) > limit)
