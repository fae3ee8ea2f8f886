"""Importing a filled-in workbook behind the same gate as any other load (ingest.loading: stored with its
findings unless one blocks, in one transaction); every SHACL result is told back as sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pyoxigraph as ox
from rdflib.namespace import SH

from doelgraaf.catalogue.model import Column
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.terms import to_triples
from doelgraaf.ingest.loading import load_documents
from doelgraaf.ingest.rdf_files import RdfDocument
from doelgraaf.ingest.spreadsheet.problems import Origin
from doelgraaf.ingest.spreadsheet.reader import ParsedWorkbook, read_workbook
from doelgraaf.ingest.spreadsheet.template import sheets
from doelgraaf.store import Repository
from doelgraaf.validation import ValidationReport, ValidationResult
from doelgraaf.validation.report import SEVERITY_NAMES, path_text


@dataclass
class SpreadsheetImport:
    stored: bool
    reports: dict[str, ValidationReport]  # per municipality; every message starts with sheet, row and column
    triples: int

    def messages(self, lang: str = "nl") -> list[str]:
        lines = []
        for report in self.reports.values():
            for result in report.results:
                name = SEVERITY_NAMES[SH[result.severity]][1 if lang == "nl" else 2]
                if result.blocking:
                    name = "BLOKKEERT" if lang == "nl" else "BLOCKS"
                lines.append(f"{name:<13} {result.message(lang)}")
            lines += _in_short(report.results, lang)
            lines.append(report.summary(lang))
        return lines


def _in_short(results: list[ValidationResult], lang: str) -> list[str]:
    """One line per rule that was broken more than once, with its first occurrence as example: what a controller
    reads first when a real budget lacks the same thing for every goal."""
    by_rule: dict[str, list[ValidationResult]] = {}
    for result in results:
        by_rule.setdefault(str(result.rule), []).append(result)
    repeated = sorted((found for found in by_rule.values() if len(found) > 1), key=lambda found: -len(found))
    if not repeated:
        return []
    title = "Samengevat:" if lang == "nl" else "In short:"
    example = "bijvoorbeeld" if lang == "nl" else "for example"
    return [title] + [f"  {len(found)}× {example} {found[0].message(lang)}" for found in repeated]


def import_workbook(repo: Repository, data: bytes, code: str, source: str, strict: bool = False) -> SpreadsheetImport:
    """Read, validate and (unless a finding refuses, see ingest.loading) store a filled-in template as the data of `code`.

    Unreadable workbooks and cells raise UserError; SHACL results come back in the reports with
    their sheet, row and column.
    """
    parsed = read_workbook(data, code, source, current(repo))
    document = RdfDocument(source, [ox.Quad(t.subject, t.predicate, t.object) for t in to_triples(parsed.graph)])
    outcome = load_documents(repo, [document], [code], strict)
    reports = {c: _located(report, parsed) for c, report in outcome.reports.items()}
    return SpreadsheetImport(outcome.stored, reports, outcome.triples.get(code, 0))


SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def _origin(result: ValidationResult, parsed: ParsedWorkbook) -> tuple[Origin | None, Column | None]:
    origin = parsed.origins.get(result.focus_node)
    if origin is not None:
        return origin, origin.column(result.path)
    # a node the workbook only names (a role holder given by IRI): the cell that names it
    for subject, predicate in parsed.graph.subject_predicates(result.focus_node):
        referrer = parsed.origins.get(subject)
        if referrer is not None:
            return referrer, referrer.column(path_text(predicate, parsed.graph))
    return None, None


def _located(report: ValidationReport, parsed: ParsedWorkbook) -> ValidationReport:
    """The report with every message prefixed by its sheet, row and column, in workbook order."""
    order = {s.name: i for i, s in enumerate(sheets())}
    placed = []
    for result in report.results:
        origin, column = _origin(result, parsed)
        position: tuple = (SEVERITY_ORDER[result.severity], len(order), 0, 0)
        if origin is not None:
            nl, en = parsed.where(origin, column)
            columns = parsed.positions.get(origin.sheet.name, {})
            position = (SEVERITY_ORDER[result.severity], order[origin.sheet.name], origin.row,
                        columns.get(column.id, 0) if column else 0)
            result = replace(result, messages={"nl": f"{nl}: {result.message('nl')}", "en": f"{en}: {result.message('en')}"})
        placed.append((position, result.message("nl"), result))
    placed.sort(key=lambda item: item[:2])
    return ValidationReport(report.conforms, [result for _, _, result in placed], report.graph)
