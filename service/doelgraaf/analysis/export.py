"""Writing municipalities back out as Turtle, TriG or JSON-LD; skolem IRIs become blank nodes again."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import PREFIXES, municipality_graph
from doelgraaf.core.terms import deskolemise, triples_to_graph
from doelgraaf.store import Repository

FORMATS = {"turtle": "turtle", "trig": "trig", "jsonld": "json-ld"}


def municipality_graph_data(repo: Repository, code: str) -> Graph:
    triples = repo.graph_triples(ox.NamedNode(str(municipality_graph(code))))
    if not triples:
        raise UserError(f"er zijn geen gegevens van {code} in de store", f"the store holds no data of {code}", where="--municipality")
    return deskolemise(triples_to_graph(triples))


def export(repo: Repository, codes: list[str], format_name: str) -> str:
    graphs = {code: municipality_graph_data(repo, code) for code in codes}
    if format_name == "turtle":
        if len(graphs) > 1:
            raise UserError("Turtle kent geen graven: gebruik --format trig voor meer gemeenten",
                            "Turtle has no graphs: use --format trig for several municipalities", where="--format")
        graph = next(iter(graphs.values()))
        _bind(graph)
        return graph.serialize(format="turtle")
    dataset = Dataset()
    _bind(dataset)
    for code, graph in graphs.items():
        named = dataset.graph(URIRef(str(municipality_graph(code))))
        for triple in graph:
            named.add(triple)
    return dataset.serialize(format=FORMATS[format_name])


def _bind(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
