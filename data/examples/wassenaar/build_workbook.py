"""Bouwt data/examples/wassenaar-2026.xlsx: de echte programmabegroting 2026 van Wassenaar (GM0629) in het
Doelgraaf-sjabloon. / Builds the real programme budget 2026 of Wassenaar in the Doelgraaf template.

    .venv/bin/python data/examples/wassenaar/build_workbook.py

De CSV's naast dit script zijn overgenomen uit de publieke Programmabegroting 2026 van de gemeente Wassenaar
(zie README.md); ze zijn naar het project gekopieerd, zodat niets buiten het project wordt gelezen.
The CSVs beside this script are transcribed from Wassenaar's public programme budget 2026 and copied into the
project, so nothing outside it is read.

What goes where, and what is deliberately left empty:
- programmes P1-P5 with their vision as description; the 35 goals (doelstellingen) of the programmes;
  the 71 results (resultaten) as measures serving their goal (hoort_bij_doel);
- one budget line per programme x taakveld x direction for 2026 (primitieve begroting), funding the
  programme, stated in the programme budget 2026 that the council adopts (Gemeentewet art. 189). The
  source has lasten negative: they become positive amounts with direction lasten. The one positive
  lasten figure (6.753, +100,000: a negative expense) stays a negative amount, so that the totals
  reconcile with the document; the shapes report it, because an amount may not be negative. Amounts of
  0 are left out, except that a programme x taakveld pair with nothing at all keeps a lasten line of 0;
- the BBV beleidsindicatoren as observations of Wassenaar (the national values need an area IRI for the
  Netherlands, which the vocabularies do not have, and are left out);
- owners, indicators and goal-level budgets are not in the source and stay empty: the import report
  shows honestly which goals lack them. The document's adoption date is not in the CSVs either.
- The multi-year programme totals (programma_meerjarig.csv) have no taakveld, which a budget line needs;
  they are not in the workbook.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from doelgraaf.ingest.spreadsheet.writer import fill_template

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "wassenaar-2026.xlsx"
CODE = "GM0629"
YEAR = 2026
DOCUMENT = "programmabegroting-2026"


def _read(name: str) -> list[dict]:
    with open(HERE / f"wassenaar_begroting2026_{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rows() -> dict[str, list[dict]]:
    elements = _read("visie_doelen_resultaten")
    budget = _read("taakveld_per_programma")
    indicators = _read("beleidsindicatoren")

    programmes = {}
    for element in elements:
        if element["element_type"] == "visie":
            code = element["programma_code"]
            programmes[code] = {"key": code, "code": code.removeprefix("P"), "label": element["programma_naam"],
                                "description": element["tekst"]}
    goals = [{"key": f"{e['programma_code']}-D{e['nummer']}", "label": e["tekst"], "programme": e["programma_code"],
              "stated_in": DOCUMENT}
             for e in elements if e["element_type"] == "doelstelling"]
    measures = [{"key": f"{e['programma_code']}-R{e['nummer']}", "kind": "maatregel", "label": e["tekst"],
                 "goals": f"{e['programma_code']}-D{e['hoort_bij_doel']}", "stated_in": DOCUMENT}
                for e in elements if e["element_type"] == "resultaat"]

    lines = []
    for line in budget:
        amounts = {"lasten": -Decimal(line["lasten_eur"]), "baten": Decimal(line["baten_eur"])}
        for direction, amount in amounts.items():
            keep_empty_pair = direction == "lasten" and not any(amounts.values())
            if amount == 0 and not keep_empty_pair:
                continue
            taakveld = line["taakveld_code"]
            lines.append({
                "key": f"{line['programma_code']}-{taakveld}-{direction}",
                "label": f"{line['programma_naam']}, {taakveld} {line['taakveld_naam_zoals_gepubliceerd']}, "
                         f"{direction} {line['jaar']} (primitieve begroting)",
                "funds": line["programma_code"], "year": int(line["jaar"]), "phase": "primitieve begroting",
                "direction": direction, "taakveld": taakveld, "amount": amount, "stated_in": DOCUMENT,
            })

    observations = [{"key": f"beleidsindicator-{i['bbv_indicator_nr']}-{i['jaar_wassenaar']}",
                     "label": f"{i['naam_zoals_gepubliceerd']}, Wassenaar {i['jaar_wassenaar']}",
                     "policy_indicator": i["bbv_indicator_nr"], "value": Decimal(i["waarde_wassenaar"]),
                     "year": int(i["jaar_wassenaar"]), "area": CODE, "stated_in": DOCUMENT}
                    for i in indicators]

    return {
        "Gemeente": [{"label": "Wassenaar", "code": CODE}],
        "Rollen": [{"key": "raad", "kind": "gemeenteraad", "label": "Gemeenteraad van Wassenaar",
                    "label_en": "Municipal council of Wassenaar", "unit_of": CODE}],
        "Documenten": [{"key": DOCUMENT, "kind": "programmabegroting", "label": "Programmabegroting 2026",
                        "label_en": "Programme budget 2026", "fiscal_year": YEAR, "adopted_by": "raad"}],
        "Programma's": list(programmes.values()),
        "Doelen": goals,
        "Maatregelen": measures,
        "Begroting": lines,
        "Metingen": observations,
    }


def main() -> None:
    OUTPUT.write_bytes(fill_template(rows()))
    print(OUTPUT)


if __name__ == "__main__":
    main()
