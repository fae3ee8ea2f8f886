"""Validate a municipality's data against the shapes, with ontology and vocabularies beside it.

The data and the few background statements the rules read go into an in-memory Oxigraph store;
core constraints (compiled to SPARQL, see core_constraints) and SHACL-SPARQL constraints (see
sparql_constraints) run there, each once over all focus nodes. Shapes the compiler does not know are
evaluated by pyshacl on an rdflib copy. The shared store itself is never validated: it holds every
municipality, and the shapes must see one (see docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox
import pyshacl
from rdflib import Graph
from rdflib.namespace import SH
from rdflib.term import Node

from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.catalogue.vocabularies import Vocabularies, shipped
from doelgraaf.core.terms import to_triples
from doelgraaf.validation import core_constraints, rules, sparql_constraints
from doelgraaf.validation.report import ValidationReport, build_report
from doelgraaf.validation.results import new_results, set_conforms
from doelgraaf.validation.rules import validation_background


def validation_store(triples: Iterable[ox.Triple], background: bool = True, vocabularies: Vocabularies | None = None) -> ox.Store:
    """An in-memory store holding `triples` and (unless they are among them) the background statements the
    rules read, from `vocabularies` (the store's; the running version's own when not given)."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if background:
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in rules.validation_background_triples(vocabularies))
    return store


def validate(data: Graph, focus_nodes: Iterable[Node] | None = None, background_included: bool = False,
             vocabularies: Vocabularies | None = None) -> ValidationReport:
    """Validate `data`; with `focus_nodes`, only the results for those nodes are reported.

    A report conforms when it has no sh:Violation; warnings are reported but allowed.
    `background_included` says `data` already holds the background statements.
    """
    store = validation_store(to_triples(data), background=not background_included, vocabularies=vocabularies)
    return validate_store(store, lambda: data, focus_nodes, vocabularies)


def validate_store(store: ox.Store, data: Callable[[], Graph], focus_nodes: Iterable[Node] | None = None,
                   vocabularies: Vocabularies | None = None) -> ValidationReport:
    """Validate what `store` holds (see validation_store). `data` gives the same statements as an rdflib
    graph; it is asked for only when there is something to report, or shapes left to pyshacl."""
    vocabularies = vocabularies or shipped()
    focus = set(focus_nodes) if focus_nodes is not None else None
    if focus == set():
        return ValidationReport(conforms=True, results=[], graph=Graph())
    core = rules.core_shapes()
    if core.residual_targets:
        combined = Graph()
        combined += data()
        combined += validation_background(vocabularies)
        _, results, _ = pyshacl.validate(combined, shacl_graph=core.residual, inference="none", allow_warnings=True,
                                         inplace=True, focus_nodes=sorted(focus) if focus is not None else None)
    else:
        results = new_results()

    core_constraints.evaluate(store, core.checks, shapes_graph(), results, focus)
    sparql_constraints.evaluate(store, rules.sparql_constraints(), results, focus)
    set_conforms(results)
    described = data() if (None, SH.result, None) in results else Graph()
    return build_report(results, described, vocabularies.background, shapes_graph())
