"""The drop-down lists of the template: the concepts of a vocabulary a column may take, by code, label or alias.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from doelgraaf.catalogue.vocabularies import Vocabularies, shipped
from doelgraaf.core.codes import code_order
from doelgraaf.core.namespaces import DG, ID
from doelgraaf.ingest.spreadsheet.cells import CellError, as_float, plain_text


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
        text = plain_text(value)
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
        matches = sorted({text for text in self.aliases if as_float(text) == value})
        if len(matches) == 1:
            return self.aliases[matches[0]]
        shown = plain_text(value)
        if not matches:
            raise CellError(f"'{shown}' staat niet in de lijst {self.nl}", f"'{shown}' is not in the list of {self.en}")
        options = " of ".join(matches)
        raise CellError(
            f"de code is als getal {shown} ingevuld en kan dan {options} zijn (Excel laat nullen aan het eind weg); "
            f"typ de code als tekst, bijvoorbeeld met een apostrof ervoor: '{matches[-1]}",
            f"the code was entered as the number {shown}, which could be {' or '.join(matches)} (Excel drops trailing "
            f"zeros); type the code as text, for example with an apostrophe before it: '{matches[-1]}")


def label_of(graph: Graph, node, lang: str) -> str:
    return next((str(l) for l in graph.objects(node, SKOS.prefLabel) if l.language == lang), "")


def aliases_of(graph: Graph, node) -> list[str]:
    names = [str(o) for p in (SKOS.notation, SKOS.prefLabel, SKOS.hiddenLabel) for o in graph.objects(node, p)]
    local = str(node).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return names + [local, local.replace("-", " ")]


def _concepts(graph: Graph, nl: str, en: str, members, shown: str, listed=lambda g, n: True, numeric=False) -> Vocabulary:
    nodes = sorted(members(graph), key=lambda n: code_order(str(graph.value(n, SKOS.notation) or n)))
    aliases: dict[str, URIRef] = {}
    items, texts = [], {}
    for node in nodes:
        text = str(graph.value(node, SKOS.notation)) if shown == "notation" else label_of(graph, node, "nl")
        texts[node] = text
        for alias in [text, *aliases_of(graph, node)]:
            aliases.setdefault(alias.casefold(), node)
        if listed(graph, node):
            items.append((text, node, label_of(graph, node, "nl")))
    return Vocabulary(nl, en, items, aliases, numeric, texts)


def vocabulary(name: str, vocabularies: Vocabularies | None = None) -> Vocabulary:
    """The list `name`, from the store's vocabularies (`vocabularies`; the running version's own when not
    given), made once for as long as they are current."""
    vocabularies = vocabularies or shipped()
    return vocabularies.derived(("list", name), lambda: _vocabulary(name, vocabularies.graph))


def _vocabulary(name: str, graph_of) -> Vocabulary:
    scheme = lambda scheme_name: (lambda g: g.subjects(SKOS.inScheme, ID[scheme_name]))  # noqa: E731
    typed = lambda cls: (lambda g: g.subjects(RDF.type, cls))  # noqa: E731
    if name == "taakveld":
        # every code can be read (a main taakveld is then reported by the shapes); the list offers the bookable ones
        return _concepts(graph_of("taakvelden"), "taakvelden", "taakvelden", typed(DG.Taakveld), "notation",
                         listed=lambda g, n: g.value(n, SKOS.broader) is not None, numeric=True)
    if name == "economische-categorie":
        return _concepts(graph_of("economische-categorieen"), "economische categorieën", "economic categories",
                         typed(DG.EconomicCategory), "notation")
    if name == "beleidsindicator":
        return _concepts(graph_of("beleidsindicatoren"), "BBV-beleidsindicatoren", "BBV policy indicators",
                         typed(DG.PolicyIndicator), "notation")
    if name == "sdg":
        return _concepts(graph_of("sdg"), "SDG's", "SDGs", scheme("sdg"), "notation")
    if name == "fase":
        return _concepts(graph_of("begroting"), "begrotingsfasen", "budget phases", typed(DG.BudgetPhase), "label")
    if name == "richting":
        return _concepts(graph_of("begroting"), "richtingen", "directions", typed(DG.BudgetDirection), "label")
    if name in ("provincie", "gemeentegrootte", "stedelijkheid"):
        names = {"provincie": ("provincies", "provinces"), "gemeentegrootte": ("grootteklassen", "size classes"),
                 "stedelijkheid": ("stedelijkheidsklassen", "urbanity classes")}[name]
        return _concepts(graph_of("gemeenten"), *names, scheme(name), "label")
    raise KeyError(name)
