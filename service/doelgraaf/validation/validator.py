"""Validate a municipality's data against the shapes, with ontology and vocabularies beside it.

pyshacl runs on an in-memory rdflib graph that holds the data plus the background; validating
the store itself is slow and gives false results (see DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyshacl
from rdflib import Graph
from rdflib.term import Node

from doelgraaf.validation.report import ValidationReport, build_report
from doelgraaf.validation.rules import background_graph, shapes_graph


def validate(data: Graph, focus_nodes: Iterable[Node] | None = None) -> ValidationReport:
    """Validate `data`; with `focus_nodes`, only the shapes' results for those nodes are computed.

    A report conforms when it has no sh:Violation; warnings are reported but allowed.
    """
    shapes = shapes_graph()
    background = background_graph()
    combined = Graph()
    combined += data
    combined += background
    focus = list(focus_nodes) if focus_nodes is not None else None
    if focus == []:
        return ValidationReport(conforms=True, results=[], graph=Graph())
    _, results_graph, _ = pyshacl.validate(
        combined,
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        inplace=True,
        focus_nodes=focus,
    )
    return build_report(results_graph, data, background, shapes)
