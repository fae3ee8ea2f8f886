"""The GraphQL schema: derived types, analytic fields, the entry points, and the mutations.

The SDL is committed as schema.graphql at the top of the repository; a test fails when the
code and that file drift apart (regenerate with `doelgraaf schema > schema.graphql`).
"""

import asyncio
import typing
from functools import lru_cache

import strawberry
from graphql import GraphQLError
from graphql.validation import ValidationRule
from strawberry.extensions import AddValidationRules, MaskErrors, MaxAliasesLimiter, MaxTokensLimiter
from strawberry.extensions.query_depth_limiter import create_validator
from strawberry.tools import merge_types
from strawberry.types import Info

from doelgraaf.analysis import listing
from doelgraaf.catalogue.model import Kind, model
from doelgraaf.catalogue.vocabularies import current, shipped_repository
from doelgraaf.core.codes import check_code
from doelgraaf.core.errors import UserError
from doelgraaf.core.terms import named_node
from doelgraaf.graphql import arguments, completeness, dashboards, proposals
from doelgraaf.graphql.analytics import extra_fields
from doelgraaf.graphql.comparisons import comparison_query
from doelgraaf.graphql.findings import ValidationReport
from doelgraaf.graphql.mutations import mutation_type
from doelgraaf.graphql.types import Resource, Types, build_types
from doelgraaf.store import QueryTimeout, StoreUnavailable
from doelgraaf.validation.municipality import municipality_report

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000


def base_query(types: Types) -> type:
    Municipality = types["Municipality"]

    def municipality_object(ref: listing.MunicipalityRef):
        return Municipality(id=ref.iri, graph=ref.graph)

    @strawberry.type
    class BaseQuery:
        @strawberry.field(description="Alle gemeenten (de 342 van het CBS en gemeenten met eigen gegevens) / All municipalities."
                                      " first: hoeveel / how many; after: code van de laatst ontvangen gemeente / code of the last one received.")
        async def municipalities(self, info: Info, first: typing.Optional[int] = None, after: typing.Optional[str] = None) -> typing.List[Municipality]:  # type: ignore[valid-type]
            refs = await info.context.municipalities()
            codes = listing.page([r.code for r in refs], first, None if after is None else check_code(after, "after"))
            by_code = {r.code: r for r in refs}
            return [municipality_object(by_code[c]) for c in codes]

        @strawberry.field(description="Eén gemeente op CBS-code, zoals GM0629 (gm0629 mag ook); een onbekende code is een fout "
                                      "(BAD_USER_INPUT), null dus alleen met een fout / One municipality by CBS code, such as GM0629 "
                                      "(gm0629 too); an unknown code is an error (BAD_USER_INPUT), so null only with an error.")
        async def municipality(self, info: Info, code: str) -> typing.Optional[Municipality]:  # type: ignore[valid-type]
            return municipality_object(await arguments.municipality(info, code, "code"))

        @strawberry.field(description="De SHACL-controle van de gegevens van een gemeente (CBS-code, hoofdletters of niet) / "
                                      "The SHACL check of a municipality's data (CBS code, any case).")
        async def validation(self, info: Info, municipality: str) -> ValidationReport:
            ref = await arguments.municipality(info, municipality, "municipality")
            report = await asyncio.to_thread(municipality_report, info.context.repository, ref.code)
            return ValidationReport(report=report)

        @strawberry.field(description="Eén ding op IRI, van welke soort ook / One thing by IRI, of whatever kind.")
        async def node(self, info: Info, id: strawberry.ID) -> typing.Optional[Resource]:
            iri = named_node(id, "id").value
            graph = await asyncio.to_thread(listing.home_graph, info.context.repository, iri)
            if graph is None:
                return None
            if iri.startswith(str(listing.MUNICIPALITY_PREFIX)):
                return Municipality(id=iri, graph=graph)
            return await types.make_typed(info, iri, graph)

    return BaseQuery


def _depth_limiter() -> AddValidationRules:
    """strawberry's depth limit, leaving a spread of an unknown fragment to graphql-core's own rule: strawberry's
    rule fails there with a bare KeyError, which reached the client as the message "'F'"."""
    measured = create_validator(MAX_DEPTH, None)

    class DepthLimit(measured):  # type: ignore[misc, valid-type]
        def __init__(self, context) -> None:
            try:
                super().__init__(context)
            except KeyError:  # KnownFragmentNamesRule reports the fragment; there is no depth to measure
                ValidationRule.__init__(self, context)

    return AddValidationRules([DepthLimit])


def _mask(error) -> bool:
    """Hide unexpected exceptions (no stack traces or SPARQL in responses); user errors pass."""
    original = getattr(error, "original_error", None)
    # GraphQL's own errors about the request (a variable of the wrong type) are the user's to read; a store that
    # cannot answer says what to do (its messages carry no query text, store/protocol.py)
    return original is not None and not isinstance(original, (UserError, GraphQLError, StoreUnavailable, QueryTimeout))


class Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Log only what is a bug: a user's mistake (UserError, a query that does not validate) is answered, not logged."""
        unexpected = [e for e in errors if getattr(e, "original_error", None) is not None
                      and (_mask(e) or isinstance(e.original_error, StoreUnavailable))]
        super().process_errors(unexpected, execution_context)


def _merged(*field_sets: dict) -> dict:
    """{type: {field: resolver}} of several modules together."""
    merged: dict = {}
    for fields in field_sets:
        for type_name, by_name in fields.items():
            merged.setdefault(type_name, {}).update(by_name)
    return merged


def build_schema(kinds: dict[str, Kind], notations: dict[str, str]) -> Schema:
    """The schema of a model: its object types with the analytic fields, the queries and the mutations.
    `notations` names the enum members (skos:notation of each concept an sh:in allows)."""
    types = build_types(kinds, notations, lambda types: _merged(extra_fields(types), completeness.extra_fields(types), dashboards.extra_fields(types)))
    proposal_query, proposal_mutation = proposals.proposal_api(types)
    return Schema(
        query=merge_types("Query", (base_query(types), comparison_query(types), completeness.completeness_query(types),
                                    dashboards.dashboards_query(types), proposal_query)),
        mutation=merge_types("Mutation", (mutation_type(kinds, types), proposal_mutation)),
        types=list(types.objects.values()),
        extensions=[
            _depth_limiter,
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: MaskErrors(should_mask_error=_mask, error_message="Interne fout / Internal error"),
        ],
    )


def schema_for(repository) -> Schema:
    """The schema over `repository`: its enum members are named by the store's vocabularies, so the schema
    is made again only when the concepts an enum allows get other notations."""
    vocabularies = current(repository)
    names = vocabularies.derived("enum names", lambda: vocabularies.notations(
        iri for kind in model().kinds.values() for spec in kind.fields for iri in spec.values))
    return _schema(tuple(sorted(names.items())))


@lru_cache(maxsize=4)
def _schema(notations: tuple[tuple[str, str], ...]) -> Schema:
    return build_schema(model().kinds, dict(notations))


def schema() -> Schema:
    """The schema of the running version, with its own vocabularies (the SDL file, the benchmarks)."""
    return schema_for(shipped_repository())


def sdl() -> str:
    return schema().as_str() + "\n"
