"""SHACL core constraints compiled to SPARQL, each evaluated once over all its focus nodes by Oxigraph.

pyshacl checks every (shape, focus node) pair in Python: 3.7 s for one municipality of 9,000
statements and 12 minutes for all 342 (bench/RESULTS.md). The shapes use a handful of core
components whose meaning is a SPARQL pattern: too few or too many values, a value of the wrong
class, kind, datatype, range or form, or none of several alternatives. Each such constraint becomes
one query. A node shape that uses anything else is left whole to pyshacl (`compile_shapes` returns
it in the residual shapes graph), so any valid shapes file still works; a test checks that both
evaluations give the same results on every example.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from doelgraaf.core.terms import to_oxigraph, to_rdflib
from doelgraaf.validation.results import add_result

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Predicates of a shape that are not constraints (names, messages, structure)
NOT_CONSTRAINTS = {
    RDF.type, RDFS.label, RDFS.comment, SH.name, SH.description, SH.order, SH.group, SH.message, SH.severity,
    SH.path, SH.property, SH.deactivated, SH.defaultValue, *TARGETS,
}
# Datatypes whose lexical forms Oxigraph can check by casting (an ill-typed literal violates sh:datatype)
CASTABLE = {XSD.boolean, XSD.decimal, XSD.integer, XSD.double, XSD.float, XSD.date, XSD.dateTime, XSD.time, XSD.gYear,
            XSD.duration, XSD.string}
NODE_KINDS = {
    SH.IRI: "isIRI(?value)", SH.BlankNode: "isBlank(?value)", SH.Literal: "isLiteral(?value)",
    SH.BlankNodeOrIRI: "(isBlank(?value) || isIRI(?value))", SH.BlankNodeOrLiteral: "(isBlank(?value) || isLiteral(?value))",
    SH.IRIOrLiteral: "(isIRI(?value) || isLiteral(?value))",
}
COMPARISONS = {SH.minInclusive: ">=", SH.maxInclusive: "<=", SH.minExclusive: ">", SH.maxExclusive: "<"}
SUBCLASS_OF = f"{to_oxigraph(RDF.type)}/{to_oxigraph(RDFS.subClassOf)}*"
# A SPARQL comment where the focus nodes go when only some are asked for (a VALUES table, see evaluate)
FOCUS = "# focus nodes\n"


class Unsupported(Exception):
    """A shape uses something this module does not compile; pyshacl evaluates it instead."""


@dataclass(frozen=True)
class Check:
    shape: Node  # the shape the constraint belongs to: sh:sourceShape of its results
    component: URIRef  # sh:sourceConstraintComponent
    path: Node | None  # the shape's sh:path (None for a node shape): sh:resultPath
    severity: URIRef
    query: str  # SELECT ?this ?value, one row per result; ?value unbound when a result has none


def _term(node: Node) -> str:
    term = to_oxigraph(node)
    if isinstance(term, ox.Literal) and not _kept(term):
        # in a query Oxigraph would compare the value ("4" for 4.0), where SHACL compares terms
        raise Unsupported(f"literal {term} that Oxigraph writes otherwise")
    return str(term)


def _kept(literal: ox.Literal) -> bool:
    """Whether Oxigraph keeps this literal as written (see validator.stores_as_given)."""
    store = ox.Store()
    quad = ox.Quad(ox.NamedNode("urn:x-doelgraaf:probe"), ox.NamedNode("urn:x-doelgraaf:probe"), literal)
    store.add(quad)
    return next(iter(store)).object == literal


def _path(shapes: Graph, path: Node) -> str:
    """A SHACL path as a SPARQL property path."""
    if isinstance(path, URIRef):
        return _term(path)
    if shapes.value(path, RDF.first) is not None:  # a list is a sequence path, whatever else the node says
        return "(" + "/".join(_path(shapes, p) for p in Collection(shapes, path)) + ")"
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return f"^({_path(shapes, inverse)})"
    alternatives = shapes.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_path(shapes, p) for p in Collection(shapes, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = shapes.value(path, predicate)
        if inner is not None:
            return f"({_path(shapes, inner)}){suffix}"
    raise Unsupported(f"path {path}")


def _targets(shapes: Graph, shape: Node) -> str:
    """A group pattern binding ?this to each focus node of the shape, once."""
    patterns = []
    for target in sorted(shapes.objects(shape, SH.targetClass)):
        patterns.append(f"?this {SUBCLASS_OF} {_term(target)} .")
    for node in sorted(shapes.objects(shape, SH.targetNode)):
        patterns.append(f"VALUES ?this {{ {_term(node)} }}")
    for predicate in sorted(shapes.objects(shape, SH.targetSubjectsOf)):
        patterns.append(f"?this {_term(predicate)} ?targetValue .")
    for predicate in sorted(shapes.objects(shape, SH.targetObjectsOf)):
        patterns.append(f"?targetSubject {_term(predicate)} ?this .")
    return "{ SELECT DISTINCT ?this WHERE { " + FOCUS + " UNION ".join("{ " + p + " }" for p in patterns) + " } }"


def _value_test(shapes: Graph, parameter: URIRef, argument: Node) -> str:
    """A SPARQL expression true when ?value meets the constraint (sh:pattern, which needs its sh:flags,
    is written by _shape_tests)."""
    if parameter == SH["class"]:
        return f"EXISTS {{ ?value {SUBCLASS_OF} {_term(argument)} }}"
    if parameter == SH.datatype:
        test = f"(isLiteral(?value) && sameTerm(DATATYPE(?value), {_term(argument)})"
        if argument in CASTABLE:  # the lexical form must be valid too
            test += f" && COALESCE(sameTerm(DATATYPE({_term(argument)}(STR(?value))), {_term(argument)}), false)"
        return test + ")"
    if parameter == SH.nodeKind:
        if argument not in NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {argument}")
        return NODE_KINDS[argument]
    if parameter == SH["in"]:
        members = [f"sameTerm(?value, {_term(m)})" for m in Collection(shapes, argument)]
        return "(" + (" || ".join(members) or "false") + ")"
    if parameter in COMPARISONS:
        return f"COALESCE(?value {COMPARISONS[parameter]} {_term(argument)}, false)"
    if parameter in (SH.minLength, SH.maxLength):
        operator = ">=" if parameter == SH.minLength else "<="
        return f"(!isBlank(?value) && STRLEN(STR(?value)) {operator} {int(argument)})"
    if parameter in (SH["or"], SH["and"]):
        parts = [_conjunction(shapes, member) for member in Collection(shapes, argument)]
        joiner = " || " if parameter == SH["or"] else " && "
        return "(" + (joiner.join(parts) or ("false" if parameter == SH["or"] else "true")) + ")"
    if parameter == SH["not"]:
        return f"!{_conjunction(shapes, argument)}"
    raise Unsupported(f"{parameter}")


def _shape_tests(shapes: Graph, shape: Node) -> list[tuple[URIRef, str]]:
    """(component, expression) for each value test of a shape."""
    tests = []
    for parameter, argument in sorted(shapes.predicate_objects(shape)):
        if parameter in NOT_CONSTRAINTS or parameter in (SH.minCount, SH.maxCount, SH.flags) or not str(parameter).startswith(str(SH)):
            continue
        if parameter == SH.pattern:
            flags = shapes.value(shape, SH.flags)
            test = f"(!isBlank(?value) && REGEX(STR(?value), {_term(Literal(str(argument)))}, {_term(Literal(str(flags or '')))}))"
        else:
            test = _value_test(shapes, parameter, argument)
        tests.append((_component(parameter), test))
    return tests


def _conjunction(shapes: Graph, member: Node) -> str:
    """A shape inside sh:or/sh:and/sh:not as one expression on ?value: value tests on the node itself,
    or "has at least one value on this path" (sh:path with sh:minCount 1 and nothing else)."""
    path = shapes.value(member, SH.path)
    if path is not None:
        parameters = {p for p in shapes.predicates(member) if p not in NOT_CONSTRAINTS and str(p).startswith(str(SH))}
        minimum = shapes.value(member, SH.minCount)
        if parameters - {SH.minCount} or minimum is None or int(minimum) > 1:
            raise Unsupported(f"nested property shape {member}")
        return f"EXISTS {{ ?value {_path(shapes, path)} ?pathValue }}" if int(minimum) == 1 else "true"
    if shapes.value(member, SH.property) is not None or shapes.value(member, SH.minCount) is not None \
            or shapes.value(member, SH.maxCount) is not None:
        raise Unsupported(f"nested shape {member}")
    parts = [test for _, test in _shape_tests(shapes, member)]
    return "(" + (" && ".join(parts) or "true") + ")"


def _component(parameter: URIRef) -> URIRef:
    """sh:class -> sh:ClassConstraintComponent, sh:nodeKind -> sh:NodeKindConstraintComponent, …"""
    name = str(parameter)[len(str(SH)):]
    return SH[name[:1].upper() + name[1:] + "ConstraintComponent"]


def _severity(shapes: Graph, shape: Node) -> URIRef:
    return shapes.value(shape, SH.severity) or SH.Violation


def _checks_of(shapes: Graph, shape: Node, targets: str) -> list[Check]:
    """The checks of one shape (a node shape or a property shape) over the focus nodes in `targets`."""
    if shapes.value(shape, SH.deactivated) == Literal(True):
        return []
    severity = _severity(shapes, shape)
    path = shapes.value(shape, SH.path)
    checks = []
    if path is None:
        for component, test in _shape_tests(shapes, shape):
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} BIND(?this AS ?value) FILTER (!{test}) }}"
            checks.append(Check(shape, component, None, severity, query))
        for property_shape in sorted(shapes.objects(shape, SH.property)):
            checks.extend(_checks_of(shapes, property_shape, targets))
        return checks
    if shapes.value(shape, SH.property) is not None:
        raise Unsupported(f"property shape {shape} with sh:property")
    sparql_path = _path(shapes, path)
    minimum, maximum = shapes.value(shape, SH.minCount), shapes.value(shape, SH.maxCount)
    if minimum is not None and int(minimum) > 0:
        query = (f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this {sparql_path} ?value }} }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) < {int(minimum)})")
        checks.append(Check(shape, SH.MinCountConstraintComponent, path, severity, query))
    if maximum is not None:
        query = (f"SELECT ?this WHERE {{ {targets} ?this {sparql_path} ?value }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?value) > {int(maximum)})")
        checks.append(Check(shape, SH.MaxCountConstraintComponent, path, severity, query))
    for component, test in _shape_tests(shapes, shape):
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} ?this {sparql_path} ?value . FILTER (!{test}) }}"
        checks.append(Check(shape, component, path, severity, query))
    return checks


@dataclass(frozen=True)
class CompiledShapes:
    checks: tuple[Check, ...]
    residual: Graph  # the shapes pyshacl still has to evaluate: everything not compiled keeps its targets
    residual_targets: bool  # whether the residual targets anything at all


def compile_shapes(shapes: Graph) -> CompiledShapes:
    residual = Graph()
    residual += shapes
    checks: list[Check] = []
    targeted = sorted({s for p in TARGETS for s in shapes.subjects(p, None)}, key=str)
    for shape in targeted:
        if (shape, RDF.type, RDFS.Class) in shapes:
            continue  # implicit class target: pyshacl's
        try:
            compiled = _checks_of(shapes, shape, _targets(shapes, shape))
        except Unsupported:
            continue
        checks.extend(compiled)
        for predicate in TARGETS:
            residual.remove((shape, predicate, None))
    residual_targets = any((None, p, None) in residual for p in TARGETS) or (None, RDF.type, RDFS.Class) in residual
    return CompiledShapes(tuple(checks), residual, residual_targets)


def evaluate(store: ox.Store, checks: tuple[Check, ...], shapes: Graph, results: Graph, focus: set | None) -> bool:
    """Add a sh:ValidationResult per failing (focus node, value) to `results`; returns whether any was a
    violation. With `focus`, only those nodes are checked (an edit checks the few nodes it touches)."""
    only = None
    if focus is not None and all(isinstance(node, URIRef) for node in focus):
        only = "VALUES ?this { " + " ".join(_term(node) for node in sorted(focus)) + " }\n"
    violated = False
    for check in checks:
        query = check.query if only is None else check.query.replace(FOCUS, only, 1)
        for row in store.query(query):
            focus_node = to_rdflib(row["this"])
            if focus is not None and focus_node not in focus:
                continue
            value = row["value"] if check.component not in (SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent) else None
            add_result(results, focus=focus_node, severity=check.severity, shape=check.shape, component=check.component,
                       value=None if value is None else to_rdflib(value), path=check.path, shapes=shapes)
            violated = violated or check.severity == SH.Violation
    return violated
