"""The validation report: one result per problem, messages filled in for a reader in nl or en.

Shapes write messages with two placeholders: `{label}` (the name of the node with the problem)
and `{value}` (the offending value). They are filled in here from the data itself, so that a
controller reads "Doel 'Schone wijken' heeft geen eigenaar", not an IRI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from doelgraaf.core.namespaces import DGSH, compact

LANGS = ("nl", "en")
SEVERITY_NAMES = {
    SH.Violation: ("Violation", "FOUT", "ERROR"),
    SH.Warning: ("Warning", "WAARSCHUWING", "WARNING"),
    SH.Info: ("Info", "INFO", "INFO"),
}


@dataclass
class ValidationResult:
    focus_node: Node
    severity: str  # "Violation" | "Warning" | "Info"
    path: str | None
    value: Node | None
    source_shape: Node
    rule: Node  # the shape or SPARQL constraint that was broken: the name tests and tools match on
    messages: dict[str, str]  # lang -> message with placeholders filled in
    focus_labels: dict[str, str]
    focus_kinds: dict[str, str]
    blocking: bool = False  # the rule refuses a write (dgsh:blocking in the shapes)

    def message(self, lang: str = "nl") -> str:
        return self.messages.get(lang) or self.messages.get("nl") or next(iter(self.messages.values()), "")

    def as_dict(self) -> dict:
        return {
            "focusNode": str(self.focus_node),
            "focusLabel": self.focus_labels,
            "severity": self.severity,
            "path": self.path,
            "value": None if self.value is None else str(self.value),
            "sourceShape": str(self.source_shape),
            "rule": str(self.rule),
            "blocking": self.blocking,
            "message": self.messages,
        }


@dataclass
class ValidationReport:
    """What the shapes found. `conforms` as SHACL says: no finding at all. Whether the data may be stored is
    `refused`: a blocking finding, or under `strict` any violation (docs/architecture.md, "What refuses a write")."""

    conforms: bool
    results: list[ValidationResult] = field(default_factory=list)
    graph: Graph | None = None  # the SHACL report graph, with messages filled in

    @property
    def blocking(self) -> list[ValidationResult]:
        return [r for r in self.results if r.blocking]

    def refused(self, strict: bool = False) -> bool:
        return bool(self.blocking) or (strict and bool(self.violations))

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    def as_json(self) -> str:
        return json.dumps(
            {
                "conforms": self.conforms,
                "blocking": len(self.blocking),
                "violations": len(self.violations),
                "warnings": len(self.warnings),
                "results": [r.as_dict() for r in self.results],
            },
            ensure_ascii=False,
            indent=2,
        )

    def as_text(self, lang: str = "nl") -> str:
        lines: list[str] = []
        by_focus: dict[Node, list[ValidationResult]] = {}
        for result in self.results:
            by_focus.setdefault(result.focus_node, []).append(result)
        for focus, results in by_focus.items():
            first = results[0]
            kind = first.focus_kinds.get(lang) or ""
            where = f" <{focus}>" if isinstance(focus, URIRef) else ""
            lines.append(f"{kind} {first.focus_labels[lang]}{where}".strip())
            for result in results:
                name = SEVERITY_NAMES[SH[result.severity]][1 if lang == "nl" else 2]
                if result.blocking:
                    name = "BLOKKEERT" if lang == "nl" else "BLOCKS"
                lines.append(f"  {name:<13} {result.message(lang)}")
        if lines:
            lines.append("")
        lines.append(self.summary(lang))
        return "\n".join(lines)

    def summary(self, lang: str = "nl") -> str:
        blocking = len(self.blocking)
        return {
            "nl": f"{len(self.violations)} fout(en), waarvan {blocking} blokkerend; {len(self.warnings)} waarschuwing(en): "
            + ("voldoet" if self.conforms else "voldoet niet"),
            "en": f"{len(self.violations)} violation(s), {blocking} of them blocking; {len(self.warnings)} warning(s): "
            + ("conforms" if self.conforms else "does not conform"),
        }[lang]

    def as_turtle(self) -> str:
        assert self.graph is not None
        return self.graph.serialize(format="turtle")


def _localname(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            return iri.rstrip(sep).rsplit(sep, 1)[-1]
    return iri


OF = {"nl": "van", "en": "of"}


def label_of(node: Node, graphs: list[Graph], lang: str, via_referrer: bool = True) -> str:
    """A name for a node in `lang`, falling back nl -> en -> any; an unnamed node is named by what
    refers to it ("streefwaarde van 'Aantal woningen'"), else by the end of its IRI."""
    if isinstance(node, Literal):
        # text where a number or year was asked reads as text: "61" (quoted), not 61
        plain = node.datatype in (None, XSD.string) and not node.language
        return f'"{node}"' if plain else str(node)
    own = _own_label(node, graphs, lang)
    if own is not None:
        return own
    if via_referrer:
        for graph in graphs[:1]:
            for subject, prop in graph.subject_predicates(node):
                if _own_label(subject, graphs, lang) is not None:
                    return f"{label_of(prop, graphs, lang, False)} {OF.get(lang, 'van')} '{label_of(subject, graphs, lang, False)}'"
    if isinstance(node, BNode):
        return {"nl": "(naamloos)", "en": "(unnamed)"}.get(lang, "(naamloos)")
    return _localname(str(node))


def _own_label(node: Node, graphs: list[Graph], lang: str) -> str | None:
    candidates: dict[str | None, str] = {}
    for graph in graphs:
        for prop in (RDFS.label, SKOS.prefLabel):
            for literal in graph.objects(node, prop):
                if isinstance(literal, Literal):
                    candidates.setdefault(literal.language, str(literal))
    for key in (lang, "nl", "en", None):
        if key in candidates:
            return candidates[key]
    return next(iter(candidates.values()), None)


def _templates(constraint: Node | None, shape: Node, shapes: Graph) -> dict[str, str]:
    """The sh:message texts per language: a SPARQL constraint's own, else its shape's."""
    for source in (constraint, shape):
        if source is None:
            continue
        found = {lit.language: str(lit) for lit in shapes.objects(source, SH.message) if isinstance(lit, Literal)}
        if found:
            return found
    return {}


def _value_text(node: Node | None, focus: Node, graphs: list[Graph], lang: str) -> str:
    # SHACL reports the focus node itself as the value when a rule has no offending value
    if node is None or node == focus:
        return {"nl": "geen", "en": "none"}[lang]
    if isinstance(node, Literal):
        # text where a number or year was asked reads as text: "61" (quoted), not 61
        plain = node.datatype in (None, XSD.string) and not node.language
        return f'"{node}"' if plain else str(node)
    notation = next((str(n) for g in graphs for n in g.objects(node, SKOS.notation)), None)
    name = label_of(node, graphs, lang)
    if notation and notation != name:
        return f"{notation} '{name}'"
    return f"'{name}'" if name != _localname(str(node)) else f"<{node}>"


def _kind_of(node: Node, graphs: list[Graph], lang: str) -> str:
    for graph in graphs:
        for cls in graph.objects(node, RDF.type):
            for background in graphs:
                for literal in background.objects(cls, RDFS.label):
                    if isinstance(literal, Literal) and literal.language == lang:
                        return literal[:1].upper() + literal[1:]
    return ""


def path_text(path: Node | None, graph: Graph) -> str | None:
    """A SHACL path as a short SPARQL-like string: dg:owner, ^dg:serves, dg:target/dg:year."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return compact(path)
    inverse = graph.value(path, SH.inversePath)
    if graph.value(path, RDF.first) is not None:  # a list is a sequence path (see core_constraints._path)
        return "/".join(path_text(p, graph) for p in Collection(graph, path))
    if inverse is not None:
        return "^" + path_text(inverse, graph)
    return str(path)


def build_report(results_graph: Graph, data: Graph, background: Graph, shapes: Graph) -> ValidationReport:
    """Turn a SHACL results graph (see results.py) into the report model, filling in the message placeholders."""
    graphs = [data, background]
    results: list[ValidationResult] = []
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        focus = results_graph.value(node, SH.focusNode)
        severity = SEVERITY_NAMES[results_graph.value(node, SH.resultSeverity)][0]
        path_node = results_graph.value(node, SH.resultPath)
        value = results_graph.value(node, SH.value)
        source_shape = results_graph.value(node, SH.sourceShape)
        labels = {lang: label_of(focus, graphs, lang) for lang in LANGS}
        constraint = results_graph.value(node, SH.sourceConstraint)
        templates = _templates(constraint, source_shape, shapes)
        messages = {}
        for lang in LANGS:
            template = templates.get(lang) or templates.get("nl") or ""
            value_text = _value_text(value, focus, graphs, lang)
            messages[lang] = template.replace("{label}", labels[lang]).replace("{value}", value_text)
        results_graph.remove((node, SH.resultMessage, None))
        for lang, text in messages.items():
            results_graph.add((node, SH.resultMessage, Literal(text, lang=lang)))
        results.append(
            ValidationResult(
                focus_node=focus,
                severity=severity,
                path=path_text(path_node, results_graph),
                value=value,
                source_shape=source_shape,
                rule=rule_of(constraint, source_shape),
                messages=messages,
                focus_labels=labels,
                focus_kinds={lang: _kind_of(focus, graphs, lang) for lang in LANGS},
                blocking=severity == "Violation" and (rule_of(constraint, source_shape), DGSH.blocking, Literal(True)) in shapes,
            )
        )
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    results.sort(key=lambda r: (order[r.severity], r.focus_labels["nl"].lower(), str(r.focus_node), r.messages["nl"]))
    return ValidationReport(conforms=not results, results=results, graph=results_graph)


def rule_of(constraint: Node | None, source_shape: Node) -> Node:
    """The rule a result broke, as tools and the shapes name it: the SPARQL constraint, else the shape."""
    return constraint if isinstance(constraint, URIRef) else source_shape
