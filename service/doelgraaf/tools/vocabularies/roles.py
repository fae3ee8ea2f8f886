"""The kinds of role in goal-oriented steering (rolsoorten).

Who sets frameworks, who executes, who is accountable, who sponsors, who holds the budget and who joins from outside:
the six roles docs/architecture.md names, as concepts so that posts and organisations can say which one they fill.
"""

from rdflib import Graph

from doelgraaf.core.namespaces import DG, ID, RDF, SKOS
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import concept, labels, new_graph, scheme

SCHEME = ID["rol"]


def build() -> Graph:
    graph = new_graph()
    scheme(graph, SCHEME, "Rolsoorten in doelgericht sturen", "Role types in goal-oriented steering",
           "Gemeentewet; Doelgraaf-methode (docs/architecture.md)")
    for row in facts.read("rolsoorten.csv"):
        iri = concept(graph, ID[f"rol/{row['slug']}"], SCHEME, row["notatie"], row["naam_nl"], row["naam_en"],
                      top=True, source=row["bron"])
        graph.add((iri, RDF.type, DG.RoleType))
        labels(graph, iri, row["definitie_nl"], row["definitie_en"], SKOS.definition)
    return graph
