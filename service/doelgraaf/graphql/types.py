"""The GraphQL object types, built from the shapes (see catalogue.model) when the schema is made.

Each node shape becomes a class implementing `Resource`; each `sh:name` field gets a resolver
that reads through the request's DataLoaders. Shared vocabulary concepts (taakvelden, SDGs,
policy indicators, roles) are one `Concept` type. Analytic fields are added by analytics.py.
"""

import datetime
import typing
from decimal import Decimal
from enum import Enum

import pyoxigraph as ox
import strawberry
from strawberry.types import Info

from doelgraaf.catalogue.model import FieldSpec, Kind
from doelgraaf.catalogue.ontology import subclasses
from doelgraaf.catalogue.shared_graphs import concept_graph
from doelgraaf.core.namespaces import RDF, SKOS
from doelgraaf.graphql.context import then
from doelgraaf.graphql.values import MONEY_PREDICATES, money, pick_text, to_scalar

RDF_TYPE = str(RDF.type)
SCALAR_TYPES = {"Decimal": Decimal, "Int": int, "Date": datetime.date, "Boolean": bool, "String": str}


@strawberry.interface(description="Iets met een IRI in de kennisgraaf / Anything with an IRI in the knowledge graph.")
class Resource:
    id: strawberry.ID = strawberry.field(description="De IRI / The IRI.")
    graph: strawberry.Private[str]


async def properties(info: Info, root: Resource) -> dict:
    return await info.context.loaders.properties.load((root.id, root.graph))


@strawberry.type(description="Een begrip uit een gedeelde vocabulaire: taakveld, beleidsindicator, SDG, rol, ... / "
                             "A concept of a shared vocabulary: taakveld, policy indicator, SDG, role, ...")
class Concept(Resource):
    @strawberry.field(description="Code (skos:notation), bijv. '0.10' of '27' / Code, e.g. '0.10' or '27'.")
    async def code(self, info: Info) -> typing.Optional[str]:
        values = (await properties(info, self)).get(str(SKOS.notation), [])
        return values[0].value if values else None

    @strawberry.field(description="Naam in de gevraagde taal (nl, anders en) / Name in the language asked (nl, else en).")
    async def label(self, info: Info, lang: str = "nl") -> typing.Optional[str]:
        props = await properties(info, self)
        return pick_text(props.get(str(SKOS.prefLabel), []) + props.get("http://www.w3.org/2000/01/rdf-schema#label", []), lang)

    @strawberry.field(description="Definitie / Definition.")
    async def definition(self, info: Info, lang: str = "nl") -> typing.Optional[str]:
        return pick_text((await properties(info, self)).get(str(SKOS.definition), []), lang)


class Types:
    """The object and enum types of one schema, as build_types made them from the model. Resolvers close
    over it, so nothing depends on which module was imported first."""

    def __init__(self, notations: dict[str, str]):
        self.objects: dict[str, type] = {"Concept": Concept}
        self.enums: dict[str, type] = {}
        self.of_class: dict[str, str] = {}
        self._notations = notations

    def __getitem__(self, name: str) -> type:
        return self.objects[name]

    def enum(self, spec: FieldSpec) -> type:
        """A GraphQL enum for a field restricted by sh:in: members named by the concepts' skos:notation."""
        name = spec.name[:1].upper() + spec.name[1:]
        if name not in self.enums:
            members = {self._notations.get(str(iri), str(iri).rsplit("#", 1)[-1].upper()): str(iri) for iri in spec.values}
            self.enums[name] = strawberry.enum(Enum(name, members), description=spec.description)
        return self.enums[name]

    def make(self, type_name: str, iri: str, parent_graph: str) -> Resource:
        """An object of a derived type; shared concepts are looked up in their vocabulary graph."""
        if type_name == "Concept":
            return Concept(id=iri, graph=concept_graph(iri) or parent_graph)
        return self.objects[type_name](id=iri, graph=parent_graph)

    async def make_typed(self, info: Info, iri: str, parent_graph: str) -> Resource:
        """An object whose GraphQL type follows its rdf:type (for fields that allow several classes)."""
        graph = concept_graph(iri) or parent_graph
        props = await info.context.loaders.properties.load((iri, graph))
        for cls in props.get(RDF_TYPE, []):
            name = self.of_class.get(cls.value)
            if name:
                return self.make(name, iri, parent_graph)
        return Concept(id=iri, graph=graph)


def _resolver(spec: FieldSpec, finish):
    """One resolver per field: the context gives the values (at once from memory when it can, through the
    batching loaders otherwise) and `finish` turns them into the field's value."""
    def resolve(root, info: Info, **arguments):
        return then(info.context.values(root, str(spec.predicate), spec.inverse), lambda values: finish(values, root, **arguments))

    return resolve


def _plain(resolve):
    def field(root, info: Info):
        return resolve(root, info)

    return field


# A real municipality's data may lack what the shapes require (docs/architecture.md §7: it is stored with its
# findings), so a single value is nullable in the API even when required: a missing owner is null, and the
# to-do list says it is missing, instead of an error that takes the whole goal with it.
MISSING = " Leeg als het ontbreekt (zie todo) / null when missing (see todo)."


def _graphql_type(python, spec: FieldSpec):
    return typing.List[python] if spec.many else typing.Optional[python]


def _description(spec: FieldSpec) -> str:
    return spec.description + (MISSING if spec.required and not spec.many else "")


def _field(spec: FieldSpec, types: Types):
    if spec.kind == "text":
        def text(values, root, lang: str = "nl"):
            found = pick_text(values, lang)
            return found if found is not None or not spec.required else ""

        resolve = _resolver(spec, text)

        def text_field(root, info: Info, lang: str = "nl") -> typing.Optional[str]:
            return resolve(root, info, lang=lang)

        return strawberry.field(resolver=text_field, description=spec.description,
                                graphql_type=str if spec.required else typing.Optional[str])

    if spec.kind == "enum":
        enum = types.enum(spec)

        def member(values, root):
            found = [enum(v.value) for v in values if isinstance(v, ox.NamedNode) and v.value in enum._value2member_map_]
            return found if spec.many else (found[0] if found else None)

        return strawberry.field(resolver=_plain(_resolver(spec, member)), description=_description(spec),
                                graphql_type=_graphql_type(enum, spec))

    if spec.kind == "scalar":
        is_money = str(spec.predicate) in MONEY_PREDICATES

        def scalar(values, root):
            converted = [to_scalar(v, spec.scalar) for v in values]
            converted = [money(c) if is_money else c for c in converted if c is not None]
            return converted if spec.many else (converted[0] if converted else None)

        return strawberry.field(resolver=_plain(_resolver(spec, scalar)), description=_description(spec),
                                graphql_type=_graphql_type(SCALAR_TYPES[spec.scalar], spec))

    def iris_of(values) -> list[str]:
        return sorted({v if isinstance(v, str) else v.value for v in values if isinstance(v, (str, ox.NamedNode))})

    if spec.target == "Resource":
        # which type each value gets depends on its rdf:type, which may need another lookup
        async def typed(values, root, info):
            made = [await types.make_typed(info, iri, root.graph) for iri in iris_of(values)]
            return made if spec.many else (made[0] if made else None)

        def resolve_typed(root, info: Info):
            return then(info.context.values(root, str(spec.predicate), spec.inverse), lambda values: typed(values, root, info))

        resolver, target = resolve_typed, Resource
    else:
        def objects(values, root):
            made = [types.make(spec.target, iri, root.graph) for iri in iris_of(values)]
            return made if spec.many else (made[0] if made else None)

        resolver, target = _plain(_resolver(spec, objects)), types[spec.target]
    return strawberry.field(resolver=resolver, description=_description(spec), graphql_type=_graphql_type(target, spec))


def build_types(kinds: dict[str, Kind], notations: dict[str, str], extra_fields) -> Types:
    """Every object type of the model; `extra_fields(types)` returns {type name: {field name: field}} to add
    (the analytic fields)."""
    types = Types(notations)
    classes = {name: type(name, (Resource,), {"__annotations__": {}, "__module__": __name__}) for name in kinds}
    types.objects.update(classes)
    for name, kind in kinds.items():
        if kind.target_class is not None:
            for cls in subclasses(str(kind.target_class)):
                types.of_class.setdefault(cls, name)
    for name, kind in kinds.items():
        for spec in kind.fields:
            setattr(classes[name], spec.name, _field(spec, types))
    for name, fields in extra_fields(types).items():
        for field_name, field in fields.items():
            setattr(classes[name], field_name, field)
    for name, kind in kinds.items():
        types.objects[name] = strawberry.type(classes[name], name=name, description=kind.description)
    return types
