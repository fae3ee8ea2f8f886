"""What the dashboards ask that no other field answers: the money flow of a year and phase, the years a
municipality has budget lines for, and which CBS datasets are loaded (analysis/money_flow.py, comparisons)."""

import asyncio
import typing
from decimal import Decimal
from enum import Enum

import pyoxigraph as ox
import strawberry
from strawberry.types import Info

from doelgraaf.analysis import comparisons, money_flow
from doelgraaf.catalogue.taakvelden import taakvelden
from doelgraaf.core.codes import code_order
from doelgraaf.core.namespaces import municipality_graph, vocabulary_graph
from doelgraaf.graphql import arguments
from doelgraaf.graphql.types import Concept, Types


@strawberry.enum(description="Soort stroom / Kind of flow.")
class FlowKind(Enum):
    PROGRAMME_MEASURE = strawberry.enum_value(money_flow.PROGRAMME_MEASURE, description="Programma naar maatregel / programme to measure.")
    MEASURE_GOAL = strawberry.enum_value(money_flow.MEASURE_GOAL, description="Maatregel naar doel, naar aandeel / measure to goal, by share.")
    PROGRAMME_GOAL = strawberry.enum_value(money_flow.PROGRAMME_GOAL, description="Eigen regels van een doel / a goal's own lines.")
    PROGRAMME_ITSELF = strawberry.enum_value(money_flow.PROGRAMME_ITSELF, description="Regels op het programma zelf / lines on the programme itself.")


@strawberry.type(description="Eén stroom geld / One flow of money.")
class FlowLink:
    kind: FlowKind
    source: typing.Optional[strawberry.ID] = strawberry.field(description="Programma of maatregel; leeg: geen programma (een doel buiten elk "
                                                                         "programma, een maatregel die geen doel dient) / Programme or measure; "
                                                                         "empty: no programme.")
    target: strawberry.ID = strawberry.field(description="Maatregel, doel, of (PROGRAMME_ITSELF) het programma / Measure, goal or the programme.")
    amount: Decimal = strawberry.field(description="Lasten in euro / Expenses in euros.")


@strawberry.type(description="Wie vraagt, volgens het token / Who is asking, by the token.")
class Caller:
    role: str = strawberry.field(description="anonymous, reader, editor, partner of admin")
    municipality: typing.Optional[str] = strawberry.field(description="De gemeente van een redacteur of partner / The municipality of an editor or partner.")
    organisation: typing.Optional[strawberry.ID] = strawberry.field(description="De organisatie van een partner / A partner's organisation.")


def _graph(root) -> ox.NamedNode:
    return ox.NamedNode(str(municipality_graph(root.id.rsplit("/", 1)[-1])))


def extra_fields(types: Types) -> dict[str, dict[str, object]]:
    Phase = types.enums["Phase"]

    @strawberry.type(description="Begrotingsjaar met de fasen waarvoor regels bestaan / Fiscal year with the phases that have lines.")
    class BudgetYear:
        year: int
        phases: typing.List[Phase]  # type: ignore[valid-type]

    async def flow(root, info: Info, year: int, phase: Phase) -> typing.List[FlowLink]:  # type: ignore[valid-type]
        links = await asyncio.to_thread(money_flow.money_flow, info.context.repository, _graph(root), arguments.year(year, "year"), ox.NamedNode(phase.value))
        return [FlowLink(kind=FlowKind(link.kind), source=link.source, target=link.target, amount=link.amount) for link in links]

    async def years(root, info: Info) -> typing.List[BudgetYear]:
        found = await asyncio.to_thread(money_flow.budget_years, info.context.repository, _graph(root))
        return [BudgetYear(year=year, phases=[member for member in Phase if member.value in phases]) for year, phases in sorted(found.items())]

    return {"Municipality": {
        "moneyFlow": strawberry.field(resolver=flow, description="Waar het geld heen gaat: de lasten van een jaar en fase van programma via "
                                                                 "maatregel naar doel; wat een programma verlaat is zijn kosten, wat een doel "
                                                                 "bereikt de zijne / Where the money goes: a year's expenses from programme "
                                                                 "through measure to goal; what leaves a programme is its cost."),
        "budgetYears": strawberry.field(resolver=years, description="De jaren met begrotingsregels, met hun fasen / The years with budget lines, with their phases."),
    }}


def dashboards_query(types: Types) -> type:
    Phase = types.enums["Phase"]
    by_name = {member.name: member for member in Phase}

    @strawberry.type(description="Een geladen CBS Iv3-dataset / A loaded CBS Iv3 dataset.")
    class CbsDataset:
        year: int
        phase: Phase = strawberry.field(description="ADOPTED (begroting) of REALISED (jaarrekening)")  # type: ignore[valid-type]
        codes: typing.List[str] = strawberry.field(description="De gemeenten erin (GM-codes) / The municipalities in it.")

    @strawberry.type
    class DashboardsQuery:
        @strawberry.field(description="Wie deze vraag stelt: zo toont een pagina alleen wat dit token mag / Who asks this question: "
                                      "so a page shows only what this token may do.")
        def caller(self, info: Info) -> Caller:
            principal = info.context.principal
            if principal is None:
                return Caller(role="anonymous", municipality=None, organisation=None)
            return Caller(role=principal.role, municipality=principal.municipality, organisation=principal.organisation)

        @strawberry.field(description="De geladen CBS Iv3-datasets, oudste eerst; leeg als er geen zijn / The loaded CBS Iv3 datasets, oldest first.")
        async def cbs_datasets(self, info: Info) -> typing.List[CbsDataset]:
            loaded = await asyncio.to_thread(comparisons.loaded_datasets, info.context.repository)
            return [CbsDataset(year=d.year, phase=by_name[d.phase], codes=d.codes) for d in loaded]

        @strawberry.field(description="De BBV-taakvelden, hoofdtaakvelden eerst in codevolgorde; met year: die in dat jaar gelden / "
                                      "The BBV taakvelden in code order; with year: those valid in that year.")
        async def taakvelden(self, info: Info, year: typing.Optional[int] = None) -> typing.List[Concept]:
            year = arguments.year(year, "year")
            vocabulary = await asyncio.to_thread(taakvelden, info.context.repository)
            chosen = [t for t in vocabulary.by_code.values() if year is None or t.main is None or t.valid_in(year)]
            graph = str(vocabulary_graph("taakvelden"))
            return [Concept(id=t.iri, graph=graph) for t in sorted(chosen, key=lambda t: code_order(t.code))]

    return DashboardsQuery
