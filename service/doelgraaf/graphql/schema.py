"""The GraphQL schema: derived types, analytic fields, the entry points, and the mutations.

The SDL is committed as schema.graphql at the top of the repository; a test fails when the
code and that file drift apart (regenerate with `doelgraaf schema > schema.graphql`).
"""

import asyncio
import typing
from functools import lru_cache

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.tools import merge_types
from strawberry.types import Info

from doelgraaf.analysis import listing
from doelgraaf.core.codes import check_code
from doelgraaf.core.errors import UserError
from doelgraaf.core.terms import named_node
from doelgraaf.graphql.analytics import extra_fields
from doelgraaf.graphql.findings import ValidationReport
from doelgraaf.graphql.types import TYPES, Resource, build_types, make_typed
from doelgraaf.validation.municipality import municipality_report

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000

build_types(extra_fields)
Municipality = TYPES["Municipality"]

from doelgraaf.graphql.comparisons import ComparisonQuery  # noqa: E402  (needs the types built above)


def _municipality(ref: listing.MunicipalityRef):
    return Municipality(id=ref.iri, graph=ref.graph)


@strawberry.type
class BaseQuery:
    @strawberry.field(description="Alle gemeenten (de 342 van het CBS en gemeenten met eigen gegevens) / All municipalities."
                                  " first: hoeveel / how many; after: code van de laatst ontvangen gemeente / code of the last one received.")
    async def municipalities(self, info: Info, first: typing.Optional[int] = None, after: typing.Optional[str] = None) -> typing.List[Municipality]:  # type: ignore[valid-type]
        refs = await info.context.municipalities()
        codes = listing.page([r.code for r in refs], first, after)
        by_code = {r.code: r for r in refs}
        return [_municipality(by_code[c]) for c in codes]

    @strawberry.field(description="Eén gemeente op CBS-code, zoals GM0629 / One municipality by CBS code, such as GM0629.")
    async def municipality(self, info: Info, code: str) -> typing.Optional[Municipality]:  # type: ignore[valid-type]
        check_code(code)
        ref = await asyncio.to_thread(listing.find, info.context.repository, code)
        return _municipality(ref) if ref else None

    @strawberry.field(description="De SHACL-controle van de gegevens van een gemeente / The SHACL check of a municipality's data.")
    async def validation(self, info: Info, municipality: str) -> ValidationReport:
        check_code(municipality)
        report = await asyncio.to_thread(municipality_report, info.context.repository, municipality)
        return ValidationReport(report=report)

    @strawberry.field(description="Eén ding op IRI, van welke soort ook / One thing by IRI, of whatever kind.")
    async def node(self, info: Info, id: strawberry.ID) -> typing.Optional[Resource]:
        iri = named_node(id, "id").value
        graph = await asyncio.to_thread(listing.home_graph, info.context.repository, iri)
        if graph is None:
            return None
        if iri.startswith(str(listing.MUNICIPALITY_PREFIX)):
            return Municipality(id=iri, graph=graph)
        return await make_typed(info, iri, graph)


Query = merge_types("Query", (BaseQuery, ComparisonQuery))


def _mask(error) -> bool:
    """Hide unexpected exceptions (no stack traces or SPARQL in responses); user errors pass."""
    original = getattr(error, "original_error", None)
    # GraphQL's own errors about the request (a variable of the wrong type) are the user's to read
    return original is not None and not isinstance(original, (UserError, GraphQLError))


class Schema(strawberry.Schema):
    def process_errors(self, errors, execution_context=None) -> None:
        """Log only what is a bug: a user's mistake (UserError, a query that does not validate) is answered, not logged."""
        unexpected = [e for e in errors if getattr(e, "original_error", None) is not None and _mask(e)]
        super().process_errors(unexpected, execution_context)


@lru_cache(maxsize=1)
def schema() -> strawberry.Schema:
    from doelgraaf.graphql.mutations import Mutation

    return Schema(
        query=Query,
        mutation=Mutation,
        types=[t for t in TYPES.values()],
        extensions=[
            lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
            lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: MaskErrors(should_mask_error=_mask, error_message="Interne fout / Internal error"),
        ],
    )


def sdl() -> str:
    return schema().as_str() + "\n"
