"""Reading one cell of a filled-in workbook: text, codes, decimals, years, dates, whole numbers; a
`CellError` says what is wrong with it.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from doelgraaf.core.namespaces import SKOLEM

DECIMAL_PATTERN = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")


class CellError(Exception):
    def __init__(self, nl: str, en: str):
        super().__init__(nl)
        self.nl, self.en = nl, en


def as_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def plain_text(value) -> str:
    """A cell's content as text: numbers as Excel shows them, never through float arithmetic."""
    if isinstance(value, bool):
        raise CellError("verwacht tekst of een getal, geen WAAR/ONWAAR", "expected text or a number, not TRUE/FALSE")
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return str(value).strip()


def code_text(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        raise CellError(f"een code moet als tekst zijn ingevuld, niet als het getal {value!r} (Excel laat nullen aan het "
                        "eind weg); typ er een apostrof voor",
                        f"a code must be entered as text, not as the number {value!r} (Excel drops trailing zeros); "
                        "type an apostrophe before it")
    return plain_text(value)


def read_decimal(value) -> Decimal:
    """A decimal from a number cell (via its shortest text, never float arithmetic) or from text with a point."""
    if isinstance(value, bool) or isinstance(value, (datetime, date)):
        raise CellError("verwacht een getal", "expected a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace(" ", "")
    if "," in text:
        raise CellError(
            f"'{value}' is geschreven met een komma; gebruik een punt als decimaalteken en geen scheidingstekens voor "
            "duizendtallen (1234567.89), of vul een getal in",
            f"'{value}' is written with a comma; use a point as decimal separator and no thousands separators "
            "(1234567.89), or enter a number")
    if not DECIMAL_PATTERN.match(text):
        raise CellError(f"'{value}' is geen getal", f"'{value}' is not a number")
    return Decimal(text)


def read_year(value) -> int:
    if isinstance(value, (datetime, date)):
        raise CellError("verwacht een jaartal zoals 2026, geen datum", "expected a year such as 2026, not a date")
    text = plain_text(value)
    if not re.fullmatch(r"[0-9]{4}", text):
        raise CellError(f"'{text}' is geen jaartal; verwacht vier cijfers, zoals 2026",
                        f"'{text}' is not a year; expected four digits, such as 2026")
    return int(text)


def read_date(value) -> date:
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise CellError("verwacht een datum zonder tijd", "expected a date without a time")
        return value.date()
    if isinstance(value, date):
        return value
    text = plain_text(value)
    try:
        return date.fromisoformat(text) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else _no_date(text)
    except ValueError:
        return _no_date(text)


def _no_date(text: str) -> date:
    raise CellError(f"'{text}' is geen datum; vul een datum in of typ jjjj-mm-dd, zoals 2025-11-06",
                    f"'{text}' is not a date; enter a date or type yyyy-mm-dd, such as 2025-11-06")


def read_integer(value) -> int:
    number = read_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"'{plain_text(value)}' is geen geheel getal", f"'{plain_text(value)}' is not a whole number")
    return int(number)


def decimal_literal(number: Decimal) -> Literal:
    return Literal(format(number, "f"), datatype=XSD.decimal)


def value_node(indicator: URIRef, predicate: URIRef) -> URIRef:
    """The baseline or target of an indicator: a skolem IRI (it stands for a blank node), the same on every import."""
    return SKOLEM[uuid.uuid5(uuid.NAMESPACE_URL, f"{indicator}#{predicate}").hex]
