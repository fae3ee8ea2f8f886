"""What a public SPARQL query may do, decided from its parse tree (rdflib's SPARQL 1.1 parser).

The public endpoint runs queries only, never updates, and never `SERVICE`: the service must not
send requests to other servers on a stranger's behalf. Both are decided on the tree the grammar
produces, so a `SERVICE` behind a comparison, in a subquery, after a comment or written with
`\\u` escapes is as visible as one at the start. A query the parser does not accept is refused,
with the line and column where it goes wrong (located by Oxigraph's parser, whose positions are
exact, on text that can never run: see `_position`).

rdflib parses a long query in tens of milliseconds to seconds, so this runs where the query runs
(a worker process with a time limit, see workers), and verdicts on the same text are kept.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pyoxigraph as ox
from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import PREFIXES as NAMESPACES

MAX_QUERY_LENGTH = 20_000

# Declared for every public query (the project's own prefixes); a query's own PREFIX lines take precedence.
PREFIXES = {name: str(namespace) for name, namespace in NAMESPACES.items()}

LOCAL_ESCAPE = re.compile(r"\\([_~.\-!$&'()*+,;=/?#@%])")  # PN_LOCAL_ESC of the SPARQL grammar

_FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "AskQuery": "ASK", "DescribeQuery": "DESCRIBE"}


@dataclass(frozen=True)
class CheckedQuery:
    """A query the public endpoint may run."""

    text: str
    form: str  # SELECT, CONSTRUCT, ASK or DESCRIBE
    from_graphs: tuple[str, ...] = ()  # the IRIs of its own FROM clauses, resolved against BASE and prefixes
    from_named: tuple[str, ...] = ()  # and of its FROM NAMED clauses

    @property
    def names_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named)


def _nodes(tree):
    """Every CompValue in a parse tree, depth first."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(node)


def _refused(nl: str, en: str) -> UserError:
    return UserError(nl, en, where="query")


def _position(text: str) -> tuple[int, int] | None:
    """Line and column of the first syntax error, from Oxigraph's parser. Text ending in a line `@@@`
    is never a valid query (no string, IRI or comment can swallow it whole), so Oxigraph parses it and
    fails without evaluating anything; when it fails only at that added line, it accepts the text
    itself and there is no position to give."""
    lines = text.count("\n") + 1
    try:
        ox.Store().query(text + "\n@@@")
    except SyntaxError as exc:
        found = re.search(r"(\d+):(\d+)", str(exc))
        if found and int(found.group(1)) <= lines:
            return int(found.group(1)), int(found.group(2))
    return None


def _near(text: str, line: int, column: int) -> tuple[str, str]:
    rows = text.split("\n")
    row = rows[line - 1] if 0 < line <= len(rows) else ""
    near = row[max(column - 1, 0):][:30].strip()
    return (f"bij '{near}'", f"near '{near}'") if near else ("aan het einde van de regel", "at the end of the line")


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except (ParseBaseException, ValueError, RecursionError):
        return False
    return True


def engine_refusal(text: str, message: str) -> UserError:
    """Oxigraph's own syntax error (on something rdflib's grammar accepts), at its position."""
    found = re.search(r"(\d+):(\d+)", message)
    line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    return _syntax_error(text, line, column)


def _syntax_error(text: str, line: int, column: int) -> UserError:
    near_nl, near_en = _near(text, line, column)
    return UserError(
        f"de query is geen geldige SPARQL 1.1: fout op regel {line}, kolom {column}, {near_nl}; "
        f"controleer haakjes, punten en voorvoegsels (voorgedeclareerd: {', '.join(PREFIXES)})",
        f"the query is not valid SPARQL 1.1: error at line {line}, column {column}, {near_en}; "
        f"check brackets, dots and prefixes (predeclared: {', '.join(PREFIXES)})",
        where=f"query, regel/line {line}, kolom/column {column}",
    )


@functools.lru_cache(maxsize=512)
def check(text: str) -> CheckedQuery:
    """The query, if a read-only public endpoint may run it; UserError (a 400) saying why not."""
    if len(text) > MAX_QUERY_LENGTH:
        raise _refused(f"de query is langer dan {MAX_QUERY_LENGTH} tekens", f"the query is longer than {MAX_QUERY_LENGTH} characters")
    if not text.strip():
        raise _refused("geen query: geef een SPARQL-query mee als 'query'", "no query: pass a SPARQL query as 'query'")
    text = text.removeprefix("\ufeff")  # a byte order mark some editors write is no part of the query
    try:
        prologue, body = parseQuery(text)
    except RecursionError:  # rdflib's parser recurses once per nested group or bracket
        raise _refused("de query is te diep genest (groepen of haakjes in elkaar); maak hem platter",
                       "the query is nested too deeply (groups or brackets inside each other); flatten it") from None
    except ValueError:
        raise _refused("de query bevat een ongeldige \\u-escape", "the query contains an invalid \\u escape") from None
    except ParseBaseException as exc:
        if _is_update(text):
            raise _refused("updates zijn niet toegestaan: dit endpoint voert alleen leesqueries uit",
                           "updates are not allowed: this endpoint runs read-only queries only") from None
        raise _syntax_error(text, *(_position(text) or (exc.lineno, exc.col))) from None
    for node in _nodes(body):
        if node.name == "ServiceGraphPattern":
            raise _refused("SERVICE is niet toegestaan: dit endpoint vraagt niets op bij andere servers",
                           "SERVICE is not allowed: this endpoint does not query other servers")
    # dict.get: CompValue.get answers a missing key with the key's own name
    declared = {dict.get(d, "prefix") or "" for d in prologue if isinstance(d, CompValue) and d.name == "PrefixDecl"}
    for node in _nodes(body):
        prefix = dict.get(node, "prefix") or ""
        if node.name == "pname" and prefix not in declared and prefix not in PREFIXES:
            raise _refused(
                f"voorvoegsel '{prefix}:' is niet gedeclareerd: voeg 'PREFIX {prefix}: <…>' toe "
                f"(voorgedeclareerd: {', '.join(PREFIXES)})",
                f"prefix '{prefix}:' is not declared: add 'PREFIX {prefix}: <…>' "
                f"(predeclared: {', '.join(PREFIXES)})",
            )
    return CheckedQuery(text, _FORMS[body.name], *_dataset_clauses(prologue, body))


def _dataset_clauses(prologue, body) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The graphs the query's FROM and FROM NAMED name, as IRIs: they are handed to the store as the dataset
    (sparql_endpoint.answers), so the store never reads graphs by a text it resolves otherwise."""
    resolved = translatePrologue(prologue, None, initNs=PREFIXES)
    found: dict[str, list[str]] = {"default": [], "named": []}
    for clause in dict.get(body, "datasetClause") or []:
        for kind in found:
            iri = dict.get(clause, kind)
            if iri is None:
                continue
            if isinstance(iri, CompValue) and iri.name == "pname":  # rdflib keeps a local name's escapes (g:a\/b); SPARQL drops them
                local = LOCAL_ESCAPE.sub(r"\1", dict.get(iri, "localname") or "")
                text = str(resolved.resolvePName(dict.get(iri, "prefix") or "", local))
            else:
                text = str(resolved.absolutize(iri))
            try:
                ox.NamedNode(text)
            except ValueError:
                keyword = "FROM NAMED" if kind == "named" else "FROM"
                raise _refused(f"{keyword} <{text[:100]}> is geen geldige IRI", f"{keyword} <{text[:100]}> is not a valid IRI") from None
            found[kind].append(text)
    return tuple(found["default"]), tuple(found["named"])
