"""Mutations: create, update and delete goals, indicators, measures, contributions and budget lines,
and import a whole RDF document or filled-in spreadsheet template. All go through the SHACL gate of ingest.editing / ingest.loading.

The municipality written to is the one of the editor's token. An input field left out (null) is
left unchanged on update; an empty list clears a list. Each kind of thing is described once below
in the model (catalogue.model): the input types and what each field sets are made from it.
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
from rdflib.namespace import RDF
from strawberry.types import Info

from doelgraaf.catalogue.model import FieldSpec, Kind, snake_case
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.codes import check_code
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, ID, SKOLEM
from doelgraaf.core.terms import named_node
from doelgraaf.graphql.findings import ValidationFinding
from doelgraaf.graphql.types import SCALAR_TYPES, Types
from doelgraaf.ingest import editing, loading
from doelgraaf.ingest.editing import Change, EditOutcome
from doelgraaf.ingest.municipality_graphs import refuse_foreign
from doelgraaf.ingest.rdf_files import FORMATS, parse_bytes
from doelgraaf.ingest.spreadsheet import lists
from doelgraaf.ingest.spreadsheet.cells import CellError
from doelgraaf.ingest.spreadsheet.importing import import_workbook
from doelgraaf.validation import ValidationReport

MAX_IMPORT_BYTES = 10_000_000


@strawberry.enum(description="Soort indicator / Kind of indicator.")
class IndicatorKind(Enum):
    EFFECT = "EFFECT"
    OUTPUT = "OUTPUT"


RdfFormat = strawberry.enum(
    Enum("RdfFormat", {name.upper(): name for name in FORMATS}),
    description="RDF-formaat van een document / RDF format of a document.",
)


@strawberry.type(description="Uitkomst van een wijziging: opgeslagen, of niet met de fouten / Outcome of a change.")
class MutationResult:
    ok: bool = strawberry.field(description="Opgeslagen / Stored. Een wijziging wordt geweigerd als ze een blokkerende bevinding "
                                            "of een nieuwe fout toevoegt; een import als er een bevinding blokkeert (strict: elke fout) / "
                                            "A change is refused when it adds a blocking finding or a new violation; an import when a "
                                            "finding blocks (strict: any violation).")
    id: typing.Optional[strawberry.ID] = strawberry.field(description="IRI van het (nieuwe) ding / IRI of the (new) thing.")
    violations: typing.List[ValidationFinding] = strawberry.field(description="Fouten na de wijziging, op wat ze raakte (bij een import: alle) / "
                                                                              "Violations after the change, on what it touched (for an import: all).")
    warnings: typing.List[ValidationFinding] = strawberry.field(description="Waarschuwingen (weigeren nooit) / Warnings (never refuse).")
    added: typing.List[ValidationFinding] = strawberry.field(description="Bevindingen die de wijziging toevoegde (bij een weigering: waarom) / "
                                                                         "Findings the change added (when refused: why).")
    fixed: typing.List[ValidationFinding] = strawberry.field(description="Bevindingen die de wijziging oploste / Findings the change resolved.")

    @staticmethod
    def of(ok: bool, id: str | None, reports: list[ValidationReport], added=(), fixed=()) -> "MutationResult":
        return MutationResult(
            ok=ok, id=id,
            violations=[ValidationFinding(result=r) for rep in reports for r in rep.violations],
            warnings=[ValidationFinding(result=r) for rep in reports for r in rep.warnings],
            added=[ValidationFinding(result=r) for r in added],
            fixed=[ValidationFinding(result=r) for r in fixed],
        )


# how input values become RDF terms

def own_iri(value: str, code: str, where: str) -> URIRef:
    """An IRI from an input, refused when it names another municipality's data: an editor links only
    to what is in the own graph (or to shared concepts)."""
    iri = named_node(value, where).value
    refuse_foreign(iri, code, where)
    return URIRef(iri)


@dataclass(frozen=True)
class InputField:
    """One input field of a kind: the model field it sets, and how its value becomes terms."""

    attribute: str
    spec: FieldSpec
    convert: Callable  # (value, municipality code, Vocabularies) -> list of terms
    lang: str | None = None  # for texts: only the literal in this language is replaced on update


def _terms(spec: FieldSpec, kind: Kind, types: Types):
    """How a value given for `spec` becomes RDF terms, following the field's kind in the model."""
    def each(convert):
        return (lambda values, code, vocabularies: [convert(v, code, vocabularies) for v in values]) if spec.many else (
            lambda value, code, vocabularies: [convert(value, code, vocabularies)])

    if spec.kind == "enum":
        return each(lambda value, code, vocabularies: URIRef(value.value))
    if spec.kind == "scalar":
        lexical = {"Decimal": lambda v: Decimal(v), "Date": lambda v: v.isoformat()}.get(spec.scalar, str)
        return each(lambda value, code, vocabularies: Literal(lexical(value), datatype=spec.datatype))
    vocabulary = kind.vocabulary_of(spec)
    if vocabulary is not None:
        def concept(value, code, vocabularies):
            try:
                return lists.vocabulary(vocabulary, vocabularies).find(str(value))
            except CellError as error:
                raise UserError(error.nl, error.en, where=spec.name) from None
        return each(concept)
    return each(lambda value, code, vocabularies: own_iri(value, code, spec.name))


def _python_type(spec: FieldSpec, kind: Kind, types: Types, inputs: dict[str, type]):
    if spec.kind == "enum":
        return types.enum(spec)
    if spec.kind == "scalar":
        return SCALAR_TYPES[spec.scalar]
    if spec.target in inputs:  # a value node (baseline, target): given whole, as a nested input
        return inputs[spec.target]
    return str if kind.vocabulary_of(spec) else strawberry.ID


def _input(kind: Kind, types: Types, inputs: dict[str, type], extra: dict) -> tuple[type, tuple[InputField, ...]]:
    """The GraphQL input type of a kind, made from the model: each property the kind states itself (no
    inverse paths), texts in Dutch and English; `extra` adds what a form offers beyond those."""
    annotations, defaults, fields = {}, {}, []
    for spec in kind.fields:
        if spec.inverse or spec.name in extra:
            continue
        attribute = snake_case(spec.name)
        if spec.kind == "text":
            for lang, suffix, language in (("nl", "", "Nederlands / Dutch"), ("en", "_en", "Engels / English")):
                annotations[attribute + suffix] = typing.Optional[str]
                defaults[attribute + suffix] = strawberry.field(default=None, description=f"{spec.description} ({language})")
                fields.append(InputField(attribute + suffix, spec, lambda value, code, vocabularies, lang=lang: [Literal(value, lang=lang)] if value != "" else [], lang))
            continue
        python = _python_type(spec, kind, types, inputs)
        annotations[attribute] = typing.Optional[typing.List[python] if spec.many else python]
        defaults[attribute] = strawberry.field(default=None, description=spec.description)
        nested = spec.target in inputs
        fields.append(InputField(attribute, spec, None if nested else _terms(spec, kind, types)))
    for name, (python, description) in extra.items():
        annotations[snake_case(name)] = typing.Optional[python]
        defaults[snake_case(name)] = strawberry.field(default=None, description=description)
    cls = type(f"{kind.name}Input", (), {"__annotations__": annotations, **defaults})
    noun = kind.noun
    return strawberry.input(cls, description=f"{noun[0][:1].upper()}{noun[0][1:]}; weggelaten velden blijven ongewijzigd / "
                                             f"{noun[1][:1].upper()}{noun[1][1:]}; fields left out stay unchanged."), tuple(fields)


class Editor:
    """The mutations of the editable kinds, made from the model: what each input field sets (InputField)
    and the few things a form adds beyond the kinds' own properties (new indicators and budget lines
    inside a goal or measure, an indicator's kind and owner)."""

    def __init__(self, kinds: dict[str, Kind], types: Types):
        self.kinds = kinds
        self.inputs: dict[str, type] = {}
        self.fields: dict[str, tuple[InputField, ...]] = {}
        values = kinds["IndicatorValue"]
        self.inputs[values.name], self.fields[values.name] = _input(values, types, self.inputs, {})
        extras = {"Indicator": {
            "of": (strawberry.ID, "Doel of maatregel waarbij de nieuwe indicator hoort / Goal or measure the new indicator belongs to."),
            "kind": (IndicatorKind, "Effect- of prestatie-indicator / Effect or output indicator."),
        }}
        nesting = ("Measure", "Goal")  # their inputs hold new budget lines and indicators: made after those
        for kind in kinds.values():
            if kind.editable and kind.name not in nesting:
                self.inputs[kind.name], self.fields[kind.name] = _input(kind, types, self.inputs, extras.get(kind.name, {}))
        line_input, indicator_input = self.inputs["BudgetLine"], self.inputs["Indicator"]
        lines = (typing.List[line_input], "Nieuwe begrotingsregels die dit financieren / New budget lines funding this.")
        self.inputs["Measure"], self.fields["Measure"] = _input(kinds["Measure"], types, self.inputs, {"budgetLines": lines})
        self.inputs["Goal"], self.fields["Goal"] = _input(kinds["Goal"], types, self.inputs, {
            "indicators": (typing.List[indicator_input], "Nieuwe indicatoren bij dit doel / New indicators of this goal."),
            "servedBy": (typing.List[strawberry.ID], "Bestaande maatregelen die dit doel (ook) gaan dienen / Existing measures that will (also) serve this goal."),
            "budgetLines": lines,
        })

    def _value_node(self, node, spec: FieldSpec, given, data: Graph, code: str, vocabularies, change: Change) -> None:
        """Replace a baseline or target by a new value node made of the nested input."""
        for old in data.objects(node, spec.predicate):
            change.delete |= {(node, spec.predicate, old)} | set(data.triples((old, None, None)))
        value = SKOLEM[uuid.uuid4().hex]
        change.insert |= {(node, spec.predicate, value), (value, RDF.type, self.kinds[spec.target].target_class)}
        for input_field in self.fields[spec.target]:
            given_value = getattr(given, input_field.attribute)
            if given_value is not None:
                change.insert |= {(value, input_field.spec.predicate, t) for t in input_field.convert(given_value, code, vocabularies)}

    def fill(self, kind_name: str, node: URIRef, given, data: Graph, code: str, vocabularies, change: Change) -> None:
        for input_field in self.fields[kind_name]:
            value = getattr(given, input_field.attribute)
            if value is None:
                continue
            spec = input_field.spec
            if input_field.convert is None:
                self._value_node(node, spec, value, data, code, vocabularies, change)
                continue
            for old in list(data.objects(node, spec.predicate)):
                if input_field.lang is None or getattr(old, "language", None) == input_field.lang:
                    change.delete.add((node, spec.predicate, old))
            change.insert |= {(node, spec.predicate, term) for term in input_field.convert(value, code, vocabularies)}
        if kind_name == "Indicator" and given.kind is not None:
            cls = DG.EffectIndicator if given.kind == IndicatorKind.EFFECT else DG.OutputIndicator
            change.delete |= {t for t in data.triples((node, RDF.type, None)) if t[2] in (DG.Indicator, DG.EffectIndicator, DG.OutputIndicator)}
            change.insert.discard((node, RDF.type, DG.Indicator))
            change.insert.add((node, RDF.type, cls))
        if kind_name == "Measure" and given.initiator is not None:
            change.insert.add((node, RDF.type, DG.PartnerInitiative))
        if kind_name == "PortfolioHolder":  # as the template's Rollen sheet states one
            change.insert.add((node, DG.roleType, ID["rol/portefeuillehouder"]))
        if kind_name == "Goal":
            for indicator in given.indicators or []:
                child = self.new(data, "Indicator", indicator, code, vocabularies, change)
                change.insert.add((node, DG.hasIndicator, child))
            for measure in given.served_by or []:
                change.insert.add((own_iri(measure, code, "servedBy"), DG.serves, node))
        if kind_name in ("Goal", "Measure"):
            for line in given.budget_lines or []:
                child = self.new(data, "BudgetLine", line, code, vocabularies, change)
                change.insert.add((child, DG.funds, node))

    def new(self, data: Graph, kind_name: str, given, code: str, vocabularies, change: Change) -> URIRef:
        """A new node of a kind, with the triples its input describes."""
        kind = self.kinds[kind_name]
        node = editing.mint(code, kind.slug, getattr(given, "label", None))
        change.insert.add((node, RDF.type, kind.target_class))
        self.fill(kind_name, node, given, data, code, vocabularies, change)
        return node

    def create(self, kind_name: str, given, code: str, vocabularies) -> Callable[[Graph], Change]:
        def build(data: Graph) -> Change:
            change = Change()
            node = self.new(data, kind_name, given, code, vocabularies, change)
            change.subject = str(node)
            if kind_name == "Indicator":
                if given.of is None:
                    raise UserError("geef bij een nieuwe indicator 'of': het doel of de maatregel", "give 'of' for a new indicator: its goal or measure", where="of")
                change.insert.add((own_iri(given.of, code, "of"), DG.hasIndicator, node))
            return change

        return build

    def update(self, kind_name: str, iri: str, given, code: str, vocabularies) -> Callable[[Graph], Change]:
        kind = self.kinds[kind_name]

        def build(data: Graph) -> Change:
            node = editing.require_node(data, named_node(iri, "id").value, kind.target_class, kind.noun)
            change = Change(subject=str(node))
            self.fill(kind_name, node, given, data, code, vocabularies, change)
            return change

        return build

    def delete(self, kind_name: str, iri: str) -> Callable[[Graph], Change]:
        kind = self.kinds[kind_name]

        def build(data: Graph) -> Change:
            node = editing.require_node(data, named_node(iri, "id").value, kind.target_class, kind.noun)
            return Change(delete=editing.describe(data, node), subject=str(node))

        return build

    def mutations(self, kind_name: str) -> dict:
        noun, input_type = self.kinds[kind_name].noun, self.inputs[kind_name]

        async def create(info: Info, input: input_type) -> MutationResult:  # type: ignore[valid-type]
            return await _run_edit(info, lambda code, vocabularies: self.create(kind_name, input, code, vocabularies))

        async def update(info: Info, id: strawberry.ID, input: input_type) -> MutationResult:  # type: ignore[valid-type]
            return await _run_edit(info, lambda code, vocabularies: self.update(kind_name, id, input, code, vocabularies))

        async def delete(info: Info, id: strawberry.ID) -> MutationResult:
            return await _run_edit(info, lambda code, vocabularies: self.delete(kind_name, id))

        return {
            f"create{kind_name}": strawberry.mutation(resolver=create, description=f"Nieuw(e) {noun[0]} / New {noun[1]}."),
            f"update{kind_name}": strawberry.mutation(resolver=update, description=f"Wijzig een {noun[0]} / Change a {noun[1]}."),
            f"delete{kind_name}": strawberry.mutation(resolver=delete, description=f"Verwijder een {noun[0]} met alles wat erover zegt / Delete a {noun[1]} and every statement about it."),
        }


async def _run_edit(info: Info, make_build) -> MutationResult:
    code = editing.editable_municipality(info.context.principal)
    repository = info.context.repository
    vocabularies = await asyncio.to_thread(current, repository)
    outcome: EditOutcome = await asyncio.to_thread(editing.edit, repository, code, make_build(code, vocabularies))
    return MutationResult.of(outcome.ok, outcome.id, [outcome.report], outcome.added, outcome.fixed)


async def import_rdf(info: Info, municipality: str, format: RdfFormat, data: str, strict: bool = False) -> MutationResult:
    municipality = check_code(municipality, "municipality")
    editing.authorise(info.context.principal, municipality)
    body = data.encode("utf-8")
    if len(body) > MAX_IMPORT_BYTES:
        raise UserError(f"document groter dan {MAX_IMPORT_BYTES} bytes", f"document larger than {MAX_IMPORT_BYTES} bytes", where="data")
    document = parse_bytes(body, format.value, "data")
    outcome = await asyncio.to_thread(loading.load_documents, info.context.repository, [document], [municipality], strict)
    return MutationResult.of(outcome.stored, None, list(outcome.reports.values()))


async def import_spreadsheet(info: Info, municipality: str, data: str, strict: bool = False) -> MutationResult:
    municipality = check_code(municipality, "municipality")
    editing.authorise(info.context.principal, municipality)
    if len(data) > MAX_IMPORT_BYTES * 4 // 3 + 4:  # the base64 of a workbook of MAX_IMPORT_BYTES
        raise UserError(f"werkmap groter dan {MAX_IMPORT_BYTES} bytes", f"workbook larger than {MAX_IMPORT_BYTES} bytes", where="data")
    try:
        body = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise UserError("'data' is geen base64", "'data' is not base64", where="data") from None
    outcome = await asyncio.to_thread(import_workbook, info.context.repository, body, municipality, "data", strict)
    return MutationResult.of(outcome.stored, None, list(outcome.reports.values()))


def mutation_type(kinds: dict[str, Kind], types: Types) -> type:
    """The Mutation type: create, update and delete for every kind the model marks editable, and the imports."""
    editor = Editor(kinds, types)
    fields = {name: field for kind in kinds.values() if kind.editable for name, field in editor.mutations(kind.name).items()}
    fields["importRdf"] = strawberry.mutation(
        resolver=import_rdf,
        description="Vervang de gegevens van een gemeente door een heel RDF-document; opgeslagen met de bevindingen, "
                    "tenzij er een blokkeert (strict: elke fout weigert) / Replace a municipality's data by a whole RDF "
                    "document; stored with its findings unless one blocks (strict: any violation refuses).",
    )
    fields["importSpreadsheet"] = strawberry.mutation(
        resolver=import_spreadsheet,
        description="Vervang de gegevens van een gemeente door een ingevuld Doelgraaf-sjabloon (.xlsx, base64); opgeslagen "
                    "met de bevindingen tenzij er een blokkeert (strict: elke fout weigert); meldingen noemen blad, rij en "
                    "kolom / Replace a municipality's data by a filled-in Doelgraaf template (.xlsx, base64); stored with "
                    "its findings unless one blocks (strict: any violation refuses); messages name sheet, row and column.",
    )
    return strawberry.type(type("Mutation", (), {"__annotations__": {}, **fields}))
