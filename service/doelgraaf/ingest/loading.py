"""Loading whole documents into municipality graphs: split by municipality, skolemise, validate, store.

A municipality's graph is replaced by the document (loading is idempotent). Nothing is stored
unless every municipality in the load conforms (no sh:Violation); then all graphs are written
in one transaction. Blank nodes become fresh IRIs, so every node can be named in a query and
blank nodes of two uploads never merge.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import municipality_graph
from doelgraaf.core.terms import skolemise, to_triples
from doelgraaf.ingest import editing
from doelgraaf.ingest.municipality_graphs import split_by_municipality
from doelgraaf.store import Repository
from doelgraaf.validation import ValidationReport, validate


@dataclass
class LoadOutcome:
    reports: dict[str, ValidationReport]
    stored: bool
    triples: dict[str, int]

    @property
    def conforms(self) -> bool:
        return all(r.conforms for r in self.reports.values())


def load_documents(repo: Repository, documents, municipalities: list[str] | None = None) -> LoadOutcome:
    """Validate every municipality in `documents`; store all of them only if all conform."""
    groups = split_by_municipality(documents, municipalities)
    if None in groups:
        raise UserError(
            "het bestand bevat triples buiten een gemeentegraaf; noem de gemeente met --municipality GM0000",
            "the file holds triples outside a municipality graph; name the municipality with --municipality GM0000",
        )
    if not groups:
        raise UserError("de invoer bevat geen triples", "the input holds no triples")
    graphs = {code: skolemise(graph) for code, graph in groups.items()}
    vocabularies = current(repo)
    reports = {code: validate(graph, vocabularies=vocabularies) for code, graph in graphs.items()}
    outcome = LoadOutcome(reports, False, {code: len(g) for code, g in graphs.items()})
    if outcome.conforms:
        with editing.writing(graphs):  # not in the middle of an edit of the same municipality
            repo.replace_graphs(
                {ox.NamedNode(str(municipality_graph(code))): to_triples(g) for code, g in graphs.items()}
            )
        outcome.stored = True
    return outcome
