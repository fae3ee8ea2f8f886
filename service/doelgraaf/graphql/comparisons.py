"""Comparing municipalities in GraphQL: benchmark, peer groups, across years, policy indicators, shared goals."""

import asyncio
import typing
from decimal import Decimal

import strawberry
from strawberry.types import Info

from doelgraaf.analysis import comparisons
from doelgraaf.catalogue.taakvelden import taakvelden
from doelgraaf.core.codes import check_code
from doelgraaf.core.namespaces import municipality_iri, vocabulary_graph
from doelgraaf.graphql.types import Concept, Types

VOCABULARY = str(vocabulary_graph("gemeenten"))


def comparison_query(types: Types) -> type:
    """The comparison entry points of the Query type, over the object types of one schema."""
    Phase, Direction = types.enums["Phase"], types.enums["Direction"]
    Municipality, Goal = types["Municipality"], types["Goal"]


    async def _municipalities(info: Info):
        """code -> Municipality object, described in the vocabulary or (the demo) in its own graph."""
        refs = await info.context.municipalities()
        found = {r.code: Municipality(id=r.iri, graph=r.graph) for r in refs}

        def get(code: str):
            return found.get(code) or Municipality(id=str(municipality_iri(code)), graph=VOCABULARY)

        return get


    @strawberry.input(description="Vergelijkingsgroep; criteria gelden samen / Peer group; criteria combine.")
    class PeerGroup:
        codes: typing.Optional[typing.List[str]] = strawberry.field(default=None, description="Expliciete GM-codes / Explicit GM codes.")
        same_province_as: typing.Optional[str] = strawberry.field(default=None, description="Zelfde provincie als deze gemeente (GM-code) / Same province as this municipality.")
        same_size_class_as: typing.Optional[str] = strawberry.field(default=None, description="Zelfde CBS-grootteklasse als deze gemeente / Same CBS size class as this municipality.")
        province: typing.Optional[str] = strawberry.field(default=None, description="Provincie (naam of code, bijv. 'Zuid-Holland' of 'PV28') / Province (name or code).")
        size_class: typing.Optional[str] = strawberry.field(default=None, description="CBS-grootteklasse, bijv. '20000tot50000inwoners' / CBS size class.")

        def criteria(self) -> comparisons.Peers:
            for code in [*(self.codes or []), *(c for c in (self.same_province_as, self.same_size_class_as) if c)]:
                check_code(code)
            return comparisons.Peers(tuple(self.codes or ()), self.same_province_as, self.same_size_class_as, self.province, self.size_class)


    @strawberry.type(description="Eén gemeente in een vergelijking / One municipality in a comparison.")
    class BenchmarkRow:
        municipality: Municipality  # type: ignore[valid-type]
        amount: Decimal = strawberry.field(description="Bedrag in euro (CBS Iv3) / Amount in euros.")
        inhabitants: typing.Optional[int] = strawberry.field(description="Inwoners op 1 januari van dat jaar / Inhabitants on 1 January of that year.")
        per_inhabitant: typing.Optional[Decimal] = strawberry.field(description="Euro per inwoner van dat jaar / Euros per inhabitant of that year.")
        rank: int = strawberry.field(description="1 = hoogste (per inwoner als perInhabitant) / 1 = highest.")


    @strawberry.type(description="Spreiding in een vergelijkingsgroep / Spread within a peer group.")
    class BenchmarkSummary:
        count: int
        minimum: typing.Optional[Decimal]
        lower_quartile: typing.Optional[Decimal]
        median: typing.Optional[Decimal]
        upper_quartile: typing.Optional[Decimal]
        maximum: typing.Optional[Decimal]
        mean: typing.Optional[Decimal]


    @strawberry.type(description="Eén jaar in een reeks / One year in a series.")
    class YearFigure:
        year: int
        phase: Phase  # type: ignore[valid-type]
        amount: typing.Optional[Decimal] = strawberry.field(description="Leeg als geen vergelijkbare code in dat jaar bestaat / Empty when no comparable code exists that year.")
        inhabitants: typing.Optional[int]
        per_inhabitant: typing.Optional[Decimal]
        taakvelden: typing.List[Concept] = strawberry.field(description="De codes die in dat jaar zijn opgeteld / The codes summed that year.")
        certainty: str = strawberry.field(description="zeker, waarschijnlijk of onzeker: hoe vergelijkbaar de codes over de jaren zijn / how comparable the codes are across years.")


    @strawberry.type(description="Waarde van een BBV-beleidsindicator in één gemeente / Value of a policy indicator in one municipality.")
    class IndicatorRow:
        municipality: Municipality  # type: ignore[valid-type]
        value: Decimal
        year: int
        unit: typing.Optional[str]
        rank: int = strawberry.field(description="1 = hoogste waarde / 1 = highest value.")


    def _phase_member(name: str):
        return next(m for m in Phase if m.name == name)


    ARGUMENTS = ("taakveld: BBV-code of hoofdtaakveld ('6' telt zijn taakvelden op) / code or main taakveld; year, phase "
                 "(ADOPTED = begroting, REALISED = jaarrekening), direction; perInhabitant rangschikt per inwoner / ranks per inhabitant; "
                 "peers: vergelijkingsgroep / peer group.")


    async def _rows(info, taakveld, year, phase, direction, per_inhabitant, peers):
        return await asyncio.to_thread(comparisons.benchmark, info.context.repository, taakveld, year, phase.value,
                                       direction.value, per_inhabitant, peers.criteria() if peers else None)


    @strawberry.type
    class ComparisonQuery:
        @strawberry.field(description="CBS Iv3-bedragen van alle gemeenten (of een groep) op een taakveld, gerangschikt / "
                                      "CBS Iv3 amounts of all municipalities (or a group) on a taakveld, ranked. " + ARGUMENTS)
        async def benchmark(self, info: Info, taakveld: str, year: int, phase: Phase, direction: Direction,  # type: ignore[valid-type]
                            per_inhabitant: bool = False, peers: typing.Optional[PeerGroup] = None) -> typing.List[BenchmarkRow]:
            rows = await _rows(info, taakveld, year, phase, direction, per_inhabitant, peers)
            municipality = await _municipalities(info)
            return [BenchmarkRow(municipality=municipality(r.code), amount=r.amount, inhabitants=r.inhabitants,
                                 per_inhabitant=r.per_inhabitant, rank=r.rank) for r in rows]

        @strawberry.field(description="Mediaan, kwartielen, minimum, maximum en gemiddelde van dezelfde vergelijking / "
                                      "Median, quartiles, minimum, maximum and mean of the same comparison. " + ARGUMENTS)
        async def benchmark_summary(self, info: Info, taakveld: str, year: int, phase: Phase, direction: Direction,  # type: ignore[valid-type]
                                    per_inhabitant: bool = False, peers: typing.Optional[PeerGroup] = None) -> BenchmarkSummary:
            rows = await _rows(info, taakveld, year, phase, direction, per_inhabitant, peers)
            found = comparisons.summary(rows, per_inhabitant)
            return BenchmarkSummary(count=found.count, minimum=found.minimum, lower_quartile=found.lower_quartile, median=found.median,
                                    upper_quartile=found.upper_quartile, maximum=found.maximum, mean=found.mean)

        @strawberry.field(description="Eén gemeente door de jaren (alle geladen CBS-datasets), op de groep taakvelden die over "
                                      "Iv3-versies vergelijkbaar is / One municipality across the years, on the group of taakvelden "
                                      "comparable across Iv3 versions.")
        async def across_years(self, info: Info, municipality: str, taakveld: str, direction: Direction) -> typing.List[YearFigure]:  # type: ignore[valid-type]
            check_code(municipality)
            group, figures = await asyncio.to_thread(comparisons.across_years, info.context.repository, municipality, taakveld, direction.value)
            vocabulary = taakvelden(info.context.repository)
            return [YearFigure(year=f.year, phase=_phase_member(f.phase), amount=f.amount, inhabitants=f.inhabitants,
                               per_inhabitant=f.per_inhabitant, certainty=f.certainty,
                               taakvelden=[types.make("Concept", vocabulary.by_code[c].iri, "") for c in f.codes]) for f in figures]

        @strawberry.field(description="Een BBV-beleidsindicator in alle gemeenten die hem meten (laatste waarde of die van het jaar) / "
                                      "A BBV policy indicator in every municipality that measures it.")
        async def indicator_comparison(self, info: Info, indicator: int, year: typing.Optional[int] = None) -> typing.List[IndicatorRow]:
            rows = await asyncio.to_thread(comparisons.indicator_comparison, info.context.repository, indicator, year)
            municipality = await _municipalities(info)
            return [IndicatorRow(municipality=municipality(r.code), value=r.value, year=r.year, unit=r.unit, rank=r.rank) for r in rows]

        @strawberry.field(description="Doelen van alle gemeenten die aan dezelfde SDG en/of BBV-beleidsindicator gekoppeld zijn / "
                                      "Goals of all municipalities linked to the same SDG and/or BBV policy indicator.")
        async def linked_goals(self, info: Info, sdg: typing.Optional[int] = None, indicator: typing.Optional[int] = None) -> typing.List[Goal]:  # type: ignore[valid-type]
            pairs = await asyncio.to_thread(comparisons.linked_goals, info.context.repository, sdg, indicator)
            return [types.make("Goal", goal, graph) for graph, goal in pairs]

    return ComparisonQuery
