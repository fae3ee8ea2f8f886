"""The Doelgraaf spreadsheet template (what its sheets and columns mean) and reading a filled-in
workbook into RDF for one municipality.

One description, `sheets()`, drives the template, the import and the export
(ingest/spreadsheet/workbook.py), so the three cannot drift apart. Every row is remembered with the
node it became, so that a SHACL result about that node can be told back as "Blad Doelen, rij 7,
kolom F (Eigenaar)".

A workbook is untrusted input: the archive is checked before openpyxl opens it (zip bombs,
enormous used ranges), every cell problem names sheet, row and column in Dutch and English, and
no graph is returned unless every cell could be read.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property, lru_cache
from xml.etree import ElementTree

import pyoxigraph as ox
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS, XSD

from doelgraaf.core.codes import CODE_PATTERN
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, ID, SKOLEM, municipality_iri, slug
from doelgraaf.core.paths import VOCAB_DIR
from doelgraaf.core.terms import named_node, to_rdflib, triples_to_graph
from doelgraaf.validation.report import path_text

# Row 1 holds the Dutch headers, row 2 the English ones; data starts on row 3.
FIRST_DATA_ROW = 3
MAX_ROWS = 10_000  # data rows per sheet
MAX_COLUMNS = 50
MAX_FILE_BYTES = 20_000_000
# A real workbook of 10,000 rows x 50 columns unpacks to some 30 MB and compresses about 10x.
MAX_UNCOMPRESSED = 150_000_000
MAX_RATIO = 100
MAX_MEMBERS = 1_000
MAX_PROBLEMS_SHOWN = 50  # more would bury the first ones; fixing those usually fixes many

MUNICIPALITY = "gemeente"  # reference target: a CBS code such as GM0629 stands for the municipality
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$")
DECIMAL_PATTERN = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
SEPARATORS = re.compile(r"\s*[;\n]\s*")
NUMBER_SEPARATORS = re.compile(r"\s*[;,\n]\s*")  # lists of numbers (SDG's) may also use commas


# --- the template ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A value of a sheet's 'Soort' column: the classes (and role type) a row of that kind gets."""

    nl: str
    en: str
    types: tuple[URIRef, ...]
    role: URIRef | None = None
    slug: str | None = None  # IRI segment of this kind when not the sheet's own
    proper_name: bool = False  # names of people and outside organisations carry no language tag
    implied_by: str | None = None  # chosen when the Soort cell is empty and this column is filled
    aliases: tuple[str, ...] = ()

    def statements(self, node) -> list[tuple]:
        found = [(node, RDF.type, t) for t in self.types]
        return found + ([(node, DG.roleType, self.role)] if self.role is not None else [])


@dataclass(frozen=True)
class Column:
    id: str
    nl: str
    en: str
    type: str  # key iri kind text code year date decimal integer ref vocab value value_year
    predicate: URIRef | None = None
    lang: str | None = None  # of a text column; None: a plain literal
    multi: bool = False
    inverse: bool = False  # the row is the object: (target, predicate, row)
    targets: tuple[str, ...] = ()  # sheets a reference may point at, or MUNICIPALITY
    vocabulary: str | None = None
    note: tuple[str, str] | None = None  # explanation for the header comment when the shapes have none

    @cached_property
    def path(self) -> str | None:
        """The column's property as the validation report writes a path: dg:owner, ^dg:hasIndicator."""
        if self.predicate is None:
            return None
        return ("^" if self.inverse else "") + path_text(self.predicate, Graph())


@dataclass(frozen=True)
class Sheet:
    name: str  # the Dutch sheet name in the workbook
    en: str
    noun: tuple[str, str]
    slug: str  # IRI segment: …/id/<GM>/<slug>/<key>
    kinds: tuple[Kind, ...]
    columns: tuple[Column, ...]
    about: tuple[str, str]
    default_key: tuple[str, ...] = ("label",)  # columns a key is made of when the Sleutel cell is empty
    kind_required: bool = False  # otherwise an empty Soort cell means the last kind

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)

    def has(self, column_id: str) -> bool:
        return any(c.id == column_id for c in self.columns)


KEY = Column("key", "Sleutel", "Key", "key", note=(
    "Korte, unieke naam van de rij, zoals D1 of schone-wijken (letters, cijfers, punt, streepje). Andere rijen "
    "verwijzen ernaar. Leeg: gemaakt uit de naam. De sleutel bepaalt de IRI, dus houd hem gelijk bij een nieuwe import.",
    "Short unique name of the row, such as D1 or clean-streets (letters, digits, dot, hyphen). Other rows refer to it. "
    "Empty: made from the name. The key decides the IRI, so keep it the same on a new import."))
IRI_COLUMN = Column("iri", "IRI", "IRI", "iri", note=(
    "Alleen invullen als het ding al een IRI heeft die niet …/id/<GM>/<soort>/<sleutel> is; meestal leeg.",
    "Only fill in when the thing already has an IRI other than …/id/<GM>/<kind>/<key>; usually empty."))


def _text(column_id, nl, en, predicate, lang, note=None) -> Column:
    return Column(column_id, nl, en, "text", predicate, lang=lang, note=note)


def _ref(column_id, nl, en, predicate, targets, multi=False, inverse=False) -> Column:
    return Column(column_id, nl, en, "ref", predicate, multi=multi, inverse=inverse, targets=targets)


def _vocab(column_id, nl, en, predicate, vocabulary, multi=False) -> Column:
    return Column(column_id, nl, en, "vocab", predicate, multi=multi, vocabulary=vocabulary)


def _names(description: bool = True) -> tuple[Column, ...]:
    columns = (_text("label", "Naam (nl)", "Name (nl)", RDFS.label, "nl"),
               _text("label_en", "Naam (en)", "Name (en)", RDFS.label, "en"))
    if description:
        columns += (_text("description", "Toelichting (nl)", "Description (nl)", DCTERMS.description, "nl"),
                    _text("description_en", "Toelichting (en)", "Description (en)", DCTERMS.description, "en"))
    return columns


def _stated_in(multi: bool = True) -> Column:
    return _ref("stated_in", "Vastgelegd in", "Stated in", DG.statedIn, ("Documenten",), multi=multi)


def _kind_column(nl="Soort", en="Kind") -> Column:
    return Column("kind", nl, en, "kind")


@lru_cache(maxsize=1)
def sheets() -> tuple[Sheet, ...]:
    """The sheets of the template in workbook order (Instructies before, Lijsten after them)."""
    roles = ("Rollen",)
    documents = ("Documenten",)
    return (
        Sheet("Opgaven", "Challenges", ("opgave", "challenge"), "opgave",
              (Kind("", "", (DG.SocietalChallenge,)),),
              (KEY, IRI_COLUMN, *_names(), _stated_in()),
              ("Maatschappelijke opgaven waarover de raad het eens is.", "Societal challenges the council agrees on.")),
        Sheet("Doelen", "Goals", ("doel", "goal"), "doel",
              (Kind("", "", (DG.Goal,)),),
              (KEY, IRI_COLUMN, *_names(),
               _ref("programme", "Programma", "Programme", DG.partOfProgramme, ("Programma's",)),
               _ref("challenges", "Opgaven", "Challenges", DG.addresses, ("Opgaven",), multi=True),
               _ref("owner", "Eigenaar (portefeuillehouder)", "Owner (portfolio holder)", DG.owner, roles),
               _ref("official_owner", "Ambtelijk opdrachtgever", "Official sponsor", DG.officialOwner, roles),
               _ref("parent", "Bovenliggend doel", "Parent goal", DG.subGoalOf, ("Doelen",)),
               _vocab("sdgs", "SDG's", "SDGs", DG.sdg, "sdg", multi=True),
               _ref("partners", "Partners", "Partners", DG.partner, roles, multi=True),
               _stated_in()),
              ("Wat willen we bereiken? Elk doel heeft een indicator (blad Indicatoren), één eigenaar en budget "
               "(blad Begroting, of een maatregel die het doel dient en budget heeft).",
               "What do we want to achieve? Every goal needs an indicator (sheet Indicatoren), one owner and a budget "
               "(sheet Begroting, or a measure serving it that has one).")),
        Sheet("Indicatoren", "Indicators", ("indicator", "indicator"), "indicator",
              (Kind("effect", "effect", (DG.EffectIndicator,)), Kind("prestatie", "output", (DG.OutputIndicator,)),
               Kind("", "", (DG.Indicator,))),
              (KEY, IRI_COLUMN,
               _ref("of", "Bij doel of maatregel", "Of goal or measure", DG.hasIndicator, ("Doelen", "Maatregelen"),
                    multi=True, inverse=True),
               _kind_column(), *_names(description=False),
               _text("unit", "Eenheid", "Unit", DG.unit, "nl"),
               Column("baseline", "Nulmeting waarde", "Baseline value", "value", DG.baseline),
               Column("baseline_year", "Nulmeting jaar", "Baseline year", "value_year", DG.baseline),
               Column("target", "Streefwaarde", "Target value", "value", DG.target),
               Column("target_year", "Streefwaarde jaar", "Target year", "value_year", DG.target),
               _vocab("shared", "Beleidsindicator (BBV)", "Policy indicator (BBV)", DG.sharedIndicator, "beleidsindicator")),
              ("Hoe weten we of het lukt? Effectindicatoren bij doelen, prestatie-indicatoren bij maatregelen, met "
               "nulmeting en streefwaarde.",
               "How do we know it works? Effect indicators of goals, output indicators of measures, with baseline and "
               "target.")),
        Sheet("Maatregelen", "Measures", ("maatregel", "measure"), "maatregel",
              (Kind("initiatief van een partner", "partner initiative", (DG.PartnerInitiative,), implied_by="initiator",
                    aliases=("partnerinitiatief", "initiatief")),
               Kind("maatregel", "measure", (DG.Measure,))),
              (KEY, IRI_COLUMN, _kind_column(), *_names(),
               _ref("goals", "Dient doel(en)", "Serves goal(s)", DG.serves, ("Doelen",), multi=True),
               _ref("owner", "Eigenaar", "Owner", DG.owner, roles),
               _ref("budget_holder", "Budgethouder", "Budget holder", DG.budgetHolder, roles),
               _ref("initiator", "Initiatiefnemer (partner)", "Initiator (partner)", DG.initiator, roles),
               _ref("partners", "Partners", "Partners", DG.partner, roles, multi=True),
               _ref("replaces", "Vervangt", "Replaces", DG.replaces, ("Maatregelen",), multi=True),
               _ref("withdrawn_in", "Ingetrokken in", "Withdrawn in", DG.withdrawnIn, documents),
               _stated_in()),
              ("Wat gaan we daarvoor doen? Een maatregel dient een of meer doelen; met een initiatiefnemer is het een "
               "initiatief van een partner.",
               "What will we do? A measure serves one or more goals; with an initiator it is a partner initiative.")),
        Sheet("Bijdragen", "Contributions", ("bijdrage", "contribution"), "bijdrage",
              (Kind("", "", (DG.Contribution,)),),
              (KEY, IRI_COLUMN,
               _ref("measure", "Maatregel", "Measure", DG.measure, ("Maatregelen",)),
               _ref("goal", "Doel", "Goal", DG.goal, ("Doelen",)),
               Column("share", "Aandeel (0 tot 1)", "Share (0 to 1)", "decimal", DG.share)),
              ("Dient een maatregel meer doelen, dan verdelen aandelen (samen 1) de kosten; zonder aandelen krijgt elk "
               "doel een gelijk deel.",
               "When a measure serves several goals, shares (adding up to 1) divide its cost; without shares each goal "
               "gets an equal part."),
              default_key=("measure", "goal")),
        Sheet("Begroting", "Budget", ("begrotingsregel", "budget line"), "begroting",
              (Kind("", "", (DG.BudgetLine,)),),
              (KEY, IRI_COLUMN,
               _text("label", "Omschrijving", "Description", RDFS.label, "nl"),
               _ref("funds", "Financiert", "Funds", DG.funds, ("Doelen", "Maatregelen", "Programma's")),
               Column("year", "Jaar", "Year", "year", DG.fiscalYear),
               _vocab("phase", "Fase", "Phase", DG.phase, "fase"),
               _vocab("direction", "Richting", "Direction", DG.direction, "richting"),
               _vocab("taakveld", "Taakveld", "Taakveld", DG.taakveld, "taakveld"),
               Column("amount", "Bedrag (euro)", "Amount (euro)", "decimal", DG.amount, note=(
                   "Euro, niet negatief; of het lasten of baten zijn zegt de richting. Een getal, of tekst met een punt "
                   "als decimaalteken en zonder duizendtallen (1234567.89).",
                   "Euros, not negative; the direction says expense or revenue. A number, or text with a point as "
                   "decimal separator and no thousands separators (1234567.89).")),
               _vocab("economic_category", "Economische categorie", "Economic category", DG.economicCategory,
                      "economische-categorie"),
               _stated_in(multi=False),
               _ref("budget_holder", "Budgethouder", "Budget holder", DG.budgetHolder, roles)),
              ("Wat mag het kosten? Eén bedrag per jaar, fase, richting en taakveld, voor een doel, maatregel of "
               "programma.",
               "What may it cost? One amount per year, phase, direction and taakveld, for a goal, measure or "
               "programme."),
              default_key=("funds", "year", "phase", "direction", "taakveld", "economic_category")),
        Sheet("Rollen", "Roles", ("rol", "role"), "rol", _role_kinds(),
              (KEY, IRI_COLUMN, _kind_column(), *_names(),
               _ref("post_in", "Post in (orgaan)", "Post in (body)", ORG.postIn, roles),
               _ref("unit_of", "Onderdeel van", "Unit of", ORG.unitOf, (*roles, MUNICIPALITY)),
               _ref("held_by", "Bekleed door (persoon)", "Held by (person)", ORG.heldBy, roles)),
              ("Raad, college, portefeuillehouders, ambtelijke functies, personen en maatschappelijke partners. Namen "
               "van personen en partners zijn eigennamen (zonder taal).",
               "Council, executive, portfolio holders, civil service posts, people and societal partners. Names of "
               "people and partners are proper names (without a language)."),
              kind_required=True),
        Sheet("Documenten", "Documents", ("document", "document"), "document", _document_kinds(),
              (KEY, IRI_COLUMN, _kind_column(),
               _text("label", "Titel (nl)", "Title (nl)", RDFS.label, "nl"),
               _text("label_en", "Titel (en)", "Title (en)", RDFS.label, "en"),
               Column("fiscal_year", "Begrotingsjaar", "Fiscal year", "year", DG.fiscalYear),
               Column("adopted_on", "Vastgesteld op", "Adopted on", "date", DG.adoptedOn),
               _ref("adopted_by", "Vastgesteld door", "Adopted by", DG.adoptedBy, roles),
               _ref("term", "Raadsperiode", "Council term", DG["term"], ("Raadsperioden",)),
               _ref("based_on", "Gebaseerd op", "Based on", DG.basedOn, documents, multi=True)),
              ("De P&C-documenten en het bestuursprogramma waarin doelen, maatregelen en bedragen staan.",
               "The planning and control documents and government programme stating goals, measures and amounts.")),
        Sheet("Programma's", "Programmes", ("programma", "programme"), "programma",
              (Kind("", "", (DG.Programme,)),),
              (KEY, IRI_COLUMN, Column("code", "Code", "Code", "code", SKOS.notation), *_names()),
              ("De programma's van de begroting (BBV).", "The programmes of the budget (BBV).")),
        Sheet("Metingen", "Observations", ("meting", "observation"), "meting",
              (Kind("", "", (DG.Observation,)),),
              (KEY, IRI_COLUMN,
               _text("label", "Omschrijving", "Description", RDFS.label, "nl"),
               _ref("indicator", "Indicator", "Indicator", DG.indicator, ("Indicatoren",)),
               _vocab("policy_indicator", "Beleidsindicator (BBV)", "Policy indicator (BBV)", DG.indicator,
                      "beleidsindicator"),
               Column("value", "Waarde", "Value", "decimal", DG.value),
               Column("year", "Jaar", "Year", "year", DG.year),
               _ref("area", "Gebied", "Area", DG.refArea, (MUNICIPALITY,)),
               _stated_in()),
              ("Gemeten waarden van een eigen indicator of een BBV-beleidsindicator.",
               "Measured values of an own indicator or a BBV policy indicator."),
              default_key=("indicator", "policy_indicator", "area", "year")),
        Sheet("Raadsperioden", "Council terms", ("raadsperiode", "council term"), "raadsperiode",
              (Kind("", "", (DG.CouncilTerm,)),),
              (KEY, IRI_COLUMN, *_names(description=False),
               Column("first_year", "Eerste begrotingsjaar", "First fiscal year", "year", DG.firstYear),
               Column("last_year", "Laatste begrotingsjaar", "Last fiscal year", "year", DG.lastYear)),
              ("De raadsperiode van coalitieakkoord en collegeprogramma.",
               "The council term of coalition agreement and college programme.")),
        Sheet("Trends", "Trends", ("trend", "trend"), "trend",
              (Kind("", "", (DG.Trend,)),),
              (KEY, IRI_COLUMN, *_names(),
               _ref("leads_to", "Leidt tot opgaven", "Leads to challenges", DG.leadsTo, ("Opgaven",), multi=True),
               _ref("discussed_in", "Besproken in", "Discussed in", DG.discussedIn, ("Datasessies",), multi=True)),
              ("Trends en ontwikkelingen, met data besproken met de raad.", "Trends and developments discussed with the council.")),
        Sheet("Datasessies", "Data sessions", ("datasessie", "data session"), "datasessie",
              (Kind("", "", (DG.DataSession,)),),
              (KEY, IRI_COLUMN, *_names(description=False),
               Column("date", "Datum", "Date", "date", DG.sessionDate),
               _ref("participants", "Deelnemers", "Participants", DG.participant, (*roles, MUNICIPALITY), multi=True)),
              ("Bijeenkomsten waarin de raad met data trends analyseert.", "Meetings in which the council analyses trends with data.")),
        Sheet("Gemeente", "Municipality", ("gemeente", "municipality"), "gemeente",
              (Kind("", "", (DG.Municipality,)),),
              (*_names(description=False),
               Column("code", "CBS-code", "CBS code", "code", DG.cbsCode),
               _vocab("province", "Provincie", "Province", DG.province, "provincie"),
               _vocab("size_class", "Grootteklasse", "Size class", DG.sizeClass, "gemeentegrootte"),
               _vocab("urbanity", "Stedelijkheid", "Urbanity", DG.urbanity, "stedelijkheid")),
              ("De gemeente zelf, in één rij; de CBS-code moet die van de import zijn.",
               "The municipality itself, in one row; the CBS code must be the one imported.")),
        Sheet("Inwoners", "Population", ("inwonertelling", "population count"), "inwoners",
              (Kind("", "", (DG.PopulationCount,)),),
              (KEY, IRI_COLUMN,
               _ref("municipality", "Gemeente", "Municipality", DG.population, (MUNICIPALITY,), inverse=True),
               _text("label", "Omschrijving", "Description", RDFS.label, "nl"),
               Column("year", "Jaar", "Year", "year", DG.year),
               Column("inhabitants", "Aantal inwoners", "Inhabitants", "integer", DG.inhabitants)),
              ("Het aantal inwoners op 1 januari.", "The number of inhabitants on 1 January."),
              default_key=("year",)),
    )


INSTRUCTIONS, LISTS, OTHER = "Instructies", "Lijsten", "Overig"
OTHER_COLUMNS = (("subject", "Onderwerp", "Subject"), ("predicate", "Eigenschap", "Property"), ("object", "Waarde", "Value"))
OTHER_ABOUT = ("Uitspraken die in geen ander blad passen, als N-Triples-termen (<IRI>, \"tekst\"@nl, \"2026\"^^<…#gYear>); "
               "een export zet hier wat het sjabloon (nog) niet kent, zodat niets verloren gaat.",
               "Statements that fit no other sheet, as N-Triples terms (<IRI>, \"text\"@nl, \"2026\"^^<…#gYear>); an export "
               "puts here what the template does not (yet) know, so that nothing is lost.")


def sheet_named(name: str) -> Sheet:
    return next(s for s in sheets() if s.name == name)


# --- vocabularies: the lists a cell chooses from ---------------------------------------------------


class CellError(Exception):
    def __init__(self, nl: str, en: str):
        super().__init__(nl)
        self.nl, self.en = nl, en


@dataclass(eq=False)
class Vocabulary:
    """A closed list: for each item what the cell shows, the concept it means and its Dutch name."""

    nl: str
    en: str
    items: list[tuple[str, URIRef, str]]  # in list order
    aliases: dict[str, URIRef]  # case-folded cell text, notation, labels, local name -> concept
    numeric_codes: bool = False  # codes such as taakvelden, which Excel may turn into numbers
    shown: dict[URIRef, str] = field(default_factory=dict)  # concept -> what its cell shows

    def text_of(self, iri) -> str | None:
        return self.shown.get(iri)

    def find(self, value) -> URIRef:
        if isinstance(value, float) and self.numeric_codes:
            return self._find_number(value)
        text = _plain_text(value)
        found = self.aliases.get(text.casefold())
        if found is None and self.numeric_codes:  # "6.1 Samenkracht en burgerparticipatie": the code comes first
            found = self.aliases.get(text.split(" ", 1)[0].casefold())
        if found is None:
            raise CellError(f"'{text}' staat niet in de lijst {self.nl}; kies een waarde uit de keuzelijst",
                            f"'{text}' is not in the list of {self.en}; choose a value from the drop-down list")
        return found

    def _find_number(self, value: float) -> URIRef:
        # Excel turns a code typed as 0.10 into the number 0.1: a number stands for a code only when no
        # other code has the same value.
        matches = sorted({text for text in self.aliases if _as_float(text) == value})
        if len(matches) == 1:
            return self.aliases[matches[0]]
        shown = _plain_text(value)
        if not matches:
            raise CellError(f"'{shown}' staat niet in de lijst {self.nl}", f"'{shown}' is not in the list of {self.en}")
        options = " of ".join(matches)
        raise CellError(
            f"de code is als getal {shown} ingevuld en kan dan {options} zijn (Excel laat nullen aan het eind weg); "
            f"typ de code als tekst, bijvoorbeeld met een apostrof ervoor: '{matches[-1]}",
            f"the code was entered as the number {shown}, which could be {' or '.join(matches)} (Excel drops trailing "
            f"zeros); type the code as text, for example with an apostrophe before it: '{matches[-1]}")


def _as_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _natural(text: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"([0-9]+)", text)]


@lru_cache(maxsize=None)
def _vocabulary_graph(name: str) -> Graph:
    return triples_to_graph(ox.parse(path=str(VOCAB_DIR / f"{name}.ttl")))


def _label(graph: Graph, node, lang: str) -> str:
    return next((str(l) for l in graph.objects(node, SKOS.prefLabel) if l.language == lang), "")


def _aliases(graph: Graph, node) -> list[str]:
    names = [str(o) for p in (SKOS.notation, SKOS.prefLabel, SKOS.hiddenLabel) for o in graph.objects(node, p)]
    local = str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return names + [local, local.replace("-", " ")]


def _concepts(file: str, nl: str, en: str, members, shown: str, listed=lambda g, n: True, numeric=False) -> Vocabulary:
    graph = _vocabulary_graph(file)
    nodes = sorted(members(graph), key=lambda n: _natural(str(graph.value(n, SKOS.notation) or n)))
    aliases: dict[str, URIRef] = {}
    items, texts = [], {}
    for node in nodes:
        text = str(graph.value(node, SKOS.notation)) if shown == "notation" else _label(graph, node, "nl")
        texts[node] = text
        for alias in [text, *_aliases(graph, node)]:
            aliases.setdefault(alias.casefold(), node)
        if listed(graph, node):
            items.append((text, node, _label(graph, node, "nl")))
    return Vocabulary(nl, en, items, aliases, numeric, texts)


@lru_cache(maxsize=None)
def vocabulary(name: str) -> Vocabulary:
    scheme = lambda scheme_name: (lambda g: g.subjects(SKOS.inScheme, ID[scheme_name]))  # noqa: E731
    typed = lambda cls: (lambda g: g.subjects(RDF.type, cls))  # noqa: E731
    if name == "taakveld":
        # every code can be read (a main taakveld is then reported by the shapes); the list offers the bookable ones
        return _concepts("taakvelden", "taakvelden", "taakvelden", typed(DG.Taakveld), "notation",
                         listed=lambda g, n: g.value(n, SKOS.broader) is not None, numeric=True)
    if name == "economische-categorie":
        return _concepts("economische-categorieen", "economische categorieën", "economic categories",
                         typed(DG.EconomicCategory), "notation")
    if name == "beleidsindicator":
        return _concepts("beleidsindicatoren", "BBV-beleidsindicatoren", "BBV policy indicators",
                         typed(DG.PolicyIndicator), "notation")
    if name == "sdg":
        return _concepts("sdg", "SDG's", "SDGs", scheme("sdg"), "notation")
    if name == "fase":
        return _concepts("begroting", "begrotingsfasen", "budget phases", typed(DG.BudgetPhase), "label")
    if name == "richting":
        return _concepts("begroting", "richtingen", "directions", typed(DG.BudgetDirection), "label")
    if name in ("provincie", "gemeentegrootte", "stedelijkheid"):
        names = {"provincie": ("provincies", "provinces"), "gemeentegrootte": ("grootteklassen", "size classes"),
                 "stedelijkheid": ("stedelijkheidsklassen", "urbanity classes")}[name]
        return _concepts("gemeenten", *names, scheme(name), "label")
    raise KeyError(name)


def _role_kinds() -> tuple[Kind, ...]:
    graph = _vocabulary_graph("rollen")
    classes = {"raad": (DG.Council, "orgaan"), "college": (DG.College, "orgaan"),
               "portefeuillehouder": (DG.PortfolioHolder, "post"),
               "ambtelijk-opdrachtgever": (DG.CivilServicePost, "post"), "budgethouder": (DG.CivilServicePost, "post"),
               "maatschappelijke-partner": (DG.SocietalPartner, "partner")}
    kinds = []
    for local, (cls, segment) in classes.items():
        role = ID[f"rol/{local}"]
        partner = cls == DG.SocietalPartner
        kinds.append(Kind(_label(graph, role, "nl"), _label(graph, role, "en"), (cls,), role, segment, proper_name=partner,
                          aliases=(*_aliases(graph, role), *(("partner",) if partner else ()))))
    # posts, units and people without a role type of their own
    kinds += [Kind("ambtelijke functie", "civil service post", (DG.CivilServicePost,), slug="post"),
              Kind("organisatieonderdeel", "organisational unit", (ORG.OrganizationalUnit,), slug="orgaan"),
              Kind("persoon", "person", (FOAF.Person,), slug="persoon", proper_name=True)]
    return tuple(kinds)


# the planning and control cycle in the order a year goes through it
CYCLE = (DG.CoalitionAgreement, DG.CollegeProgramme, DG.FrameworkMemorandum, DG.ProgrammeBudget, DG.InterimReport,
         DG.AnnualReport)


def _document_kinds() -> tuple[Kind, ...]:
    graph = _vocabulary_graph("documentsoorten")
    pairs = sorted(graph.subject_objects(DG.documentClass), key=lambda pair: CYCLE.index(pair[1]))
    kinds = [Kind(_label(graph, node, "nl"), _label(graph, node, "en"), (cls,), aliases=tuple(_aliases(graph, node)))
             for node, cls in pairs]
    return tuple(kinds) + (Kind("", "", (DG.PlanningDocument,)),)


def kind_list(sheet: Sheet) -> list[Kind]:
    """The kinds a user can pick (the unnamed default kind is what an empty cell means)."""
    return [k for k in sheet.kinds if k.nl]


# --- where a node came from ----------------------------------------------------------------------


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


def location(sheet_name: str, row: int, column: int | None = None, header: tuple[str, str] | None = None) -> tuple[str, str]:
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


# --- the archive, before openpyxl sees it ---------------------------------------------------------


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=\"([A-Z]{1,3})?([0-9]{1,7})?(?::([A-Z]{1,3})([0-9]{1,7}))?\"")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"")
# a formula cell without a computed value (<v>): read with data_only it would look empty
_UNCOMPUTED = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3}[0-9]{1,7})\"[^>]*>\s*"
                         rb"<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>)\s*"
                         rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _not_a_workbook(source: str, detail: str = "") -> UserError:
    return UserError(
        "dit is geen Excel-werkmap (.xlsx)" + (f": {detail}" if detail else "") + "; sla het bestand op als .xlsx",
        "this is not an Excel workbook (.xlsx)" + (f": {detail}" if detail else "") + "; save the file as .xlsx",
        where=source,
    )


def _sheet_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Archive member of each worksheet, by sheet name (from xl/workbook.xml and its relationships)."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    files = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and sheet.get(_RELATIONSHIPS) in targets:
            target = targets[sheet.get(_RELATIONSHIPS)]
            files[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return files


def check_archive(data: bytes, source: str) -> None:
    """Refuse, before openpyxl unpacks anything, what is no workbook, a zip bomb or an enormous sheet."""
    if len(data) > MAX_FILE_BYTES:
        raise UserError(f"de werkmap is groter dan {MAX_FILE_BYTES // 1_000_000} MB",
                        f"the workbook is larger than {MAX_FILE_BYTES // 1_000_000} MB", where=source)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise _not_a_workbook(source) from None
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        inflated = [m for m in members if m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(m.compress_size, 1)]
        if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED or inflated:
            raise UserError(
                f"de werkmap pakt uit tot {total:,} bytes (grens {MAX_UNCOMPRESSED:,}, hooguit {MAX_RATIO}x gecomprimeerd): "
                "dit lijkt een zip-bom en wordt niet geopend",
                f"the workbook unpacks to {total:,} bytes (limit {MAX_UNCOMPRESSED:,}, at most {MAX_RATIO}x compressed): "
                "this looks like a zip bomb and is not opened",
                where=source)
        if "xl/workbook.xml" not in archive.namelist():
            raise _not_a_workbook(source, "het zip-bestand heeft geen xl/workbook.xml")
        for name, member in _sheet_files(archive).items():
            try:
                xml = archive.read(member)
            except (KeyError, zipfile.BadZipFile):
                raise _not_a_workbook(source, f"blad {name} ontbreekt in het archief") from None
            _check_extent(name, xml, source)


def _check_extent(name: str, xml: bytes, source: str) -> None:
    rows = columns = 0
    dimension = _DIMENSION.search(xml, 0, 65536)
    if dimension:
        last_column, last_row = dimension.group(3) or dimension.group(1), dimension.group(4) or dimension.group(2)
        rows = int(last_row) if last_row else 0
        columns = column_index_from_string(last_column.decode()) if last_column else 0
    for match in _ROW.finditer(xml):
        rows = max(rows, int(match.group(1)))
    widest = max((m.group(1) for m in _CELL.finditer(xml)), key=lambda letters: (len(letters), letters), default=b"")
    if widest:
        columns = max(columns, column_index_from_string(widest.decode()))
    limit_rows = MAX_ROWS + FIRST_DATA_ROW - 1
    uncomputed = _UNCOMPUTED.search(xml)
    if uncomputed:
        cell = uncomputed.group(1).decode()
        raise UserError(
            f"blad {name}, cel {cell} heeft een formule zonder berekende waarde; open de werkmap in een rekenprogramma "
            "en bewaar hem opnieuw, of vul de waarde zelf in",
            f"sheet {name}, cell {cell} holds a formula without a computed value; open the workbook in a spreadsheet "
            "program and save it again, or fill in the value itself",
            where=source)
    if rows > limit_rows or columns > MAX_COLUMNS:
        used = f"{get_column_letter(max(columns, 1))}{max(rows, 1)}"
        raise UserError(
            f"blad {name} gebruikt cellen tot {used}; een blad mag hooguit {limit_rows:,} rijen en {MAX_COLUMNS} kolommen "
            "hebben. Verwijder de lege rijen en kolommen onder en naast de gegevens",
            f"sheet {name} uses cells up to {used}; a sheet may have at most {limit_rows:,} rows and {MAX_COLUMNS} columns. "
            "Delete the empty rows and columns below and beside the data",
            where=source)


# --- reading cells -------------------------------------------------------------------------------


def _plain_text(value) -> str:
    """A cell's content as text: numbers as Excel shows them, never through float arithmetic."""
    if isinstance(value, bool):
        raise CellError("verwacht tekst of een getal, geen WAAR/ONWAAR", "expected text or a number, not TRUE/FALSE")
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    return str(value).strip()


def _code_text(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        raise CellError(f"een code moet als tekst zijn ingevuld, niet als het getal {value!r} (Excel laat nullen aan het "
                        "eind weg); typ er een apostrof voor",
                        f"a code must be entered as text, not as the number {value!r} (Excel drops trailing zeros); "
                        "type an apostrophe before it")
    return _plain_text(value)


def read_decimal(value) -> Decimal:
    """A decimal from a number cell (via its shortest text, never float arithmetic) or from text with a point."""
    if isinstance(value, bool) or isinstance(value, (datetime, date)):
        raise CellError("verwacht een getal", "expected a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = str(value).strip().replace(" ", "")
    if "," in text:
        raise CellError(
            f"'{value}' is geschreven met een komma; gebruik een punt als decimaalteken en geen scheidingstekens voor "
            "duizendtallen (1234567.89), of vul een getal in",
            f"'{value}' is written with a comma; use a point as decimal separator and no thousands separators "
            "(1234567.89), or enter a number")
    if not DECIMAL_PATTERN.match(text):
        raise CellError(f"'{value}' is geen getal", f"'{value}' is not a number")
    return Decimal(text)


def read_year(value) -> int:
    if isinstance(value, (datetime, date)):
        raise CellError("verwacht een jaartal zoals 2026, geen datum", "expected a year such as 2026, not a date")
    text = _plain_text(value)
    if not re.fullmatch(r"[0-9]{4}", text):
        raise CellError(f"'{text}' is geen jaartal; verwacht vier cijfers, zoals 2026",
                        f"'{text}' is not a year; expected four digits, such as 2026")
    return int(text)


def read_date(value) -> date:
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise CellError("verwacht een datum zonder tijd", "expected a date without a time")
        return value.date()
    if isinstance(value, date):
        return value
    text = _plain_text(value)
    try:
        return date.fromisoformat(text) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else _no_date(text)
    except ValueError:
        return _no_date(text)


def _no_date(text: str) -> date:
    raise CellError(f"'{text}' is geen datum; vul een datum in of typ jjjj-mm-dd, zoals 2025-11-06",
                    f"'{text}' is not a date; enter a date or type yyyy-mm-dd, such as 2025-11-06")


def read_integer(value) -> int:
    number = read_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"'{_plain_text(value)}' is geen geheel getal", f"'{_plain_text(value)}' is not a whole number")
    return int(number)


def _decimal_literal(number: Decimal) -> Literal:
    return Literal(format(number, "f"), datatype=XSD.decimal)


def value_node(indicator: URIRef, predicate: URIRef) -> URIRef:
    """The baseline or target of an indicator: a skolem IRI (it stands for a blank node), the same on every import."""
    return SKOLEM[uuid.uuid5(uuid.NAMESPACE_URL, f"{indicator}#{predicate}").hex]


# --- reading a workbook --------------------------------------------------------------------------


@dataclass
class Row:
    sheet: Sheet
    number: int
    cells: dict[str, tuple[object, int]]  # column id -> (value, column number)
    kind: Kind | None = None
    key: str | None = None
    node: URIRef | None = None

    def has(self, column_id: str) -> bool:
        return column_id in self.cells


@dataclass
class ParsedWorkbook:
    graph: Graph
    origins: dict[URIRef, Origin]
    positions: dict[str, dict[str, int]]  # sheet name -> column id -> column number in this workbook

    def where(self, origin: Origin, column: Column | None) -> tuple[str, str]:
        number = self.positions.get(origin.sheet.name, {}).get(column.id) if column else None
        return location(origin.sheet.name, origin.row, number, (column.nl, column.en) if column else None)


class _Reader:
    def __init__(self, code: str, source: str):
        self.code = code
        self.source = source
        self.problems: list[Problem] = []
        self.graph = Graph()
        self.origins: dict[URIRef, Origin] = {}
        self.keys: dict[str, Row] = {}
        self.nodes: dict[URIRef, Row] = {}
        self.names: dict[tuple[str, str], list[Row]] = {}  # (sheet, case-folded Dutch name) -> rows

    def problem(self, sheet_name: str, row: int, column: int | None, header, nl: str, en: str) -> None:
        where_nl, where_en = location(sheet_name, row, column, header)
        self.problems.append(Problem(f"{where_nl}: {nl}", f"{where_en}: {en}"))

    def cell_problem(self, row: Row, column: Column, error: CellError) -> None:
        self.problem(row.sheet.name, row.number, row.cells[column.id][1], (column.nl, column.en), error.nl, error.en)

    # pass 1: every row's kind, key and IRI, so that references can point forward
    def identify(self, row: Row) -> None:
        sheet = row.sheet
        try:
            row.kind = self._kind(row)
        except CellError as error:
            self.cell_problem(row, sheet.column("kind"), error)
            return
        if sheet.name == "Gemeente":
            self._identify_municipality(row)
            return
        try:
            row.key = self._key(row)
        except CellError as error:
            if row.has("key"):
                self.cell_problem(row, sheet.column("key"), error)
            else:
                self.problem(sheet.name, row.number, None, None, error.nl, error.en)
            return
        node = ID[f"{self.code}/{row.kind.slug or sheet.slug}/{row.key}"]
        if row.has("iri"):
            try:
                node = URIRef(named_node(_plain_text(row.cells["iri"][0]), "IRI").value)
            except (UserError, CellError) as error:
                self.cell_problem(row, sheet.column("iri"), CellError(error.nl, error.en))
                return
        for registry, name, column_id, noun in ((self.keys, row.key, "key", ("sleutel", "key")),
                                                (self.nodes, node, "iri", ("IRI", "IRI"))):
            earlier = registry.get(name)
            if earlier is not None:
                column = sheet.column(column_id)
                self.problem(sheet.name, row.number, row.cells[column_id][1] if row.has(column_id) else None,
                             (column.nl, column.en),
                             f"{noun[0]} '{name}' komt al voor op blad {earlier.sheet.name}, rij {earlier.number}; "
                             "geef elke rij een eigen sleutel",
                             f"{noun[1]} '{name}' already occurs on sheet {earlier.sheet.name}, row {earlier.number}; "
                             "give every row a key of its own")
                return
            registry[name] = row
        row.node = node
        if row.has("label"):
            self.names.setdefault((sheet.name, str(row.cells["label"][0]).strip().casefold()), []).append(row)

    def _identify_municipality(self, row: Row) -> None:
        row.node = municipality_iri(self.code)
        earlier = self.nodes.get(row.node)
        if earlier is not None:
            self.problem(row.sheet.name, row.number, None, None,
                         f"het blad Gemeente heeft één rij (de eerste staat op rij {earlier.number})",
                         f"sheet Gemeente has one row (the first is on row {earlier.number})")
            return
        self.nodes[row.node] = row
        if row.has("code"):
            given = _plain_text(row.cells["code"][0])
            if given != self.code:
                self.cell_problem(row, row.sheet.column("code"), CellError(
                    f"deze werkmap is van {given}, maar wordt geïmporteerd als {self.code}",
                    f"this workbook is of {given}, but is being imported as {self.code}"))

    def _kind(self, row: Row) -> Kind:
        sheet = row.sheet
        if not row.has("kind"):
            implied = [k for k in sheet.kinds if k.implied_by and row.has(k.implied_by)]
            if implied:
                return implied[0]
            if sheet.kind_required:
                raise CellError("kies een soort uit de keuzelijst", "choose a kind from the drop-down list")
            return sheet.kinds[-1]
        text = _plain_text(row.cells["kind"][0])
        for kind in sheet.kinds:
            if kind.nl and text.casefold() in {kind.nl.casefold(), kind.en.casefold(), *(a.casefold() for a in kind.aliases)}:
                return kind
        options = ", ".join(k.nl for k in kind_list(sheet))
        raise CellError(f"'{text}' is geen soort van dit blad; kies uit: {options}",
                        f"'{text}' is not a kind of this sheet; choose from: {options}")

    def _key(self, row: Row) -> str:
        if row.has("key"):
            key = _code_text(row.cells["key"][0])
            if not KEY_PATTERN.match(key):
                raise CellError(
                    f"'{key}' is geen geldige sleutel: gebruik letters, cijfers, punt, streepje of laag streepje (hooguit 100)",
                    f"'{key}' is not a valid key: use letters, digits, dot, hyphen or underscore (at most 100)")
            return key
        parts = [_plain_text(row.cells[c][0]) for c in row.sheet.default_key if row.has(c)]
        key = slug("-".join(parts), "")
        if not key:
            raise CellError("de rij heeft geen sleutel en geen naam om er een van te maken; vul een sleutel in",
                            "the row has no key and no name to make one from; fill in a key")
        return key

    # pass 2: the statements of every cell
    def statements(self, row: Row) -> None:
        if row.node is None:
            return
        node = row.node
        self.origins[node] = Origin(row.sheet, row.number)
        for triple in row.kind.statements(node):
            self.graph.add(triple)
        values: dict[URIRef, dict[str, tuple[Column, object]]] = {}
        for column in row.sheet.columns:
            if column.id not in row.cells or column.type in ("key", "iri", "kind"):
                continue
            value = row.cells[column.id][0]
            try:
                if column.type in ("value", "value_year"):
                    reader = read_decimal if column.type == "value" else read_year
                    values.setdefault(column.predicate, {})[column.type] = (column, reader(value))
                    continue
                for obj in self._objects(row, column, value):
                    self.graph.add((obj, column.predicate, node) if column.inverse else (node, column.predicate, obj))
            except CellError as error:
                self.cell_problem(row, column, error)
        for predicate, parts in values.items():
            self._value_node(row, predicate, parts)

    def _value_node(self, row: Row, predicate: URIRef, parts: dict) -> None:
        node = value_node(row.node, predicate)
        self.graph.add((row.node, predicate, node))
        self.graph.add((node, RDF.type, DG.IndicatorValue))
        if "value" in parts:
            self.graph.add((node, DG.value, _decimal_literal(parts["value"][1])))
        if "value_year" in parts:
            self.graph.add((node, DG.year, Literal(str(parts["value_year"][1]), datatype=XSD.gYear)))
        columns = [c for c in row.sheet.columns if c.predicate == predicate]
        self.origins[node] = Origin(row.sheet, row.number, {
            "dg:value": next(c for c in columns if c.type == "value"),
            "dg:year": next(c for c in columns if c.type == "value_year"),
        })

    def _objects(self, row: Row, column: Column, value) -> list:
        kind = column.type
        if kind == "text":
            lang = None if column.id == "label" and row.kind.proper_name else column.lang
            return [Literal(_plain_text(value), lang=lang)]
        if kind == "code":
            return [Literal(_code_text(value))]
        if kind == "year":
            return [Literal(str(read_year(value)), datatype=XSD.gYear)]
        if kind == "date":
            return [Literal(read_date(value).isoformat(), datatype=XSD.date)]
        if kind == "decimal":
            return [_decimal_literal(read_decimal(value))]
        if kind == "integer":
            return [Literal(str(read_integer(value)), datatype=XSD.integer)]
        if kind == "vocab":
            words = self._split(value, column, NUMBER_SEPARATORS if column.vocabulary == "sdg" else SEPARATORS)
            return [vocabulary(column.vocabulary).find(w) for w in words]
        if kind == "ref":
            return [self._resolve(w, column) for w in self._split(value, column, SEPARATORS)]
        raise AssertionError(kind)

    @staticmethod
    def _split(value, column: Column, separators) -> list:
        if not isinstance(value, str):
            return [value]
        words = [w for w in separators.split(value.strip()) if w]
        if len(words) > 1 and not column.multi:
            raise CellError("hier past één waarde; er staan er meer", "this cell takes one value; it holds several")
        return words

    def _resolve(self, value, column: Column) -> URIRef:
        text = _code_text(value)
        if text.startswith(("http://", "https://", "urn:")):
            try:
                return URIRef(named_node(text, column.nl).value)
            except UserError as error:
                raise CellError(error.nl, error.en) from None
        row = self.keys.get(text)
        if row is None and MUNICIPALITY in column.targets and CODE_PATTERN.match(text):
            return municipality_iri(text)
        target_sheets = [t for t in column.targets if t != MUNICIPALITY]
        if row is not None:
            if row.sheet.name in target_sheets:
                return row.node
            wanted = " of ".join(sheet_named(t).noun[0] for t in target_sheets) or "gemeentecode"
            wanted_en = " or ".join(sheet_named(t).noun[1] for t in target_sheets) or "municipality code"
            raise CellError(f"'{text}' is een {row.sheet.noun[0]} (blad {row.sheet.name}, rij {row.number}), geen {wanted}",
                            f"'{text}' is a {row.sheet.noun[1]} (sheet {row.sheet.name}, row {row.number}), not a {wanted_en}")
        named = [r for t in target_sheets for r in self.names.get((t, text.casefold()), [])]
        if len(named) == 1:
            return named[0].node
        if len(named) > 1:
            rows = ", ".join(f"{r.sheet.name} {r.number}" for r in named)
            raise CellError(f"de naam '{text}' komt meer dan eens voor ({rows}); gebruik de sleutel",
                            f"the name '{text}' occurs more than once ({rows}); use the key")
        sheets_nl = ", ".join(target_sheets + (["een gemeentecode zoals GM0629"] if MUNICIPALITY in column.targets else []))
        sheets_en = ", ".join(target_sheets + (["a municipality code such as GM0629"] if MUNICIPALITY in column.targets else []))
        hint_nl = "; scheid meerdere met een puntkomma" if column.multi and "," in text else ""
        hint_en = "; separate several with a semicolon" if column.multi and "," in text else ""
        raise CellError(f"'{text}' is geen bekende sleutel of naam (zoek in: {sheets_nl}){hint_nl}",
                        f"'{text}' is no known key or name (looked in: {sheets_en}){hint_en}")

    def other(self, number: int, cells: dict[str, tuple[object, int]], blank_nodes: dict) -> None:
        terms = []
        for column_id, nl, en in OTHER_COLUMNS:
            if column_id not in cells:
                self.problem(OTHER, number, None, None, f"kolom {nl} is leeg", f"column {en} is empty")
                return
            terms.append(_plain_text(cells[column_id][0]))
        try:
            (quad,) = ox.parse(" ".join(terms) + " .", format=ox.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError) as error:
            reason = str(getattr(error, "msg", error))
            self.problem(OTHER, number, None, None, f"geen geldige N-Triples-uitspraak ({reason})",
                         f"not a valid N-Triples statement ({reason})")
            return
        # a blank node label means the same node on every row of the sheet
        triple = tuple(blank_nodes.setdefault(t.value, BNode()) if isinstance(t, ox.BlankNode) else to_rdflib(t)
                       for t in (quad.subject, quad.predicate, quad.object))
        self.graph.add(triple)


def _open(data: bytes, source: str):
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any failure to parse untrusted input is the input's fault
        raise _not_a_workbook(source, type(error).__name__) from None


def _rows(worksheet, source: str, name: str) -> list[tuple]:
    worksheet.reset_dimensions()  # the stored used range may lie; the archive check bounded the real one
    try:
        rows = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            too_wide = len(values) > MAX_COLUMNS and any(v is not None for v in values[MAX_COLUMNS:])
            if number > MAX_ROWS + FIRST_DATA_ROW - 1 or too_wide:
                raise UserError(f"blad {name} is groter dan {MAX_ROWS:,} rijen of {MAX_COLUMNS} kolommen",
                                f"sheet {name} is larger than {MAX_ROWS:,} rows or {MAX_COLUMNS} columns", where=source)
            rows.append(values)
        return rows
    except (ElementTree.ParseError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        raise _not_a_workbook(source, f"blad {name} is beschadigd ({type(error).__name__})") from None


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_map(reader: _Reader, name: str, header: tuple, columns: list[tuple[str, str, str]]) -> dict[int, str]:
    known = {}
    for column_id, nl, en in columns:
        known[nl.casefold()] = column_id
        known[en.casefold()] = column_id
    found: dict[int, str] = {}
    for index, text in enumerate(header, start=1):
        if _empty(text):
            continue
        column_id = known.get(str(text).strip().casefold())
        if column_id is None:
            reader.problem(name, 1, index, None, f"onbekende kolom '{text}'; gebruik de kolommen van het sjabloon",
                           f"unknown column '{text}'; use the columns of the template")
        elif column_id in found.values():
            reader.problem(name, 1, index, None, f"kolom '{text}' staat twee keer in het blad", f"column '{text}' occurs twice")
        else:
            found[index] = column_id
    return found


def _data_rows(rows: list[tuple], header: dict[int, str], columns: list[tuple[str, str, str]]):
    """(row number, {column id: (value, column number)}) for every row with content below the headers."""
    english = {column_id: en.casefold() for column_id, _, en in columns}
    start = 1
    if len(rows) > 1:  # row 2 holds the English headers, unless someone started the data there
        second = {header[i]: str(v).strip().casefold() for i, v in enumerate(rows[1], start=1) if i in header and not _empty(v)}
        if second and all(english[c] == text for c, text in second.items()):
            start = 2
    for number, values in enumerate(rows[start:], start=start + 1):
        cells = {header[i]: (v.strip() if isinstance(v, str) else v, i)
                 for i, v in enumerate(values, start=1) if i in header and not _empty(v)}
        if cells:
            yield number, cells


def read_workbook(data: bytes, code: str, source: str) -> ParsedWorkbook:
    """The RDF a filled-in template states for municipality `code`, with the row each node came from.

    Raises UserError when the file is no workbook or too big, and WorkbookError listing every cell
    that cannot be read (unknown keys, years that are no year, amounts with a comma, …).
    """
    check_archive(data, source)
    workbook = _open(data, source)
    reader = _Reader(code, source)
    by_name = {s.name.casefold(): s for s in sheets()}
    rows: list[Row] = []
    other_rows = []
    positions: dict[str, dict[str, int]] = {}
    try:
        for worksheet in workbook.worksheets:
            title = worksheet.title.strip()
            if title.casefold() in (INSTRUCTIONS.casefold(), LISTS.casefold()):
                continue
            if title.casefold() == OTHER.casefold():
                raw = _rows(worksheet, source, title)
                header = _header_map(reader, title, raw[0] if raw else (), list(OTHER_COLUMNS))
                other_rows = list(_data_rows(raw, header, list(OTHER_COLUMNS)))
                continue
            sheet = by_name.get(title.casefold())
            if sheet is None:
                names = ", ".join(s.name for s in sheets())
                reader.problem(title, 1, None, None, f"onbekend blad; de bladen van het sjabloon zijn {names}, {OTHER}",
                               f"unknown sheet; the template's sheets are {names}, {OTHER}")
                continue
            raw = _rows(worksheet, source, title)
            columns = [(c.id, c.nl, c.en) for c in sheet.columns]
            header = _header_map(reader, sheet.name, raw[0] if raw else (), columns)
            positions[sheet.name] = {column_id: number for number, column_id in header.items()}
            rows += [Row(sheet, number, cells) for number, cells in _data_rows(raw, header, columns)]
    finally:
        workbook.close()
    for row in rows:
        reader.identify(row)
    for row in rows:
        reader.statements(row)
    blank_nodes: dict = {}
    for number, cells in other_rows:
        reader.other(number, cells, blank_nodes)
    if reader.problems:
        raise workbook_error(reader.problems, source)
    return ParsedWorkbook(reader.graph, reader.origins, positions)
