"""The budget phases and directions of the public contract (dg:AdoptedBudget … dg:Revenue) as SKOS concepts.

They live in the dg: namespace because budget lines of every municipality refer to them; describing them as concepts
in a scheme gives them the labels, definitions and notations that forms and GraphQL enumerations show.
"""

from rdflib import Graph

from doelgraaf.core.namespaces import DG, ID, OWL, RDF, SKOS
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import concept, labels, new_graph, scheme

SCHEMES = {
    "begrotingsfase": ("Begrotingsfasen", "Budget phases"),
    "richting": ("Richting: lasten of baten", "Direction: expenses or revenues"),
}


def build() -> Graph:
    graph = new_graph()
    rows = facts.read("begrotingstermen.csv")
    for name, (nl, en) in SCHEMES.items():
        scheme(graph, ID[name], nl, en, next(r["bron"] for r in rows if r["schema"] == name))
    for row in rows:
        iri = concept(graph, DG[row["term"]], ID[row["schema"]], row["notatie"], row["naam_nl"], row["naam_en"],
                      top=True, source=row["bron"])
        graph.add((iri, RDF.type, OWL.NamedIndividual))
        graph.add((iri, RDF.type, DG[row["klasse"]]))
        labels(graph, iri, row["definitie_nl"], row["definitie_en"], SKOS.definition)
    return graph
