"""One public SPARQL request from text to bytes: check it, pick the format, run it, write the answer.

The same steps run in a query worker (on-disk store) and in the service's own process (memory and
remote stores), so that both answer alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from doelgraaf.core.errors import UserError
from doelgraaf.core.media import NotAcceptable, preferred
from doelgraaf.core.namespaces import is_private_graph
from doelgraaf.sparql_endpoint import results
from doelgraaf.sparql_endpoint.check import PREFIXES, check, engine_refusal
from doelgraaf.store.repository import Dataset, Solutions


@dataclass(frozen=True)
class Reply:
    body: bytes
    media: str  # the Content-Type to send
    truncated: bool  # rows or triples beyond the limit were left out


def media_type(form: str, accept: str | None, format_name: str | None) -> str:
    """The media type to answer in: a `format`/`output` parameter wins over Accept."""
    offered = results.offered(form)
    if format_name:
        chosen = results.named(form, format_name)
        if chosen is None:
            names = ", ".join(sorted(results.GRAPH_NAMES if results.is_graph_form(form) else results.RESULT_NAMES))
            raise UserError(f"formaat '{format_name[:40]}' past niet bij een {form}-query; kies uit {names}",
                            f"format '{format_name[:40]}' does not fit a {form} query; choose from {names}", where="format")
        return chosen
    chosen = preferred(accept, offered)
    if chosen is None:
        raise NotAcceptable(offered)
    return chosen


def respond(run: Callable, text: str, dataset: Dataset, accept: str | None, format_name: str | None,
            limit: int) -> Reply:
    """`run(query, dataset, prefixes, limit, form)` asks the store; UserError, NotAcceptable or QueryTimeout on refusal."""
    checked = check(text)
    media = media_type(checked.form, accept, format_name)
    if checked.names_dataset and dataset.default is None and dataset.named is None:
        # the protocol's parameters override FROM; without them the query's own count
        dataset = Dataset(default=checked.from_graphs, named=checked.from_named)
    for iri in (*(dataset.default or ()), *(dataset.named or ())):
        if is_private_graph(iri):
            raise UserError(f"de graaf <{iri}> is niet openbaar: alleen de gemeente en de partner zelf lezen voorstellen van partners, via GraphQL",
                            f"the graph <{iri}> is not public: only the municipality and the partner itself read partners' proposals, through GraphQL",
                            where="FROM / default-graph-uri / named-graph-uri")
    try:
        answer = run(checked.text, dataset, PREFIXES, limit + 1, checked.form)
    except SyntaxError as exc:
        raise engine_refusal(checked.text, str(exc)) from None
    canonical = results.CANONICAL[media]
    if isinstance(answer, bool):
        return Reply(results.boolean(answer, media), canonical, False)
    if isinstance(answer, Solutions):
        rows = answer.rows[:limit]
        return Reply(results.solutions(answer.variables, rows, media), canonical, answer.truncated or len(answer.rows) > limit)
    return Reply(results.triples(answer[:limit], media), canonical, len(answer) > limit)
