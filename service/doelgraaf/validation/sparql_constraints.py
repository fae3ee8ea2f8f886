"""SHACL-SPARQL constraints (sh:sparql), evaluated once per constraint by Oxigraph.

pyshacl evaluates a SPARQL constraint with rdflib once per focus node: 2.7 s of the 4.3 s that
validating the demo took. Here each constraint runs once over all nodes on an in-memory Oxigraph
copy (about 30 ms for all of them) and the rows are kept for the focus nodes the shape targets.
Because $this and ?this are the same SPARQL variable, the shapes' own queries run unchanged; this
is equivalent to SHACL's pre-binding of $this for queries that use $this as an ordinary variable,
which is true of every constraint in shapes/ (a test compares with pyshacl's own evaluation).
Results go into the same results graph as the core constraints' (see results.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from doelgraaf.core.terms import to_oxigraph, to_rdflib
from doelgraaf.validation.results import add_result


@dataclass(frozen=True)
class SparqlConstraint:
    shape: URIRef
    constraint: Node
    query: str
    severity: URIRef
    target_classes: tuple[URIRef, ...]
    messages: tuple[Literal, ...]


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for source in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            lines.append(f"PREFIX {shapes.value(declaration, SH.prefix)}: <{shapes.value(declaration, SH.namespace)}>")
    return "\n".join(sorted(set(lines)))


def constraints(shapes: Graph) -> list[SparqlConstraint]:
    found = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        severity = shapes.value(shape, SH.severity) or SH.Violation  # as SHACL says: the shape's, not the constraint's
        found.append(SparqlConstraint(
            shape=shape,
            constraint=constraint,
            query=_prefixes(shapes, constraint) + "\n" + str(shapes.value(constraint, SH.select)),
            severity=severity,
            target_classes=tuple(sorted(shapes.objects(shape, SH.targetClass))),
            messages=tuple(shapes.objects(constraint, SH.message)),
        ))
    return sorted(found, key=lambda c: str(c.constraint))


def without_sparql(shapes: Graph) -> Graph:
    """The shapes graph minus its sh:sparql constraints: what pyshacl is left to evaluate."""
    core = Graph()
    core += shapes
    core.remove((None, SH.sparql, None))
    return core


TARGETS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?this WHERE { ?this a/rdfs:subClassOf* ?class }
"""


def evaluate(store: ox.Store, shapes_constraints: list[SparqlConstraint], results: Graph, focus: set | None) -> bool:
    """Add a sh:ValidationResult to `results` per row; returns whether any was a violation. With `focus`,
    only results for those nodes."""
    violated = False
    targets_of: dict[tuple, set] = {}
    for c in shapes_constraints:
        if c.target_classes not in targets_of:
            nodes = set()
            for cls in c.target_classes:
                rows = store.query(TARGETS.replace("?class", str(to_oxigraph(cls))))
                nodes.update(to_rdflib(row["this"]) for row in rows)
            targets_of[c.target_classes] = nodes if focus is None else nodes & focus
        targets = targets_of[c.target_classes]
        if not targets:
            continue
        solutions = store.query(c.query)
        has_value = "value" in {v.value for v in solutions.variables}
        for row in solutions:
            this = to_rdflib(row["this"])
            if this not in targets:
                continue
            value = row["value"] if has_value else None
            # as in SHACL, a row without ?value reports the focus node itself as the value
            add_result(results, focus=this, severity=c.severity, shape=c.shape, component=SH.SPARQLConstraintComponent,
                       value=to_rdflib(value) if value is not None else this, constraint=c.constraint)
            violated = violated or c.severity == SH.Violation
    return violated
