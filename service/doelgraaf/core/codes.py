"""Codes people type: CBS municipality codes. Codes are strings ("0.10" is not "0.1")."""

from __future__ import annotations

import re

from doelgraaf.core.errors import UserError

CODE_PATTERN = re.compile(r"^GM[0-9]{4}$")


def check_code(code: str, where: str = "--municipality") -> str:
    """The CBS municipality code, or a UserError naming `where` it was given."""
    if not CODE_PATTERN.match(code):
        raise UserError(
            f"'{code}' is geen CBS-gemeentecode; verwacht GM gevolgd door vier cijfers, zoals GM0629",
            f"'{code}' is not a CBS municipality code; expected GM followed by four digits, such as GM0629",
            where=where,
        )
    return code


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
