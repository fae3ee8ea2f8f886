"""HTML documentation of the ontology, shapes and vocabularies, generated with pyLODE (cached)."""

from __future__ import annotations

import html
import logging
from functools import lru_cache

from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH, SKOS

from doelgraaf.paths import ONTOLOGY_FILE
from doelgraaf.services.catalogue import vocabulary_files
from doelgraaf.validation.rules import shapes_graph


def _quiet_pylode():
    # pyLODE logs its progress at INFO on the root logger; keep the service's log readable
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))


@lru_cache(maxsize=1)
def ontology_html() -> str:
    from pylode import OntPub

    _quiet_pylode()
    return OntPub(ontology=str(ONTOLOGY_FILE)).make_html()


@lru_cache(maxsize=16)
def vocabulary_html(name: str) -> str:
    """A vocabulary as a table of concepts (code, Dutch and English name, definition), Dutch first."""
    graph = Graph().parse(vocabulary_files()[name])
    rows = []
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)) | set(graph.subjects(SKOS.inScheme, None)), key=str):
        names = {l.language: str(l) for l in graph.objects(concept, SKOS.prefLabel) if isinstance(l, Literal)}
        definition = next((str(d) for d in graph.objects(concept, SKOS.definition) if getattr(d, "language", None) == "nl"), "")
        code = graph.value(concept, SKOS.notation) or ""
        rows.append(
            f"<tr id='{html.escape(str(code))}'><td>{html.escape(str(code))}</td><td>{html.escape(names.get('nl', ''))}</td>"
            f"<td>{html.escape(names.get('en', ''))}</td><td>{html.escape(definition)}</td>"
            f"<td><a href='{html.escape(str(concept))}'>{html.escape(str(concept))}</a></td></tr>"
        )
    return _page(
        f"Vocabulaire {name} / vocabulary {name}",
        "<table><tr><th>code</th><th>naam (nl)</th><th>name (en)</th><th>definitie</th><th>IRI</th></tr>"
        + "".join(rows) + "</table>",
    )


@lru_cache(maxsize=1)
def shapes_html() -> str:
    """The rules, one row per rule: what is checked and the message a user gets."""
    graph = shapes_graph()
    rows = []
    for rule in sorted({s for s in graph.subjects(SH.message, None)}, key=str):
        messages = {m.language: str(m) for m in graph.objects(rule, SH.message) if isinstance(m, Literal)}
        severity = graph.value(rule, SH.severity) or SH.Violation
        rows.append(
            f"<tr><td>{html.escape(str(rule).split('#')[-1])}</td><td>{str(severity).split('#')[-1]}</td>"
            f"<td>{html.escape(messages.get('nl', ''))}</td><td>{html.escape(messages.get('en', ''))}</td></tr>"
        )
    return _page(
        "Controleregels (SHACL) / validation rules",
        "<table><tr><th>regel / rule</th><th>ernst / severity</th><th>melding (nl)</th><th>message (en)</th></tr>"
        + "".join(rows) + "</table>",
    )


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;margin:2em}}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px;vertical-align:top}</style>"
        f"</head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
