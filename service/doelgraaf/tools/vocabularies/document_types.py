"""The kinds of planning and control document, each tied to the ontology class its documents are instances of.

Users pick a document type from a list (the concept, with labels in two languages); data is typed with the class.
dg:documentClass connects the two so neither has to be guessed from the other's name.
"""

from rdflib import Graph

from doelgraaf.core.namespaces import DG, ID, SKOS
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import concept, labels, new_graph, scheme

SCHEME = ID["documentsoort"]


def build() -> Graph:
    graph = new_graph()
    scheme(graph, SCHEME, "Soorten P&C-documenten", "Kinds of planning and control document",
           "Gemeentewet; Besluit begroting en verantwoording provincies en gemeenten (BBV); "
           "Doelgraaf-methode (docs/architecture.md)")
    for row in facts.read("documentsoorten.csv"):
        iri = concept(graph, ID[f"documentsoort/{row['slug']}"], SCHEME, row["notatie"], row["naam_nl"], row["naam_en"],
                      top=True, source=row["bron"])
        labels(graph, iri, row["definitie_nl"], row["definitie_en"], SKOS.definition)
        graph.add((iri, DG.documentClass, DG[row["klasse"]]))
    return graph
