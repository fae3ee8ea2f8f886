"""What the GraphQL object types look like, read from the SHACL node shapes.

Convention (as TopBraid and TriplyDB use it): a node shape is a type named after the shape
(dgsh:GoalShape -> Goal); each property shape with `sh:name` is a field; `sh:datatype` picks
the scalar, `sh:class`/`sh:node` the object type; `sh:maxCount 1` makes it single-valued and
`sh:minCount 1` non-null (any rule on the same path counts); `sh:description` documents it.
Classes that no node shape targets (taakvelden, policy indicators, SDGs) are vocabulary
concepts and share one `Concept` type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, XSD

TEXT_PATHS = {RDFS.label, SKOS.prefLabel, DCTERMS.description, DCTERMS.title}
SCALARS = {
    XSD.decimal: "Decimal",
    XSD.gYear: "Int",
    XSD.integer: "Int",
    XSD.date: "Date",
    XSD.boolean: "Boolean",
    XSD.string: "String",
}


@dataclass
class FieldSpec:
    name: str
    predicate: URIRef
    inverse: bool
    kind: str  # "text" (language-tagged, lang argument) | "scalar" | "object" | "enum"
    scalar: str | None = None  # for kind == "scalar"
    values: list[URIRef] = field(default_factory=list)  # for kind == "enum": the sh:in IRIs
    target: str | None = None  # object type name; "Concept" or "Resource" for vocabularies / mixed
    many: bool = True
    required: bool = False
    description: str = ""


@dataclass
class TypeSpec:
    name: str
    shape: URIRef
    target_class: URIRef | None
    description: str
    fields: list[FieldSpec] = field(default_factory=list)


def _bilingual(graph: Graph, node, prop=SH.description) -> str:
    texts = {lit.language: str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}
    if "nl" in texts and "en" in texts:
        return f"{texts['nl']} / {texts['en']}"
    return texts.get("nl") or texts.get("en") or ""


def _path(graph: Graph, path) -> tuple[URIRef, bool] | None:
    if isinstance(path, URIRef):
        return path, False
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return inverse, True
    return None  # sequence paths are validation-only


def _type_name(shape: URIRef) -> str:
    return str(shape).rsplit("#", 1)[-1].removesuffix("Shape")


@lru_cache(maxsize=1)
def type_specs() -> dict[str, TypeSpec]:
    from doelgraaf.catalogue.shared_graphs import shapes_graph

    return build_type_specs(shapes_graph())


def build_type_specs(shapes: Graph) -> dict[str, TypeSpec]:
    node_shapes = [
        s for s in shapes.subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef) and any(
            shapes.value(p, SH.name) is not None for p in shapes.objects(s, SH.property)
        )
    ]
    by_class = {shapes.value(s, SH.targetClass): _type_name(s) for s in node_shapes if shapes.value(s, SH.targetClass)}
    by_shape = {s: _type_name(s) for s in node_shapes}
    # values of a property that a node shape targets (sh:targetObjectsOf) have that shape's type
    by_predicate = {p: _type_name(s) for s in node_shapes for p in shapes.objects(s, SH.targetObjectsOf)}
    specs: dict[str, TypeSpec] = {}
    for shape in sorted(node_shapes):
        name = by_shape[shape]
        spec = TypeSpec(name, shape, shapes.value(shape, SH.targetClass), _bilingual(shapes, shape))
        properties = list(shapes.objects(shape, SH.property))
        for prop in sorted(properties, key=lambda p: (int(shapes.value(p, SH.order) or 99), str(p))):
            field_name = shapes.value(prop, SH.name)
            path = _path(shapes, shapes.value(prop, SH.path))
            if field_name is None or path is None:
                continue
            same_path = [p for p in properties if _path(shapes, shapes.value(p, SH.path)) == path]
            many = not any(int(shapes.value(p, SH.maxCount) or 2) <= 1 for p in same_path)
            required = any(
                int(shapes.value(p, SH.minCount) or 0) >= 1 and shapes.value(p, SH.severity) in (None, SH.Violation)
                for p in same_path
            )
            spec.fields.append(
                _field(shapes, prop, str(field_name), path, many, required, by_class, by_shape, by_predicate)
            )
        specs[name] = spec
    return specs


def _field(shapes, prop, name, path, many, required, by_class, by_shape, by_predicate) -> FieldSpec:
    predicate, inverse = path
    common = dict(name=name, predicate=predicate, inverse=inverse, many=many, required=required,
                  description=_bilingual(shapes, prop))
    node = shapes.value(prop, SH.node)
    if node is not None:
        return FieldSpec(kind="object", target=by_shape[node], **common)
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        return FieldSpec(kind="object", target=by_class.get(cls, "Concept"), **common)
    if not inverse and predicate in by_predicate:
        return FieldSpec(kind="object", target=by_predicate[predicate], **common)
    allowed = shapes.value(prop, SH["in"])
    if allowed is not None:
        return FieldSpec(kind="enum", values=list(Collection(shapes, allowed)), **common)
    alternatives = shapes.value(prop, SH["or"])
    if alternatives is not None:
        members = list(Collection(shapes, alternatives))
        datatypes = {shapes.value(m, SH.datatype) for m in members} - {None}
        if datatypes and datatypes <= {RDF.langString, XSD.string}:
            return FieldSpec(kind="text", **common)
        if not datatypes:
            return FieldSpec(kind="object", target="Resource", **common)
    datatype = shapes.value(prop, SH.datatype)
    if datatype in (RDF.langString,) or (datatype is None and predicate in TEXT_PATHS):
        return FieldSpec(kind="text", **common)
    if datatype is not None:
        return FieldSpec(kind="scalar", scalar=SCALARS.get(datatype, "String"), **common)
    if shapes.value(prop, SH.nodeKind) == SH.IRI:
        return FieldSpec(kind="object", target="Concept", **common)
    return FieldSpec(kind="scalar", scalar="String", **common)
