"""Hand-written fields on the derived types: cost, progress, lists with filters, document history.

These answer the questions information managers ask (what does it cost, are we on target, which
measures serve which goal) on top of the fields the shapes give.
"""

import asyncio
import typing
from decimal import Decimal
from enum import Enum

import pyoxigraph as ox
import strawberry
from strawberry.types import Info

from doelgraaf.analysis import listing
from doelgraaf.analysis.cost import Cost as CostValue
from doelgraaf.analysis.cost import year_literal
from doelgraaf.analysis.progress import Point, progress
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.namespaces import DG, RDF, municipality_graph
from doelgraaf.graphql import arguments
from doelgraaf.graphql.types import Concept, Resource, Types, properties
from doelgraaf.graphql.values import money, to_scalar

FILTER_DOC = (" Een programma, eigenaar, doel of funds: het id, de code (programmanummer) of het laatste deel van het id binnen deze "
              "gemeente (wethouder-wonen); taakveld: BBV-code of id, een hoofdtaakveld ('6') telt al zijn taakvelden; wat niets aanwijst "
              "is een fout / A programme, owner, goal or funds: the id, the code (programme number) or the last part of the id within "
              "this municipality; taakveld: BBV code or id, a main taakveld ('6') takes all its taakvelden; what names nothing is an error.")
PAGE_ARGS = ("first: hoeveel (max 1000) / how many; after: id van het laatst ontvangen item, een id dat niet in de lijst staat is een fout "
             "/ id of the last item received, an id not in the list is an error")


@strawberry.type(description="Lasten, baten en saldo in euro, in een jaar en fase. null is geen gegevens, geen nul: er is geen enkele "
                             "begrotingsregel om op te tellen / Expenses, revenues and net cost in euros, in a year and phase. null is "
                             "no data, not zero: there is no budget line at all to add up.")
class Cost:
    expenses: typing.Optional[Decimal] = strawberry.field(
        description="Lasten; null: geen lastenregels voor dat jaar en die fase / Expenses; null: no expense lines for that year and phase.")
    revenues: typing.Optional[Decimal] = strawberry.field(
        description="Baten; null: geen batenregels voor dat jaar en die fase / Revenues; null: no revenue lines for that year and phase.")
    net: typing.Optional[Decimal] = strawberry.field(
        description="Lasten min baten (positief: kost geld), een kant zonder regels telt als 0; null: geen enkele regel voor dat jaar en "
                    "die fase / Expenses minus revenues (positive: costs money), a side without lines counting as 0; null: no line at "
                    "all for that year and phase.")

    @staticmethod
    def of(value: CostValue) -> "Cost":
        return Cost(expenses=money(value.expenses), revenues=money(value.revenues), net=money(value.net))


@strawberry.enum(description="Bereikt, op koers, achter, of geen gegevens / Achieved, on track, behind, or no data.")
class ProgressStatus(Enum):
    ACHIEVED = "ACHIEVED"
    ON_TRACK = "ON_TRACK"
    BEHIND = "BEHIND"
    NO_DATA = "NO_DATA"


@strawberry.type(description="Laatste meting tegen nulmeting en streefwaarde / Latest observation against baseline and target.")
class IndicatorProgress:
    status: ProgressStatus
    latest_year: typing.Optional[int] = strawberry.field(description="Jaar van de laatste meting / Year of the latest observation.")
    latest_value: typing.Optional[Decimal] = strawberry.field(description="Laatste gemeten waarde / Latest observed value.")
    fraction: typing.Optional[Decimal] = strawberry.field(
        description="Afgelegd deel van de weg van nulmeting (0) naar streefwaarde (1) / Share of the way from baseline (0) to target (1) covered."
    )
    expected: typing.Optional[Decimal] = strawberry.field(
        description="Deel dat volgens de tijd bereikt zou moeten zijn / Share the calendar asks for by the latest year."
    )


def _optional(value, convert):
    """A filter argument as a term, or None (no filter) when it was not given; "" is given, and refused."""
    return None if value is None else convert(value)


def _data_graph(municipality: Resource) -> str:
    """The graph of a municipality's own data: graph/<GM-code>, whatever graph describes the municipality."""
    return str(municipality_graph(municipality.id.rsplit("/", 1)[-1]))


async def _in_thread(function, *args, **kwargs):
    return await asyncio.to_thread(function, *args, **kwargs)


def _cost_field(kind: str, noun: tuple[str, str], Phase, graph_of=lambda root: root.graph):  # noqa: N803  (a GraphQL type, named as in the schema)
    async def resolve(root, info: Info, year: int, phase: Phase) -> Cost:  # type: ignore[valid-type]
        loader = info.context.loaders.cost(kind, graph_of(root), arguments.year(year, "year"), phase.value)
        return Cost.of(await loader.load(root.id))

    return strawberry.field(resolver=resolve, description=f"Kosten van {noun[0]}, in een jaar (vier cijfers) en fase; null per richting "
                                                          f"als er geen regel is / Cost of {noun[1]}, in a year (four digits) and phase; "
                                                          f"null per direction when there is no line.")


def _point(props: dict) -> Point | None:
    value = next((to_scalar(v, "Decimal") for v in props.get(str(DG.value), [])), None)
    year = next((to_scalar(v, "Int") for v in props.get(str(DG.year), [])), None)
    return Point(year, value) if value is not None and year is not None else None


def extra_fields(types: Types) -> dict[str, dict[str, object]]:
    Goal, Measure, Programme, Indicator, BudgetLine = (types[n] for n in ("Goal", "Measure", "Programme", "Indicator", "BudgetLine"))
    Phase, Direction = types.enums["Phase"], types.enums["Direction"]

    async def _list(info: Info, type_name: str, compute, first, after, graph: str, *args, **filters):
        if all(v is None for v in filters.values()) and info.context.ready_index(graph) is not None:
            iris = compute(info.context.repository, graph, *args)  # from memory: no thread, no query
        else:
            iris = await _in_thread(compute, info.context.repository, graph, *args, **filters)
        return [types.make(type_name, iri, graph) for iri in listing.page(iris, first, after)]

    async def goals(
        root, info: Info,
        programme: typing.Optional[strawberry.ID] = None, owner: typing.Optional[strawberry.ID] = None,
        sdg: typing.Optional[int] = None, taakveld: typing.Optional[str] = None,
        first: typing.Optional[int] = None, after: typing.Optional[strawberry.ID] = None,
    ) -> typing.List[Goal]:  # type: ignore[valid-type]
        graph = _data_graph(root)
        return await _list(
            info, "Goal", listing.goals, first, after, graph,
            programme=await arguments.key(info, graph, programme, arguments.PROGRAMME, "programme"),
            owner=await arguments.key(info, graph, owner, arguments.OWNER, "owner"),
            sdg=arguments.sdg(sdg, "sdg"), taakveld=await arguments.taakveld(info, taakveld, "taakveld"),
        )

    async def measures(
        root, info: Info,
        goal: typing.Optional[strawberry.ID] = None, programme: typing.Optional[strawberry.ID] = None,
        owner: typing.Optional[strawberry.ID] = None, taakveld: typing.Optional[str] = None,
        first: typing.Optional[int] = None, after: typing.Optional[strawberry.ID] = None,
    ) -> typing.List[Measure]:  # type: ignore[valid-type]
        graph = _data_graph(root)
        return await _list(
            info, "Measure", listing.measures, first, after, graph,
            goal=await arguments.key(info, graph, goal, arguments.GOAL, "goal"),
            programme=await arguments.key(info, graph, programme, arguments.PROGRAMME, "programme"),
            owner=await arguments.key(info, graph, owner, arguments.OWNER, "owner"), taakveld=await arguments.taakveld(info, taakveld, "taakveld"),
        )

    async def budget_lines(
        root, info: Info,
        year: typing.Optional[int] = None, phase: typing.Optional[Phase] = None,  # type: ignore[valid-type]
        direction: typing.Optional[Direction] = None, taakveld: typing.Optional[str] = None,  # type: ignore[valid-type]
        funds: typing.Optional[strawberry.ID] = None,
        first: typing.Optional[int] = None, after: typing.Optional[strawberry.ID] = None,
    ) -> typing.List[BudgetLine]:  # type: ignore[valid-type]
        graph = _data_graph(root)
        return await _list(
            info, "BudgetLine", listing.budget_lines, first, after, graph,
            year=_optional(arguments.year(year, "year"), year_literal), phase=_optional(phase, lambda v: ox.NamedNode(v.value)),
            direction=_optional(direction, lambda v: ox.NamedNode(v.value)), taakveld=await arguments.taakveld(info, taakveld, "taakveld"),
            funded=await arguments.key(info, graph, funds, arguments.FUNDED, "funds"),
        )

    def of_type(type_name: str, cls, noun: str):
        async def resolve(root, info: Info, first: typing.Optional[int] = None, after: typing.Optional[strawberry.ID] = None):
            return await _list(info, type_name, listing.of_type, first, after, _data_graph(root), str(cls))

        return strawberry.field(resolver=resolve, graphql_type=typing.List[types[type_name]],
                                description=f"{noun}. {PAGE_ARGS}.")

    async def population(root, info: Info, year: typing.Optional[int] = None) -> typing.Optional[int]:
        arguments.year(year, "year")
        counts = await info.context.loaders.population.load(root.id)
        if not counts:
            return None
        return counts.get(year) if year is not None else counts[max(counts)]

    async def kind(root, info: Info) -> typing.Optional[str]:
        types_ = {t.value for t in (await properties(info, root)).get(str(RDF.type), [])}
        if str(DG.EffectIndicator) in types_:
            return "EFFECT"
        if str(DG.OutputIndicator) in types_:
            return "OUTPUT"
        return None

    async def indicator_progress(root, info: Info, year: typing.Optional[int] = None) -> IndicatorProgress:
        arguments.year(year, "year")
        props = await properties(info, root)
        ends = {}
        for name in ("baseline", "target"):
            node = next(iter(props.get(str(DG[name]), [])), None)
            ends[name] = _point(await info.context.loaders.properties.load((node.value, root.graph))) if node else None
        observation_iris = await info.context.loaders.referrers.load((root.id, root.graph, str(DG.indicator)))
        observations = [
            _point(p) for p in await info.context.loaders.properties.load_many([(o, root.graph) for o in observation_iris])
        ]
        result = progress(ends["baseline"], ends["target"], [o for o in observations if o], year)
        return IndicatorProgress(
            status=ProgressStatus[result.status], latest_year=result.latest.year if result.latest else None,
            latest_value=result.latest.value if result.latest else None, fraction=result.fraction, expected=result.expected,
        )

    async def is_partner_initiative(root, info: Info) -> bool:
        return any(t.value == str(DG.PartnerInitiative) for t in (await properties(info, root)).get(str(RDF.type), []))

    async def document_kind_field(root, info: Info) -> typing.Optional[Concept]:
        vocabularies = await asyncio.to_thread(current, info.context.repository)
        for cls in (await properties(info, root)).get(str(RDF.type), []):
            concept = vocabularies.document_kind(cls.value)
            if concept:
                return types.make("Concept", concept, root.graph)
        return None

    async def stated(root, info: Info) -> typing.List[Resource]:
        iris = await info.context.loaders.referrers.load((root.id, root.graph, str(DG.statedIn)))
        return [await types.make_typed(info, iri, root.graph) for iri in iris]

    async def withdrawn(root, info: Info) -> typing.List[Measure]:  # type: ignore[valid-type]
        iris = await info.context.loaders.referrers.load((root.id, root.graph, str(DG.withdrawnIn)))
        return [types.make("Measure", iri, root.graph) for iri in iris]

    Municipality = types["Municipality"]

    async def goal_municipality(root, info: Info) -> typing.Optional[Municipality]:  # type: ignore[valid-type]
        code = root.graph.rsplit("/", 1)[-1]
        ref = await asyncio.to_thread(listing.find, info.context.repository, code)
        return Municipality(id=ref.iri, graph=ref.graph) if ref else None

    page_doc = f" {PAGE_ARGS}."
    return {
        "Municipality": {
            "population": strawberry.field(resolver=population, description="Inwoners op 1 januari van het jaar (standaard het laatst bekende); "
                                                                            "null: geen inwonertal voor dat jaar / Inhabitants on 1 January of the "
                                                                            "year (default: the latest known); null: no count for that year."),
            "cost": _cost_field("municipality", ("de gemeente: al haar begrotingsregels, ook die niets financieren",
                                                 "the municipality: all its budget lines, those funding nothing included"), Phase, _data_graph),
            "goals": strawberry.field(resolver=goals, description="Doelen, te filteren op programma, eigenaar, SDG (1-17) en taakveld / Goals, filtered by programme, owner, SDG (1-17) and taakveld." + FILTER_DOC + page_doc),
            "measures": strawberry.field(resolver=measures, description="Maatregelen en initiatieven, te filteren op doel, programma, eigenaar en taakveld / Measures and initiatives, filtered by goal, programme, owner and taakveld." + FILTER_DOC + page_doc),
            "budgetLines": strawberry.field(resolver=budget_lines, description="Begrotingsregels, te filteren op jaar, fase, richting, taakveld en wat ze financieren (funds) / Budget lines, filtered by year, phase, direction, taakveld and what they fund." + FILTER_DOC + page_doc),
            "programmes": of_type("Programme", DG.Programme, "Programma's / Programmes"),
            "indicators": of_type("Indicator", DG.Indicator, "Indicatoren / Indicators"),
            "challenges": of_type("SocietalChallenge", DG.SocietalChallenge, "Maatschappelijke opgaven / Societal challenges"),
            "trends": of_type("Trend", DG.Trend, "Trends en ontwikkelingen / Trends and developments"),
            "dataSessions": of_type("DataSession", DG.DataSession, "Datasessies met de raad / Data sessions with the council"),
            "documents": of_type("PlanningDocument", DG.PlanningDocument, "P&C-documenten / Planning and control documents"),
            "partners": of_type("SocietalPartner", DG.SocietalPartner, "Maatschappelijke partners / Societal partners"),
            "portfolioHolders": of_type("PortfolioHolder", DG.PortfolioHolder, "Portefeuillehouders: wie eigenaar van een doel kan zijn / Portfolio holders: who can own a goal"),
            "observations": of_type("Observation", DG.Observation, "Metingen / Observations"),
        },
        "Goal": {
            "cost": _cost_field("goal", ("het doel: eigen regels plus het aandeel in de maatregelen die het dienen", "the goal: its own lines plus its share of the measures serving it"), Phase),
            "municipality": strawberry.field(resolver=goal_municipality, description="De gemeente van dit doel / The municipality of this goal."),
        },
        "Measure": {
            "cost": _cost_field("measure", ("de maatregel", "the measure"), Phase),
            "isPartnerInitiative": strawberry.field(resolver=is_partner_initiative, description="Initiatief van een maatschappelijke partner (cocreatie) / Initiative of a societal partner (co-creation)."),
        },
        "Programme": {"cost": _cost_field("programme", ("het programma: eigen regels plus de kosten van zijn doelen", "the programme: its own lines plus the cost of its goals"), Phase)},
        "Indicator": {
            "kind": strawberry.field(resolver=kind, description="EFFECT (effectindicator) of OUTPUT (prestatie-indicator) / EFFECT or OUTPUT indicator."),
            "progress": strawberry.field(resolver=indicator_progress, description="Voortgang tot en met een jaar (standaard de laatste meting) / Progress up to a year (default: the latest observation)."),
        },
        "PlanningDocument": {
            "kind": strawberry.field(resolver=document_kind_field, description="Soort document (coalitieakkoord, kadernota, ...) / Kind of document."),
            "stated": strawberry.field(resolver=stated, description="Wat dit document vastlegde: doelen, maatregelen, bedragen, metingen / What this document stated."),
            "withdrawnMeasures": strawberry.field(resolver=withdrawn, description="Maatregelen die in dit document zijn beëindigd of vervangen / Measures ended or replaced in this document."),
        },
    }
