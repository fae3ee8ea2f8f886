"""What the Doelgraaf spreadsheet template means: its sheets, the kinds a row may be, its columns.

The sheets and columns are the model's (catalogue.model, from the shapes and shapes/forms.ttl); this
module adds the kinds of the role and document sheets, read from their vocabularies. The template, the
import and the export (writer.py, reader.py, export.py) all read `sheets()`, so the three cannot drift
apart, nor from the shapes.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import Graph
from rdflib.namespace import FOAF, ORG

from doelgraaf.catalogue.model import RowKind, Sheet, model
from doelgraaf.catalogue.vocabularies import Vocabularies, shipped
from doelgraaf.core.namespaces import DG, ID
from doelgraaf.ingest.spreadsheet.lists import aliases_of, label_of

# Row 1 holds the Dutch headers, row 2 the English ones; data starts on row 3.
FIRST_DATA_ROW = 3

def sheets(vocabularies: Vocabularies | None = None) -> tuple[Sheet, ...]:
    """The sheets of the template in workbook order (Instructies before, Lijsten after them), their role and
    document kinds from `vocabularies` (the running version's own when not given)."""
    vocabularies = vocabularies or shipped()

    def made() -> tuple[Sheet, ...]:
        kinds_from = {"rollen": _role_kinds, "documentsoorten": _document_kinds}
        return tuple(replace(s, kinds=kinds_from[s.kinds_from](vocabularies.graph(s.kinds_from))) if s.kinds_from else s
                     for s in model().sheets)

    return vocabularies.derived("sheets", made)

INSTRUCTIONS, LISTS, OTHER = "Instructies", "Lijsten", "Overig"

OTHER_COLUMNS = (("subject", "Onderwerp", "Subject"), ("predicate", "Eigenschap", "Property"), ("object", "Waarde", "Value"))

OTHER_ABOUT = ("Uitspraken die in geen ander blad passen, als N-Triples-termen (<IRI>, \"tekst\"@nl, \"2026\"^^<…#gYear>); "
               "een export zet hier wat het sjabloon (nog) niet kent, zodat niets verloren gaat.",
               "Statements that fit no other sheet, as N-Triples terms (<IRI>, \"text\"@nl, \"2026\"^^<…#gYear>); an export "
               "puts here what the template does not (yet) know, so that nothing is lost.")

def sheet_named(name: str) -> Sheet:
    """A sheet's shape: name, columns, nouns (the same whatever the vocabularies)."""
    return model().sheet(name)

def _role_kinds(graph: Graph) -> tuple[RowKind, ...]:
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

def _document_kinds(graph: Graph) -> tuple[RowKind, ...]:
    pairs = sorted(graph.subject_objects(DG.documentClass), key=lambda pair: CYCLE.index(pair[1]))
    kinds = [RowKind(label_of(graph, node, "nl"), label_of(graph, node, "en"), (cls,), aliases=tuple(aliases_of(graph, node)))
             for node, cls in pairs]
    return tuple(kinds) + (RowKind("", "", (DG.PlanningDocument,)),)

def kind_list(sheet: Sheet) -> list[RowKind]:
    """The kinds a user can pick (the unnamed default kind is what an empty cell means)."""
    return [k for k in sheet.kinds if k.nl]
