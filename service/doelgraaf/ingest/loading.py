"""Loading whole documents into municipality graphs: split by municipality, skolemise, validate, store.

A municipality's graph is replaced by the document (loading is idempotent). What a municipality has is
stored with its findings, as long as no finding blocks (a rule marked dgsh:blocking: money or years that
are no number, a taakveld not valid that year, a share outside 0..1); under `strict` any violation refuses.
All graphs of a load are written in one transaction, or none. Blank nodes become fresh IRIs, so every node
can be named in a query and blank nodes of two uploads never merge. What is checked is the data as the
store will hold it (core.terms.as_stored).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import municipality_graph
from doelgraaf.core.terms import as_stored, skolemise, to_triples
from doelgraaf.ingest import editing
from doelgraaf.ingest.entailment import with_partner_types
from doelgraaf.ingest.municipality_graphs import check_own_iris, split_by_municipality
from doelgraaf.store import Repository
from doelgraaf.validation import ValidationReport, validate


@dataclass
class LoadOutcome:
    reports: dict[str, ValidationReport]
    stored: bool
    triples: dict[str, int]

    strict: bool = False

    @property
    def refused(self) -> bool:
        return any(r.refused(self.strict) for r in self.reports.values())


def as_loaded(graph: Graph) -> Graph:
    """What a load stores of `graph`, and so what it checks: the types the ontology's ranges entail added
    (ingest.entailment), literals as the store keeps them (core.terms.as_stored)."""
    return as_stored(with_partner_types(graph))


def load_documents(repo: Repository, documents, municipalities: list[str] | None = None, strict: bool = False) -> LoadOutcome:
    """Validate every municipality in `documents`; store all of them unless a finding refuses (see above)."""
    groups = split_by_municipality(documents, municipalities)
    if None in groups:
        raise UserError(
            "het bestand bevat triples buiten een gemeentegraaf; noem de gemeente met --municipality GM0000",
            "the file holds triples outside a municipality graph; name the municipality with --municipality GM0000",
        )
    if not groups:
        raise UserError("de invoer bevat geen triples", "the input holds no triples")
    for code, graph in groups.items():
        check_own_iris(code, graph, ", ".join(d.source for d in documents))
    graphs = {code: as_loaded(skolemise(graph)) for code, graph in groups.items()}
    vocabularies = current(repo)
    reports = {code: validate(graph, vocabularies=vocabularies) for code, graph in graphs.items()}
    outcome = LoadOutcome(reports, False, {code: len(g) for code, g in graphs.items()}, strict)
    if not outcome.refused:
        with editing.writing(graphs):  # not in the middle of an edit of the same municipality
            repo.replace_graphs(
                {ox.NamedNode(str(municipality_graph(code))): to_triples(g) for code, g in graphs.items()}
            )
        outcome.stored = True
    return outcome
