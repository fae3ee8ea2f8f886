"""Binding values into SPARQL text without pasting user input: terms are written by pyoxigraph.

A bound variable becomes a VALUES block at the start of the query's outermost WHERE group, so it
restricts the pattern from the first join on (the engine can use it as a starting point). Only
pyoxigraph terms are accepted: their constructors reject malformed IRIs and their string form
escapes literals, so no input can break out of the VALUES block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyoxigraph as ox

Term = ox.NamedNode | ox.Literal


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and text[end - 1] == "\\" and text[end - 2] != "\\":
            end = text.find(quote * 3, end + 1)
        return len(text) if end == -1 else end + 3
    j = i + 1
    while j < len(text) and text[j] != quote:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def scan(query: str):
    """Yield (index, token) for braces and bare words (upper-cased), skipping strings, IRIs,
    comments and variables."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            newline = query.find("\n", i)
            i = n if newline == -1 else newline + 1
        elif c in "\"'":
            i = _skip_string(query, i)
        elif c == "<" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] not in "=?$":
            close = query.find(">", i)
            i = n if close == -1 else close + 1
        elif c in "?$:":  # variables and the local part of ':name' are no keywords
            i += 1
            while i < n and (query[i].isalnum() or query[i] in "_-."):
                i += 1
        elif c in "{}":
            yield i, c
            i += 1
        elif c.isalpha():
            j = i
            while j < n and (query[j].isalnum() or query[j] in "_-:"):
                j += 1
            yield i, query[i:j].upper()
            i = j
        else:
            i += 1


def where_brace(query: str) -> int:
    """Index of the `{` that opens the outermost WHERE group (after a CONSTRUCT template, if any)."""
    depth = 0
    construct = False
    after_where = False
    for i, token in scan(query):
        if token == "{":
            if depth == 0 and (after_where or not construct):
                return i
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and token == "CONSTRUCT":
            construct = True
        elif depth == 0 and token == "WHERE":
            after_where = True
    raise ValueError("query has no WHERE group")


def values_block(variables: Sequence[str], rows: Sequence[Sequence[Term | None]]) -> str:
    for row in rows:
        if len(row) != len(variables):
            raise ValueError("every VALUES row needs one term per variable")
        for term in row:
            if term is not None and not isinstance(term, (ox.NamedNode, ox.Literal)):
                raise TypeError(f"only IRIs and literals can be bound, not {type(term).__name__}")
    head = " ".join(f"?{v}" for v in variables)
    body = " ".join("(" + " ".join("UNDEF" if t is None else str(t) for t in row) + ")" for row in rows)
    return f"VALUES ({head}) {{ {body} }}"


def with_values(
    query: str,
    bindings: Mapping[str, Term] | None = None,
    table: tuple[Sequence[str], Sequence[Sequence[Term | None]]] | None = None,
) -> str:
    """The query with `bindings` (one value per variable) and `table` (rows) as VALUES blocks."""
    blocks = []
    if bindings:
        names = list(bindings)
        blocks.append(values_block(names, [[bindings[n] for n in names]]))
    if table is not None:
        blocks.append(values_block(*table))
    if not blocks:
        return query
    at = where_brace(query) + 1
    return query[:at] + "\n  " + "\n  ".join(blocks) + "\n" + query[at:]


def insert_data(graph: ox.NamedNode, triples) -> str:
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    return f"INSERT DATA {{ GRAPH {graph} {{\n{lines}\n}} }}"


def delete_data(graph: ox.NamedNode, triples) -> str:
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    return f"DELETE DATA {{ GRAPH {graph} {{\n{lines}\n}} }}"
