"""Validate a municipality's data against the shapes, with ontology and vocabularies beside it.

pyshacl evaluates the core constraints on an in-memory rdflib graph holding the data plus the few
background statements the rules read; validating the store itself is slow and gives false results
(see DESIGN.md). SHACL-SPARQL constraints run on Oxigraph (see sparql_constraints).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyshacl
from rdflib import Graph
from rdflib.term import Node

from doelgraaf.validation import rules, sparql_constraints
from doelgraaf.validation.report import ValidationReport, build_report
from doelgraaf.validation.rules import background_graph, core_shapes_graph, shapes_graph, validation_background


def validate(data: Graph, focus_nodes: Iterable[Node] | None = None, in_place: bool = False,
             background_included: bool = False) -> ValidationReport:
    """Validate `data`; with `focus_nodes`, only the shapes' results for those nodes are computed.

    A report conforms when it has no sh:Violation; warnings are reported but allowed. With
    `in_place`, the background statements are added to `data` itself instead of to a copy (for a
    graph the caller throws away afterwards); `background_included` says `data` already holds them.
    """
    focus = set(focus_nodes) if focus_nodes is not None else None
    if focus == set():
        return ValidationReport(conforms=True, results=[], graph=Graph())
    combined = data if in_place else Graph()
    if not in_place:
        combined += data
    if not background_included:
        combined += validation_background()
    _, results_graph, _ = pyshacl.validate(
        combined,
        shacl_graph=core_shapes_graph(),
        inference="none",
        allow_warnings=True,
        inplace=True,
        focus_nodes=sorted(focus) if focus is not None else None,
    )
    sparql_constraints.evaluate(combined, rules.sparql_constraints(), results_graph, focus)
    return build_report(results_graph, data, background_graph(), shapes_graph())
