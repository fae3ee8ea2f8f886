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
from doelgraaf.core.terms import PLAIN_LITERALS, to_triples
from doelgraaf.validation import core_constraints, rules, sparql_constraints
from doelgraaf.validation.report import ValidationReport, build_report
from doelgraaf.validation.results import keep_only, new_results, set_conforms
from doelgraaf.validation.rules import validation_background


def validation_store(triples: Iterable[ox.Triple], background: bool = True, vocabularies: Vocabularies | None = None) -> ox.Store:
    """An in-memory store holding `triples` and (unless they are among them) the background statements the
    rules read, from `vocabularies` (the store's; the running version's own when not given)."""
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    if background:
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in rules.validation_background_triples(vocabularies))
    return store


def _by_pyshacl(data: Graph, background: Graph | None, shapes: Graph, focus: set | None) -> Graph:
    """pyshacl's results for `shapes`, only those about `focus` when given (its own focus_nodes option checks
    nothing unless the shapes are named as well)."""
    combined = Graph()
    combined += data
    if background is not None:
        combined += background
    _, results, _ = pyshacl.validate(combined, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True)
    if focus is not None:
        keep_only(results, focus)
    return results


def stores_as_given(store: ox.Store, triples: Iterable[ox.Triple]) -> bool:
    """Whether `store` holds every typed literal of `triples` as written. Oxigraph keeps values, not lexical
    forms: it stores "5"^^xsd:int as "5"^^xsd:integer and "01" as "1", and the compiled checks would judge
    those instead of what was given; then pyshacl checks everything (see evaluate)."""
    given = {t for t in triples if isinstance(t.object, ox.Literal) and t.object.datatype.value not in PLAIN_LITERALS}
    if not given:
        return True
    # compared in Python: a lookup in the store would normalise the literal it looks for just the same
    kept = {q.triple for q in store if isinstance(q.object, ox.Literal) and q.object.datatype.value not in PLAIN_LITERALS}
    return given <= kept


def validate(data: Graph, focus_nodes: Iterable[Node] | None = None, background_included: bool = False,
             vocabularies: Vocabularies | None = None, rule_set: rules.Rules | None = None) -> ValidationReport:
    """Validate `data`; with `focus_nodes`, only the results for those nodes are reported.

    A report conforms when it has no sh:Violation; warnings are reported but allowed.
    `background_included` says `data` already holds the background statements. `rule_set`: the project's
    rules when not given.
    """
    triples = to_triples(data)
    store = validation_store(triples, background=not background_included, vocabularies=vocabularies)
    return validate_store(store, lambda: data, focus_nodes, vocabularies, stores_as_given(store, triples), rule_set)


def validate_store(store: ox.Store, data: Callable[[], Graph], focus_nodes: Iterable[Node] | None = None,
                   vocabularies: Vocabularies | None = None, as_given: bool = True,
                   rule_set: rules.Rules | None = None) -> ValidationReport:
    """Validate what `store` holds (see validation_store) against `rule_set`, the project's rules when not
    given. `data` gives the same statements as an rdflib graph; it is asked for only when there is something
    to report, or shapes left to pyshacl."""
    vocabularies = vocabularies or shipped()
    results = evaluate(rule_set or rules.project(), store, data, focus_nodes, validation_background(vocabularies), as_given)
    described = data() if (None, SH.result, None) in results else Graph()
    return build_report(results, described, vocabularies.background, shapes_graph())


def evaluate(rule_set: rules.Rules, store: ox.Store, data: Callable[[], Graph], focus_nodes: Iterable[Node] | None = None,
             background: Graph | None = None, as_given: bool = True) -> Graph:
    """The SHACL results graph of `rule_set` over what `store` holds: compiled checks on the store,
    SHACL-SPARQL constraints on the store, the rest by pyshacl on `data()` plus `background`. When the store
    does not hold the literals as given (`as_given`, see stores_as_given), pyshacl checks everything."""
    focus = set(focus_nodes) if focus_nodes is not None else None
    if focus == set():
        results = new_results()
        set_conforms(results)
        return results
    core = rule_set.core
    if not as_given:
        results = _by_pyshacl(data(), background, rule_set.shapes, focus)
        set_conforms(results)
        return results
    if core.residual_targets:
        results = _by_pyshacl(data(), background, core.residual, focus)
    else:
        results = new_results()
    core_constraints.evaluate(store, core.checks, rule_set.shapes, results, focus)
    sparql_constraints.evaluate(store, list(rule_set.sparql), results, focus)
    set_conforms(results)
    return results
