"""Binding values into the project's own SPARQL (.rq files) without pasting user input: terms are written
by pyoxigraph. The scanner here finds braces and variables in queries we wrote; it decides nothing about
queries others write (the public endpoint parses those, see sparql_endpoint.check).

A variable bound to one term is replaced by that term wherever it occurs in the query body: the
engine then plans with a constant (on Oxigraph a benchmark query took 17 ms this way and 50-200 ms
with the same value in a VALUES block). A variable that the head mentions (projection, GROUP BY),
and every table of rows, become a VALUES block at the start of the outermost WHERE group. Only
pyoxigraph terms are accepted: their constructors reject malformed IRIs and their string form
escapes literals, so no input can break out of a term.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pyoxigraph as ox

Term = ox.NamedNode | ox.Literal


_NOT_IN_IRI = set('<>"{}|^`\\')


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


def _past_ignored(text: str, i: int) -> int | None:
    """The index after the comment, string or IRI that starts at `i`; None when none starts there."""
    c = text[i]
    if c == "#":
        newline = text.find("\n", i)
        return len(text) if newline == -1 else newline + 1
    if c in "\"'":
        return _skip_string(text, i)
    if c == "<":
        # an IRI only if the grammar's IRIREF closes it; otherwise a comparison such as `?a < 3`
        j = i + 1
        while j < len(text) and text[j] not in _NOT_IN_IRI and ord(text[j]) > 0x20:
            j += 1
        return j + 1 if j < len(text) and text[j] == ">" else None
    return None


def scan(query: str):
    """Yield (index, token) for braces and bare words (upper-cased), skipping strings, IRIs,
    comments and variables."""
    i, n = 0, len(query)
    while i < n:
        past = _past_ignored(query, i)
        if past is not None:
            i = past
            continue
        c = query[i]
        if c in "?$:":  # variables and the local part of ':name' are no keywords
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


def _variables(query: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of every ?name/$name from `start` on, outside strings, IRIs and comments."""
    found = []
    i, n = start, len(query)
    while i < n:
        past = _past_ignored(query, i)
        if past is not None:
            i = past
            continue
        c = query[i]
        if c in "?$":
            j = i + 1
            while j < n and (query[j].isalnum() or query[j] == "_"):
                j += 1
            found.append((i, j, query[i + 1:j]))
            i = j
        else:
            i += 1
    return found


def substitute(query: str, bindings: Mapping[str, Term]) -> tuple[str, dict[str, Term]]:
    """Replace variables of the body by their terms; returns the query and the bindings it could not
    replace because the head (projection, GROUP BY, ORDER BY) uses them."""
    for term in bindings.values():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise TypeError(f"only IRIs and literals can be bound, not {type(term).__name__}")
    brace = where_brace(query)
    head = {name for _, _, name in _variables(query[:brace], 0)}
    body_end = _matching_brace(query, brace)
    tail = {name for _, _, name in _variables(query[body_end:], 0)}
    replaceable = {name: term for name, term in bindings.items() if name not in head and name not in tail}
    pieces, last = [], 0
    for begin, end, name in _variables(query, brace):
        if end > body_end:
            break
        if name in replaceable:
            pieces.append(query[last:begin])
            pieces.append(str(replaceable[name]))
            last = end
    pieces.append(query[last:])
    return "".join(pieces), {name: term for name, term in bindings.items() if name not in replaceable}


def _matching_brace(query: str, brace: int) -> int:
    depth = 0
    for i, token in scan(query[brace:]):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                return brace + i
    raise ValueError("unbalanced braces in query")


def values_brace(query: str, variables: Sequence[str]) -> int:
    """Where a table goes: inside the first GRAPH group of the WHERE clause when that group's graph is a
    constant or a variable the table does not bind (Oxigraph then starts the group's joins from the
    table: 860 ms -> a few ms for the goals of one municipality), else at the start of the WHERE group."""
    start = where_brace(query)
    tokens = list(scan(query[start:]))
    depth = 0
    for index, (offset, token) in enumerate(tokens):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif token == "GRAPH" and depth == 1 and index + 1 < len(tokens) and tokens[index + 1][1] == "{":
            graph_term = query[start + offset + len("GRAPH"):start + tokens[index + 1][0]].strip()
            if graph_term.startswith("<") or graph_term.lstrip("?$") not in variables:
                return start + tokens[index + 1][0]
            break
    return start


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
    """The query with `bindings` (one value per variable) substituted, and `table` (rows) as a VALUES block. A
    `graph` column with one graph in every row is bound like a binding: both engines plan a constant graph far
    better than the same graph in a VALUES block (Virtuoso: 64 ms against 291 ms for 17 rows, docs/stores.md). Only
    that column: another variable may sit where no constant can (BIND … AS ?x)."""
    if table is not None and table[1]:  # a table of no rows matches nothing and stays one
        names, rows = list(table[0]), [list(row) for row in table[1]]
        constant = [i for i, name in enumerate(names) if name == "graph" and name not in (bindings or {})
                    and rows[0][i] is not None and all(row[i] == rows[0][i] for row in rows)]
        if constant:
            bindings = {**(bindings or {}), **{names[i]: rows[0][i] for i in constant}}
            kept = [i for i in range(len(names)) if i not in constant]
            table = ([names[i] for i in kept], [[row[i] for i in kept] for row in rows]) if kept else None
    if bindings:
        query, bindings = substitute(query, bindings)
    blocks = []
    if bindings:
        names = list(bindings)
        blocks.append(values_block(names, [[bindings[n] for n in names]]))
    if table is not None:
        blocks.append(values_block(*table))
    if not blocks:
        return query
    at = values_brace(query, [*(bindings or {}), *(table[0] if table else [])]) + 1
    return query[:at] + "\n  " + "\n  ".join(blocks) + "\n" + query[at:]


def insert_data(graph: ox.NamedNode, triples) -> str:
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    return f"INSERT DATA {{ GRAPH {graph} {{\n{lines}\n}} }}"


def delete_data(graph: ox.NamedNode, triples) -> str:
    lines = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    return f"DELETE DATA {{ GRAPH {graph} {{\n{lines}\n}} }}"
