"""The JSON-LD context of the Doelgraaf vocabulary, generated from the ontology.

`python -m doelgraaf.tools.jsonld_context` rewrites ontology/context.jsonld; a test fails when the
committed file differs from what the ontology gives, so the context cannot drift from it.

Choices: every dg: class, property and named individual gets a short term (its local name);
object properties take IRIs (`"@type": "@id"`), or names of dg: individuals where their range
has them (`"direction": "Expense"`); datatype properties carry their XML Schema datatype. The
ontology gives year and date properties the range rdfs:Literal (xsd:gYear and xsd:date are not
in OWL 2 DL) and names the datatype in their scope note, so the datatype is read from there.
Names and descriptions are language maps (`{"nl": …, "en": …}`); a plain string is accepted too.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from doelgraaf.catalogue.shared_graphs import vocabulary_files
from doelgraaf.core.namespaces import DG
from doelgraaf.core.paths import CONTEXT_FILE, ONTOLOGY_FILE

PREFIXES = {"dg": DG, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "org": ORG, "foaf": FOAF, "prov": PROV,
            "dcterms": DCTERMS, "xsd": XSD, "owl": OWL}

# Terms of reused vocabularies that Doelgraaf data use (see data/examples), with how their values read.
LANGUAGE_MAP = {"@container": "@language"}
REUSED_TERMS = {
    "label": ("rdfs:label", LANGUAGE_MAP),
    "description": ("dcterms:description", LANGUAGE_MAP),
    "title": ("dcterms:title", LANGUAGE_MAP),
    "source": ("dcterms:source", {}),
    "prefLabel": ("skos:prefLabel", LANGUAGE_MAP),
    "altLabel": ("skos:altLabel", LANGUAGE_MAP),
    "definition": ("skos:definition", LANGUAGE_MAP),
    "notation": ("skos:notation", {}),
    "inScheme": ("skos:inScheme", {"@type": "@id"}),
    "broader": ("skos:broader", {"@type": "@id"}),
    "unitOf": ("org:unitOf", {"@type": "@id"}),
    "postIn": ("org:postIn", {"@type": "@id"}),
    "heldBy": ("org:heldBy", {"@type": "@id"}),
    "homepage": ("foaf:homepage", {"@type": "@id"}),
}
# JSON-friendly names for the two keywords every document uses.
ALIASES = {"id": "@id", "type": "@type"}


def _local(iri: URIRef) -> str:
    return str(iri)[len(str(DG)):]


def _in_dg(node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(DG))


def _stated_datatype(ontology: Graph, prop: URIRef) -> str | None:
    """The XML Schema datatype of a datatype property: its range, else the one its scope note names."""
    range_ = ontology.value(prop, RDFS.range)
    if isinstance(range_, URIRef) and str(range_).startswith(str(XSD)):
        return str(range_)
    for note in ontology.objects(prop, SKOS.scopeNote):
        if isinstance(note, Literal) and note.language == "en" and (found := re.search(r"\bxsd:(\w+)", note)):
            return str(XSD[found.group(1)])
    return None


@lru_cache(maxsize=1)
def _individuals() -> dict[URIRef, set[URIRef]]:
    """dg: named individuals of the ontology and the vocabularies (ProposalPending, Expense, AdoptedBudget, ...)
    by their dg: class."""
    found: dict[URIRef, set[URIRef]] = {}
    for path in [ONTOLOGY_FILE, *vocabulary_files().values()]:
        graph = Graph().parse(path)
        for individual in graph.subjects(RDF.type, OWL.NamedIndividual):
            for cls in graph.objects(individual, RDF.type):
                if _in_dg(individual) and _in_dg(cls):
                    found.setdefault(cls, set()).add(individual)
    return found


def _term(ontology: Graph, prop: URIRef) -> dict:
    definition: dict = {"@id": f"dg:{_local(prop)}"}
    kinds = set(ontology.objects(prop, RDF.type))
    if OWL.ObjectProperty in kinds or OWL.AnnotationProperty in kinds:
        range_ = ontology.value(prop, RDFS.range)
        definition["@type"] = "@vocab" if range_ in _individuals() else "@id"
    elif (datatype := _stated_datatype(ontology, prop)) is None:
        definition.update(LANGUAGE_MAP)
    elif datatype != str(XSD.string):  # plain JSON strings are xsd:string already
        definition["@type"] = f"xsd:{datatype[len(str(XSD)):]}"
    return definition


def build_context() -> dict:
    ontology = Graph().parse(ONTOLOGY_FILE)
    context: dict = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    context.update(ALIASES)

    def add(term: str, definition) -> None:
        if term in context:
            raise ValueError(f"JSON-LD term '{term}' would mean two things; rename one of them in the ontology")
        context[term] = definition

    classes = sorted(c for c in ontology.subjects(RDF.type, OWL.Class) if _in_dg(c))
    for cls in classes:
        add(_local(cls), f"dg:{_local(cls)}")
    for individual in sorted(i for members in _individuals().values() for i in members):
        add(_local(individual), f"dg:{_local(individual)}")
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for prop in sorted({p for kind in kinds for p in ontology.subjects(RDF.type, kind) if _in_dg(p)}):
        add(_local(prop), _term(ontology, prop))
    for term, (iri, extra) in REUSED_TERMS.items():
        add(term, {"@id": iri, **extra} if extra else iri)
    return {"@context": context}


def context_text() -> str:
    return json.dumps(build_context(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    CONTEXT_FILE.write_text(context_text(), encoding="utf-8")
    print(CONTEXT_FILE)


if __name__ == "__main__":
    main()
