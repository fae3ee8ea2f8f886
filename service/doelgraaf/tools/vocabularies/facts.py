"""Read the fact files in data/reference.

Codes are identifiers, not numbers: taakveld "0.10" (Mutaties reserves) is not "0.1" (Bestuur), so every value
stays the string it is in the file. Nothing here converts types; callers do, field by field, where a number is meant.
"""

import csv

from doelgraaf.core.paths import REFERENCE_DIR


def read(name: str) -> list[dict[str, str]]:
    """Every row of data/reference/<name> as a dict of strings.

    A field that reads "idem" repeats the field above it, as the sources write it. A row with missing or extra
    fields is an error rather than a silent None.
    """
    with open(REFERENCE_DIR / name, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    above: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise ValueError(f"{name}, line {line}: wrong number of fields")
        for key, value in row.items():
            if value == "idem":
                if key not in above:
                    raise ValueError(f"{name}, line {line}: 'idem' with nothing above it")
                row[key] = above[key]
        above = row
    return rows
