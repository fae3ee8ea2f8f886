"""The Doelgraaf spreadsheet: the template, filling it in from the store, and importing a filled-in
workbook behind the same SHACL gate as any other load.

The sheets and columns are described once, in ingest/spreadsheet/template.py. The template gets its
header notes and required marks from the shapes and its drop-down lists from the vocabularies.
An export puts every statement of the municipality into a column that represents it exactly, and
what fits no column into the sheet Overig, so export -> import gives back the same graph. An
import is validated by services.loading (stored only when it conforms, in one transaction) and
every SHACL result is told back as sheet, row and column.

Regenerate the committed template:  python -m doelgraaf.ingest.spreadsheet.workbook
"""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS, XSD
from rdflib.term import Node

from doelgraaf.analysis.export import municipality_graph_data
from doelgraaf.catalogue.shared_graphs import background_graph, shapes_graph
from doelgraaf.core.codes import CODE_PATTERN
from doelgraaf.core.namespaces import DG, ID, municipality_iri
from doelgraaf.core.paths import DATA_DIR
from doelgraaf.core.terms import to_oxigraph, to_triples
from doelgraaf.ingest.loading import load_documents
from doelgraaf.ingest.rdf_files import RdfDocument
from doelgraaf.ingest.spreadsheet.template import (
    DECIMAL_PATTERN,
    FIRST_DATA_ROW,
    INSTRUCTIONS,
    KEY_PATTERN,
    LISTS,
    MAX_COLUMNS,
    MAX_ROWS,
    MUNICIPALITY,
    OTHER,
    OTHER_ABOUT,
    OTHER_COLUMNS,
    Column,
    Kind,
    Origin,
    ParsedWorkbook,
    Sheet,
    kind_list,
    read_workbook,
    sheets,
    vocabulary,
)
from doelgraaf.store import Repository
from doelgraaf.validation import ValidationReport, ValidationResult
from doelgraaf.validation.report import SEVERITY_NAMES, path_text

TEMPLATE_FILE = DATA_DIR / "templates" / "doelgraaf-template.xlsx"

# Text a spreadsheet program could take for a formula (or that CSV tools treat so): kept as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXACT_DIGITS = 15  # a spreadsheet number holds 15 significant digits; longer decimals are written as text
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
REQUIRED_FILL = PatternFill("solid", fgColor="C55A11")
ENGLISH_FONT = Font(italic=True, color="595959")
FORMATS = {"year": "0", "integer": "0", "date": "yyyy-mm-dd", "decimal": "General", "value": "General",
           "value_year": "0"}
TEXT_FORMAT = "@"  # columns of codes and keys are text, so that Excel keeps 0.10 as 0.10
WIDTHS = {"key": 16, "iri": 14, "text": 40, "ref": 22, "vocab": 18, "kind": 22}


# --- the template ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _shape_notes() -> dict[tuple[URIRef, str], tuple[dict[str, str], bool]]:
    """(target class, path) -> (sh:description per language, required) from the SHACL shapes."""
    shapes = shapes_graph()
    found: dict[tuple[URIRef, str], tuple[dict[str, str], bool]] = {}
    for shape, cls in shapes.subject_objects(SH.targetClass):
        for prop in shapes.objects(shape, SH.property):
            key = (cls, path_text(shapes.value(prop, SH.path), shapes))
            descriptions, required = found.get(key, ({}, False))
            descriptions = {**descriptions, **{d.language: str(d) for d in shapes.objects(prop, SH.description)}}
            required = required or any(int(m) >= 1 for m in shapes.objects(prop, SH.minCount))
            found[key] = (descriptions, required)
    return found


def _definition(predicate: URIRef) -> dict[str, str]:
    return {d.language: str(d) for d in background_graph().objects(predicate, SKOS.definition)}


def column_note(sheet: Sheet, column: Column) -> tuple[str, str, bool]:
    """What a column means (nl, en) and whether the shapes require it, for the header comment."""
    described, required = {}, False
    for cls in (t for kind in sheet.kinds for t in kind.types):
        notes, needed = _shape_notes().get((cls, column.path), ({}, False))
        described = described or notes
        required = required or needed
    if column.type == "text" and column.lang == "en":
        required = False  # a name is required in some language; the template asks for Dutch
    if column.note:
        return (*column.note, required)
    described = described or (_definition(column.predicate) if column.predicate is not None else {})
    return described.get("nl", ""), described.get("en", ""), required


def _put(worksheet, row: int, column: int, value, number_format: str | None = None):
    cell = worksheet.cell(row=row, column=column)
    if isinstance(value, Decimal) and len(value.as_tuple().digits) > EXACT_DIGITS:
        value = format(value, "f")
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        cell.quotePrefix = value.startswith(FORMULA_START)  # and Excel keeps it text when it is edited
        number_format = TEXT_FORMAT
    if number_format:
        cell.number_format = number_format
    return cell


def _format(column: Column) -> str:
    return FORMATS.get(column.type, TEXT_FORMAT)


class _Lists:
    """The hidden sheet Lijsten: one column of values per list, the Dutch names beside it."""

    def __init__(self, workbook: Workbook):
        self.sheet = workbook.create_sheet(LISTS)
        self.sheet.sheet_state = "hidden"
        self.ranges: dict[str, str] = {}

    def range(self, name: str, title: tuple[str, str], items: list[tuple[str, str]]) -> str:
        if name not in self.ranges:
            first = 2 * len(self.ranges) + 1
            _put(self.sheet, 1, first, f"{title[0]} / {title[1]}").font = Font(bold=True)
            for offset, (value, label) in enumerate(items, start=2):
                _put(self.sheet, offset, first, value)
                if label and label != value:
                    _put(self.sheet, offset, first + 1, label)
            letter = get_column_letter(first)
            self.ranges[name] = f"{LISTS}!${letter}$2:${letter}${len(items) + 1}"
        return self.ranges[name]


def _drop_down(lists: _Lists, sheet: Sheet, column: Column) -> DataValidation | None:
    if column.type == "kind":
        kinds = kind_list(sheet)
        formula = lists.range(f"kind:{sheet.name}", (f"Soorten ({sheet.name})", f"Kinds ({sheet.en})"),
                              [(k.nl, k.en) for k in kinds])
    elif column.type == "vocab":
        words = vocabulary(column.vocabulary)
        formula = lists.range(column.vocabulary, (words.nl, words.en), [(text, name) for text, _, name in words.items])
    else:
        return None
    several = column.multi
    validation = DataValidation(
        type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
        errorStyle="information" if several else "stop",
        errorTitle="Keuzelijst / Drop-down list",
        error=("Meer waarden: scheid ze met een puntkomma (;). / Several values: separate them with a semicolon (;)."
               if several else "Kies een waarde uit de lijst. / Choose a value from the list."),
    )
    letter = get_column_letter(sheet.columns.index(column) + 1)
    validation.add(f"{letter}{FIRST_DATA_ROW}:{letter}{FIRST_DATA_ROW + MAX_ROWS - 1}")
    return validation


def _headers(worksheet, headers: list[tuple[str, str, tuple[str, str, bool], str, int]]) -> None:
    """Row 1 Dutch headers with a comment (meaning, required), row 2 English headers, column formats."""
    for number, (nl, en, (note_nl, note_en, required), number_format, width) in enumerate(headers, start=1):
        cell = _put(worksheet, 1, number, nl)
        cell.font, cell.fill = HEADER_FONT, REQUIRED_FILL if required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        text = "\n\n".join(t for t in (note_nl, note_en) if t)
        if required:
            text += "\n\nVerplicht / Required"
        if text:
            cell.comment = Comment(text.strip(), "Doelgraaf", width=320, height=200)
        _put(worksheet, 2, number, en).font = ENGLISH_FONT
        letter = get_column_letter(number)
        worksheet.column_dimensions[letter].width = width
        worksheet.column_dimensions[letter].number_format = number_format
    worksheet.freeze_panes = f"A{FIRST_DATA_ROW}"


INSTRUCTIONS_TEXT = (
    ("Doelgraaf-sjabloon: doelgericht sturen in een werkmap",
     "Doelgraaf template: goal-oriented steering in a workbook"),
    ("Vul per blad één rij per ding in: een doel, een indicator, een maatregel, een begrotingsregel. Rij 1 heeft de "
     "Nederlandse kop, rij 2 de Engelse; de gegevens beginnen op rij 3. Een opmerking bij elke kop zegt wat erin hoort; "
     "oranje koppen zijn verplicht.",
     "Fill in one row per thing on each sheet: a goal, an indicator, a measure, a budget line. Row 1 holds the Dutch "
     "header, row 2 the English one; data starts on row 3. A comment on each header says what belongs there; orange "
     "headers are required."),
    ("Elke rij heeft een Sleutel, kort en uniek in de hele werkmap (D1, M3, schone-wijken). Andere rijen verwijzen ernaar "
     "met die sleutel, met de Nederlandse naam (als die uniek is) of met een volledige IRI. Meer waarden in één cel: "
     "scheid ze met een puntkomma (;). De gemeente zelf heet naar haar CBS-code, zoals GM0629.",
     "Every row has a Key, short and unique in the whole workbook (D1, M3, clean-streets). Other rows refer to it by "
     "that key, by the Dutch name (when unique) or by a full IRI. Several values in one cell: separate them with a "
     "semicolon (;). The municipality itself is named by its CBS code, such as GM0629."),
    ("Codes zijn tekst: taakveld 0.10 is niet 0.1. De kolommen staan daarom op tekst; staat er toch een getal, dan "
     "weigert de import een code die twee codes kan zijn. Kies codes, fasen, richtingen en soorten uit de keuzelijst.",
     "Codes are text: taakveld 0.10 is not 0.1. The columns are therefore text; should a number be there anyway, the "
     "import refuses a code that could be two codes. Pick codes, phases, directions and kinds from the drop-down list."),
    ("Bedragen en waarden: een getal, of tekst met een punt als decimaalteken en zonder duizendtallen (1234567.89). "
     "Bedragen zijn in euro en niet negatief; de Richting zegt lasten of baten. Jaren als vier cijfers (2026), datums "
     "als datum of als jjjj-mm-dd.",
     "Amounts and values: a number, or text with a point as decimal separator and no thousands separators "
     "(1234567.89). Amounts are in euros and not negative; the Direction says expense or revenue. Years as four "
     "digits (2026), dates as a date or as yyyy-mm-dd."),
    ("Importeren: doelgraaf import xlsx BESTAND --municipality GM0000 (of de GraphQL-mutatie importSpreadsheet). De "
     "import vervangt alle gegevens van de gemeente, maar alleen als alles klopt: elke fout noemt blad, rij en kolom, "
     "en zolang er fouten zijn wordt niets opgeslagen. Exporteren: doelgraaf export xlsx --municipality GM0000 -o "
     "BESTAND.xlsx geeft dit sjabloon ingevuld terug.",
     "Importing: doelgraaf import xlsx FILE --municipality GM0000 (or the GraphQL mutation importSpreadsheet). The "
     "import replaces all data of the municipality, but only when everything is right: every error names sheet, row "
     "and column, and nothing is stored while there are errors. Exporting: doelgraaf export xlsx --municipality "
     "GM0000 -o FILE.xlsx gives this template back filled in."),
    (f"Voeg geen bladen of kolommen toe en laat de koppen staan. Hooguit {MAX_ROWS:_} rijen en {MAX_COLUMNS} kolommen "
     "per blad.".replace("_", "."),
     f"Do not add sheets or columns and keep the headers. At most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns per "
     "sheet."),
)


def _instructions(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(INSTRUCTIONS, 0)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 90
    row = 1
    for index, (nl, en) in enumerate(INSTRUCTIONS_TEXT):
        _put(sheet, row, 1, nl).font = Font(bold=index == 0, size=14 if index == 0 else 11)
        _put(sheet, row + 1, 1, en).font = Font(italic=True, bold=index == 0, color="595959")
        row += 3
    _put(sheet, row, 1, "Blad / Sheet").font = Font(bold=True)
    _put(sheet, row, 2, "Eén rij is …").font = Font(bold=True)
    _put(sheet, row, 3, "One row is …").font = Font(bold=True)
    for sheet_spec_name, en, (about_nl, about_en) in [(s.name, s.en, s.about) for s in sheets()] + [(OTHER, "Other", OTHER_ABOUT)]:
        row += 1
        _put(sheet, row, 1, f"{sheet_spec_name} ({en})")
        _put(sheet, row, 2, about_nl).alignment = Alignment(wrap_text=True, vertical="top")
        _put(sheet, row, 3, about_en).alignment = Alignment(wrap_text=True, vertical="top")


def fill_template(rows: dict[str, list[dict]] | None = None) -> bytes:
    """The template as .xlsx bytes, with `rows` ({sheet name: [{column id: value}]}) filled in.

    Values are cell contents: text (keys, names, list values; several joined with '; '), int years,
    Decimal amounts, dates. Text is always written as text, never as a formula.
    """
    rows = rows or {}
    known = {s.name: {c.id for c in s.columns} for s in sheets()} | {OTHER: {c for c, _, _ in OTHER_COLUMNS}}
    for name, sheet_rows in rows.items():  # a misspelt column would otherwise vanish without a trace
        unknown = {column for row in sheet_rows for column in row} - known.get(name, set())
        if name not in known or unknown:
            raise ValueError(f"no sheet {name!r} or no columns {sorted(unknown)} there")
    workbook = Workbook()
    workbook.remove(workbook.active)
    _instructions(workbook)
    lists = _Lists(workbook)
    for sheet in sheets():
        worksheet = workbook.create_sheet(sheet.name, len(workbook.sheetnames) - 1)
        _headers(worksheet, [(c.nl, c.en, column_note(sheet, c), _format(c), WIDTHS.get(c.type, 18)) for c in sheet.columns])
        for column in sheet.columns:
            validation = _drop_down(lists, sheet, column)
            if validation is not None:
                worksheet.add_data_validation(validation)
        for number, values in enumerate(rows.get(sheet.name, []), start=FIRST_DATA_ROW):
            for index, column in enumerate(sheet.columns, start=1):
                if values.get(column.id) is not None:
                    _put(worksheet, number, index, values[column.id], _format(column))
    other = workbook.create_sheet(OTHER, len(workbook.sheetnames) - 1)
    _headers(other, [(nl, en, (OTHER_ABOUT[0], OTHER_ABOUT[1], False), TEXT_FORMAT, 60) for _, nl, en in OTHER_COLUMNS])
    for number, values in enumerate(rows.get(OTHER, []), start=FIRST_DATA_ROW):
        for index, (column_id, _, _) in enumerate(OTHER_COLUMNS, start=1):
            _put(other, number, index, values[column_id])
    workbook.properties.creator = "Doelgraaf"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_template() -> bytes:
    """The empty template, generated from the sheet description, the shapes and the vocabularies."""
    return fill_template()


# --- export: the store into the template -----------------------------------------------------------


def _writable(text: str) -> bool:
    """Text a cell gives back unchanged (the import trims cells; an empty cell is no value)."""
    return bool(text) and text == text.strip() and "\r" not in text and not ILLEGAL_CHARACTERS_RE.search(text)


def _key_like(text: str) -> str:
    key = re.sub(r"[^A-Za-z0-9._~-]+", "-", text).strip("-._~")[:100]
    return key if KEY_PATTERN.match(key) else ""


class _Export:
    """Every statement of a municipality into the cell that represents it exactly, the rest into Overig."""

    def __init__(self, graph: Graph, code: str):
        self.graph = graph
        self.code = code
        self.left = set(graph)  # statements not yet written anywhere
        self.placed: dict[Node, tuple[Sheet, Kind]] = {}
        self.keys: dict[Node, str] = {}
        self.iris: dict[Node, str] = {}

    def place(self) -> None:
        """Give each node the first sheet and kind whose classes (and role type) it has."""
        own = municipality_iri(self.code)
        for sheet in sheets():
            for kind in sheet.kinds:
                for node in sorted(set(self.graph.subjects(RDF.type, kind.types[0])), key=str):
                    if node in self.placed or not isinstance(node, URIRef) or (sheet.name == "Gemeente") != (node == own):
                        continue
                    statements = set(kind.statements(node))
                    if statements <= self.left:
                        self.placed[node] = (sheet, kind)
                        self.left -= statements

    def name(self) -> None:
        """Keys: the end of the IRI where it is unique; the IRI column only where the key does not give the IRI."""
        order = {s.name: i for i, s in enumerate(sheets())}
        wanted: dict[Node, str] = {}
        for node, (sheet, kind) in self.placed.items():
            if sheet.has("key"):
                prefix = str(ID[f"{self.code}/{kind.slug or sheet.slug}/"])
                local = str(node)[len(prefix):] if str(node).startswith(prefix) else re.split(r"[/#]", str(node).rstrip("/#"))[-1]
                wanted[node] = _key_like(local) or sheet.slug
        counts = Counter(wanted.values())
        used: set[str] = set()
        for node in sorted(wanted, key=lambda n: (order[self.placed[n][0].name], str(n))):
            sheet, kind = self.placed[node]
            segment = kind.slug or sheet.slug
            base = wanted[node] if counts[wanted[node]] == 1 else f"{segment}-{wanted[node]}"
            key, number = base, 2
            while key in used or CODE_PATTERN.match(key):  # a CBS code in a reference cell means the municipality
                key, number = f"{base}-{number}", number + 1
            used.add(key)
            self.keys[node] = key
            if ID[f"{self.code}/{segment}/{key}"] != node:
                self.iris[node] = str(node)

    def rows(self) -> dict[str, list[dict]]:
        order = {s.name: i for i, s in enumerate(sheets())}
        result: dict[str, list[dict]] = {}
        for node in sorted(self.placed, key=lambda n: (order[self.placed[n][0].name], _natural_key(self.keys.get(n, "")))):
            sheet, kind = self.placed[node]
            row: dict = {}
            if node in self.keys:
                row["key"] = self.keys[node]
            if node in self.iris:
                row["iri"] = self.iris[node]
            if kind.nl and sheet.has("kind"):
                row["kind"] = kind.nl
            # a list column first: a policy indicator is shown by its number, not as an IRI in the reference column
            for column in sorted(sheet.columns, key=lambda c: c.type != "vocab"):
                if column.type == "value":
                    self._value(node, sheet, column, row)
                elif column.type not in ("key", "iri", "kind", "value_year"):
                    value = self._cell(node, kind, column)
                    if value is not None:
                        row[column.id] = value
            result.setdefault(sheet.name, []).append(row)
        return result

    def _cell(self, node: Node, kind: Kind, column: Column):
        p = column.predicate
        if column.inverse:
            candidates = [((s, p, node), s) for s in self.graph.subjects(p, node)]
        else:
            candidates = [((node, p, o), o) for o in self.graph.objects(node, p)]
        shown = []
        for triple, term in sorted(candidates, key=lambda pair: str(pair[1])):
            if triple not in self.left:
                continue
            text = self._show(term, kind, column)
            if text is None:
                continue
            self.left.discard(triple)
            shown.append(text)
            if not column.multi:
                break
        if not shown:
            return None
        return "; ".join(shown) if column.multi else shown[0]

    def _show(self, term: Node, kind: Kind, column: Column):
        """The cell content that reads back as exactly `term`, or None when this column cannot hold it."""
        kind_name = column.type
        if kind_name in ("ref", "vocab"):
            return self._show_iri(term, column) if isinstance(term, URIRef) else None
        if not isinstance(term, Literal):
            return None
        text = str(term)
        if kind_name == "text":
            lang = None if column.id == "label" and kind.proper_name else column.lang
            plain = term.language is None and term.datatype is None
            return text if (term.language == lang if lang else plain) and _writable(text) else None
        if kind_name == "code":
            return text if term.language is None and term.datatype is None and _writable(text) else None
        return _typed_value(term, kind_name)

    def _show_iri(self, term: URIRef, column: Column):
        if column.type == "vocab":
            return vocabulary(column.vocabulary).text_of(term)
        placed = self.placed.get(term)
        if placed is not None and placed[0].name in column.targets and term in self.keys:
            return self.keys[term]
        prefix = str(ID["gemeente/"])
        if MUNICIPALITY in column.targets and str(term).startswith(prefix) and CODE_PATTERN.match(str(term)[len(prefix):]):
            return str(term)[len(prefix):]
        text = str(term)
        # a full IRI reads back only when it is one (no spaces, no separator) of a kind the import accepts
        if text.startswith(("http://", "https://", "urn:")) and not re.search(r"[\s;<>\"{}|\\^`]", text):
            return text
        return None

    def _value(self, node: Node, sheet: Sheet, column: Column, row: dict) -> None:
        """A baseline or target: a blank node with its value and year goes into two cells, anything else to Overig."""
        year_column = next(c for c in sheet.columns if c.predicate == column.predicate and c.type == "value_year")
        for value_node in sorted(self.graph.objects(node, column.predicate), key=str):
            link = (node, column.predicate, value_node)
            if link not in self.left or not isinstance(value_node, BNode):
                continue
            about = set(self.graph.triples((value_node, None, None)))
            values = list(self.graph.objects(value_node, DG.value))
            years = list(self.graph.objects(value_node, DG.year))
            shown_value = _typed_value(values[0], "decimal") if len(values) == 1 else None
            shown_year = _typed_value(years[0], "year") if len(years) == 1 else None
            exact = (
                set(self.graph.subject_predicates(value_node)) == {(node, column.predicate)}
                and about == {(value_node, RDF.type, DG.IndicatorValue)}
                | {(value_node, DG.value, v) for v in values} | {(value_node, DG.year, y) for y in years}
                and len(values) <= 1 and len(years) <= 1 and (values or years)
                and (shown_value is not None or not values) and (shown_year is not None or not years)
                and about <= self.left
            )
            if exact:
                self.left -= about | {link}
                if shown_value is not None:
                    row[column.id] = shown_value
                if shown_year is not None:
                    row[year_column.id] = shown_year
                return

    def other(self) -> list[dict]:
        labels: dict[BNode, str] = {}

        def term(node: Node) -> str:
            if isinstance(node, BNode):
                return "_:" + labels.setdefault(node, f"b{len(labels) + 1}")
            return str(to_oxigraph(node))

        ordered = sorted(self.left, key=lambda t: tuple((isinstance(x, BNode), str(x)) for x in t))
        return [dict(zip(("subject", "predicate", "object"), map(term, triple))) for triple in ordered]


def _natural_key(text: str) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"([0-9]+)", text)]


def _typed_value(term: Literal, kind_name: str):
    """A year, date, decimal or whole number cell for a typed literal, when it reads back as the same literal."""
    text = str(term)
    if kind_name == "year" and term.datatype == XSD.gYear and re.fullmatch(r"[0-9]{4}", text):
        return int(text)
    if kind_name == "date" and term.datatype == XSD.date and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return None
        return day if day.year >= 1900 else text  # spreadsheets know no dates before 1900
    if kind_name == "decimal" and term.datatype == XSD.decimal and DECIMAL_PATTERN.match(text):
        return Decimal(text)
    if kind_name == "integer" and term.datatype == XSD.integer and re.fullmatch(r"[+-]?[0-9]+", text):
        number = int(text)
        return number if abs(number) < 10**EXACT_DIGITS else text
    return None


def workbook_rows(graph: Graph, code: str) -> dict[str, list[dict]]:
    """The cells of the template that state exactly `graph` (blank nodes as they are, not skolemised)."""
    export = _Export(graph, code)
    export.place()
    export.name()
    rows = export.rows()
    rows[OTHER] = export.other()
    return rows


def export_workbook(repo: Repository, code: str) -> bytes:
    """The template filled in with municipality `code` from the store; importing it gives the same graph back."""
    return fill_template(workbook_rows(municipality_graph_data(repo, code), code))


# --- import: a workbook into the store, behind the SHACL gate --------------------------------------


@dataclass
class SpreadsheetImport:
    stored: bool
    reports: dict[str, ValidationReport]  # per municipality; every message starts with sheet, row and column
    triples: int

    def messages(self, lang: str = "nl") -> list[str]:
        lines = []
        for report in self.reports.values():
            for result in report.results:
                name = SEVERITY_NAMES[SH[result.severity]][1 if lang == "nl" else 2]
                lines.append(f"{name:<13} {result.message(lang)}")
            lines.append(report.summary(lang))
        return lines


def import_workbook(repo: Repository, data: bytes, code: str, source: str) -> SpreadsheetImport:
    """Read, validate and (only when it conforms) store a filled-in template as the data of `code`.

    Unreadable workbooks and cells raise UserError; SHACL results come back in the reports with
    their sheet, row and column.
    """
    parsed = read_workbook(data, code, source)
    document = RdfDocument(source, [ox.Quad(t.subject, t.predicate, t.object) for t in to_triples(parsed.graph)])
    outcome = load_documents(repo, [document], [code])
    reports = {c: _located(report, parsed) for c, report in outcome.reports.items()}
    return SpreadsheetImport(outcome.stored, reports, outcome.triples.get(code, 0))


SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def _origin(result: ValidationResult, parsed: ParsedWorkbook) -> tuple[Origin | None, Column | None]:
    origin = parsed.origins.get(result.focus_node)
    if origin is not None:
        return origin, origin.column(result.path)
    # a node the workbook only names (a role holder given by IRI): the cell that names it
    for subject, predicate in parsed.graph.subject_predicates(result.focus_node):
        referrer = parsed.origins.get(subject)
        if referrer is not None:
            return referrer, referrer.column(path_text(predicate, parsed.graph))
    return None, None


def _located(report: ValidationReport, parsed: ParsedWorkbook) -> ValidationReport:
    """The report with every message prefixed by its sheet, row and column, in workbook order."""
    order = {s.name: i for i, s in enumerate(sheets())}
    placed = []
    for result in report.results:
        origin, column = _origin(result, parsed)
        position: tuple = (SEVERITY_ORDER[result.severity], len(order), 0, 0)
        if origin is not None:
            nl, en = parsed.where(origin, column)
            columns = parsed.positions.get(origin.sheet.name, {})
            position = (SEVERITY_ORDER[result.severity], order[origin.sheet.name], origin.row,
                        columns.get(column.id, 0) if column else 0)
            result = replace(result, messages={"nl": f"{nl}: {result.message('nl')}", "en": f"{en}: {result.message('en')}"})
        placed.append((position, result.message("nl"), result))
    placed.sort(key=lambda item: item[:2])
    return ValidationReport(report.conforms, [result for _, _, result in placed], report.graph)


def main() -> int:
    TEMPLATE_FILE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE_FILE.write_bytes(build_template())
    print(TEMPLATE_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
