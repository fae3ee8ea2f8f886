"""The BBV verplichte beleidsindicatoren (waarstaatjegemeente.nl), by their official number 1-39.

Retired indicators keep their IRI and number (municipal reports of earlier years refer to them) and are marked
owl:deprecated. Facts the fact file marks "(ONZEKER)" are shown without that mark but with a note saying so.
"""

import re

from rdflib import Graph, Literal

from doelgraaf.core.namespaces import DCTERMS, DG, ID, OWL, RDF, SKOS, policy_indicator_iri, taakveld_iri
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import concept, labels, new_graph, scheme

SCHEME = ID["beleidsindicator"]
UNCERTAIN = "(ONZEKER)"
FIELDS = {"name_nl": ("naam", "name"), "unit": ("eenheid", "unit"), "source": ("bron", "source"),
          "status": ("status", "status")}


def build() -> Graph:
    graph = new_graph()
    english = {r["id"]: r for r in facts.read("beleidsindicatoren_en.csv")}
    scheme(graph, SCHEME, "Verplichte beleidsindicatoren (BBV)", "Mandatory policy indicators (BBV)",
           "Regeling beleidsindicatoren gemeenten; waarstaatjegemeente.nl")
    for row in facts.read("beleidsindicatoren.csv"):
        number, en = row["id"], english[row["id"]]
        iri = concept(graph, policy_indicator_iri(number), SCHEME, number, _certain(row["name_nl"]), en["name_en"],
                      top=True)
        graph.add((iri, RDF.type, DG.PolicyIndicator))
        labels(graph, iri, _certain(row["unit"]), en["unit_en"], DG.unit)
        graph.add((iri, DG.taakveld, taakveld_iri(row["taakveld"])))
        graph.add((iri, DCTERMS.source, Literal(_certain(row["source"]))))
        if row["status"].startswith("vervallen"):
            graph.add((iri, OWL.deprecated, Literal(True)))
            graph.add((iri, SKOS.historyNote, Literal(row["status"], lang="nl")))
        doubtful = [words for key, words in FIELDS.items() if UNCERTAIN in row[key]]
        if doubtful:
            labels(graph, iri,
                   "Onzeker, want niet in de bronnen teruggevonden: " + ", ".join(nl for nl, _ in doubtful) + ".",
                   "Uncertain, as not found in the sources: " + ", ".join(en for _, en in doubtful) + ".",
                   SKOS.editorialNote)
        if row["opmerking"]:
            graph.add((iri, SKOS.editorialNote, Literal(row["opmerking"])))
    return graph


def _certain(text: str) -> str:
    return re.sub(rf"\s*{re.escape(UNCERTAIN)}", "", text).strip()
