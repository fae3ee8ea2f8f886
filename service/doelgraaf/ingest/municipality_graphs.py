"""Sorting parsed quads into municipality graphs: which municipality each statement belongs to.

The named graph https://w3id.org/doelgraaf/graph/<GM-code> says it; triples in the default
graph (plain Turtle) belong to the municipality named on the command line or by the credential.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef

from doelgraaf.core.codes import CODE_PATTERN, check_code
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import GRAPH, ID
from doelgraaf.core.terms import to_rdflib


def code_of_graph(graph_name: str, source: str) -> str:
    prefix = str(GRAPH)
    code = graph_name[len(prefix):] if graph_name.startswith(prefix) else ""
    if not CODE_PATTERN.match(code):
        raise UserError(
            f"de graaf <{graph_name}> is geen gemeentegraaf ({prefix}GM0000)",
            f"the graph <{graph_name}> is not a municipality graph ({prefix}GM0000)",
            where=source,
        )
    return code


def split_by_municipality(
    documents: Iterable, municipalities: list[str] | None = None
) -> dict[str | None, Graph]:
    """Group the triples of parsed documents per municipality code.

    Default-graph triples go to the single municipality named in `municipalities` (or to key
    None when none is named). A named graph of a municipality that was not named is refused:
    nothing lands in another municipality's graph by accident.
    """
    wanted = [check_code(c, "municipality") for c in municipalities or []]
    default_owner = wanted[0] if len(wanted) == 1 else None
    groups: dict[str | None, Graph] = {}
    for document in documents:
        for quad in document.quads:
            if isinstance(quad.graph_name, ox.DefaultGraph):
                if len(wanted) > 1:
                    raise UserError(
                        "het bestand bevat triples buiten een benoemde graaf; noem dan precies één gemeente",
                        "the file holds triples outside a named graph; name exactly one municipality then",
                        where=document.source,
                    )
                key = default_owner
            else:
                key = code_of_graph(quad.graph_name.value, document.source)
                if wanted and key not in wanted:
                    raise UserError(
                        f"het bestand bevat gegevens voor {key}, maar alleen {', '.join(wanted)} is genoemd",
                        f"the file holds data for {key}, but only {', '.join(wanted)} was named",
                        where=document.source,
                    )
            groups.setdefault(key, Graph()).add(
                (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
            )
    return groups


def refuse_foreign(iri: str, code: str, where: str) -> None:
    """Refuse an IRI that names another municipality's things (…/id/GM0001/… in the data of GM9999): a
    municipality's data speaks only of its own, and of shared concepts."""
    base = str(ID)
    segment = iri[len(base):].split("/", 1)[0] if iri.startswith(base) else ""
    if CODE_PATTERN.match(segment) and segment != code:
        raise UserError(
            f"<{iri[:120]}> hoort bij {segment}; de gegevens van {code} mogen alleen naar eigen dingen en gedeelde begrippen verwijzen",
            f"<{iri[:120]}> belongs to {segment}; the data of {code} may only refer to its own things and shared concepts",
            where=where,
        )


def check_own_iris(code: str, graph: Graph, source: str) -> None:
    """Refuse a document for `code` that names another municipality's things anywhere."""
    for term in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
        refuse_foreign(str(term), code, source)
