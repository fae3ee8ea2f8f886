"""Mutations: create, update and delete goals, indicators, measures, contributions and budget lines,
and import a whole RDF document or filled-in spreadsheet template. All go through the SHACL gate of services.editing / services.loading.

The municipality written to is the one of the editor's token. An input field left out (null) is
left unchanged on update; an empty list clears a list. Each kind of thing is described once below
(`KINDS`): which input field becomes which triple.
"""

import asyncio
import base64
import binascii
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

import strawberry
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD
from strawberry.types import Info

from doelgraaf.core.codes import CODE_PATTERN, check_code
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, ID, SKOLEM, policy_indicator_iri, sdg_iri, taakveld_iri
from doelgraaf.core.terms import named_node
from doelgraaf.graphql.findings import ValidationFinding
from doelgraaf.graphql.types import ENUMS
from doelgraaf.ingest import editing, loading
from doelgraaf.ingest.editing import Change, EditOutcome
from doelgraaf.ingest.rdf_files import FORMATS, parse_bytes
from doelgraaf.ingest.spreadsheet.importing import import_workbook
from doelgraaf.validation import ValidationReport

Phase, Direction = ENUMS["Phase"], ENUMS["Direction"]
MAX_IMPORT_BYTES = 10_000_000


@strawberry.enum(description="Soort indicator / Kind of indicator.")
class IndicatorKind(Enum):
    EFFECT = "EFFECT"
    OUTPUT = "OUTPUT"


RdfFormat = strawberry.enum(
    Enum("RdfFormat", {name.upper(): name for name in FORMATS}),
    description="RDF-formaat van een document / RDF format of a document.",
)


@strawberry.input(description="Een waarde in een jaar / A value in a year.")
class ValueInput:
    value: Decimal
    year: int


@strawberry.input(description="Een doel; weggelaten velden blijven ongewijzigd / A goal; fields left out stay unchanged.")
class GoalInput:
    label: typing.Optional[str] = strawberry.field(default=None, description="Naam (nl) / Name (Dutch).")
    label_en: typing.Optional[str] = strawberry.field(default=None, description="Naam (en) / Name (English).")
    description: typing.Optional[str] = None
    programme: typing.Optional[strawberry.ID] = None
    challenges: typing.Optional[typing.List[strawberry.ID]] = None
    owner: typing.Optional[strawberry.ID] = strawberry.field(default=None, description="Portefeuillehouder (IRI) / Portfolio holder (IRI).")
    official_owner: typing.Optional[strawberry.ID] = None
    parent: typing.Optional[strawberry.ID] = None
    sdgs: typing.Optional[typing.List[int]] = strawberry.field(default=None, description="SDG-nummers 1-17 / SDG numbers 1-17.")
    partners: typing.Optional[typing.List[strawberry.ID]] = None
    stated_in: typing.Optional[typing.List[strawberry.ID]] = None
    indicators: typing.Optional[typing.List["IndicatorInput"]] = strawberry.field(
        default=None, description="Nieuwe indicatoren bij dit doel / New indicators of this goal.")
    served_by: typing.Optional[typing.List[strawberry.ID]] = strawberry.field(
        default=None, description="Bestaande maatregelen die dit doel (ook) gaan dienen / Existing measures that will (also) serve this goal.")
    budget_lines: typing.Optional[typing.List["BudgetLineInput"]] = strawberry.field(
        default=None, description="Nieuwe begrotingsregels die dit doel rechtstreeks financieren / New budget lines funding this goal directly.")


@strawberry.input(description="Een indicator; weggelaten velden blijven ongewijzigd / An indicator; fields left out stay unchanged.")
class IndicatorInput:
    of: typing.Optional[strawberry.ID] = strawberry.field(default=None, description="Doel of maatregel waarbij de nieuwe indicator hoort / Goal or measure the new indicator belongs to.")
    kind: typing.Optional[IndicatorKind] = None
    label: typing.Optional[str] = None
    label_en: typing.Optional[str] = None
    unit: typing.Optional[str] = None
    baseline: typing.Optional[ValueInput] = None
    target: typing.Optional[ValueInput] = None
    shared_indicator: typing.Optional[int] = strawberry.field(default=None, description="Nummer van de BBV-beleidsindicator / Number of the BBV policy indicator.")


@strawberry.input(description="Een maatregel of initiatief; weggelaten velden blijven ongewijzigd / A measure; fields left out stay unchanged.")
class MeasureInput:
    label: typing.Optional[str] = None
    label_en: typing.Optional[str] = None
    description: typing.Optional[str] = None
    goals: typing.Optional[typing.List[strawberry.ID]] = strawberry.field(default=None, description="De doelen die de maatregel dient / The goals it serves.")
    owner: typing.Optional[strawberry.ID] = None
    budget_holder: typing.Optional[strawberry.ID] = None
    initiator: typing.Optional[strawberry.ID] = strawberry.field(default=None, description="Partner van wie het initiatief komt: maakt er een partnerinitiatief van / Partner whose initiative it is.")
    partners: typing.Optional[typing.List[strawberry.ID]] = None
    replaces: typing.Optional[typing.List[strawberry.ID]] = None
    withdrawn_in: typing.Optional[strawberry.ID] = None
    stated_in: typing.Optional[typing.List[strawberry.ID]] = None
    budget_lines: typing.Optional[typing.List["BudgetLineInput"]] = strawberry.field(
        default=None, description="Nieuwe begrotingsregels van deze maatregel / New budget lines of this measure.")


@strawberry.input(description="Het aandeel van een maatregel in een doel / The share of a measure in a goal.")
class ContributionInput:
    measure: typing.Optional[strawberry.ID] = None
    goal: typing.Optional[strawberry.ID] = None
    share: typing.Optional[Decimal] = None


@strawberry.input(description="Een begrotingsregel; weggelaten velden blijven ongewijzigd / A budget line; fields left out stay unchanged.")
class BudgetLineInput:
    label: typing.Optional[str] = None
    amount: typing.Optional[Decimal] = strawberry.field(default=None, description="Euro, niet negatief / Euros, not negative.")
    year: typing.Optional[int] = None
    phase: typing.Optional[Phase] = None  # type: ignore[valid-type]
    direction: typing.Optional[Direction] = None  # type: ignore[valid-type]
    taakveld: typing.Optional[str] = strawberry.field(default=None, description="Taakveldcode, bijv. '6.1' / Taakveld code.")
    economic_category: typing.Optional[str] = strawberry.field(default=None, description="Iv3-categorie, bijv. 'L3.4' / Iv3 category.")
    funds: typing.Optional[strawberry.ID] = None
    stated_in: typing.Optional[strawberry.ID] = None
    budget_holder: typing.Optional[strawberry.ID] = None


@strawberry.type(description="Uitkomst van een wijziging: opgeslagen, of niet met de fouten / Outcome of a change.")
class MutationResult:
    ok: bool = strawberry.field(description="Opgeslagen (geen fouten) / Stored (no violations).")
    id: typing.Optional[strawberry.ID] = strawberry.field(description="IRI van het (nieuwe) ding / IRI of the (new) thing.")
    violations: typing.List[ValidationFinding] = strawberry.field(description="Fouten die opslaan tegenhielden / Violations that prevented storing.")
    warnings: typing.List[ValidationFinding] = strawberry.field(description="Waarschuwingen (blokkeren niet) / Warnings (do not block).")

    @staticmethod
    def of(ok: bool, id: str | None, reports: list[ValidationReport]) -> "MutationResult":
        return MutationResult(
            ok=ok, id=id,
            violations=[ValidationFinding(result=r) for rep in reports for r in rep.violations],
            warnings=[ValidationFinding(result=r) for rep in reports for r in rep.warnings],
        )


# how input values become RDF terms

def own_iri(value: str, code: str, where: str) -> URIRef:
    """An IRI from an input, refused when it names another municipality's data: an editor links only
    to what is in the own graph (or to shared concepts)."""
    iri = named_node(value, where).value
    base = str(ID)
    segment = iri[len(base):].split("/", 1)[0] if iri.startswith(base) else ""
    if CODE_PATTERN.match(segment) and segment != code:
        raise UserError(f"'{iri[:120]}' hoort bij {segment}; verwijs alleen naar gegevens van {code}",
                        f"'{iri[:120]}' belongs to {segment}; refer only to data of {code}", where=where)
    return URIRef(iri)


def _iri(where: str):
    return lambda value, code: [own_iri(value, code, where)]


def _iris(where: str):
    return lambda values, code: [own_iri(v, code, where) for v in values]


def _text(lang: str):
    return lambda value, code: [Literal(value, lang=lang)] if value != "" else []


def _year(value, code):
    return [Literal(str(value), datatype=XSD.gYear)]


def _decimal(value, code):
    return [Literal(Decimal(value), datatype=XSD.decimal)]


def _enum(value, code):
    return [URIRef(value.value)]


def _code_iri(make: Callable[[str], URIRef], where: str):
    def convert(value, code):
        iri = make(str(value))
        named_node(str(iri), where)
        return [iri]
    return convert


@dataclass(frozen=True)
class FieldMap:
    attribute: str
    predicate: URIRef
    convert: Callable
    lang: str | None = None  # for texts: only the label in this language is replaced on update


@dataclass(frozen=True)
class Kind:
    cls: URIRef
    slug: str
    noun: tuple[str, str]
    fields: tuple[FieldMap, ...]


LABELS = (FieldMap("label", RDFS.label, _text("nl"), "nl"), FieldMap("label_en", RDFS.label, _text("en"), "en"))

KINDS = {
    "goal": Kind(DG.Goal, "doel", ("doel", "goal"), LABELS + (
        FieldMap("description", DCTERMS.description, _text("nl"), "nl"),
        FieldMap("programme", DG.partOfProgramme, _iri("programme")),
        FieldMap("challenges", DG.addresses, _iris("challenges")),
        FieldMap("owner", DG.owner, _iri("owner")),
        FieldMap("official_owner", DG.officialOwner, _iri("officialOwner")),
        FieldMap("parent", DG.subGoalOf, _iri("parent")),
        FieldMap("sdgs", DG.sdg, lambda values, code: [sdg_iri(v) for v in values]),
        FieldMap("partners", DG.partner, _iris("partners")),
        FieldMap("stated_in", DG.statedIn, _iris("statedIn")),
    )),
    "indicator": Kind(DG.Indicator, "indicator", ("indicator", "indicator"), LABELS + (
        FieldMap("unit", DG.unit, _text("nl"), "nl"),
        FieldMap("shared_indicator", DG.sharedIndicator, _code_iri(policy_indicator_iri, "sharedIndicator")),
    )),
    "measure": Kind(DG.Measure, "maatregel", ("maatregel", "measure"), LABELS + (
        FieldMap("description", DCTERMS.description, _text("nl"), "nl"),
        FieldMap("goals", DG.serves, _iris("goals")),
        FieldMap("owner", DG.owner, _iri("owner")),
        FieldMap("budget_holder", DG.budgetHolder, _iri("budgetHolder")),
        FieldMap("initiator", DG.initiator, _iri("initiator")),
        FieldMap("partners", DG.partner, _iris("partners")),
        FieldMap("replaces", DG.replaces, _iris("replaces")),
        FieldMap("withdrawn_in", DG.withdrawnIn, _iri("withdrawnIn")),
        FieldMap("stated_in", DG.statedIn, _iris("statedIn")),
    )),
    "contribution": Kind(DG.Contribution, "bijdrage", ("bijdrage", "contribution"), (
        FieldMap("measure", DG.measure, _iri("measure")),
        FieldMap("goal", DG.goal, _iri("goal")),
        FieldMap("share", DG.share, _decimal),
    )),
    "budget_line": Kind(DG.BudgetLine, "begrotingsregel", ("begrotingsregel", "budget line"), (
        FieldMap("label", RDFS.label, _text("nl"), "nl"),
        FieldMap("amount", DG.amount, _decimal),
        FieldMap("year", DG.fiscalYear, _year),
        FieldMap("phase", DG.phase, _enum),
        FieldMap("direction", DG.direction, _enum),
        FieldMap("taakveld", DG.taakveld, _code_iri(taakveld_iri, "taakveld")),
        FieldMap("economic_category", DG.economicCategory, _code_iri(lambda c: ID[f"economische-categorie/{c}"], "economicCategory")),
        FieldMap("funds", DG.funds, _iri("funds")),
        FieldMap("stated_in", DG.statedIn, _iri("statedIn")),
        FieldMap("budget_holder", DG.budgetHolder, _iri("budgetHolder")),
    )),
}


def _value_node(node, prop, given: ValueInput, data: Graph, change: Change) -> None:
    """Replace the baseline or target of an indicator by a new value node."""
    for old in data.objects(node, prop):
        change.delete |= {(node, prop, old)} | set(data.triples((old, None, None)))
    value = SKOLEM[uuid.uuid4().hex]
    change.insert |= {
        (node, prop, value), (value, RDF.type, DG.IndicatorValue),
        (value, DG.value, Literal(Decimal(given.value), datatype=XSD.decimal)),
        (value, DG.year, Literal(str(given.year), datatype=XSD.gYear)),
    }


def _fill(kind_name: str, node: URIRef, given, data: Graph, code: str, change: Change) -> None:
    kind = KINDS[kind_name]
    for field_map in kind.fields:
        value = getattr(given, field_map.attribute)
        if value is None:
            continue
        for old in list(data.objects(node, field_map.predicate)):
            if field_map.lang is None or getattr(old, "language", None) == field_map.lang:
                change.delete.add((node, field_map.predicate, old))
        change.insert |= {(node, field_map.predicate, term) for term in field_map.convert(value, code)}
    if kind_name == "indicator":
        for prop, attribute in ((DG.baseline, "baseline"), (DG.target, "target")):
            if getattr(given, attribute) is not None:
                _value_node(node, prop, getattr(given, attribute), data, change)
        if given.kind is not None:
            cls = DG.EffectIndicator if given.kind == IndicatorKind.EFFECT else DG.OutputIndicator
            change.delete |= {t for t in data.triples((node, RDF.type, None)) if t[2] in (DG.Indicator, DG.EffectIndicator, DG.OutputIndicator)}
            change.insert.discard((node, RDF.type, DG.Indicator))
            change.insert.add((node, RDF.type, cls))
    if kind_name == "measure" and given.initiator is not None:
        change.insert.add((node, RDF.type, DG.PartnerInitiative))
    if kind_name == "goal":
        for indicator in given.indicators or []:
            child = _new(data, "indicator", indicator, code, change)
            change.insert.add((node, DG.hasIndicator, child))
        for measure in given.served_by or []:
            change.insert.add((own_iri(measure, code, "servedBy"), DG.serves, node))
    if kind_name in ("goal", "measure"):
        for line in given.budget_lines or []:
            child = _new(data, "budget_line", line, code, change)
            change.insert.add((child, DG.funds, node))


def _new(data: Graph, kind_name: str, given, code: str, change: Change) -> URIRef:
    """A new node of a kind, with the triples its input describes."""
    kind = KINDS[kind_name]
    node = editing.mint(code, kind.slug, getattr(given, "label", None))
    change.insert.add((node, RDF.type, kind.cls))
    _fill(kind_name, node, given, data, code, change)
    return node


def _create(kind_name: str, given, code: str) -> Callable[[Graph], Change]:
    def build(data: Graph) -> Change:
        change = Change()
        node = _new(data, kind_name, given, code, change)
        change.subject = str(node)
        if kind_name == "indicator":
            if given.of is None:
                raise UserError("geef bij een nieuwe indicator 'of': het doel of de maatregel", "give 'of' for a new indicator: its goal or measure", where="of")
            change.insert.add((own_iri(given.of, code, "of"), DG.hasIndicator, node))
        return change

    return build


def _update(kind_name: str, iri: str, given, code: str) -> Callable[[Graph], Change]:
    kind = KINDS[kind_name]

    def build(data: Graph) -> Change:
        node = editing.require_node(data, named_node(iri, "id").value, kind.cls, kind.noun)
        change = Change(subject=str(node))
        _fill(kind_name, node, given, data, code, change)
        return change

    return build


def _delete(kind_name: str, iri: str) -> Callable[[Graph], Change]:
    kind = KINDS[kind_name]

    def build(data: Graph) -> Change:
        node = editing.require_node(data, named_node(iri, "id").value, kind.cls, kind.noun)
        return Change(delete=editing.describe(data, node), subject=str(node))

    return build


async def _run_edit(info: Info, make_build) -> MutationResult:
    code = editing.editable_municipality(info.context.principal)
    outcome: EditOutcome = await asyncio.to_thread(editing.edit, info.context.repository, code, make_build(code))
    return MutationResult.of(outcome.ok, outcome.id, [outcome.report])


def _mutations(kind_name: str, type_noun: str, input_type):
    noun = KINDS[kind_name].noun

    async def create(info: Info, input: input_type) -> MutationResult:  # type: ignore[valid-type]
        return await _run_edit(info, lambda code: _create(kind_name, input, code))

    async def update(info: Info, id: strawberry.ID, input: input_type) -> MutationResult:  # type: ignore[valid-type]
        return await _run_edit(info, lambda code: _update(kind_name, id, input, code))

    async def delete(info: Info, id: strawberry.ID) -> MutationResult:
        return await _run_edit(info, lambda code: _delete(kind_name, id))

    return {
        f"create{type_noun}": strawberry.mutation(resolver=create, description=f"Nieuw(e) {noun[0]} / New {noun[1]}."),
        f"update{type_noun}": strawberry.mutation(resolver=update, description=f"Wijzig een {noun[0]} / Change a {noun[1]}."),
        f"delete{type_noun}": strawberry.mutation(resolver=delete, description=f"Verwijder een {noun[0]} met alles wat erover zegt / Delete a {noun[1]} and every statement about it."),
    }


async def import_rdf(info: Info, municipality: str, format: RdfFormat, data: str) -> MutationResult:
    check_code(municipality)
    editing.authorise(info.context.principal, municipality)
    body = data.encode("utf-8")
    if len(body) > MAX_IMPORT_BYTES:
        raise UserError(f"document groter dan {MAX_IMPORT_BYTES} bytes", f"document larger than {MAX_IMPORT_BYTES} bytes", where="data")
    document = parse_bytes(body, format.value, "data")
    outcome = await asyncio.to_thread(loading.load_documents, info.context.repository, [document], [municipality])
    return MutationResult.of(outcome.stored, None, list(outcome.reports.values()))


async def import_spreadsheet(info: Info, municipality: str, data: str) -> MutationResult:
    check_code(municipality)
    editing.authorise(info.context.principal, municipality)
    if len(data) > MAX_IMPORT_BYTES * 4 // 3 + 4:  # the base64 of a workbook of MAX_IMPORT_BYTES
        raise UserError(f"werkmap groter dan {MAX_IMPORT_BYTES} bytes", f"workbook larger than {MAX_IMPORT_BYTES} bytes", where="data")
    try:
        body = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise UserError("'data' is geen base64", "'data' is not base64", where="data") from None
    outcome = await asyncio.to_thread(import_workbook, info.context.repository, body, municipality, "data")
    return MutationResult.of(outcome.stored, None, list(outcome.reports.values()))


_fields = {
    **_mutations("goal", "Goal", GoalInput),
    **_mutations("indicator", "Indicator", IndicatorInput),
    **_mutations("measure", "Measure", MeasureInput),
    **_mutations("contribution", "Contribution", ContributionInput),
    **_mutations("budget_line", "BudgetLine", BudgetLineInput),
    "importRdf": strawberry.mutation(
        resolver=import_rdf,
        description="Vervang de gegevens van een gemeente door een heel RDF-document, na controle / "
                    "Replace a municipality's data by a whole RDF document, after validation.",
    ),
    "importSpreadsheet": strawberry.mutation(
        resolver=import_spreadsheet,
        description="Vervang de gegevens van een gemeente door een ingevuld Doelgraaf-sjabloon (.xlsx, base64), na "
                    "controle; meldingen noemen blad, rij en kolom / Replace a municipality's data by a filled-in "
                    "Doelgraaf template (.xlsx, base64), after validation; messages name sheet, row and column.",
    ),
}
Mutation = strawberry.type(type("Mutation", (), {"__annotations__": {}, **_fields}))
