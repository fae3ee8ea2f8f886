"""What an uploaded RDF document may not do, checked before and after parsing.

- XML with a DOCTYPE or ENTITY declaration is refused before parsing: entity expansion (billion
  laughs, external entities) happens inside the parser, so refusing afterwards is too late.
- JSON-LD may only use inline contexts or Doelgraaf's own context (by its IRI, resolved from the
  project's file); any other @context or @import IRI or path is refused, so parsing never makes a
  request or reads a file.
- Parsed data may only use http(s), urn and mailto IRIs (no javascript:, file:, data:), and no
  literal longer than MAX_LITERAL characters.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from doelgraaf.core.errors import UserError, location
from doelgraaf.core.paths import CONTEXT_FILE

CONTEXT_IRI = "https://w3id.org/doelgraaf/context.jsonld"
MAX_LITERAL = 100_000
ALLOWED_SCHEMES = ("http://", "https://", "urn:", "mailto:")
XML_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def refuse_xml_declarations(data: bytes, source: str) -> None:
    found = XML_DECLARATIONS.search(data)
    if found:
        line = data[: found.start()].count(b"\n") + 1
        raise UserError(
            "XML met een DOCTYPE- of ENTITY-declaratie wordt geweigerd (risico op entity-expansie en het lezen van bestanden)",
            "XML with a DOCTYPE or ENTITY declaration is refused (risk of entity expansion and of reading files)",
            where=location(source, line),
        )


@lru_cache(maxsize=1)
def _own_context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def _context_value(value, source: str):
    """An inline context stays; Doelgraaf's own context IRI becomes its content; anything else is refused."""
    if isinstance(value, list):
        return [_context_value(v, source) for v in value]
    if isinstance(value, str):
        if value == CONTEXT_IRI:
            return _own_context()
        raise UserError(
            f"externe JSON-LD-context '{value[:100]}' wordt niet geladen; gebruik een inline context of {CONTEXT_IRI}",
            f"external JSON-LD context '{value[:100]}' is not loaded; use an inline context or {CONTEXT_IRI}",
            where=f"{source}, @context",
        )
    if isinstance(value, dict) and "@import" in value:
        raise UserError("@import in een JSON-LD-context wordt niet geladen", "@import in a JSON-LD context is not loaded",
                        where=f"{source}, @context")
    return value


def safe_jsonld(data: bytes, source: str) -> bytes:
    """The document with contexts resolved locally; UserError for remote or local references."""
    try:
        document = json.loads(data)
    except RecursionError:
        raise UserError("JSON-LD is te diep genest", "JSON-LD is nested too deeply", where=source) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"ongeldige JSON: {exc.msg}", f"invalid JSON: {exc.msg}", where=location(source, exc.lineno, exc.colno)) from None
    stack = [document]
    while stack:  # iterative: a deeply nested document must not exhaust Python's stack
        node = stack.pop()
        if isinstance(node, dict):
            if "@context" in node:
                node["@context"] = _context_value(node["@context"], source)
            stack.extend(v for k, v in node.items() if k != "@context")
        elif isinstance(node, list):
            stack.extend(node)
    try:
        return json.dumps(document).encode("utf-8")
    except RecursionError:
        raise UserError("JSON-LD is te diep genest", "JSON-LD is nested too deeply", where=source) from None


def check_terms(quads, source: str) -> None:
    """Refuse IRIs of other schemes and oversized literals in what was parsed."""
    import pyoxigraph as ox

    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and not term.value.startswith(ALLOWED_SCHEMES):
                raise UserError(
                    f"IRI '{term.value[:100]}' heeft een niet toegestaan schema; alleen http(s), urn en mailto",
                    f"IRI '{term.value[:100]}' has a scheme that is not allowed; only http(s), urn and mailto",
                    where=source,
                )
            if isinstance(term, ox.Literal) and len(term.value) > MAX_LITERAL:
                raise UserError(
                    f"een tekst van {len(term.value)} tekens is langer dan de grens van {MAX_LITERAL}",
                    f"a literal of {len(term.value)} characters is longer than the limit of {MAX_LITERAL}",
                    where=source,
                )
