"""Dereferencing https://w3id.org/doelgraaf/id/… IRIs: what the graph says about one resource."""

from __future__ import annotations

import html
from collections import defaultdict

import pyoxigraph as ox
from rdflib import Graph, URIRef

from doelgraaf.analysis import listing
from doelgraaf.catalogue.shared_graphs import concept_graph
from doelgraaf.core.terms import triples_to_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository
from doelgraaf.validation.report import label_of


def describe(repo: Repository, iri: str) -> list[ox.Triple]:
    """The triples about `iri` in the graph that describes it; empty when it is unknown."""
    # a municipality is described by the vocabulary, or (one that is not among the 342, the demo) by its own graph
    graph = listing.home_graph(repo, iri) if iri.startswith(str(listing.MUNICIPALITY_PREFIX)) else (
        concept_graph(iri) or listing.home_graph(repo, iri))
    if graph is None:
        return []
    return repo.construct(load("describe"), bindings={"resource": ox.NamedNode(iri), "graph": ox.NamedNode(graph)})


def as_html(iri: str, triples: list[ox.Triple], background: Graph, lang: str = "nl") -> str:
    """A readable page: names of properties from the ontology and vocabularies (`background`), links for
    IRIs, Dutch first."""
    graph = triples_to_graph(triples)
    names = [graph, background]
    subject = next((s for s in graph.subjects() if str(s) == iri), None)
    title = label_of(subject, names, lang) if subject is not None else iri
    rows = defaultdict(list)
    for t in triples:
        if t.subject.value != iri:
            continue
        value = t.object
        if isinstance(value, ox.NamedNode):
            text = f"<a href='{html.escape(_local(value.value))}'>{html.escape(_name(value.value, names, lang))}</a>"
        else:
            text = html.escape(value.value) + (f" <small>@{value.language}</small>" if getattr(value, "language", None) else "")
        rows[t.predicate.value].append(text)
    body = "".join(
        f"<tr><th title='{html.escape(p)}'>{html.escape(_name(p, names, lang))}</th><td>{'<br>'.join(sorted(v))}</td></tr>"
        for p, v in sorted(rows.items())
    )
    return (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;margin:2em}}th{{text-align:left;padding-right:1em;vertical-align:top}}</style>"
        f"</head><body><h1>{html.escape(title)}</h1><p><code>{html.escape(iri)}</code></p><table>{body}</table>"
        "<p>Ook als / also as: <a href='?format=ttl'>Turtle</a> · <a href='?format=jsonld'>JSON-LD</a> · "
        "<a href='?format=rdf'>RDF/XML</a> · <a href='?format=nt'>N-Triples</a></p></body></html>"
    )


def _name(iri: str, names, lang: str) -> str:
    return label_of(URIRef(iri), names, lang, via_referrer=False)


def _local(iri: str) -> str:
    """Links to our own IRIs stay on this server (/id/…); others go out as they are."""
    prefix = "https://w3id.org/doelgraaf/id/"
    return "/id/" + iri[len(prefix):] if iri.startswith(prefix) else iri
