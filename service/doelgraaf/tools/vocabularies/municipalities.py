"""The 342 municipalities of 2025 with their CBS code, province, size and urbanity class and population.

Municipalities are organisations, not concepts: they get a label for display and the CBS facts benchmarking groups
them by. Province, size class and urbanity are small concept schemes of their own, so that comparisons ("all
municipalities of 20,000 to 50,000 inhabitants") select on an IRI rather than on a spelling.
"""

from rdflib import Graph, Literal, URIRef

from doelgraaf.core.namespaces import DCTERMS, DG, FOAF, ID, RDF, RDFS, SKOS, XSD, municipality_iri
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import concept, labels, new_graph, scheme

YEAR = "2025"
POPULATION_SOURCE = f"CBS 85755NED, 1 januari {YEAR}"
SOURCE = f"CBS 85755NED (gemeenten {YEAR}); CBS Iv3 (naam in de Iv3-bestanden)"


def size_class_iri(cbs_value: str) -> URIRef:
    """The size class as CBS writes it in its Iv3 files ("20000tot50000inwoners"), lower-cased into the IRI."""
    return ID[f"gemeentegrootte/{cbs_value.lower()}"]


def urbanity_iri(cbs_value: str) -> URIRef:
    """The urbanity class as CBS writes it in its Iv3 files ("Zeersterkstedelijk"), lower-cased into the IRI."""
    return ID[f"stedelijkheid/{cbs_value.lower()}"]


def build() -> Graph:
    graph = new_graph()
    provinces = _provinces(graph)
    _classes(graph, "gemeentegrootteklassen.csv", ID["gemeentegrootte"], size_class_iri,
             "CBS-gemeentegrootteklassen", "CBS municipality size classes")
    _classes(graph, "stedelijkheidsklassen.csv", ID["stedelijkheid"], urbanity_iri,
             "CBS-stedelijkheidsklassen", "CBS urbanity classes")
    for row in facts.read("gemeenten.csv"):
        code = row["gm_code"]
        iri = municipality_iri(code)
        graph.add((iri, RDF.type, DG.Municipality))
        graph.add((iri, RDFS.label, Literal(row["gemeente"], lang="nl")))
        graph.add((iri, SKOS.prefLabel, Literal(row["gemeente"], lang="nl")))
        graph.add((iri, DG.cbsCode, Literal(code)))
        graph.add((iri, DG.cbsName, Literal(row["naam_in_iv3_data"])))
        graph.add((iri, DG.province, provinces[row["provincie"]]))
        graph.add((iri, DG.sizeClass, size_class_iri(row["gemeentegrootte_cbs"])))
        graph.add((iri, DG.urbanity, urbanity_iri(row["stedelijkheid_cbs"])))
        graph.add((iri, FOAF.homepage, URIRef(row["website"])))
        graph.add((iri, DCTERMS.source, Literal(SOURCE)))
        count = ID[f"gemeente/{code}/inwoners/{YEAR}"]
        graph.add((iri, DG.population, count))
        graph.add((count, RDF.type, DG.PopulationCount))
        graph.add((count, DG.year, Literal(YEAR, datatype=XSD.gYear)))
        graph.add((count, DG.inhabitants, Literal(int(row[f"inwoners_{YEAR}"]))))
        graph.add((count, DCTERMS.source, Literal(POPULATION_SOURCE)))
    return graph


def _provinces(graph: Graph) -> dict[str, URIRef]:
    """Add the provinces; returns them by Dutch name, the way gemeenten.csv names them."""
    rows = facts.read("provincies.csv")
    scheme(graph, ID["provincie"], "Provincies", "Provinces", rows[0]["bron"])
    return {row["naam_nl"]: concept(graph, ID[f"provincie/{row['code']}"], ID["provincie"], row["code"],
                                    row["naam_nl"], row["naam_en"], top=True, source=row["bron"])
            for row in rows}


def _classes(graph: Graph, file: str, in_scheme: URIRef, iri_of, nl: str, en: str) -> None:
    """An ordered CBS classification; the value as CBS writes it stays findable as hidden label."""
    rows = facts.read(file)
    scheme(graph, in_scheme, nl, en, rows[0]["bron"])
    for row in rows:
        iri = concept(graph, iri_of(row["cbs_waarde"]), in_scheme, row["volgorde"], row["naam_nl"], row["naam_en"],
                      top=True, source=row["bron"])
        graph.add((iri, SKOS.hiddenLabel, Literal(row["cbs_waarde"])))
        if "definitie_nl" in row:
            labels(graph, iri, row["definitie_nl"], row["definitie_en"], SKOS.definition)
