"""Codes and years people type: CBS municipality codes, years. Codes are strings ("0.10" is not "0.1")."""

from __future__ import annotations

import re

from doelgraaf.core.errors import UserError

CODE_PATTERN = re.compile(r"^GM[0-9]{4}$")


FIRST_YEAR, LAST_YEAR = 1900, 2100  # wider than any budget or count the data can hold; 25 or 20255 is a typing error


def check_code(code: str, where: str) -> str:
    """The CBS municipality code in capitals (a person may type gm0629 for GM0629), or a UserError naming
    `where` it was given: the CLI option or the API argument."""
    normal = code.upper()
    if not CODE_PATTERN.fullmatch(normal):
        raise UserError(
            f"'{code[:50]}' is geen CBS-gemeentecode; verwacht GM gevolgd door vier cijfers, zoals GM0629",
            f"'{code[:50]}' is not a CBS municipality code; expected GM followed by four digits, such as GM0629",
            where=where,
        )
    return normal


def check_year(year: int, where: str) -> int:
    """A year as four digits within FIRST_YEAR..LAST_YEAR, or a UserError: an answer of 0 for year 25 would
    look like a figure."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError(
            f"{year} is geen jaartal; geef een jaar van vier cijfers tussen {FIRST_YEAR} en {LAST_YEAR}, zoals 2025",
            f"{year} is not a year; give a four-digit year between {FIRST_YEAR} and {LAST_YEAR}, such as 2025",
            where=where,
        )
    return year


def code_order(code: str) -> tuple:
    """The one natural order of BBV codes, used wherever codes are listed: 0.1 … 0.9, 0.10, 0.11; 6.2 before 6.21 before 6.3; 6.71a before 6.71b.

    After the point the digits are levels (0.61 is 0.6.1, 6.711 is 6.7.1.1), except that 0.10 and
    0.11 are the tenth and eleventh taakveld of 0 (no x.1 taakveld has sub-codes).
    """
    head, _, tail = code.partition(".")
    digits = re.match(r"\d*", tail).group()
    levels = [int(digits)] if digits[:1] == "1" and len(digits) == 2 else [int(d) for d in digits]
    number = int(head) if head.isdigit() else 0
    return (number, head if not head.isdigit() else "", levels, tail[len(digits):])
