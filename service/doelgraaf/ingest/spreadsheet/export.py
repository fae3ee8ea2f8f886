"""A municipality's data as a filled-in workbook: every statement in a column that represents it exactly,
what fits no column in the sheet Overig, so export -> import gives back the same graph.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from doelgraaf.analysis.export import municipality_graph_data
from doelgraaf.catalogue.model import MUNICIPALITY, Column, RowKind, Sheet
from doelgraaf.catalogue.vocabularies import Vocabularies, current, shipped
from doelgraaf.core.codes import CODE_PATTERN
from doelgraaf.core.namespaces import DG, ID, municipality_iri
from doelgraaf.core.terms import to_oxigraph
from doelgraaf.ingest.spreadsheet.cells import DECIMAL_PATTERN
from doelgraaf.ingest.spreadsheet.lists import vocabulary
from doelgraaf.ingest.spreadsheet.reader import KEY_PATTERN
from doelgraaf.ingest.spreadsheet.template import OTHER, sheets
from doelgraaf.ingest.spreadsheet.writer import EXACT_DIGITS, fill_template
from doelgraaf.store import Repository


def writable(text: str) -> bool:
    """Text a cell gives back unchanged (the import trims cells; an empty cell is no value)."""
    return bool(text) and text == text.strip() and "\r" not in text and not ILLEGAL_CHARACTERS_RE.search(text)


def key_like(text: str) -> str:
    key = re.sub(r"[^A-Za-z0-9._~-]+", "-", text).strip("-._~")[:100]
    return key if KEY_PATTERN.match(key) else ""


class _Export:
    """Every statement of a municipality into the cell that represents it exactly, the rest into Overig."""

    def __init__(self, graph: Graph, code: str, vocabularies: Vocabularies):
        self.graph = graph
        self.code = code
        self.vocabularies = vocabularies
        self.left = set(graph)  # statements not yet written anywhere
        self.placed: dict[Node, tuple[Sheet, RowKind]] = {}
        self.keys: dict[Node, str] = {}
        self.iris: dict[Node, str] = {}

    def place(self) -> None:
        """Give each node the first sheet and kind whose classes (and role type) it has."""
        own = municipality_iri(self.code)
        for sheet in sheets(self.vocabularies):
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
                wanted[node] = key_like(local) or sheet.slug
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
        for node in sorted(self.placed, key=lambda n: (order[self.placed[n][0].name], _key_order(self.keys.get(n, "")))):
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

    def _cell(self, node: Node, kind: RowKind, column: Column):
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

    def _show(self, term: Node, kind: RowKind, column: Column):
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
            return text if (term.language == lang if lang else plain) and writable(text) else None
        if kind_name == "code":
            return text if term.language is None and term.datatype is None and writable(text) else None
        return _typed_value(term, kind_name)

    def _show_iri(self, term: URIRef, column: Column):
        if column.type == "vocab":
            return vocabulary(column.vocabulary, self.vocabularies).text_of(term)
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


def _key_order(text: str) -> list:
    """Row keys in a natural order (D2 before D10); keys are any text, so numbers and text never meet."""
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


def workbook_rows(graph: Graph, code: str, vocabularies: Vocabularies | None = None) -> dict[str, list[dict]]:
    """The cells of the template that state exactly `graph` (blank nodes as they are, not skolemised)."""
    export = _Export(graph, code, vocabularies or shipped())
    export.place()
    export.name()
    rows = export.rows()
    rows[OTHER] = export.other()
    return rows


def export_workbook(repo: Repository, code: str) -> bytes:
    """The template filled in with municipality `code` from the store; importing it gives the same graph back."""
    vocabularies = current(repo)
    return fill_template(workbook_rows(municipality_graph_data(repo, code), code, vocabularies), vocabularies)
