"""Reading a filled-in workbook into RDF for one municipality. Every cell problem names sheet, row and
column in Dutch and English, and no graph is returned unless every cell could be read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

import pyoxigraph as ox
from openpyxl import load_workbook
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from doelgraaf.catalogue.model import MUNICIPALITY, Column, RowKind, Sheet
from doelgraaf.catalogue.vocabularies import Vocabularies, shipped
from doelgraaf.core.codes import CODE_PATTERN
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, ID, municipality_iri, slug
from doelgraaf.core.terms import named_node, to_rdflib
from doelgraaf.ingest.spreadsheet.archive import MAX_COLUMNS, MAX_ROWS, check_archive, not_a_workbook
from doelgraaf.ingest.spreadsheet.cells import (
    CellError,
    code_text,
    decimal_literal,
    plain_text,
    read_date,
    read_decimal,
    read_integer,
    read_year,
    value_node,
)
from doelgraaf.ingest.spreadsheet.lists import vocabulary
from doelgraaf.ingest.spreadsheet.problems import Origin, Problem, cell_location, workbook_error
from doelgraaf.ingest.spreadsheet.template import (
    FIRST_DATA_ROW,
    INSTRUCTIONS,
    LISTS,
    OTHER,
    OTHER_COLUMNS,
    kind_list,
    sheet_named,
    sheets,
)

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$")


SEPARATORS = re.compile(r"\s*[;\n]\s*")


NUMBER_SEPARATORS = re.compile(r"\s*[;,\n]\s*")  # lists of numbers (SDG's) may also use commas


@dataclass
class Row:
    sheet: Sheet
    number: int
    cells: dict[str, tuple[object, int]]  # column id -> (value, column number)
    kind: RowKind | None = None
    key: str | None = None
    node: URIRef | None = None

    def has(self, column_id: str) -> bool:
        return column_id in self.cells


@dataclass
class ParsedWorkbook:
    graph: Graph
    origins: dict[URIRef, Origin]
    positions: dict[str, dict[str, int]]  # sheet name -> column id -> column number in this workbook

    def where(self, origin: Origin, column: Column | None) -> tuple[str, str]:
        number = self.positions.get(origin.sheet.name, {}).get(column.id) if column else None
        return cell_location(origin.sheet.name, origin.row, number, (column.nl, column.en) if column else None)


class _Reader:
    def __init__(self, code: str, source: str, vocabularies: Vocabularies):
        self.code = code
        self.source = source
        self.vocabularies = vocabularies
        self.problems: list[Problem] = []
        self.graph = Graph()
        self.origins: dict[URIRef, Origin] = {}
        self.keys: dict[str, Row] = {}
        self.nodes: dict[URIRef, Row] = {}
        self.names: dict[tuple[str, str], list[Row]] = {}  # (sheet, case-folded Dutch name) -> rows

    def problem(self, sheet_name: str, row: int, column: int | None, header, nl: str, en: str) -> None:
        where_nl, where_en = cell_location(sheet_name, row, column, header)
        self.problems.append(Problem(f"{where_nl}: {nl}", f"{where_en}: {en}"))

    def cell_problem(self, row: Row, column: Column, error: CellError) -> None:
        self.problem(row.sheet.name, row.number, row.cells[column.id][1], (column.nl, column.en), error.nl, error.en)

    # pass 1: every row's kind, key and IRI, so that references can point forward
    def identify(self, row: Row) -> None:
        sheet = row.sheet
        try:
            row.kind = self._kind(row)
        except CellError as error:
            self.cell_problem(row, sheet.column("kind"), error)
            return
        if sheet.name == "Gemeente":
            self._identify_municipality(row)
            return
        try:
            row.key = self._key(row)
        except CellError as error:
            if row.has("key"):
                self.cell_problem(row, sheet.column("key"), error)
            else:
                self.problem(sheet.name, row.number, None, None, error.nl, error.en)
            return
        node = ID[f"{self.code}/{row.kind.slug or sheet.slug}/{row.key}"]
        if row.has("iri"):
            try:
                node = URIRef(named_node(plain_text(row.cells["iri"][0]), "IRI").value)
            except (UserError, CellError) as error:
                self.cell_problem(row, sheet.column("iri"), CellError(error.nl, error.en))
                return
        for registry, name, column_id, noun in ((self.keys, row.key, "key", ("sleutel", "key")),
                                                (self.nodes, node, "iri", ("IRI", "IRI"))):
            earlier = registry.get(name)
            if earlier is not None:
                column = sheet.column(column_id)
                self.problem(sheet.name, row.number, row.cells[column_id][1] if row.has(column_id) else None,
                             (column.nl, column.en),
                             f"{noun[0]} '{name}' komt al voor op blad {earlier.sheet.name}, rij {earlier.number}; "
                             "geef elke rij een eigen sleutel",
                             f"{noun[1]} '{name}' already occurs on sheet {earlier.sheet.name}, row {earlier.number}; "
                             "give every row a key of its own")
                return
            registry[name] = row
        row.node = node
        if row.has("label"):
            self.names.setdefault((sheet.name, str(row.cells["label"][0]).strip().casefold()), []).append(row)

    def _identify_municipality(self, row: Row) -> None:
        row.node = municipality_iri(self.code)
        earlier = self.nodes.get(row.node)
        if earlier is not None:
            self.problem(row.sheet.name, row.number, None, None,
                         f"het blad Gemeente heeft één rij (de eerste staat op rij {earlier.number})",
                         f"sheet Gemeente has one row (the first is on row {earlier.number})")
            return
        self.nodes[row.node] = row
        if row.has("code"):
            given = plain_text(row.cells["code"][0])
            if given != self.code:
                self.cell_problem(row, row.sheet.column("code"), CellError(
                    f"deze werkmap is van {given}, maar wordt geïmporteerd als {self.code}",
                    f"this workbook is of {given}, but is being imported as {self.code}"))

    def _kind(self, row: Row) -> RowKind:
        sheet = row.sheet
        if not row.has("kind"):
            implied = [k for k in sheet.kinds if k.implied_by and row.has(k.implied_by)]
            if implied:
                return implied[0]
            if sheet.kind_required:
                raise CellError("kies een soort uit de keuzelijst", "choose a kind from the drop-down list")
            return sheet.kinds[-1]
        text = plain_text(row.cells["kind"][0])
        for kind in sheet.kinds:
            if kind.nl and text.casefold() in {kind.nl.casefold(), kind.en.casefold(), *(a.casefold() for a in kind.aliases)}:
                return kind
        options = ", ".join(k.nl for k in kind_list(sheet))
        raise CellError(f"'{text}' is geen soort van dit blad; kies uit: {options}",
                        f"'{text}' is not a kind of this sheet; choose from: {options}")

    def _key(self, row: Row) -> str:
        if row.has("key"):
            key = code_text(row.cells["key"][0])
            if not KEY_PATTERN.match(key):
                raise CellError(
                    f"'{key}' is geen geldige sleutel: gebruik letters, cijfers, punt, streepje of laag streepje (hooguit 100)",
                    f"'{key}' is not a valid key: use letters, digits, dot, hyphen or underscore (at most 100)")
            return key
        parts = [plain_text(row.cells[c][0]) for c in row.sheet.default_key if row.has(c)]
        key = slug("-".join(parts), "")
        if not key:
            raise CellError("de rij heeft geen sleutel en geen naam om er een van te maken; vul een sleutel in",
                            "the row has no key and no name to make one from; fill in a key")
        return key

    # pass 2: the statements of every cell
    def statements(self, row: Row) -> None:
        if row.node is None:
            return
        node = row.node
        self.origins[node] = Origin(row.sheet, row.number)
        for triple in row.kind.statements(node):
            self.graph.add(triple)
        values: dict[URIRef, dict[str, tuple[Column, object]]] = {}
        for column in row.sheet.columns:
            if column.id not in row.cells or column.type in ("key", "iri", "kind"):
                continue
            value = row.cells[column.id][0]
            try:
                if column.type in ("value", "value_year"):
                    reader = read_decimal if column.type == "value" else read_year
                    values.setdefault(column.predicate, {})[column.type] = (column, reader(value))
                    continue
                for obj in self._objects(row, column, value):
                    self.graph.add((obj, column.predicate, node) if column.inverse else (node, column.predicate, obj))
            except CellError as error:
                self.cell_problem(row, column, error)
        for predicate, parts in values.items():
            self._value_node(row, predicate, parts)

    def _value_node(self, row: Row, predicate: URIRef, parts: dict) -> None:
        node = value_node(row.node, predicate)
        self.graph.add((row.node, predicate, node))
        self.graph.add((node, RDF.type, DG.IndicatorValue))
        if "value" in parts:
            self.graph.add((node, DG.value, decimal_literal(parts["value"][1])))
        if "value_year" in parts:
            self.graph.add((node, DG.year, Literal(str(parts["value_year"][1]), datatype=XSD.gYear)))
        columns = [c for c in row.sheet.columns if c.predicate == predicate]
        self.origins[node] = Origin(row.sheet, row.number, {
            "dg:value": next(c for c in columns if c.type == "value"),
            "dg:year": next(c for c in columns if c.type == "value_year"),
        })

    def _objects(self, row: Row, column: Column, value) -> list:
        kind = column.type
        if kind == "text":
            lang = None if column.id == "label" and row.kind.proper_name else column.lang
            return [Literal(plain_text(value), lang=lang)]
        if kind == "code":
            return [Literal(code_text(value))]
        if kind == "year":
            return [Literal(str(read_year(value)), datatype=XSD.gYear)]
        if kind == "date":
            return [Literal(read_date(value).isoformat(), datatype=XSD.date)]
        if kind == "decimal":
            return [decimal_literal(read_decimal(value))]
        if kind == "integer":
            return [Literal(str(read_integer(value)), datatype=XSD.integer)]
        if kind == "vocab":
            words = self._split(value, column, NUMBER_SEPARATORS if column.vocabulary == "sdg" else SEPARATORS)
            return [vocabulary(column.vocabulary, self.vocabularies).find(w) for w in words]
        if kind == "ref":
            return [self._resolve(w, column) for w in self._split(value, column, SEPARATORS)]
        raise AssertionError(kind)

    @staticmethod
    def _split(value, column: Column, separators) -> list:
        if not isinstance(value, str):
            return [value]
        words = [w for w in separators.split(value.strip()) if w]
        if len(words) > 1 and not column.multi:
            raise CellError("hier past één waarde; er staan er meer", "this cell takes one value; it holds several")
        return words

    def _resolve(self, value, column: Column) -> URIRef:
        text = code_text(value)
        if text.startswith(("http://", "https://", "urn:")):
            try:
                return URIRef(named_node(text, column.nl).value)
            except UserError as error:
                raise CellError(error.nl, error.en) from None
        row = self.keys.get(text)
        if row is None and MUNICIPALITY in column.targets and CODE_PATTERN.match(text):
            return municipality_iri(text)
        target_sheets = [t for t in column.targets if t != MUNICIPALITY]
        if row is not None:
            if row.sheet.name in target_sheets:
                return row.node
            wanted = " of ".join(sheet_named(t).noun[0] for t in target_sheets) or "gemeentecode"
            wanted_en = " or ".join(sheet_named(t).noun[1] for t in target_sheets) or "municipality code"
            raise CellError(f"'{text}' is een {row.sheet.noun[0]} (blad {row.sheet.name}, rij {row.number}), geen {wanted}",
                            f"'{text}' is a {row.sheet.noun[1]} (sheet {row.sheet.name}, row {row.number}), not a {wanted_en}")
        named = [r for t in target_sheets for r in self.names.get((t, text.casefold()), [])]
        if len(named) == 1:
            return named[0].node
        if len(named) > 1:
            rows = ", ".join(f"{r.sheet.name} {r.number}" for r in named)
            raise CellError(f"de naam '{text}' komt meer dan eens voor ({rows}); gebruik de sleutel",
                            f"the name '{text}' occurs more than once ({rows}); use the key")
        sheets_nl = ", ".join(target_sheets + (["een gemeentecode zoals GM0629"] if MUNICIPALITY in column.targets else []))
        sheets_en = ", ".join(target_sheets + (["a municipality code such as GM0629"] if MUNICIPALITY in column.targets else []))
        hint_nl = "; scheid meerdere met een puntkomma" if column.multi and "," in text else ""
        hint_en = "; separate several with a semicolon" if column.multi and "," in text else ""
        raise CellError(f"'{text}' is geen bekende sleutel of naam (zoek in: {sheets_nl}){hint_nl}",
                        f"'{text}' is no known key or name (looked in: {sheets_en}){hint_en}")

    def other(self, number: int, cells: dict[str, tuple[object, int]], blank_nodes: dict) -> None:
        terms = []
        for column_id, nl, en in OTHER_COLUMNS:
            if column_id not in cells:
                self.problem(OTHER, number, None, None, f"kolom {nl} is leeg", f"column {en} is empty")
                return
            terms.append(plain_text(cells[column_id][0]))
        try:
            (quad,) = ox.parse(" ".join(terms) + " .", format=ox.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError) as error:
            reason = str(getattr(error, "msg", error))
            self.problem(OTHER, number, None, None, f"geen geldige N-Triples-uitspraak ({reason})",
                         f"not a valid N-Triples statement ({reason})")
            return
        # a blank node label means the same node on every row of the sheet
        triple = tuple(blank_nodes.setdefault(t.value, BNode()) if isinstance(t, ox.BlankNode) else to_rdflib(t)
                       for t in (quad.subject, quad.predicate, quad.object))
        self.graph.add(triple)


def _open(data: bytes, source: str):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any failure to parse untrusted input is the input's fault
        raise not_a_workbook(source, type(error).__name__) from None


def _rows(worksheet, source: str, name: str) -> list[tuple]:
    worksheet.reset_dimensions()  # the stored used range may lie; the archive check bounded the real one
    try:
        rows = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            too_wide = len(values) > MAX_COLUMNS and any(v is not None for v in values[MAX_COLUMNS:])
            if number > MAX_ROWS + FIRST_DATA_ROW - 1 or too_wide:
                raise UserError(f"blad {name} is groter dan {MAX_ROWS:,} rijen of {MAX_COLUMNS} kolommen",
                                f"sheet {name} is larger than {MAX_ROWS:,} rows or {MAX_COLUMNS} columns", where=source)
            rows.append(values)
        return rows
    except (ElementTree.ParseError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        raise not_a_workbook(source, f"blad {name} is beschadigd ({type(error).__name__})") from None


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_map(reader: _Reader, name: str, header: tuple, columns: list[tuple[str, str, str]]) -> dict[int, str]:
    known = {}
    for column_id, nl, en in columns:
        known[nl.casefold()] = column_id
        known[en.casefold()] = column_id
    found: dict[int, str] = {}
    for index, text in enumerate(header, start=1):
        if _empty(text):
            continue
        column_id = known.get(str(text).strip().casefold())
        if column_id is None:
            reader.problem(name, 1, index, None, f"onbekende kolom '{text}'; gebruik de kolommen van het sjabloon",
                           f"unknown column '{text}'; use the columns of the template")
        elif column_id in found.values():
            reader.problem(name, 1, index, None, f"kolom '{text}' staat twee keer in het blad", f"column '{text}' occurs twice")
        else:
            found[index] = column_id
    return found


def _data_rows(rows: list[tuple], header: dict[int, str], columns: list[tuple[str, str, str]]):
    """(row number, {column id: (value, column number)}) for every row with content below the headers."""
    english = {column_id: en.casefold() for column_id, _, en in columns}
    start = 1
    if len(rows) > 1:  # row 2 holds the English headers, unless someone started the data there
        second = {header[i]: str(v).strip().casefold() for i, v in enumerate(rows[1], start=1) if i in header and not _empty(v)}
        if second and all(english[c] == text for c, text in second.items()):
            start = 2
    for number, values in enumerate(rows[start:], start=start + 1):
        cells = {header[i]: (v.strip() if isinstance(v, str) else v, i)
                 for i, v in enumerate(values, start=1) if i in header and not _empty(v)}
        if cells:
            yield number, cells


def read_workbook(data: bytes, code: str, source: str, vocabularies: Vocabularies | None = None) -> ParsedWorkbook:
    """The RDF a filled-in template states for municipality `code`, with the row each node came from;
    codes and kinds are looked up in `vocabularies` (the store's; the running version's own when not given).

    Raises UserError when the file is no workbook or too big, and WorkbookError listing every cell
    that cannot be read (unknown keys, years that are no year, amounts with a comma, …).
    """
    check_archive(data, source)
    workbook = _open(data, source)
    vocabularies = vocabularies or shipped()
    reader = _Reader(code, source, vocabularies)
    by_name = {s.name.casefold(): s for s in sheets(vocabularies)}
    rows: list[Row] = []
    other_rows = []
    positions: dict[str, dict[str, int]] = {}
    try:
        for worksheet in workbook.worksheets:
            title = worksheet.title.strip()
            if title.casefold() in (INSTRUCTIONS.casefold(), LISTS.casefold()):
                continue
            if title.casefold() == OTHER.casefold():
                raw = _rows(worksheet, source, title)
                header = _header_map(reader, title, raw[0] if raw else (), list(OTHER_COLUMNS))
                other_rows = list(_data_rows(raw, header, list(OTHER_COLUMNS)))
                continue
            sheet = by_name.get(title.casefold())
            if sheet is None:
                names = ", ".join(s.name for s in sheets())
                reader.problem(title, 1, None, None, f"onbekend blad; de bladen van het sjabloon zijn {names}, {OTHER}",
                               f"unknown sheet; the template's sheets are {names}, {OTHER}")
                continue
            raw = _rows(worksheet, source, title)
            columns = [(c.id, c.nl, c.en) for c in sheet.columns]
            header = _header_map(reader, sheet.name, raw[0] if raw else (), columns)
            positions[sheet.name] = {column_id: number for number, column_id in header.items()}
            rows += [Row(sheet, number, cells) for number, cells in _data_rows(raw, header, columns)]
    finally:
        workbook.close()
    for row in rows:
        reader.identify(row)
    for row in rows:
        reader.statements(row)
    blank_nodes: dict = {}
    for number, cells in other_rows:
        reader.other(number, cells, blank_nodes)
    if reader.problems:
        raise workbook_error(reader.problems, source)
    return ParsedWorkbook(reader.graph, reader.origins, positions)
