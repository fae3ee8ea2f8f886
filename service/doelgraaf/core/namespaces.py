"""The IRIs of the public vocabulary contract (see docs/architecture.md) in one place."""

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

DG = Namespace("https://w3id.org/doelgraaf/def#")
DGSH = Namespace("https://w3id.org/doelgraaf/shapes#")  # the shapes, and dgsh:blocking on the rules that refuse a write
ID = Namespace("https://w3id.org/doelgraaf/id/")
GRAPH = Namespace("https://w3id.org/doelgraaf/graph/")
SDG = Namespace("http://metadata.un.org/sdg/")
TIME = Namespace("http://www.w3.org/2006/time#")
VANN = Namespace("http://purl.org/vocab/vann/")

ONTOLOGY_IRI = URIRef("https://w3id.org/doelgraaf/def")


ONTOLOGY_GRAPH = GRAPH["ontology"]
SHAPES_GRAPH = GRAPH["shapes"]
SOURCES_GRAPH = GRAPH["sources"]  # where each shared graph came from: the project's file or an upload
SKOLEM = Namespace("https://w3id.org/doelgraaf/.well-known/genid/")
# How a remote store keeps its writes all-or-nothing and its revisions (store/journal.py): the journal graph
# and the staging graphs of writes under way. They belong to the store's bookkeeping, never to the data.
BOOKKEEPING = GRAPH["store/"]
JOURNAL_GRAPH = GRAPH["store/journal"]
JOURNAL = Namespace("https://w3id.org/doelgraaf/store#")


def is_our_graph(iri: str) -> bool:
    """Whether a graph is one of the service's data graphs: under our namespace and not bookkeeping. A remote
    store also holds the server's own graphs and maybe others' (docs/stores.md); those are left alone."""
    return iri.startswith(str(GRAPH)) and not iri.startswith(str(BOOKKEEPING))


def vocabulary_graph(name: str) -> URIRef:
    """The graph of one vocabulary file, e.g. vocabulary_graph("taakvelden")."""
    return GRAPH[f"vocab/{name}"]


def municipality_iri(cbs_code: str) -> URIRef:
    return ID[f"gemeente/{cbs_code}"]


def municipality_graph(cbs_code: str) -> URIRef:
    return GRAPH[cbs_code]


def proposals_graph(cbs_code: str) -> URIRef:
    """Where partners' proposals to a municipality wait for its editors: beside its graph, never public
    (docs/architecture.md, "Meedoen / co-creation")."""
    return GRAPH[f"{cbs_code}/proposals"]


PRIVATE_GRAPH = re.compile(re.escape(str(GRAPH)) + r"GM[0-9]{4}/proposals")


def is_private_graph(iri: str) -> bool:
    """Whether a graph holds what only some tokens may read (a partner's unreviewed text): the public
    SPARQL endpoint, the /id/ pages and node(id:) leave it out."""
    return PRIVATE_GRAPH.fullmatch(iri) is not None


def partner_iri(cbs_code: str, key: str) -> URIRef:
    """A partner organisation of a municipality, as a partner token names it: …/id/GM9999/partner/<key>."""
    return ID[f"{cbs_code}/partner/{key}"]


def taakveld_iri(code: str) -> URIRef:
    return ID[f"taakveld/{code}"]


def policy_indicator_iri(number: int | str) -> URIRef:
    return ID[f"beleidsindicator/{number}"]


def sdg_iri(number: int | str) -> URIRef:
    return SDG[str(number)]


def slug(text: str, fallback: str) -> str:
    """A readable IRI segment: 'Schone wijken' -> 'schone-wijken' (ASCII, at most 50 characters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:50] or fallback


PREFIXES = {
    "dg": DG,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "time": TIME,
    "sh": SH,
    "vann": VANN,
}


def compact(iri) -> str:
    """An IRI as people read it in messages: dg:owner, or <…> when no prefix of ours fits."""
    for prefix, namespace in PREFIXES.items():
        if str(iri).startswith(str(namespace)):
            return f"{prefix}:{str(iri)[len(str(namespace)):]}"
    return f"<{iri}>"
