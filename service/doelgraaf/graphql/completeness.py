"""How far each municipality is, in GraphQL: completeness of a municipality and of each programme, the
ranking of all municipalities with data, and the findings as a to-do list (analysis/completeness.py)."""

import asyncio
import typing
from decimal import Decimal

import strawberry
from strawberry.types import Info

from doelgraaf.analysis import completeness
from doelgraaf.graphql.findings import ValidationFinding
from doelgraaf.graphql.types import Types
from doelgraaf.validation.municipality import municipality_report

SCORE = ("score: het gemiddelde van zes delen tussen 0 en 1 — doelen met eigenaar, met indicator, met SMART-indicator "
         "(eenheid, nulmeting met jaar, streefwaarde met jaar), met budget (een begrotingsregel financiert het doel of een "
         "maatregel die het dient); maatregelen die een doel dienen; het deel van de lasten dat een doel bereikt. Een deel "
         "van niets (geen doelen, maatregelen of lasten) telt als 0 / score: the mean of six fractions between 0 and 1 — "
         "goals with owner, with indicator, with SMART indicator (unit, baseline with year, target with year), with budget "
         "(a budget line funds the goal or a measure serving it); measures serving a goal; the share of expenses reaching a "
         "goal. A fraction of nothing (no goals, measures or expenses) counts as 0.")


@strawberry.type(description="Hoe ver een gemeente of programma is met sturen op doelen / How far a municipality or programme is "
                             "in steering by goals. " + SCORE)
class Completeness:
    goals: int = strawberry.field(description="Doelen / Goals.")
    goals_with_owner: int = strawberry.field(description="Doelen met een eigenaar (portefeuillehouder) / Goals with an owner.")
    goals_with_indicator: int = strawberry.field(description="Doelen met ten minste één indicator / Goals with at least one indicator.")
    goals_with_smart_indicator: int = strawberry.field(description="Doelen met een indicator met eenheid, nulmeting en streefwaarde "
                                                                   "(elk met jaar) / Goals with an indicator with unit, baseline and target (each with a year).")
    goals_with_budget: int = strawberry.field(description="Doelen met budget: rechtstreeks of via een maatregel / Goals with a budget, directly or through a measure.")
    measures: int = strawberry.field(description="Maatregelen en initiatieven (van een programma: die zijn doelen dienen) / "
                                                 "Measures and initiatives (of a programme: those serving its goals).")
    measures_serving_goal: int = strawberry.field(description="Maatregelen die een doel dienen / Measures serving a goal.")
    budget_lines_reaching_goal: typing.Optional[Decimal] = strawberry.field(
        description="Het deel (0..1) van de lasten, alle jaren en fasen, dat een doel bereikt, rechtstreeks of via een maatregel; null: "
                    "geen lasten om een deel van te nemen (de score telt dat als 0) / The share (0..1) of the expenses, all years and "
                    "phases, that reaches a goal; null: no expenses to take a share of (the score counts it as 0).")
    expenses: typing.Optional[Decimal] = strawberry.field(
        description="Lasten in totaal, euro, alle jaren en fasen; null: geen enkele lastenregel / Total expenses in euros, all years "
                    "and phases; null: not a single expense line.")
    score: Decimal = strawberry.field(description=SCORE)

    @staticmethod
    def of(figures: completeness.Completeness) -> "Completeness":
        return Completeness(
            goals=figures.goals, goals_with_owner=figures.goals_with_owner, goals_with_indicator=figures.goals_with_indicator,
            goals_with_smart_indicator=figures.goals_with_smart_indicator, goals_with_budget=figures.goals_with_budget,
            measures=figures.measures, measures_serving_goal=figures.measures_serving_goal,
            budget_lines_reaching_goal=figures.budget_reaching_goal, expenses=figures.expenses, score=figures.score,
        )


def _code(root) -> str:
    return root.id.rsplit("/", 1)[-1]


def extra_fields(types: Types) -> dict[str, dict[str, object]]:
    async def municipality_completeness(root, info: Info) -> Completeness:
        return Completeness.of(await asyncio.to_thread(completeness.of_municipality, info.context.repository, _code(root)))

    async def programme_completeness(root, info: Info) -> Completeness:
        code = root.graph.rsplit("/", 1)[-1]
        figures = await asyncio.to_thread(completeness.of_programmes, info.context.repository, code)
        return Completeness.of(figures.get(root.id, completeness.EMPTY))

    async def todo(root, info: Info) -> typing.List[ValidationFinding]:
        report = await asyncio.to_thread(municipality_report, info.context.repository, _code(root))
        return [ValidationFinding(result=r) for r in _to_do(report.results)]

    async def goal_todo(root, info: Info) -> typing.List[ValidationFinding]:
        report = await asyncio.to_thread(municipality_report, info.context.repository, root.graph.rsplit("/", 1)[-1])
        return [ValidationFinding(result=r) for r in _to_do(report.results) if str(r.focus_node) == root.id]

    todo_doc = ("Wat er nog moet gebeuren: de bevindingen van de controle per ding (doel, maatregel, …), blokkerende eerst, dan fouten, "
                "dan waarschuwingen; elke melding zegt wat toe te voegen of te veranderen / What is left to do: the findings per "
                "thing (goal, measure, …), blocking first, then violations, then warnings; each says what to add or change.")
    return {
        "Municipality": {
            "completeness": strawberry.field(resolver=municipality_completeness, description="Hoe ver de gemeente is / How far the municipality is. " + SCORE),
            "todo": strawberry.field(resolver=todo, description=todo_doc),
        },
        "Programme": {
            "completeness": strawberry.field(resolver=programme_completeness, description="Hoe ver het programma is: zijn doelen, de maatregelen die ze "
                                                                                          "dienen en hun lasten / How far the programme is: its goals, the "
                                                                                          "measures serving them and their expenses."),
        },
        "Goal": {"todo": strawberry.field(resolver=goal_todo, description="Wat er bij dit doel nog moet gebeuren / What is left to do for this goal.")},
    }


def _to_do(results: list) -> list:
    order = {"Violation": 1, "Warning": 2, "Info": 3}
    return sorted(results, key=lambda r: (r.focus_labels["nl"].casefold(), str(r.focus_node), 0 if r.blocking else order[r.severity]))


def completeness_query(types: Types) -> type:
    Municipality = types["Municipality"]

    @strawberry.type(description="Eén gemeente in de vergelijking van volledigheid / One municipality in the completeness comparison.")
    class CompletenessRow:
        municipality: Municipality  # type: ignore[valid-type]
        completeness: Completeness
        rank: int = strawberry.field(description="1 = het verst; gelijke scores delen een plaats / 1 = the furthest; equal scores share a rank.")

    @strawberry.type
    class CompletenessQuery:
        @strawberry.field(description="Alle gemeenten met gegevens, gerangschikt naar hoe ver ze zijn (score, hoogste eerst) / "
                                      "All municipalities with data, ranked by how far they are (score, highest first). " + SCORE)
        async def completeness_comparison(self, info: Info) -> typing.List[CompletenessRow]:
            ranked = await asyncio.to_thread(completeness.ranking, info.context.repository)
            refs = {r.code: r for r in await info.context.municipalities()}
            return [CompletenessRow(municipality=Municipality(id=refs[r.code].iri, graph=refs[r.code].graph),
                                    completeness=Completeness.of(r.figures), rank=r.rank) for r in ranked if r.code in refs]

    return CompletenessQuery
