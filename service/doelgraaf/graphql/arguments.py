"""What a person types in an argument, made into what the answers need, or an error that says what names
nothing and where the valid values are (docs/architecture.md, "Geen gegevens is geen nul"): municipality
codes in any case, years, SDGs, policy indicators, taakvelden, and the keys of a municipality's own things.
An answer of [] or 0 for a typing error looks like a fact.

`where` is always the GraphQL argument (`code`, `peers.codes`, `programme`), never a CLI option. An optional
argument that was not given (None) stays None: no filter.
"""

import asyncio
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from strawberry.types import Info

from doelgraaf.analysis import listing
from doelgraaf.catalogue.taakvelden import taakvelden
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.codes import check_code, check_year, code_order
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, FOAF, ORG, policy_indicator_iri, sdg_iri, taakveld_iri
from doelgraaf.ingest.spreadsheet import lists

SDGS = range(1, 18)


async def municipality(info: Info, code: str, where: str) -> listing.MunicipalityRef:
    """The municipality a code names, in any case: a CBS municipality or one with data of its own."""
    code = check_code(code, where)
    ref = await asyncio.to_thread(listing.find, info.context.repository, code)
    if ref is None:
        raise UserError(f"onbekende gemeente {code}: geen CBS-gemeente en geen eigen gegevens; zie `municipalities {{ code name }}` voor de codes",
                        f"unknown municipality {code}: not a CBS municipality and no data of its own; see `municipalities {{ code name }}` for the codes",
                        where=where)
    return ref


def year(value: int | None, where: str) -> int | None:
    """A year of four digits (core.codes.check_year); None: not given."""
    return None if value is None else check_year(value, where)


def sdg(number: int | None, where: str) -> ox.NamedNode | None:
    """The SDG of a number 1-17; None: not given."""
    if number is None:
        return None
    if number not in SDGS:
        raise UserError(f"SDG {number} bestaat niet; de duurzame-ontwikkelingsdoelen zijn genummerd 1 tot en met 17 (GET /vocab/sdg)",
                        f"SDG {number} does not exist; the Sustainable Development Goals are numbered 1 to 17 (GET /vocab/sdg)", where=where)
    return ox.NamedNode(str(sdg_iri(number)))


async def policy_indicator(info: Info, number: int | None, where: str) -> ox.NamedNode | None:
    """The BBV policy indicator of a number, as the store's vocabulary has them; None: not given."""
    if number is None:
        return None
    vocabularies = await asyncio.to_thread(current, info.context.repository)
    numbers = sorted((text for text, _, _ in lists.vocabulary("beleidsindicator", vocabularies).items), key=code_order)
    if str(number) not in numbers:
        raise UserError(f"beleidsindicator {number} bestaat niet; de BBV-beleidsindicatoren zijn {numbers[0]} tot en met {numbers[-1]} "
                        f"(GET /vocab/beleidsindicatoren)", f"policy indicator {number} does not exist; the BBV policy indicators are "
                        f"{numbers[0]} to {numbers[-1]} (GET /vocab/beleidsindicatoren)", where=where)
    return ox.NamedNode(str(policy_indicator_iri(number)))


async def taakveld(info: Info, value: str | None, where: str) -> list[ox.NamedNode] | None:
    """The taakvelden a code or IRI names: itself, or every taakveld of a hoofdtaakveld ('6'), as in benchmark."""
    if value is None:
        return None
    prefix = str(taakveld_iri(""))
    code = value[len(prefix):] if value.startswith(prefix) else value
    vocabulary = await asyncio.to_thread(taakvelden, info.context.repository)
    try:
        return [ox.NamedNode(t.iri) for t in vocabulary.leaves(code)]
    except UserError as error:
        raise UserError(error.nl, error.en, where=where) from None


@dataclass(frozen=True)
class Kind:
    """What a filter argument names: its noun, the classes and the property it follows, where to find the keys."""

    nl: str
    en: str
    classes: tuple[URIRef, ...]
    predicate: URIRef
    listed_in: str  # a query that lists the valid values


PROGRAMME = Kind("programma", "programme", (DG.Programme,), DG.partOfProgramme, "programmes { id code label }")
OWNER = Kind("eigenaar", "owner", (ORG.Post, FOAF.Person), DG.owner, "goals { owner { id label } }")
GOAL = Kind("doel", "goal", (DG.Goal,), DG.serves, "goals { id label }")
FUNDED = Kind("maatregel, doel of programma", "measure, goal or programme", (DG.Measure, DG.Goal, DG.Programme), DG.funds,
              "measures { id } goals { id } programmes { id code }")
SHOWN = 8  # known keys a message names


def _segment(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


async def key(info: Info, graph: str, value: str | None, kind: Kind, where: str) -> ox.NamedNode | None:
    """What `value` names among the things of `kind` in a municipality's graph: its IRI, else its code (a programme's
    number), else the last segment of its IRI (wethouder-wonen), codes and segments in any case. None: no filter."""
    if value is None:
        return None
    candidates = await asyncio.to_thread(listing.keys, info.context.repository, graph, kind.classes, kind.predicate)
    asked = value.casefold()
    code = graph.rsplit("/", 1)[-1]
    for matches in (lambda iri, notation: iri == value, lambda iri, notation: (notation or "").casefold() == asked,
                    lambda iri, notation: _segment(iri).casefold() == asked):
        found = sorted({iri for iri, notation in candidates if matches(iri, notation)})
        if len(found) == 1:
            return ox.NamedNode(found[0])
        if found:
            raise UserError(f"'{value[:200]}' wijst meer dan één {kind.nl} aan in {code} ({', '.join(found[:SHOWN])}); geef het id",
                            f"'{value[:200]}' names more than one {kind.en} in {code} ({', '.join(found[:SHOWN])}); give the id", where=where)
    names = sorted({notation or _segment(iri) for iri, notation in candidates}, key=code_order)
    known = ", ".join(names[:SHOWN]) + (", …" if len(names) > SHOWN else "")
    raise UserError(f"{kind.nl} '{value[:200]}' bestaat niet in {code}; geef het id, de code of het laatste deel van het id "
                    f"({f'bekend: {known}' if names else 'er is er nog geen'}); zie `{kind.listed_in}`",
                    f"{kind.en} '{value[:200]}' does not exist in {code}; give the id, the code or the last part of the id "
                    f"({f'known: {known}' if names else 'there is none yet'}); see `{kind.listed_in}`", where=where)
