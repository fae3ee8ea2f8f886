"""The CBS Iv3 figures as shared datasets: which phases they come in and what each dataset is called."""

from __future__ import annotations

from doelgraaf.core.namespaces import DG

# phase -> (word in the dataset name, budget phase, kind of document, Dutch title)
PHASES = {"ADOPTED": ("begroting", DG.AdoptedBudget, DG.ProgrammeBudget, "Begroting"),
          "REALISED": ("jaarrekening", DG.Realisation, DG.AnnualReport, "Jaarrekening")}


def dataset_name(year: int, phase: str) -> str:
    return f"cbs-iv3/{year}-{PHASES[phase][0]}"
