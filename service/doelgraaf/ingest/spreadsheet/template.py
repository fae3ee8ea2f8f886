"""What the Doelgraaf spreadsheet template means: its sheets, the kinds a row may be, its columns.

One description, `sheets()`, drives the template, the import and the export (writer.py, reader.py,
export.py), so the three cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SKOS

from doelgraaf.core.namespaces import DG, ID
from doelgraaf.ingest.spreadsheet.lists import aliases_of, label_of, vocabulary_graph
from doelgraaf.validation.report import path_text

# Row 1 holds the Dutch headers, row 2 the English ones; data starts on row 3.
FIRST_DATA_ROW = 3


MUNICIPALITY = "gemeente"  # reference target: a CBS code such as GM0629 stands for the municipality


@dataclass(frozen=True)
class RowKind:
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
    kinds: tuple[RowKind, ...]
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


def _kind_column(nl="Soort", en="RowKind") -> Column:
    return Column("kind", nl, en, "kind")


@lru_cache(maxsize=1)
def sheets() -> tuple[Sheet, ...]:
    """The sheets of the template in workbook order (Instructies before, Lijsten after them)."""
    roles = ("Rollen",)
    documents = ("Documenten",)
    return (
        Sheet("Opgaven", "Challenges", ("opgave", "challenge"), "opgave",
              (RowKind("", "", (DG.SocietalChallenge,)),),
              (KEY, IRI_COLUMN, *_names(), _stated_in()),
              ("Maatschappelijke opgaven waarover de raad het eens is.", "Societal challenges the council agrees on.")),
        Sheet("Doelen", "Goals", ("doel", "goal"), "doel",
              (RowKind("", "", (DG.Goal,)),),
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
              (RowKind("effect", "effect", (DG.EffectIndicator,)), RowKind("prestatie", "output", (DG.OutputIndicator,)),
               RowKind("", "", (DG.Indicator,))),
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
              (RowKind("initiatief van een partner", "partner initiative", (DG.PartnerInitiative,), implied_by="initiator",
                    aliases=("partnerinitiatief", "initiatief")),
               RowKind("maatregel", "measure", (DG.Measure,))),
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
              (RowKind("", "", (DG.Contribution,)),),
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
              (RowKind("", "", (DG.BudgetLine,)),),
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
              (RowKind("", "", (DG.Programme,)),),
              (KEY, IRI_COLUMN, Column("code", "Code", "Code", "code", SKOS.notation), *_names()),
              ("De programma's van de begroting (BBV).", "The programmes of the budget (BBV).")),
        Sheet("Metingen", "Observations", ("meting", "observation"), "meting",
              (RowKind("", "", (DG.Observation,)),),
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
              (RowKind("", "", (DG.CouncilTerm,)),),
              (KEY, IRI_COLUMN, *_names(description=False),
               Column("first_year", "Eerste begrotingsjaar", "First fiscal year", "year", DG.firstYear),
               Column("last_year", "Laatste begrotingsjaar", "Last fiscal year", "year", DG.lastYear)),
              ("De raadsperiode van coalitieakkoord en collegeprogramma.",
               "The council term of coalition agreement and college programme.")),
        Sheet("Trends", "Trends", ("trend", "trend"), "trend",
              (RowKind("", "", (DG.Trend,)),),
              (KEY, IRI_COLUMN, *_names(),
               _ref("leads_to", "Leidt tot opgaven", "Leads to challenges", DG.leadsTo, ("Opgaven",), multi=True),
               _ref("discussed_in", "Besproken in", "Discussed in", DG.discussedIn, ("Datasessies",), multi=True)),
              ("Trends en ontwikkelingen, met data besproken met de raad.", "Trends and developments discussed with the council.")),
        Sheet("Datasessies", "Data sessions", ("datasessie", "data session"), "datasessie",
              (RowKind("", "", (DG.DataSession,)),),
              (KEY, IRI_COLUMN, *_names(description=False),
               Column("date", "Datum", "Date", "date", DG.sessionDate),
               _ref("participants", "Deelnemers", "Participants", DG.participant, (*roles, MUNICIPALITY), multi=True)),
              ("Bijeenkomsten waarin de raad met data trends analyseert.", "Meetings in which the council analyses trends with data.")),
        Sheet("Gemeente", "Municipality", ("gemeente", "municipality"), "gemeente",
              (RowKind("", "", (DG.Municipality,)),),
              (*_names(description=False),
               Column("code", "CBS-code", "CBS code", "code", DG.cbsCode),
               _vocab("province", "Provincie", "Province", DG.province, "provincie"),
               _vocab("size_class", "Grootteklasse", "Size class", DG.sizeClass, "gemeentegrootte"),
               _vocab("urbanity", "Stedelijkheid", "Urbanity", DG.urbanity, "stedelijkheid")),
              ("De gemeente zelf, in één rij; de CBS-code moet die van de import zijn.",
               "The municipality itself, in one row; the CBS code must be the one imported.")),
        Sheet("Inwoners", "Population", ("inwonertelling", "population count"), "inwoners",
              (RowKind("", "", (DG.PopulationCount,)),),
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


def _role_kinds() -> tuple[RowKind, ...]:
    graph = vocabulary_graph("rollen")
    classes = {"raad": (DG.Council, "orgaan"), "college": (DG.College, "orgaan"),
               "portefeuillehouder": (DG.PortfolioHolder, "post"),
               "ambtelijk-opdrachtgever": (DG.CivilServicePost, "post"), "budgethouder": (DG.CivilServicePost, "post"),
               "maatschappelijke-partner": (DG.SocietalPartner, "partner")}
    kinds = []
    for local, (cls, segment) in classes.items():
        role = ID[f"rol/{local}"]
        partner = cls == DG.SocietalPartner
        kinds.append(RowKind(label_of(graph, role, "nl"), label_of(graph, role, "en"), (cls,), role, segment, proper_name=partner,
                          aliases=(*aliases_of(graph, role), *(("partner",) if partner else ()))))
    # posts, units and people without a role type of their own
    kinds += [RowKind("ambtelijke functie", "civil service post", (DG.CivilServicePost,), slug="post"),
              RowKind("organisatieonderdeel", "organisational unit", (ORG.OrganizationalUnit,), slug="orgaan"),
              RowKind("persoon", "person", (FOAF.Person,), slug="persoon", proper_name=True)]
    return tuple(kinds)


# the planning and control cycle in the order a year goes through it
CYCLE = (DG.CoalitionAgreement, DG.CollegeProgramme, DG.FrameworkMemorandum, DG.ProgrammeBudget, DG.InterimReport,
         DG.AnnualReport)


def _document_kinds() -> tuple[RowKind, ...]:
    graph = vocabulary_graph("documentsoorten")
    pairs = sorted(graph.subject_objects(DG.documentClass), key=lambda pair: CYCLE.index(pair[1]))
    kinds = [RowKind(label_of(graph, node, "nl"), label_of(graph, node, "en"), (cls,), aliases=tuple(aliases_of(graph, node)))
             for node, cls in pairs]
    return tuple(kinds) + (RowKind("", "", (DG.PlanningDocument,)),)


def kind_list(sheet: Sheet) -> list[RowKind]:
    """The kinds a user can pick (the unnamed default kind is what an empty cell means)."""
    return [k for k in sheet.kinds if k.nl]
