"""One model of the data, read from the shapes: the kinds of things, their fields, and the sheet each
kind has in the spreadsheet template. The GraphQL object types, the mutation inputs and the template
are all made from this table (docs/architecture.md, section 5).

Fields follow the convention TopBraid and TriplyDB use: a node shape is a kind named after the shape
(dgsh:GoalShape -> Goal); each property shape with `sh:name` is a field; `sh:datatype` picks the
scalar, `sh:class`/`sh:node` the kind; `sh:maxCount 1` makes it single-valued and `sh:minCount 1`
required (any rule on the same path counts); `sh:description` documents it. Classes no node shape
targets (taakvelden, policy indicators, SDGs) are vocabulary concepts and share one `Concept` kind.

How a kind appears to people comes from shapes/forms.ttl: its IRI segment, its sheet and columns, and
whether GraphQL edits it. A column names the property shape it fills and takes predicate, list or
single value and cell type from there, so the sheet cannot disagree with the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, XSD

from doelgraaf.core.namespaces import DG, compact

DGF = Namespace("https://w3id.org/doelgraaf/forms#")

TEXT_PATHS = {RDFS.label, SKOS.prefLabel, DCTERMS.description, DCTERMS.title}
SCALARS = {
    XSD.decimal: "Decimal",
    XSD.gYear: "Int",
    XSD.integer: "Int",
    XSD.date: "Date",
    XSD.boolean: "Boolean",
    XSD.string: "String",
}
NUMBERS = {XSD.decimal, XSD.integer}
TYPE_KEYS = (SH.datatype, SH["class"], SH.node, SH["in"], SH["or"], SH.nodeKind)
MUNICIPALITY = "gemeente"  # reference target: a CBS code such as GM0629 stands for the municipality


@dataclass(frozen=True)
class FieldSpec:
    name: str
    predicate: URIRef
    inverse: bool
    kind: str  # "text" (language-tagged, lang argument) | "scalar" | "object" | "enum"
    scalar: str | None = None  # for kind == "scalar"
    values: tuple[URIRef, ...] = ()  # for kind == "enum": the sh:in IRIs
    target: str | None = None  # kind name of the values; "Concept" or "Resource" for vocabularies / mixed
    many: bool = True
    required: bool = False
    description: str = ""
    datatype: URIRef | None = None
    shape: URIRef | None = None  # the property shape


@dataclass(frozen=True)
class RowKind:
    """A value of a sheet's 'Soort' column: the classes (and role type) a row of that kind gets."""

    nl: str
    en: str
    types: tuple[URIRef, ...]
    role: URIRef | None = None
    slug: str | None = None  # IRI segment of this kind when not the sheet's own
    proper_name: bool = False  # names of people and outside organisations carry no language tag
    implied_by: str | None = None  # chosen when the Soort cell is empty and this column is filled
    aliases: tuple[str, ...] = ()

    def statements(self, node) -> list[tuple]:
        found = [(node, RDF.type, t) for t in self.types]
        return found + ([(node, DG.roleType, self.role)] if self.role is not None else [])


@dataclass(frozen=True)
class Column:
    id: str
    nl: str
    en: str
    type: str  # key iri kind text code year date decimal integer ref vocab value value_year
    predicate: URIRef | None = None
    lang: str | None = None  # of a text column; None: a plain literal
    multi: bool = False
    inverse: bool = False  # the row is the object: (target, predicate, row)
    targets: tuple[str, ...] = ()  # sheets a reference may point at, or MUNICIPALITY
    vocabulary: str | None = None  # the drop-down list of a concept column
    note: tuple[str, str] | None = None  # explanation for the header comment when the shapes have none
    field: FieldSpec | None = None

    @property
    def path(self) -> str | None:
        """The column's property as the validation report writes a path: dg:owner, ^dg:hasIndicator."""
        if self.predicate is None:
            return None
        return ("^" if self.inverse else "") + compact(self.predicate)


@dataclass(frozen=True)
class Sheet:
    name: str  # the Dutch sheet name in the workbook
    en: str
    noun: tuple[str, str]
    slug: str  # IRI segment: …/id/<GM>/<slug>/<key>
    kinds: tuple[RowKind, ...]
    columns: tuple[Column, ...]
    about: tuple[str, str]
    default_key: tuple[str, ...] = ("label",)  # columns a key is made of when the Sleutel cell is empty
    kind_required: bool = False  # otherwise an empty Soort cell means the last kind
    kinds_from: str | None = None  # the vocabulary whose concepts are this sheet's kinds (roles, documents)

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)

    def has(self, column_id: str) -> bool:
        return any(c.id == column_id for c in self.columns)


@dataclass(frozen=True)
class Kind:
    name: str
    shape: URIRef
    target_class: URIRef | None
    description: str
    noun: tuple[str, str]
    slug: str | None = None  # IRI segment of new things of this kind
    editable: bool = False  # GraphQL creates, changes and deletes them
    fields: tuple[FieldSpec, ...] = ()
    sheet: Sheet | None = None

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    def vocabulary_of(self, spec: FieldSpec) -> str | None:
        """The list a concept field's codes are looked up in (its column's drop-down list)."""
        columns = self.sheet.columns if self.sheet else ()
        return next((c.vocabulary for c in columns if c.field == spec and c.vocabulary), None)


@dataclass(frozen=True)
class Model:
    kinds: dict[str, Kind]
    sheets: tuple[Sheet, ...]  # in workbook order

    def sheet(self, name: str) -> Sheet:
        return next(s for s in self.sheets if s.name == name)


@lru_cache(maxsize=1)
def model() -> Model:
    from doelgraaf.catalogue.shared_graphs import shapes_graph

    return build_model(shapes_graph())


def _texts(graph: Graph, node, prop) -> dict[str, str]:
    return {lit.language: str(lit) for lit in graph.objects(node, prop) if isinstance(lit, Literal)}


def _bilingual(graph: Graph, node, prop=SH.description) -> str:
    texts = _texts(graph, node, prop)
    if "nl" in texts and "en" in texts:
        return f"{texts['nl']} / {texts['en']}"
    return texts.get("nl") or texts.get("en") or ""


def _pair(graph: Graph, node, prop) -> tuple[str, str] | None:
    texts = _texts(graph, node, prop)
    return (texts["nl"], texts["en"]) if texts else None


def _path(graph: Graph, path) -> tuple[URIRef, bool] | None:
    if isinstance(path, URIRef):
        return path, False
    inverse = graph.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return inverse, True
    return None  # sequence paths are validation-only


def _type_name(shape: URIRef) -> str:
    return str(shape).rsplit("#", 1)[-1].removesuffix("Shape")


def _list(graph: Graph, node, prop) -> list:
    head = graph.value(node, prop)
    return list(Collection(graph, head)) if head is not None else []


def build_model(shapes: Graph) -> Model:
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
    fields = {shape: _fields(shapes, shape, by_class, by_shape, by_predicate) for shape in node_shapes}
    # a kind without a sheet of its own has its rows in another kind's sheet (partners among the roles)
    sheet_of = {by_shape[s]: by_shape.get(shapes.value(s, DGF.rowsIn), by_shape[s]) for s in node_shapes}
    sheet_names = {by_shape[s]: str(shapes.value(s, DGF.sheet)) for s in node_shapes if shapes.value(s, DGF.sheet)}
    targets = {name: sheet_names[home] for name, home in sheet_of.items() if home in sheet_names}
    kinds = {}
    for shape in sorted(node_shapes):
        name = by_shape[shape]
        noun = _pair(shapes, shape, RDFS.label) or (name, name)
        slug = shapes.value(shape, DGF.slug)
        own = fields[shape]
        sheet = _sheet(shapes, shape, noun, str(slug), own, targets) if shapes.value(shape, DGF.sheet) else None
        kinds[name] = Kind(name, shape, shapes.value(shape, SH.targetClass), _bilingual(shapes, shape), noun,
                           str(slug) if slug is not None else None, bool(shapes.value(shape, DGF.editable)), own, sheet)
    order = {k.name: int(shapes.value(k.shape, DGF.sheetOrder)) for k in kinds.values() if k.sheet}
    sheets = tuple(kinds[name].sheet for name in sorted(order, key=order.get))
    return Model(kinds, sheets)


def _fields(shapes, shape, by_class, by_shape, by_predicate) -> tuple[FieldSpec, ...]:
    found = []
    properties = list(shapes.objects(shape, SH.property))
    for prop in sorted(properties, key=lambda p: (int(shapes.value(p, SH.order) or 99), str(p))):
        field_name = shapes.value(prop, SH.name)
        path = _path(shapes, shapes.value(prop, SH.path))
        if field_name is None or path is None:
            continue
        same_path = [p for p in properties if _path(shapes, shapes.value(p, SH.path)) == path]
        # the type may be stated by another rule on the same path (one that blocks a write, for instance)
        typed = next((p for p in [prop, *sorted(same_path)] if any(shapes.value(p, k) is not None for k in TYPE_KEYS)), prop)
        many = not any(int(shapes.value(p, SH.maxCount) or 2) <= 1 for p in same_path)
        required = any(
            int(shapes.value(p, SH.minCount) or 0) >= 1 and shapes.value(p, SH.severity) in (None, SH.Violation)
            for p in same_path
        )
        found.append(_field(shapes, prop, typed, str(field_name), path, many, required, by_class, by_shape, by_predicate))
    return tuple(found)


def _field(shapes, prop, typed, name, path, many, required, by_class, by_shape, by_predicate) -> FieldSpec:
    """The field of property shape `prop`, its type read from `typed` (prop itself, or a rule on the same path)."""
    predicate, inverse = path
    datatype = shapes.value(typed, SH.datatype)
    common = dict(name=name, predicate=predicate, inverse=inverse, many=many, required=required,
                  description=_bilingual(shapes, prop), datatype=datatype, shape=prop)
    node = shapes.value(typed, SH.node)
    if node is not None:
        return FieldSpec(kind="object", target=by_shape[node], **common)
    cls = shapes.value(typed, SH["class"])
    if cls is not None:
        return FieldSpec(kind="object", target=by_class.get(cls, "Concept"), **common)
    if not inverse and predicate in by_predicate:
        return FieldSpec(kind="object", target=by_predicate[predicate], **common)
    allowed = shapes.value(typed, SH["in"])
    if allowed is not None:
        return FieldSpec(kind="enum", values=tuple(Collection(shapes, allowed)), **common)
    alternatives = shapes.value(typed, SH["or"])
    if alternatives is not None:
        members = list(Collection(shapes, alternatives))
        datatypes = {shapes.value(m, SH.datatype) for m in members} - {None}
        if datatypes and datatypes <= {RDF.langString, XSD.string}:
            return FieldSpec(kind="text", **common)
        if datatypes and datatypes <= NUMBERS:  # a number, as decimal or integer: written as xsd:decimal
            return FieldSpec(kind="scalar", scalar="Decimal", **{**common, "datatype": XSD.decimal})
        if not datatypes:
            return FieldSpec(kind="object", target="Resource", **common)
    if datatype in (RDF.langString,) or (datatype is None and predicate in TEXT_PATHS):
        return FieldSpec(kind="text", **common)
    if datatype is not None:
        return FieldSpec(kind="scalar", scalar=SCALARS.get(datatype, "String"), **common)
    if shapes.value(typed, SH.nodeKind) == SH.IRI:
        return FieldSpec(kind="object", target="Concept", **common)
    return FieldSpec(kind="scalar", scalar="String", **common)


def snake_case(name: str) -> str:
    """goalsWithOwner -> goals_with_owner: the Python name of a shape's field (column ids, input attributes)."""
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _sheet(shapes, shape, noun, slug, fields, targets) -> Sheet:
    specs = {f.shape: f for f in fields}
    columns = tuple(_column(shapes, node, specs, targets) for node in _list(shapes, shape, DGF.columns))
    kinds = tuple(
        RowKind(*_pair(shapes, k, RDFS.label), (shapes.value(k, DGF["class"]),), implied_by=_optional(shapes.value(k, DGF.impliedBy)),
                aliases=tuple(sorted(str(a) for a in shapes.objects(k, DGF.alias))))
        for k in _list(shapes, shape, DGF.rowKinds)
    )
    target_class = shapes.value(shape, SH.targetClass)
    if shapes.value(shape, DGF.rowKindsFrom) is None:
        kinds += (RowKind("", "", (target_class,)),) if not any(k.types == (target_class,) for k in kinds) else ()
    key = tuple(str(k) for k in _list(shapes, shape, DGF.defaultKey)) or ("label",)
    return Sheet(str(_pair(shapes, shape, DGF.sheet)[0]), _pair(shapes, shape, DGF.sheet)[1], noun, slug, kinds, columns,
                 _pair(shapes, shape, DGF.about), key, bool(shapes.value(shape, DGF.kindRequired)),
                 _optional(shapes.value(shape, DGF.rowKindsFrom)))


def _optional(value) -> str | None:
    return None if value is None else str(value)


def _column(shapes, node, specs: dict, targets: dict) -> Column:
    nl, en = _pair(shapes, node, DGF.header)
    note = _pair(shapes, node, DGF.note)
    special = {DGF.Key: "key", DGF.Iri: "iri", DGF.Kind: "kind"}
    if node in special:
        return Column(special[node], nl, en, special[node], note=note)
    spec = specs.get(shapes.value(node, DGF.field))
    if shapes.value(node, DGF.field) is not None and spec is None:
        raise ValueError(f"forms.ttl: column '{nl}' names {shapes.value(node, DGF.field)}, which is no field of its shape")
    predicate, inverse = (spec.predicate, spec.inverse) if spec else _path(shapes, shapes.value(node, DGF.path))
    lang, part, vocabulary = (_optional(shapes.value(node, p)) for p in (DGF.lang, DGF.part, DGF.list))
    if part is not None:
        column_type = "value_year" if URIRef(part) == DG.year else "value"
    elif vocabulary is not None:
        column_type = "vocab"
    elif lang is not None or (spec is None and predicate in TEXT_PATHS):
        column_type = "text"
    elif spec is not None and spec.kind == "scalar":
        column_type = {"Decimal": "decimal", "Date": "date", "String": "code"}.get(spec.scalar) or (
            "year" if spec.datatype == XSD.gYear else "integer")
    else:
        column_type = "ref"
    column_id = _optional(shapes.value(node, DGF.id)) or snake_case(spec.name if spec else str(predicate).rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    column_id += "_en" if lang == "en" else "_year" if column_type == "value_year" else ""
    many = spec.many if spec else not shapes.value(node, DGF.single)
    explicit = tuple(str(t) for t in _list(shapes, node, DGF.targets))
    if column_type == "ref" and not explicit:
        if spec is None or spec.target not in targets:
            raise ValueError(f"forms.ttl: say with dgf:targets which sheets column '{nl}' may refer to")
        explicit = (targets[spec.target],)
    return Column(column_id, nl, en, column_type, predicate, lang=lang, multi=many and column_type in ("ref", "vocab"),
                  inverse=inverse, targets=explicit, vocabulary=vocabulary, note=note, field=spec)
