"""The few SKOS patterns every vocabulary module repeats, so that all schemes and concepts look alike."""

from rdflib import Graph, Literal, URIRef

from doelgraaf.core.namespaces import DCTERMS, PREFIXES, RDF, SKOS


def new_graph() -> Graph:
    """A graph with the project's prefixes bound, so the Turtle reads the same in every file."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def labels(graph: Graph, subject: URIRef, nl: str, en: str, predicate: URIRef = SKOS.prefLabel) -> None:
    graph.add((subject, predicate, Literal(nl, lang="nl")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def scheme(graph: Graph, iri: URIRef, nl: str, en: str, source: str) -> URIRef:
    """A concept scheme with its name as label and as title (SKOS tools show the one, catalogues the other)."""
    graph.add((iri, RDF.type, SKOS.ConceptScheme))
    labels(graph, iri, nl, en)
    labels(graph, iri, nl, en, DCTERMS.title)
    graph.add((iri, DCTERMS.source, Literal(source)))
    return iri


def concept(graph: Graph, iri: URIRef, in_scheme: URIRef, notation: str, nl: str, en: str,
            *, top: bool = False, source: str | None = None) -> URIRef:
    """A concept with notation and Dutch and English label; ``top`` links it both ways to its scheme's top."""
    graph.add((iri, RDF.type, SKOS.Concept))
    graph.add((iri, SKOS.notation, Literal(notation)))
    labels(graph, iri, nl, en)
    graph.add((iri, SKOS.inScheme, in_scheme))
    if top:
        graph.add((iri, SKOS.topConceptOf, in_scheme))
        graph.add((in_scheme, SKOS.hasTopConcept, iri))
    if source:
        graph.add((iri, DCTERMS.source, Literal(source)))
    return iri
