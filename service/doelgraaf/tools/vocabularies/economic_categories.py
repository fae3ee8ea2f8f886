"""The Iv3 economic categories (economische categorieën) of expenses (L…) and revenues (B…).

The same code means different things on the two sides (L3.1 and B3.1 are both "Grond"), so the side stays part of
every identifier, also of the main categories (L3 and B3) that the categories are grouped under.
"""

from rdflib import Graph

from doelgraaf.core.namespaces import DG, ID, RDF, SKOS
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import concept, labels, new_graph, scheme

SCHEME = ID["economische-categorie"]
SIDES = {"lasten": "expenses", "baten": "revenues"}


def build() -> Graph:
    graph = new_graph()
    rows = facts.read("iv3_categorieen.csv")
    english = {r["id"]: r["name_en"] for r in facts.read("iv3_categorieen_en.csv")}
    scheme(graph, SCHEME, "Iv3 economische categorieën", "Iv3 economic categories", rows[0]["bron"])
    for row in rows:
        main = row["id"][0] + row["hoofdcategorie_code"]
        main_iri = ID[f"economische-categorie/{main}"]
        if (main_iri, RDF.type, SKOS.Concept) not in graph:
            concept(graph, main_iri, SCHEME, main, row["hoofdcategorie_name"], english[main],
                    top=True, source=row["bron"])
            graph.add((main_iri, RDF.type, DG.EconomicCategory))
            number, side = row["hoofdcategorie_code"], row["zijde"]  # L3 and B3 share a name: say which side
            labels(graph, main_iri, f"Hoofdcategorie {number} van de {side} in het Iv3-informatievoorschrift.",
                   f"Main category {number} of the {SIDES[side]} in the Iv3 reporting standard.", SKOS.definition)
        iri = concept(graph, ID[f"economische-categorie/{row['id']}"], SCHEME, row["id"], row["name_nl"],
                      english[row["id"]], source=row["bron"])
        graph.add((iri, RDF.type, DG.EconomicCategory))
        graph.add((iri, SKOS.broader, main_iri))
    return graph
