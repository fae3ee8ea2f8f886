"""Comparing municipalities in GraphQL: benchmark, peer groups, across years, policy indicators, shared goals."""

import asyncio
import typing
from decimal import Decimal
from enum import Enum

import strawberry
from strawberry.types import Info

from doelgraaf.analysis import comparisons
from doelgraaf.catalogue.taakvelden import CERTAINTIES, taakvelden
from doelgraaf.core.codes import check_code
from doelgraaf.core.namespaces import municipality_iri, vocabulary_graph
from doelgraaf.graphql import arguments
from doelgraaf.graphql.types import Concept, Types

VOCABULARY = str(vocabulary_graph("gemeenten"))

# the members are the vocabulary's dg:certainty values, so a new value there is a new member here, not a string
Certainty = strawberry.enum(
    Enum("Certainty", {en.upper(): strawberry.enum_value(nl, description=f"{nl}: {about_nl} / {en}: {about_en}")
                       for nl, (en, about_nl, about_en) in CERTAINTIES.items()}),
    description="Hoe zeker de codes van een groep over de Iv3-versies vergelijkbaar zijn: de zwakste opvolging in de groep "
                "(dg:certainty van de taakveldvocabulaire) / How certainly the codes of a group are comparable across Iv3 "
                "versions: the weakest succession in the group (dg:certainty of the taakveld vocabulary).")


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
        codes: typing.Optional[typing.List[str]] = strawberry.field(default=None, description="Expliciete GM-codes (hoofdletters of niet) / Explicit GM codes (any case).")
        same_province_as: typing.Optional[str] = strawberry.field(default=None, description="Zelfde provincie als deze gemeente (GM-code) / Same province as this municipality.")
        same_size_class_as: typing.Optional[str] = strawberry.field(default=None, description="Zelfde CBS-grootteklasse als deze gemeente / Same CBS size class as this municipality.")
        province: typing.Optional[str] = strawberry.field(default=None, description="Provincie (naam of code, bijv. 'Zuid-Holland' of 'PV28') / Province (name or code).")
        size_class: typing.Optional[str] = strawberry.field(default=None, description="CBS-grootteklasse, bijv. '20000tot50000inwoners' / CBS size class.")

        def criteria(self) -> comparisons.Peers:
            def code(value: typing.Optional[str], where: str) -> typing.Optional[str]:
                return None if value is None else check_code(value, where)

            return comparisons.Peers(tuple(check_code(c, "peers.codes") for c in self.codes or ()),
                                     code(self.same_province_as, "peers.sameProvinceAs"), code(self.same_size_class_as, "peers.sameSizeClassAs"),
                                     self.province, self.size_class)


    @strawberry.type(description="Eén gemeente in een vergelijking / One municipality in a comparison.")
    class BenchmarkRow:
        municipality: Municipality  # type: ignore[valid-type]
        amount: Decimal = strawberry.field(description="Bedrag in euro (CBS Iv3). Nooit null: een gemeente staat met haar hele begroting in "
                                                       "de CBS-cijfers, dus zonder regel op dit taakveld boekte zij er 0 op / Amount in euros. "
                                                       "Never null: a municipality is in the CBS figures with its whole budget, so without a "
                                                       "line on this taakveld it booked 0 there.")
        inhabitants: typing.Optional[int] = strawberry.field(description="Inwoners op 1 januari van dat jaar / Inhabitants on 1 January of that year.")
        per_inhabitant: typing.Optional[Decimal] = strawberry.field(description="Euro per inwoner van dat jaar / Euros per inhabitant of that year.")
        rank: int = strawberry.field(description="1 = hoogste (per inwoner als perInhabitant) / 1 = highest.")


    @strawberry.type(description="Spreiding in een vergelijkingsgroep; de cijfers zijn null als count 0 is / Spread within a peer group; "
                                 "the figures are null when count is 0.")
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
        amount: typing.Optional[Decimal] = strawberry.field(description="Bedrag in euro; null: geen vergelijkbare code in dat jaar, of de "
                                                                        "gemeente staat niet in die CBS-cijfers / Amount in euros; null: no "
                                                                        "comparable code that year, or the municipality is not in those CBS figures.")
        inhabitants: typing.Optional[int] = strawberry.field(description="Inwoners op 1 januari van dat jaar; null: niet in die cijfers / "
                                                                         "Inhabitants on 1 January of that year; null: not in those figures.")
        per_inhabitant: typing.Optional[Decimal] = strawberry.field(description="Euro per inwoner; null als bedrag of inwoners ontbreken / "
                                                                                "Euros per inhabitant; null when amount or inhabitants are missing.")
        taakvelden: typing.List[Concept] = strawberry.field(description="De codes die in dat jaar zijn opgeteld / The codes summed that year.")
        certainty: Certainty = strawberry.field(description="Hoe vergelijkbaar de opgetelde codes over de jaren zijn / How comparable the codes summed are across the years.")  # type: ignore[valid-type]


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
        return await asyncio.to_thread(comparisons.benchmark, info.context.repository, taakveld, arguments.year(year, "year"), phase.value,
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
            ref = await arguments.municipality(info, municipality, "municipality")
            group, figures = await asyncio.to_thread(comparisons.across_years, info.context.repository, ref.code, taakveld, direction.value)
            vocabulary = taakvelden(info.context.repository)
            return [YearFigure(year=f.year, phase=_phase_member(f.phase), amount=f.amount, inhabitants=f.inhabitants,
                               per_inhabitant=f.per_inhabitant, certainty=Certainty(f.certainty),
                               taakvelden=[types.make("Concept", vocabulary.by_code[c].iri, "") for c in f.codes]) for f in figures]

        @strawberry.field(description="Een BBV-beleidsindicator in alle gemeenten die hem meten (laatste waarde of die van het jaar) / "
                                      "A BBV policy indicator in every municipality that measures it.")
        async def indicator_comparison(self, info: Info, indicator: int, year: typing.Optional[int] = None) -> typing.List[IndicatorRow]:
            await arguments.policy_indicator(info, indicator, "indicator")
            arguments.year(year, "year")
            rows = await asyncio.to_thread(comparisons.indicator_comparison, info.context.repository, indicator, year)
            municipality = await _municipalities(info)
            return [IndicatorRow(municipality=municipality(r.code), value=r.value, year=r.year, unit=r.unit, rank=r.rank) for r in rows]

        @strawberry.field(description="Doelen van alle gemeenten die aan dezelfde SDG en/of BBV-beleidsindicator gekoppeld zijn / "
                                      "Goals of all municipalities linked to the same SDG and/or BBV policy indicator.")
        async def linked_goals(self, info: Info, sdg: typing.Optional[int] = None, indicator: typing.Optional[int] = None) -> typing.List[Goal]:  # type: ignore[valid-type]
            arguments.sdg(sdg, "sdg")
            await arguments.policy_indicator(info, indicator, "indicator")
            pairs = await asyncio.to_thread(comparisons.linked_goals, info.context.repository, sdg, indicator)
            return [types.make("Goal", goal, graph) for graph, goal in pairs]

    return ComparisonQuery
