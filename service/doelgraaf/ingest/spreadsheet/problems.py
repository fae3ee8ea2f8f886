"""Where a problem in a workbook is (sheet, row, column) and how problems are told, in Dutch and English.
Every row is remembered with the node it became, so that a SHACL result about that node can be told
back as "Blad Doelen, rij 7, kolom F (Eigenaar)".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from doelgraaf.catalogue.model import Column, Sheet
from doelgraaf.core.errors import UserError

MAX_PROBLEMS_SHOWN = 50  # more would bury the first ones; fixing those usually fixes many


@dataclass
class Origin:
    sheet: Sheet
    row: int
    paths: dict[str, Column] | None = None  # for a node a row holds besides its own: a baseline or target

    def column(self, path: str | None) -> Column | None:
        if path is None:
            return None
        if self.paths is not None:
            return self.paths.get(path)
        return next((c for c in self.sheet.columns if c.path == path), None)


def cell_location(sheet_name: str, row: int, column: int | None = None, header: tuple[str, str] | None = None) -> tuple[str, str]:
    """'Blad Doelen, rij 7, kolom F (Eigenaar)' and its English twin; the header alone when the column is absent."""
    nl, en = f"Blad {sheet_name}, rij {row}", f"Sheet {sheet_name}, row {row}"
    if column is not None:
        letter = get_column_letter(column)
        nl += f", kolom {letter}" + (f" ({header[0]})" if header else "")
        en += f", column {letter}" + (f" ({header[1]})" if header else "")
    elif header is not None:
        nl += f", kolom {header[0]}"
        en += f", column {header[1]}"
    return nl, en


@dataclass
class Problem:
    nl: str
    en: str


@dataclass
class WorkbookError(UserError):
    """Cells that could not be read: all of them (up to a limit), each with sheet, row and column."""

    problems: list[Problem] = field(default_factory=list)


def workbook_error(problems: list[Problem], source: str) -> WorkbookError:
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    # the lines are part of the message itself, so every way of showing a UserError shows them
    nl = [f"{len(problems)} cel(len) van de werkmap zijn niet te lezen; er is niets opgeslagen:"]
    en = [f"{len(problems)} cell(s) of the workbook cannot be read; nothing was stored:"]
    nl += [f"  {p.nl}" for p in shown] + ([f"  … en nog {more}"] if more else [])
    en += [f"  {p.en}" for p in shown] + ([f"  … and {more} more"] if more else [])
    return WorkbookError("\n".join(nl), "\n".join(en), source, problems)
