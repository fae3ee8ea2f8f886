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
