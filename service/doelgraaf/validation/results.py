"""The SHACL results graph both evaluators write into, in the form pyshacl writes it, so that one
report builder (report.py) reads results whoever found them."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, SH
from rdflib.term import Node


def new_results() -> Graph:
    results = Graph()
    results.bind("sh", SH)
    results.add((BNode(), RDF.type, SH.ValidationReport))
    return results


def _report(results: Graph) -> Node:
    return next(results.subjects(RDF.type, SH.ValidationReport))


def add_result(results: Graph, *, focus: Node, severity: Node, shape: Node, component: Node, value: Node | None,
               path: Node | None = None, shapes: Graph | None = None, constraint: Node | None = None) -> None:
    node = BNode()
    results.add((_report(results), SH.result, node))
    for p, o in ((RDF.type, SH.ValidationResult), (SH.focusNode, focus), (SH.resultSeverity, severity),
                 (SH.sourceShape, shape), (SH.sourceConstraintComponent, component), (SH.value, value),
                 (SH.sourceConstraint, constraint), (SH.resultPath, path)):
        if o is not None:
            results.add((node, p, o))
    if isinstance(path, BNode) and shapes is not None:  # a complex path is copied with its structure
        _copy_description(shapes, path, results)


def _copy_description(source: Graph, node: BNode, target: Graph) -> None:
    for p, o in source.predicate_objects(node):
        target.add((node, p, o))
        if isinstance(o, BNode):
            _copy_description(source, o, target)


def set_conforms(results: Graph) -> None:
    """As SHACL says: a report conforms when it has no result at all, of any severity. Whether a finding stops
    a write is the gate's own question (its `blocking` flag)."""
    conforms = not any(results.triples((None, SH.result, None)))
    report = _report(results)
    results.set((report, SH.conforms, Literal(conforms)))


def keep_only(results: Graph, focus: set) -> None:
    """Remove the results about other focus nodes (with their descriptions)."""
    report = _report(results)
    for node in list(results.objects(report, SH.result)):
        if results.value(node, SH.focusNode) not in focus:
            results.remove((report, SH.result, node))
            for triple in list(results.triples((node, None, None))):
                results.remove(triple)
