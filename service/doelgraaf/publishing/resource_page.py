"""The page for people of one /id/… resource: its name and kind, what it says with Dutch names for the
properties (English beside), what refers to it, and every link by the name of what it points to, inside
this service wherever the service has the thing."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from doelgraaf.analysis.describe import Description
from doelgraaf.catalogue.ontology import reused_names
from doelgraaf.catalogue.shared_graphs import concept_graph
from doelgraaf.core.codes import code_order
from doelgraaf.core.namespaces import DG, ID, SKOLEM, vocabulary_graph
from doelgraaf.core.numbers import dutch_number, euro
from doelgraaf.core.terms import triples_to_graph
from doelgraaf.publishing.documentation import concept_anchor, ontology_anchors
from doelgraaf.validation.report import label_of

# what a reader looks for first (of a baseline: its value, then its year); the others follow by their Dutch name
FIRST = [RDF.type, RDFS.label, SKOS.prefLabel, SKOS.notation, DCTERMS.description, SKOS.definition, DG.value, DG.year]
NUMBERS = {XSD.decimal, XSD.integer, XSD.int, XSD.long, XSD.double, XSD.float, XSD.nonNegativeInteger}
LANGUAGES = ("nl", "en")  # Dutch first, then English, then the rest
REFERRERS_SHOWN = 50  # per property: a planning document is referred to by every budget line it states
VOCABULARY_PREFIX = str(vocabulary_graph(""))


class _Names:
    """Names of IRIs from the resource's own triples, the linked things (Description.names), the ontology
    and vocabularies (`background`) and the Dutch names of reused terms."""

    def __init__(self, description: Description, background: Graph):
        self.graphs = [triples_to_graph(description.triples), description.names, background, reused_names()]
        self.codes = description.names

    def both(self, iri: str) -> tuple[str, str | None]:
        """The Dutch name, and the English one when there is one and it differs."""
        node = URIRef(iri)
        nl, en = label_of(node, self.graphs, "nl", via_referrer=False), label_of(node, self.graphs, "en", via_referrer=False)
        return nl, (en if en != nl else None)

    def link_text(self, iri: str) -> str:
        nl, _ = self.both(iri)
        code = self.codes.value(URIRef(iri), SKOS.notation)
        # a shared concept's code (8.3, L1.1, 27) reads before its name; not the notations of dg: terms
        # (GraphQL enum names), nor before a name that starts with a number itself (4 20.000 tot 50.000 inwoners)
        if code is not None and concept_graph(iri) and not iri.startswith(str(DG)) and not nl[:1].isdigit():
            return f"{code} {nl}"
        return nl


def _href(iri: str, names: _Names) -> str:
    """Our own things on this service (/id/…, the ontology's and vocabularies' pages); other IRIs as they are."""
    if iri.startswith(str(ID)):
        return "/id/" + iri[len(str(ID)):]
    if fragment := ontology_anchors().get(iri):
        return f"/ontology#{fragment}"
    graph = concept_graph(iri)
    anchor = concept_anchor(names.codes, URIRef(iri)) if graph else None
    if anchor:
        return f"/vocab/{graph[len(VOCABULARY_PREFIX):]}#{anchor}"
    return "/ontology" if iri.startswith(str(DG)) else iri


def _both_html(nl: str, en: str | None) -> str:
    return html.escape(nl) + (f" <span lang='en' class='en'>{html.escape(en)}</span>" if en else "")


def _links(iris: list[str], names: _Names) -> list[str]:
    """Links in the order of their codes, then names; a name that occurs twice (a taakveld's name in each
    version) is told apart by the end of its IRI."""
    texts = {iri: names.link_text(iri) for iri in iris}
    twice = {text for text, count in Counter(texts.values()).items() if count > 1}
    texts = {iri: f"{text} ({iri.rstrip('/').rsplit('/', 1)[-1]})" if text in twice else text for iri, text in texts.items()}
    ordered = sorted(iris, key=lambda iri: (code_order(str(names.codes.value(URIRef(iri), SKOS.notation) or "")), texts[iri].lower()))
    return [f"<a href='{html.escape(_href(iri, names))}'>{html.escape(texts[iri])}</a>" for iri in ordered]


def _literal(prop: str, value: ox.Literal) -> str:
    datatype = URIRef(value.datatype.value)
    if datatype in NUMBERS:
        try:
            number = Decimal(value.value)
        except InvalidOperation:  # text where a number was asked: shown as it was written
            return html.escape(value.value)
        text = euro(number) if prop == str(DG.amount) else dutch_number(number)
        return f"<span class='number'>{html.escape(text)}</span>"
    if datatype == XSD.boolean:
        return "ja <span lang='en' class='en'>yes</span>" if value.value in ("true", "1") else "nee <span lang='en' class='en'>no</span>"
    if value.language and value.language != "nl":
        return f"<span lang='{html.escape(value.language)}' class='en'>{html.escape(value.value)}</span>"
    return html.escape(value.value)


def _language_order(value: ox.Literal) -> tuple:
    language = value.language or ""
    return (LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES), value.value)


def _values(subject: str, triples: list[ox.Triple]) -> dict[str, list[ox.Term]]:
    found: dict[str, list[ox.Term]] = defaultdict(list)
    for t in triples:
        if t.subject.value == subject:
            found[t.predicate.value].append(t.object)
    return found


def _cell(prop: str, values: list[ox.Term], triples: list[ox.Triple], names: _Names) -> list[str]:
    """The values of one property: texts (Dutch first), then unnamed parts with their own facts inline (a
    baseline: value and year), then links."""
    texts = [_literal(prop, v) for v in sorted((v for v in values if isinstance(v, ox.Literal)), key=_language_order)]
    iris = sorted(v.value for v in values if isinstance(v, ox.NamedNode))
    parts = [" · ".join(f"{html.escape(names.both(p)[0])} {', '.join(_cell(p, vs, triples, names))}"
                        for p, vs in sorted(_values(part, triples).items(), key=lambda item: _row_order(item[0], names))
                        if p != str(RDF.type))
             for part in iris if part.startswith(str(SKOLEM))]
    return texts + parts + _links([iri for iri in iris if not iri.startswith(str(SKOLEM))], names)


def _property(prop: str, names: _Names) -> str:
    return f"<th scope='row' title='{html.escape(prop)}'>{_both_html(*names.both(prop))}</th>"


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _row_order(prop: str, names: _Names) -> tuple:
    node = URIRef(prop)
    return (FIRST.index(node) if node in FIRST else len(FIRST), names.both(prop)[0].lower())


def _kinds(description: Description, names: _Names) -> str:
    kinds = sorted({t.object.value for t in description.triples if t.subject.value == description.iri
                    and t.predicate.value == str(RDF.type) and t.object.value != str(OWL.NamedIndividual)},
                   key=lambda k: (not k.startswith(str(DG)), names.both(k)[0]))
    return " · ".join(_both_html(*names.both(kind)) for kind in kinds)


def _referrers(description: Description, names: _Names) -> str:
    by_property: dict[str, list[str]] = defaultdict(list)
    for referrer, prop in description.referrers:
        by_property[prop].append(referrer)
    rows = []
    for prop in sorted(by_property, key=lambda p: _row_order(p, names)):
        links = _links(sorted(set(by_property[prop])), names)
        if len(links) > REFERRERS_SHOWN:
            more = len(links) - REFERRERS_SHOWN
            links = links[:REFERRERS_SHOWN] + [f"… en nog {more} <span lang='en' class='en'>and {more} more</span>"]
        rows.append(f"<tr>{_property(prop, names)}<td>{_list(links)}</td></tr>")
    if not rows:
        return ""
    return ("<section aria-labelledby='referrers'><h2 id='referrers'>Wordt gebruikt door <span lang='en' class='en'>"
            "referred to by</span></h2><table><thead><tr><th scope='col'>als <span lang='en' class='en'>as</span></th>"
            "<th scope='col'>door <span lang='en' class='en'>by</span></th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></section>")


def resource_html(description: Description, background: Graph) -> str:
    """The page: name and kind, the properties, what refers to it, and the same in RDF."""
    names = _Names(description, background)
    iri = description.iri
    title_nl, title_en = names.both(iri)
    own = _values(iri, description.triples)
    rows = "".join(f"<tr>{_property(prop, names)}<td>{_list(_cell(prop, values, description.triples, names))}</td></tr>"
                   for prop, values in sorted(own.items(), key=lambda item: _row_order(item[0], names)))
    kinds = _kinds(description, names)
    return (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title_nl)} — Doelgraaf</title><link rel='stylesheet' href='/assets/resource.css'></head><body>"
        "<header><p class='crumbs'><a href='/'>Doelgraaf</a></p>"
        f"<h1>{_both_html(title_nl, title_en)}</h1>"
        + (f"<p class='kind'>{kinds}</p>" if kinds else "")
        + f"<p class='iri'><code>{html.escape(iri)}</code></p></header><main>"
        "<section aria-labelledby='facts'><h2 id='facts'>Gegevens <span lang='en' class='en'>facts</span></h2>"
        "<table><thead><tr><th scope='col'>eigenschap <span lang='en' class='en'>property</span></th>"
        f"<th scope='col'>waarde <span lang='en' class='en'>value</span></th></tr></thead><tbody>{rows}</tbody></table></section>"
        + _referrers(description, names)
        + "<p class='formats'>Ook als <span lang='en' class='en'>also as</span>: <a href='?format=ttl'>Turtle</a> · "
        "<a href='?format=jsonld'>JSON-LD</a> · <a href='?format=rdf'>RDF/XML</a> · <a href='?format=nt'>N-Triples</a></p>"
        "</main></body></html>"
    )
