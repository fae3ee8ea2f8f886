"""A workbook is untrusted input: the archive is checked before openpyxl opens it (zip bombs, enormous
used ranges, too many members).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from openpyxl.utils import column_index_from_string, get_column_letter

from doelgraaf.core.errors import UserError
from doelgraaf.ingest.spreadsheet.template import FIRST_DATA_ROW

MAX_ROWS = 10_000  # data rows per sheet


MAX_COLUMNS = 50


MAX_FILE_BYTES = 20_000_000


# A real workbook of 10,000 rows x 50 columns unpacks to some 30 MB and compresses about 10x.
MAX_UNCOMPRESSED = 150_000_000


MAX_RATIO = 100


MAX_MEMBERS = 1_000


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=\"([A-Z]{1,3})?([0-9]{1,7})?(?::([A-Z]{1,3})([0-9]{1,7}))?\"")


_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")


_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"")


# a formula cell without a computed value (<v>): read with data_only it would look empty
_UNCOMPUTED = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3}[0-9]{1,7})\"[^>]*>\s*"
                         rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
                         rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")


_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def not_a_workbook(source: str, detail: str = "") -> UserError:
    return UserError(
        "dit is geen Excel-werkmap (.xlsx)" + (f": {detail}" if detail else "") + "; sla het bestand op als .xlsx",
        "this is not an Excel workbook (.xlsx)" + (f": {detail}" if detail else "") + "; save the file as .xlsx",
        where=source,
    )


def _sheet_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Archive member of each worksheet, by sheet name (from xl/workbook.xml and its relationships)."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    files = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_RELATIONSHIPS) in targets:
            target = targets[sheet.get(_RELATIONSHIPS)]
            files[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return files


def check_archive(data: bytes, source: str) -> None:
    """Refuse, before openpyxl unpacks anything, what is no workbook, a zip bomb or an enormous sheet."""
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"de werkmap is groter dan {MAX_FILE_BYTES // 1_000_000} MB",
                        f"the workbook is larger than {MAX_FILE_BYTES // 1_000_000} MB", where=source)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise not_a_workbook(source) from None
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        inflated = [m for m in members if m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(m.compress_size, 1)]
        if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or inflated:
            raise UserError(
                f"de werkmap pakt uit tot {total:,} bytes (grens {MAX_UNCOMPRESSED:,}, hooguit {MAX_RATIO}x gecomprimeerd): "
                "dit lijkt een zip-bom en wordt niet geopend",
                f"the workbook unpacks to {total:,} bytes (limit {MAX_UNCOMPRESSED:,}, at most {MAX_RATIO}x compressed): "
                "this looks like a zip bomb and is not opened",
                where=source)
        if "xl/workbook.xml" not in archive.namelist():
            raise not_a_workbook(source, "het zip-bestand heeft geen xl/workbook.xml")
        for name, member in _sheet_files(archive).items():
            try:
                xml = archive.read(member)
            except (KeyError, zipfile.BadZipFile):
                raise not_a_workbook(source, f"blad {name} ontbreekt in het archief") from None
            _check_extent(name, xml, source)


def _check_extent(name: str, xml: bytes, source: str) -> None:
    rows = columns = 0
    dimension = _DIMENSION.search(xml, 0, 65536)
    if dimension:
        last_column, last_row = dimension.group(3) or dimension.group(1), dimension.group(4) or dimension.group(2)
        rows = int(last_row) if last_row else 0
        columns = column_index_from_string(last_column.decode()) if last_column else 0
    for match in _ROW.finditer(xml):
        rows = max(rows, int(match.group(1)))
    widest = max((m.group(1) for m in _CELL.finditer(xml)), key=lambda letters: (len(letters), letters), default=b"")
    if widest:
        columns = max(columns, column_index_from_string(widest.decode()))
    limit_rows = MAX_ROWS + FIRST_DATA_ROW - 1
    uncomputed = _UNCOMPUTED.search(xml)
    if uncomputed:
        cell = uncomputed.group(1).decode()
        raise UserError(
            f"blad {name}, cel {cell} heeft een formule zonder berekende waarde; open de werkmap in een rekenprogramma "
            "en bewaar hem opnieuw, of vul de waarde zelf in",
            f"sheet {name}, cell {cell} holds a formula without a computed value; open the workbook in a spreadsheet "
            "program and save it again, or fill in the value itself",
            where=source)
    if rows > limit_rows or columns > MAX_COLUMNS:
        used = f"{get_column_letter(max(columns, 1))}{max(rows, 1)}"
        raise UserError(
            f"blad {name} gebruikt cellen tot {used}; een blad mag hooguit {limit_rows:,} rijen en {MAX_COLUMNS} kolommen "
            "hebben. Verwijder de lege rijen en kolommen onder en naast de gegevens",
            f"sheet {name} uses cells up to {used}; a sheet may have at most {limit_rows:,} rows and {MAX_COLUMNS} columns. "
            "Delete the empty rows and columns below and beside the data",
            where=source)
