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

from doelgraaf.catalogue.model import FieldSpec, TypeSpec, type_specs
from doelgraaf.catalogue.ontology import subclasses
from doelgraaf.catalogue.shared_graphs import concept_graph, vocabulary_files
from doelgraaf.core.namespaces import RDF, SKOS
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


TYPES: dict[str, type] = {"Concept": Concept}
TYPE_OF_CLASS: dict[str, str] = {}
ENUMS: dict[str, type] = {}


def _notations() -> dict[str, str]:
    notation = str(SKOS.notation)
    return {
        quad.subject.value: quad.object.value
        for path in vocabulary_files().values()
        for quad in ox.parse(path=str(path))
        if quad.predicate.value == notation
    }


def enum_type(spec: FieldSpec) -> type:
    """A GraphQL enum for a field restricted by sh:in: members named by the concepts' skos:notation."""
    name = spec.name[:1].upper() + spec.name[1:]
    if name not in ENUMS:
        notations = _notations()
        members = {notations.get(str(iri), str(iri).rsplit("#", 1)[-1].upper()): str(iri) for iri in spec.values}
        ENUMS[name] = strawberry.enum(Enum(name, members), description=spec.description)
    return ENUMS[name]


def make(type_name: str, iri: str, parent_graph: str) -> Resource:
    """An object of a derived type; shared concepts are looked up in their vocabulary graph."""
    if type_name == "Concept":
        return Concept(id=iri, graph=concept_graph(iri) or parent_graph)
    return TYPES[type_name](id=iri, graph=parent_graph)


async def make_typed(info: Info, iri: str, parent_graph: str) -> Resource:
    """An object whose GraphQL type follows its rdf:type (for fields that allow several classes)."""
    graph = concept_graph(iri) or parent_graph
    props = await info.context.loaders.properties.load((iri, graph))
    for cls in props.get(RDF_TYPE, []):
        name = TYPE_OF_CLASS.get(cls.value)
        if name:
            return make(name, iri, parent_graph)
    return Concept(id=iri, graph=graph)


def _values_now(spec: FieldSpec, info: Info, root) -> list | None:
    """The field's values straight from the in-memory graph index when it is ready, else None."""
    index = info.context.ready_index(root.graph)
    if index is None:
        return None
    if spec.inverse:
        return index.incoming.get(root.id, {}).get(str(spec.predicate), [])
    return index.outgoing.get(root.id, {}).get(str(spec.predicate), [])


async def _values_later(spec: FieldSpec, info: Info, root) -> list:
    if spec.inverse:
        return await info.context.loaders.referrers.load((root.id, root.graph, str(spec.predicate)))
    return (await properties(info, root)).get(str(spec.predicate), [])


def _resolver(spec: FieldSpec, finish):
    """A resolver that answers at once from memory when it can (no coroutine per field: that was most of
    the time of a nested request), and through the batching loaders otherwise."""
    async def later(root, info, arguments):
        return finish(await _values_later(spec, info, root), root, **arguments)

    def resolve(root, info: Info, **arguments):
        now = _values_now(spec, info, root)
        return finish(now, root, **arguments) if now is not None else later(root, info, arguments)

    return resolve


def _plain(resolve):
    def field(root, info: Info):
        return resolve(root, info)

    return field


def _field(spec: FieldSpec):
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
        enum = enum_type(spec)

        def member(values, root):
            found = [enum(v.value) for v in values if isinstance(v, ox.NamedNode) and v.value in enum._value2member_map_]
            return found if spec.many else (found[0] if found else None)

        resolve = _resolver(spec, member)
        graphql_type = typing.List[enum] if spec.many else (enum if spec.required else typing.Optional[enum])
        return strawberry.field(resolver=_plain(resolve), description=spec.description,
                                graphql_type=graphql_type)

    if spec.kind == "scalar":
        python = SCALAR_TYPES[spec.scalar]
        is_money = str(spec.predicate) in MONEY_PREDICATES

        def scalar(values, root):
            converted = [to_scalar(v, spec.scalar) for v in values]
            converted = [money(c) if is_money else c for c in converted if c is not None]
            return converted if spec.many else (converted[0] if converted else None)

        resolve = _resolver(spec, scalar)
        graphql_type = typing.List[python] if spec.many else (python if spec.required else typing.Optional[python])
        return strawberry.field(resolver=_plain(resolve), description=spec.description,
                                graphql_type=graphql_type)

    def iris_of(values) -> list[str]:
        return sorted({v if isinstance(v, str) else v.value for v in values if isinstance(v, (str, ox.NamedNode))})

    if spec.target == "Resource":
        # which type each value gets depends on its rdf:type, which may need another lookup: always batched
        async def typed(root, info: Info):
            made = [await make_typed(info, iri, root.graph) for iri in iris_of(await _values_later(spec, info, root))]
            return made if spec.many else (made[0] if made else None)

        resolver, target = typed, Resource
    else:
        def objects(values, root):
            made = [make(spec.target, iri, root.graph) for iri in iris_of(values)]
            return made if spec.many else (made[0] if made else None)

        resolve = _resolver(spec, objects)
        resolver, target = _plain(resolve), TYPES[spec.target]
    graphql_type = typing.List[target] if spec.many else (target if spec.required else typing.Optional[target])
    return strawberry.field(resolver=resolver, description=spec.description, graphql_type=graphql_type)


def build_types(extra_fields) -> dict[str, type]:
    """Create every derived type; `extra_fields(types)` returns {type name: {field name: field}} to add."""
    specs: dict[str, TypeSpec] = type_specs()
    for name, spec in specs.items():
        TYPES[name] = type(name, (Resource,), {"__annotations__": {}, "__module__": __name__})
        if spec.target_class is not None:
            for cls in subclasses(str(spec.target_class)):
                TYPE_OF_CLASS.setdefault(cls, name)
    for name, spec in specs.items():
        cls = TYPES[name]
        for field_spec in spec.fields:
            setattr(cls, field_spec.name, _field(field_spec))
    for name, fields in extra_fields(TYPES).items():
        for field_name, field in fields.items():
            setattr(TYPES[name], field_name, field)
    for name, spec in specs.items():
        TYPES[name] = strawberry.type(TYPES[name], name=name, description=spec.description)
    return TYPES
