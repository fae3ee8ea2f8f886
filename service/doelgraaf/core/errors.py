"""Errors a user can act on: always in Dutch and English, with where it happened.

Anything raised as a `UserError` is shown as one clear line (CLI, exit 2) or a 4xx response
(API); anything else is a bug and is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class UserError(Exception):
    """Bad input: what is wrong, in Dutch and English, and where (file, line, column, field)."""

    nl: str
    en: str
    where: str | None = None

    def __str__(self) -> str:
        return self.text()

    @property
    def message(self) -> str:
        """Both languages; graphql-core shows an original error's `message` attribute to the client."""
        return self.text()

    def text(self, lang: str | None = None) -> str:
        prefix = f"{self.where}: " if self.where else ""
        if lang == "nl":
            return prefix + self.nl
        if lang == "en":
            return prefix + self.en
        return f"{prefix}{self.nl} / {self.en}"


def location(file: str | None, line: int | None = None, column: int | None = None) -> str | None:
    """'file, regel 3, kolom 5' style position, Dutch words because the line leads in Dutch."""
    parts = [file] if file else []
    if line is not None:
        parts.append(f"regel/line {line}")
    if column is not None:
        parts.append(f"kolom/column {column}")
    return ", ".join(parts) or None
