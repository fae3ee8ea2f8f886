"""The 17 UN Sustainable Development Goals under the UN's own IRIs, with the Dutch names used in the Netherlands.

The UN publishes the goals at http://metadata.un.org/sdg/<n>; reusing those IRIs lets a goal's dg:sdg link meet
any other data set that does the same. This file only adds the labels a Dutch reader needs and a scheme to list them.
"""

from rdflib import Graph

from doelgraaf.core.namespaces import ID, sdg_iri
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import concept, new_graph, scheme

SCHEME = ID["sdg"]


def build() -> Graph:
    graph = new_graph()
    rows = facts.read("sdg.csv")
    scheme(graph, SCHEME, "Duurzame ontwikkelingsdoelen van de VN (SDG's)", "UN Sustainable Development Goals (SDGs)",
           rows[0]["bron"])
    for row in rows:
        concept(graph, sdg_iri(row["nummer"]), SCHEME, row["nummer"], row["naam_nl"], row["naam_en"], top=True,
                source=row["bron"])
    return graph
