"""Findings of the SHACL check as GraphQL types: for queries (`validation`) and mutation results alike."""

import typing
from enum import Enum

import strawberry

from doelgraaf.validation import ValidationReport as Report
from doelgraaf.validation import ValidationResult as Result


@strawberry.enum(description="Ernst van een bevinding / Severity of a finding.")
class Severity(Enum):
    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"


@strawberry.type(description="Eén bevinding van de SHACL-controle / One finding of the SHACL check.")
class ValidationFinding:
    result: strawberry.Private[Result]

    @strawberry.field(description="De IRI van het gecontroleerde ding / The IRI of the thing checked.")
    def focus_node(self) -> str:
        return str(self.result.focus_node)

    @strawberry.field(description="Naam van het gecontroleerde ding / Name of the thing checked.")
    def focus_label(self, lang: str = "nl") -> str:
        return self.result.focus_labels.get(lang) or self.result.focus_labels["nl"]

    @strawberry.field(description="Naam van het gecontroleerde ding (als focusLabel) / Name of the thing checked (as focusLabel).")
    def label(self, lang: str = "nl") -> str:
        return self.focus_label(lang)

    @strawberry.field(description="FOUT (volgens de regels onvolledig of onjuist) of WAARSCHUWING (SMART, controleer) / "
                                  "VIOLATION (incomplete or wrong by the rules) or WARNING (SMART, check).")
    def severity(self) -> Severity:
        return Severity(self.result.severity)

    @strawberry.field(description="Waar als deze bevinding opslaan tegenhoudt (geld of jaren die geen getal zijn, een taakveld "
                                  "dat dat jaar niet geldt, een aandeel buiten 0..1) / True when this finding refuses a write.")
    def blocking(self) -> bool:
        return self.result.blocking

    @strawberry.field(description="Het pad, zoals dg:owner of ^dg:serves / The path, such as dg:owner or ^dg:serves.")
    def path(self) -> typing.Optional[str]:
        return self.result.path

    @strawberry.field(description="De foute waarde, als die er is / The offending value, if any.")
    def value(self) -> typing.Optional[str]:
        return None if self.result.value is None else str(self.result.value)

    @strawberry.field(description="De regel (shape) die niet klopt / The rule (shape) that was broken.")
    def rule(self) -> str:
        return str(self.result.rule)

    @strawberry.field(description="De melding in nl of en / The message in nl or en.")
    def message(self, lang: str = "nl") -> str:
        return self.result.message(lang)


@strawberry.type(description="Uitkomst van de SHACL-controle / Outcome of the SHACL check.")
class ValidationReport:
    report: strawberry.Private[Report]

    @strawberry.field(description="Waar als er geen enkele bevinding is, zoals SHACL het zegt / True when there is no finding at all, as SHACL says.")
    def conforms(self) -> bool:
        return self.report.conforms

    @strawberry.field(description="Aantal bevindingen die opslaan tegenhouden / Number of findings that refuse a write.")
    def blocking_count(self) -> int:
        return len(self.report.blocking)

    @strawberry.field(description="Aantal fouten / Number of violations.")
    def violation_count(self) -> int:
        return len(self.report.violations)

    @strawberry.field(description="Aantal waarschuwingen / Number of warnings.")
    def warning_count(self) -> int:
        return len(self.report.warnings)

    @strawberry.field(description="Alle bevindingen, fouten eerst / All findings, violations first.")
    def results(self, severity: typing.Optional[Severity] = None) -> typing.List[ValidationFinding]:
        chosen = [r for r in self.report.results if severity is None or r.severity == severity.value]
        return [ValidationFinding(result=r) for r in chosen]
