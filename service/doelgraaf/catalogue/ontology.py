"""Class hierarchy of the ontology, for the few places that need subclasses without a reasoner."""

from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from doelgraaf.core.paths import ONTOLOGY_FILE


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
