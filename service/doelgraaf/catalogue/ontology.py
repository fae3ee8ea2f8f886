"""Class hierarchy of the ontology, for the few places that need subclasses without a reasoner, and Dutch
names for the terms it reuses from other vocabularies."""

from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, RDF, RDFS, SKOS

from doelgraaf.core.paths import ONTOLOGY_FILE

# The ontology reuses these terms without labels of its own, and their vocabularies name them in English
# only; a page for people names them in Dutch, with the English beside it.
REUSED_NAMES: dict[URIRef, tuple[str, str]] = {
    RDF.type: ("soort", "type"),
    RDFS.label: ("naam", "name"),
    SKOS.prefLabel: ("voorkeursnaam", "preferred name"),
    SKOS.altLabel: ("andere naam", "alternative name"),
    SKOS.hiddenLabel: ("zoeknaam", "hidden label"),
    SKOS.notation: ("code", "code"),
    SKOS.definition: ("definitie", "definition"),
    SKOS.note: ("toelichting", "note"),
    SKOS.editorialNote: ("redactionele toelichting", "editorial note"),
    SKOS.historyNote: ("geschiedenis", "history note"),
    SKOS.inScheme: ("in de lijst", "in scheme"),
    SKOS.topConceptOf: ("hoofdbegrip van", "top concept of"),
    SKOS.hasTopConcept: ("heeft als hoofdbegrip", "has top concept"),
    SKOS.broader: ("valt onder", "broader"),
    SKOS.narrower: ("omvat", "narrower"),
    SKOS.exactMatch: ("gelijk aan", "exact match"),
    SKOS.closeMatch: ("vrijwel gelijk aan", "close match"),
    SKOS.narrowMatch: ("omvat deels", "narrow match"),
    SKOS.broadMatch: ("valt deels onder", "broad match"),
    SKOS.relatedMatch: ("verwant aan", "related match"),
    SKOS.Concept: ("begrip", "concept"),
    SKOS.ConceptScheme: ("begrippenlijst", "concept scheme"),
    DCTERMS.title: ("titel", "title"),
    DCTERMS.description: ("beschrijving", "description"),
    DCTERMS.source: ("bron", "source"),
    OWL.deprecated: ("vervallen", "deprecated"),
    OWL.NamedIndividual: ("individu", "named individual"),
    ORG.unitOf: ("onderdeel van", "unit of"),
    ORG.postIn: ("functie binnen", "post in"),
    ORG.heldBy: ("bekleed door", "held by"),
    ORG.Post: ("post", "post"),
    ORG.OrganizationalUnit: ("organisatieonderdeel", "organizational unit"),
    FOAF.Person: ("persoon", "person"),
    FOAF.homepage: ("website", "homepage"),
}


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@lru_cache(maxsize=None)
def subclasses(cls: str) -> frozenset[str]:
    """The class and all its named subclasses (transitively)."""
    graph = _ontology()
    found = {URIRef(cls)}
    frontier = [URIRef(cls)]
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in found:
                found.add(sub)
                frontier.append(sub)
    return frozenset(str(c) for c in found)


@lru_cache(maxsize=None)
def ranged_properties(cls: str) -> frozenset[str]:
    """The properties whose rdfs:range is `cls`."""
    return frozenset(str(p) for p in _ontology().subjects(RDFS.range, URIRef(cls)) if isinstance(p, URIRef))


@lru_cache(maxsize=1)
def reused_names() -> Graph:
    """REUSED_NAMES as rdfs:label triples, to be read beside the ontology wherever terms are named."""
    graph = Graph()
    for term, (nl, en) in REUSED_NAMES.items():
        graph.add((term, RDFS.label, Literal(nl, lang="nl")))
        graph.add((term, RDFS.label, Literal(en, lang="en")))
    return graph
