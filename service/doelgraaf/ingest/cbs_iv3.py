"""CBS Iv3 figures of all municipalities as budget lines: municipality × taakveld × direction.

Input: the CSV format of data/cbs-iv3/ (';'-separated, thousands of euros, CBS municipality names,
column Taakveld = "code name"). Each file becomes the dataset cbs-iv3/<year>-<begroting|jaarrekening>,
replaced as a whole (see store.datasets). Amounts are kept as CBS publishes them, negative corrections included, so that sums
match CBS's own; zero amounts are left out (a municipality in the file without a line has 0).

Nothing is dropped silently: rows of names that are no municipality (the national total
"Nederland"), names that cannot be mapped, codes that do not exist, and codes CBS still reports
in a year whose Iv3 scheme no longer has them are all counted in the report.
"""

from __future__ import annotations

import csv
import io
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from doelgraaf.catalogue.cbs import PHASES, dataset_name
from doelgraaf.catalogue.taakvelden import taakvelden
from doelgraaf.core.errors import UserError, location
from doelgraaf.core.namespaces import DCTERMS, DG, ID, RDF, RDFS, municipality_iri, vocabulary_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository, datasets

REQUIRED_COLUMNS = ("Gemeenten", "Taakveld", "Baten", "Lasten", "Inwonertal")
NATIONAL = "Nederland"
SOURCE = "CBS Iv3 (CC BY 4.0), via github.com/michielsd/begrotingsanalysetool (Apache-2.0)"
THOUSAND = Decimal(1000)
XSD_GYEAR = ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")
XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


@dataclass
class ImportReport:
    source: str
    year: int
    phase: str
    graph: str = ""
    municipalities: int = 0
    lines: int = 0
    triples: int = 0
    seconds: float = 0.0
    national_rows: int = 0
    unknown_names: Counter = field(default_factory=Counter)
    unknown_codes: Counter = field(default_factory=Counter)
    outdated_codes: dict = field(default_factory=dict)  # code -> [rows with amounts, lasten k€, baten k€]

    def as_text(self, lang: str = "nl") -> str:
        nl = lang == "nl"
        lines = [
            (f"{self.source}: {self.municipalities} gemeenten, {self.lines} begrotingsregels ({self.triples} triples) "
             f"in <{self.graph}> in {self.seconds:.1f} s")
            if nl else
            (f"{self.source}: {self.municipalities} municipalities, {self.lines} budget lines ({self.triples} triples) "
             f"in <{self.graph}> in {self.seconds:.1f} s"),
        ]
        if self.national_rows:
            lines.append(f"  {self.national_rows} rijen '{NATIONAL}' (landelijk totaal) niet als gemeente opgenomen" if nl
                         else f"  {self.national_rows} rows '{NATIONAL}' (national total) not taken as a municipality")
        for name, rows in sorted(self.unknown_names.items()):
            lines.append(f"  onbekende gemeentenaam '{name}': {rows} rijen niet opgenomen" if nl
                         else f"  unknown municipality name '{name}': {rows} rows not taken")
        for code, rows in sorted(self.unknown_codes.items()):
            lines.append(f"  onbekende taakveldcode '{code}': {rows} rijen niet opgenomen" if nl
                         else f"  unknown taakveld code '{code}': {rows} rows not taken")
        for code, (rows, expenses, revenues) in sorted(self.outdated_codes.items()):
            lines.append(
                f"  taakveld {code} hoort niet bij de Iv3-indeling van {self.year}, maar CBS meldt er bedragen op: "
                f"{rows} rijen, lasten {expenses} k€, baten {revenues} k€ (opgenomen zoals gemeld)" if nl else
                f"  taakveld {code} is not in the Iv3 scheme of {self.year}, but CBS reports amounts on it: "
                f"{rows} rows, expenses {expenses} k€, revenues {revenues} k€ (taken as reported)")
        return "\n".join(lines)


def _name_index(repo: Repository) -> dict[str, str]:
    """CBS name -> GM code: the CBS name of the vocabulary, the plain name, and the CBS name without its
    suffix ("Groningen (gemeente)" is "Groningen" in some CBS tables); ambiguous names are left out."""
    rows = repo.select(load("municipality_names"), bindings={"graph": ox.NamedNode(str(vocabulary_graph("gemeenten")))}).rows
    candidates: dict[str, set] = defaultdict(set)
    for code, name, cbs_name in rows:
        for text in {name.value, cbs_name.value if cbs_name else name.value,
                     re.sub(r"\s*\(.*\)$", "", cbs_name.value if cbs_name else name.value)}:
            candidates[text].add(code.value)
    return {text: next(iter(codes)) for text, codes in candidates.items() if len(codes) == 1}


def _amount(text: str, where: str) -> Decimal:
    try:
        return Decimal(text.strip() or "0") * THOUSAND
    except InvalidOperation:
        raise UserError(f"'{text[:30]}' is geen bedrag", f"'{text[:30]}' is not an amount", where=where) from None


def read(repo: Repository, data: bytes, source: str, year: int, phase: str) -> tuple[list[ox.Triple], ImportReport]:
    """Turn the file into triples; UserError with file, line and column for anything unreadable."""
    if phase not in PHASES:
        raise UserError(f"fase '{phase}' kan niet uit CBS Iv3 komen: kies ADOPTED of REALISED",
                        f"phase '{phase}' cannot come from CBS Iv3: choose ADOPTED or REALISED", where="--phase")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError("het bestand is geen UTF-8-tekst", "the file is not UTF-8 text", where=location(source, data[: exc.start].count(b"\n") + 1)) from None
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise UserError(f"kolom(men) ontbreken: {', '.join(missing)}; verwacht het CBS Iv3-formaat (';'-gescheiden)",
                        f"column(s) missing: {', '.join(missing)}; expected the CBS Iv3 format (';'-separated)",
                        where=location(source, 1))
    names = _name_index(repo)
    vocabulary = taakvelden(repo)
    name_word, phase_iri, document_class, document_noun = PHASES[phase]
    report = ImportReport(source, year, phase)
    year_literal = ox.Literal(str(year), datatype=XSD_GYEAR)
    triples: list[ox.Triple] = []
    seen: set[str] = set()
    outdated: dict[str, list] = {}

    def add(s, p, o):
        triples.append(ox.Triple(s, ox.NamedNode(str(p)) if not isinstance(p, ox.NamedNode) else p, o))

    for line_number, raw in enumerate(reader, start=2):
        row = {key: (value or "") for key, value in raw.items() if isinstance(key, str)}  # short rows: missing is empty
        name = row["Gemeenten"].strip()
        code_text = row["Taakveld"].strip().split(" ", 1)[0]
        if name == NATIONAL:
            report.national_rows += 1
            continue
        code = names.get(name)
        if code is None:
            report.unknown_names[name] += 1
            continue
        taakveld = vocabulary.by_code.get(code_text)
        if taakveld is None or taakveld.main is None:
            report.unknown_codes[code_text] += 1
            continue
        expenses = _amount(row["Lasten"], location(source, line_number, 5) + ", Lasten")
        revenues = _amount(row["Baten"], location(source, line_number, 4) + ", Baten")
        if not taakveld.valid_in(year) and (expenses or revenues):
            counts = outdated.setdefault(code_text, [0, Decimal(0), Decimal(0)])
            counts[0] += 1
            counts[1] += expenses / THOUSAND
            counts[2] += revenues / THOUSAND
        municipality = ox.NamedNode(str(municipality_iri(code)))
        base = f"cbs-iv3/{year}-{name_word}/{code}"
        document = ox.NamedNode(str(ID[base]))
        if code not in seen:
            seen.add(code)
            inhabitants = row["Inwonertal"].strip()
            if not inhabitants.isdigit():
                raise UserError(f"'{inhabitants[:20]}' is geen aantal inwoners", f"'{inhabitants[:20]}' is not a number of inhabitants",
                                where=location(source, line_number) + ", Inwonertal")
            count = ox.NamedNode(str(ID[f"gemeente/{code}/inwoners/{year}"]))
            add(municipality, DG.population, count)
            add(count, RDF.type, ox.NamedNode(str(DG.PopulationCount)))
            add(count, DG.year, year_literal)
            add(count, DG.inhabitants, ox.Literal(inhabitants, datatype=XSD_INTEGER))
            add(count, DCTERMS.source, ox.Literal(f"{SOURCE}, inwonertal 1 januari {year}"))
            add(document, RDF.type, ox.NamedNode(str(document_class)))
            add(document, RDFS.label, ox.Literal(f"{document_noun} {year} van {name} volgens CBS Iv3", language="nl"))
            add(document, DG.fiscalYear, year_literal)
            add(document, DG.municipality, municipality)
            add(document, DCTERMS.source, ox.Literal(SOURCE))
        for direction, amount, suffix in ((DG.Expense, expenses, "lasten"), (DG.Revenue, revenues, "baten")):
            if amount == 0:
                continue
            line = ox.NamedNode(str(ID[f"{base}/{taakveld.code}/{suffix}"]))
            add(line, RDF.type, ox.NamedNode(str(DG.BudgetLine)))
            add(line, DG.amount, ox.Literal(format(amount.normalize(), "f"), datatype=XSD_DECIMAL))
            add(line, DG.fiscalYear, year_literal)
            add(line, DG.phase, ox.NamedNode(str(phase_iri)))
            add(line, DG.direction, ox.NamedNode(str(direction)))
            add(line, DG.taakveld, ox.NamedNode(taakveld.iri))
            add(line, DG.municipality, municipality)
            add(line, DG.statedIn, document)
            report.lines += 1
    report.municipalities = len(seen)
    report.triples = len(triples)
    report.outdated_codes = {c: [n, format(e.normalize(), "f"), format(r.normalize(), "f")] for c, (n, e, r) in outdated.items()}
    if not seen:
        raise UserError("het bestand bevat geen rijen van bekende gemeenten", "the file holds no rows of known municipalities", where=source)
    return triples, report


def import_file(repo: Repository, path: str | Path, year: int, phase: str) -> ImportReport:
    started = time.perf_counter()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"kan het bestand niet lezen ({exc.strerror})", f"cannot read the file ({exc.strerror})", where=str(path)) from None
    triples, report = read(repo, data, str(path), year, phase)
    version = datasets.replace(repo, dataset_name(year, phase), triples, {
        "title": f"CBS Iv3 {PHASES[phase][0]} {year}, alle gemeenten / all municipalities",
        "source": SOURCE,
        "license": "https://creativecommons.org/licenses/by/4.0/",
    })
    report.graph = version.value
    report.seconds = time.perf_counter() - started
    return report
