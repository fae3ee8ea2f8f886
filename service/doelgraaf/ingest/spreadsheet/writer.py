"""Writing the template: headers in Dutch with English under them, notes and required marks from the shapes,
drop-down lists from the vocabularies; filled in with rows for an export.
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from rdflib import URIRef
from rdflib.namespace import SH, SKOS

from doelgraaf.catalogue.model import Column, Sheet
from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.catalogue.vocabularies import Vocabularies, shipped
from doelgraaf.core.paths import DATA_DIR
from doelgraaf.ingest.spreadsheet.archive import MAX_COLUMNS, MAX_ROWS
from doelgraaf.ingest.spreadsheet.lists import vocabulary
from doelgraaf.ingest.spreadsheet.template import (
    FIRST_DATA_ROW,
    INSTRUCTIONS,
    LISTS,
    OTHER,
    OTHER_ABOUT,
    OTHER_COLUMNS,
    kind_list,
    sheets,
)
from doelgraaf.validation.report import path_text

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


def _definition(predicate: URIRef, vocabularies: Vocabularies) -> dict[str, str]:
    return {d.language: str(d) for d in vocabularies.background.objects(predicate, SKOS.definition)}


def column_note(sheet: Sheet, column: Column, vocabularies: Vocabularies) -> tuple[str, str, bool]:
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
    described = described or (_definition(column.predicate, vocabularies) if column.predicate is not None else {})
    return described.get("nl", ""), described.get("en", ""), required


def put(worksheet, row: int, column: int, value, number_format: str | None = None):
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
            put(self.sheet, 1, first, f"{title[0]} / {title[1]}").font = Font(bold=True)
            for offset, (value, label) in enumerate(items, start=2):
                put(self.sheet, offset, first, value)
                if label and label != value:
                    put(self.sheet, offset, first + 1, label)
            letter = get_column_letter(first)
            self.ranges[name] = f"{LISTS}!${letter}$2:${letter}${len(items) + 1}"
        return self.ranges[name]


def _drop_down(lists: _Lists, sheet: Sheet, column: Column, vocabularies: Vocabularies) -> DataValidation | None:
    if column.type == "kind":
        kinds = kind_list(sheet)
        formula = lists.range(f"kind:{sheet.name}", (f"Soorten ({sheet.name})", f"Kinds ({sheet.en})"),
                              [(k.nl, k.en) for k in kinds])
    elif column.type == "vocab":
        words = vocabulary(column.vocabulary, vocabularies)
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
        cell = put(worksheet, 1, number, nl)
        cell.font, cell.fill = HEADER_FONT, REQUIRED_FILL if required else HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        text = "\n\n".join(t for t in (note_nl, note_en) if t)
        if required:
            text += "\n\nVerplicht / Required"
        if text:
            cell.comment = Comment(text.strip(), "Doelgraaf", width=320, height=200)
        put(worksheet, 2, number, en).font = ENGLISH_FONT
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


def _instructions(workbook: Workbook, sheets_in_order: tuple[Sheet, ...]) -> None:
    sheet = workbook.create_sheet(INSTRUCTIONS, 0)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90
    sheet.column_dimensions["C"].width = 90
    row = 1
    for index, (nl, en) in enumerate(INSTRUCTIONS_TEXT):
        put(sheet, row, 1, nl).font = Font(bold=index == 0, size=14 if index == 0 else 11)
        put(sheet, row + 1, 1, en).font = Font(italic=True, bold=index == 0, color="595959")
        row += 3
    put(sheet, row, 1, "Blad / Sheet").font = Font(bold=True)
    put(sheet, row, 2, "Eén rij is …").font = Font(bold=True)
    put(sheet, row, 3, "One row is …").font = Font(bold=True)
    for sheet_spec_name, en, (about_nl, about_en) in [(s.name, s.en, s.about) for s in sheets_in_order] + [(OTHER, "Other", OTHER_ABOUT)]:
        row += 1
        put(sheet, row, 1, f"{sheet_spec_name} ({en})")
        put(sheet, row, 2, about_nl).alignment = Alignment(wrap_text=True, vertical="top")
        put(sheet, row, 3, about_en).alignment = Alignment(wrap_text=True, vertical="top")


def fill_template(rows: dict[str, list[dict]] | None = None, vocabularies: Vocabularies | None = None) -> bytes:
    """The template as .xlsx bytes, with `rows` ({sheet name: [{column id: value}]}) filled in; its lists and
    kinds from `vocabularies` (the store's; the running version's own when not given).

    Values are cell contents: text (keys, names, list values; several joined with '; '), int years,
    Decimal amounts, dates. Text is always written as text, never as a formula.
    """
    rows = rows or {}
    vocabularies = vocabularies or shipped()
    all_sheets = sheets(vocabularies)
    known = {s.name: {c.id for c in s.columns} for s in all_sheets} | {OTHER: {c for c, _, _ in OTHER_COLUMNS}}
    for name, sheet_rows in rows.items():  # a misspelt column would otherwise vanish without a trace
        unknown = {column for row in sheet_rows for column in row} - known.get(name, set())
        if name not in known or unknown:
            raise ValueError(f"no sheet {name!r} or no columns {sorted(unknown)} there")
    workbook = Workbook()
    workbook.remove(workbook.active)
    _instructions(workbook, all_sheets)
    lists = _Lists(workbook)
    for sheet in all_sheets:
        worksheet = workbook.create_sheet(sheet.name, len(workbook.sheetnames) - 1)
        _headers(worksheet, [(c.nl, c.en, column_note(sheet, c, vocabularies), _format(c), WIDTHS.get(c.type, 18)) for c in sheet.columns])
        for column in sheet.columns:
            validation = _drop_down(lists, sheet, column, vocabularies)
            if validation is not None:
                worksheet.add_data_validation(validation)
        for number, values in enumerate(rows.get(sheet.name, []), start=FIRST_DATA_ROW):
            for index, column in enumerate(sheet.columns, start=1):
                if values.get(column.id) is not None:
                    put(worksheet, number, index, values[column.id], _format(column))
    other = workbook.create_sheet(OTHER, len(workbook.sheetnames) - 1)
    _headers(other, [(nl, en, (OTHER_ABOUT[0], OTHER_ABOUT[1], False), TEXT_FORMAT, 60) for _, nl, en in OTHER_COLUMNS])
    for number, values in enumerate(rows.get(OTHER, []), start=FIRST_DATA_ROW):
        for index, (column_id, _, _) in enumerate(OTHER_COLUMNS, start=1):
            put(other, number, index, values[column_id])
    workbook.properties.creator = "Doelgraaf"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_template(vocabularies: Vocabularies | None = None) -> bytes:
    """The empty template, generated from the model, the shapes and the vocabularies."""
    return fill_template(vocabularies=vocabularies)
