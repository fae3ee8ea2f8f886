"""Municipalities and what each holds: the lists behind the API, filtered and paged.

Lists are ordered by IRI and paged by key: `after` is the id of the last item already received,
`first` how many to return; an `after` that is not in the list is an error, not an empty page. Filters
are bound as values of the .rq files, never pasted.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.analysis import graph_index
from doelgraaf.catalogue.ontology import subclasses
from doelgraaf.core.codes import CODE_PATTERN
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, GRAPH, ID, RDF, is_private_graph, municipality_graph, vocabulary_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache

MAX_PAGE = 1000
RDF_TYPE = str(RDF.type)
VOCABULARY = str(vocabulary_graph("gemeenten"))
MUNICIPALITY_PREFIX = ID["gemeente/"]


@dataclass(frozen=True)
class MunicipalityRef:
    iri: str
    code: str
    graph: str  # where the municipality itself is described (vocabulary, or its own graph)

    @property
    def data_graph(self) -> str:
        """The named graph holding the municipality's goals, measures and budget."""
        return str(municipality_graph(self.code))


def all_municipalities(repo: Repository) -> list[MunicipalityRef]:
    """The 342 of the vocabulary plus those that only have a graph of their own (the demo GM9999)."""
    return cache.cached(repo, "municipalities", lambda: _all_municipalities(repo))


def _all_municipalities(repo: Repository) -> list[MunicipalityRef]:
    found: dict[str, MunicipalityRef] = {}
    for iri, graph, code in repo.select(load("municipalities")).rows:
        if not CODE_PATTERN.match(code.value):
            continue
        if graph.value != VOCABULARY and graph.value != str(municipality_graph(code.value)):
            continue  # a municipality may only describe itself, not others
        known = found.get(code.value)
        if known is None or graph.value == VOCABULARY:
            found[code.value] = MunicipalityRef(iri.value, code.value, graph.value)
    return sorted(found.values(), key=lambda m: m.code)


def find(repo: Repository, code: str) -> MunicipalityRef | None:
    """One municipality, read from the only graphs that may describe it (the vocabulary and its own), so
    that what is kept of it stays valid while other municipalities change."""
    own = str(municipality_graph(code))

    def read() -> MunicipalityRef | None:
        table = (["graph"], [[ox.NamedNode(VOCABULARY)], [ox.NamedNode(own)]])
        refs = [MunicipalityRef(iri.value, found.value, graph.value)
                for iri, graph, found in repo.select(load("municipalities"), table=table).rows if found.value == code]
        return min(refs, key=lambda ref: ref.graph != VOCABULARY, default=None)  # the vocabulary's description first

    return cache.cached(repo, ("municipality", code), read, graphs=[VOCABULARY, own])


def page(iris: list[str], first: int | None, after: str | None) -> list[str]:
    if first is not None and not 0 <= first <= MAX_PAGE:
        raise UserError(f"'first' moet tussen 0 en {MAX_PAGE} liggen", f"'first' must be between 0 and {MAX_PAGE}", where="first")
    if after is not None:
        if after not in iris:
            raise UserError(f"'{after[:200]}' staat niet in deze lijst; geef bij after het id van het laatst ontvangen item, of laat "
                            f"after weg om vooraan te beginnen (ook als dat item intussen verwijderd is)",
                            f"'{after[:200]}' is not in this list; give after the id of the last item received, or leave after out "
                            f"to start at the beginning (also when that item has been deleted since)", where="after")
        iris = [i for i in iris if i > after]
    return iris if first is None else iris[:first]


def _filters(names: list[str], values: dict):
    """The filters as a table: one row, or one per term of a filter given as several (the taakvelden of a
    hoofdtaakveld)."""
    choices = [value if isinstance(value, list) else [value] for value in (values.get(n) for n in names)]
    return (names, [list(row) for row in itertools.product(*choices)])


def _typed_in_memory(repo, graph: str, classes) -> list[str] | None:
    """The resources typed with one of `classes` in `graph`, from its in-memory index once that is built
    (the unfiltered lists of a nested request), else None: then the .rq file answers."""
    index = graph_index.ready(repo, graph)
    if index is None:
        return None
    return sorted({s for cls in classes for s in index.incoming.get(str(cls), {}).get(RDF_TYPE, [])})


def _listed(repo, graph: str, query: str, classes, filters: dict) -> list[str]:
    """The resources a list query finds with `filters` (None: no filter); unfiltered from memory when it can."""
    if all(value is None for value in filters.values()):
        found = _typed_in_memory(repo, graph, classes)
        if found is not None:
            return found
    rows = repo.select(load(query), bindings={"graph": ox.NamedNode(graph)}, table=_filters(list(filters), filters)).rows
    return [r[0].value for r in rows]


def goals(repo, graph: str, programme=None, owner=None, sdg=None, taakveld=None) -> list[str]:
    return _listed(repo, graph, "goals", [DG.Goal], dict(programme=programme, owner=owner, sdg=sdg, taakveld=taakveld))


def measures(repo, graph: str, goal=None, programme=None, owner=None, taakveld=None) -> list[str]:
    return _listed(repo, graph, "measures", [DG.Measure, DG.PartnerInitiative],
                   dict(goal=goal, programme=programme, owner=owner, taakveld=taakveld))


def budget_lines(repo, graph: str, year=None, phase=None, direction=None, taakveld=None, funded=None) -> list[str]:
    names = ["year", "phase", "direction", "taakveld", "funded"]
    rows = repo.select(load("budget_lines"), bindings={"graph": ox.NamedNode(graph)},
                       table=_filters(names, dict(year=year, phase=phase, direction=direction, taakveld=taakveld, funded=funded))).rows
    return [r[0].value for r in rows]


def keys(repo, graph: str, classes, predicate) -> list[tuple[str, str | None]]:
    """(IRI, code or None) of everything a filter may name in `graph`: the resources of `classes` (with their
    subclasses) and whatever `predicate` points at, kept until the graph is written. Both, because data is stored
    with its findings: a programme need not be typed to be a goal's programme."""
    types = sorted({sub for cls in classes for sub in subclasses(str(cls))})

    def read() -> list[tuple[str, str | None]]:
        rows = repo.select(load("filter_keys"), bindings={"graph": ox.NamedNode(graph), "property": ox.NamedNode(str(predicate))},
                           table=(["type"], [[ox.NamedNode(t)] for t in types])).rows
        found = {(resource.value, code.value if code is not None else None) for resource, code in rows}
        return sorted(found, key=lambda key: (key[0], key[1] or ""))

    return cache.cached(repo, ("filter keys", graph, tuple(types), str(predicate)), read, graphs=[graph])


def proposals(repo, graph: str, status=None, proposer=None) -> list[str]:
    """The proposals in a municipality's proposals graph, oldest first; who may see which is graphql/proposals.py's
    question. Always through the .rq file: the in-memory index knows no order by date."""
    names = ["status", "proposer"]
    rows = repo.select(load("proposals"), bindings={"graph": ox.NamedNode(graph)},
                       table=_filters(names, dict(status=status, proposer=proposer))).rows
    return [r[0].value for r in rows]


def of_type(repo, graph: str, cls: str) -> list[str]:
    """Resources of a class (and its subclasses) in one graph."""
    found = _typed_in_memory(repo, graph, sorted(subclasses(cls)))
    if found is not None:
        return found
    rows = repo.select(load("resources_of_type"), bindings={"graph": ox.NamedNode(graph)},
                       table=(["type"], [[ox.NamedNode(c)] for c in sorted(subclasses(cls))])).rows
    return sorted({r[0].value for r in rows})


def home_graph(repo: Repository, iri: str) -> str | None:
    """The graph that describes `iri`: the vocabulary for shared concepts, else the municipality graph typing it;
    never a private graph (a proposal is read only through the municipality, by those who may)."""
    if iri.startswith(str(MUNICIPALITY_PREFIX)):
        ref = find(repo, iri[len(str(MUNICIPALITY_PREFIX)):])
        return ref.graph if ref else None
    rows = repo.select(load("resource_types"), bindings={"resource": ox.NamedNode(iri)}).rows
    graphs = sorted({graph.value for graph, _ in rows if graph.value.startswith(str(GRAPH)) and not is_private_graph(graph.value)})
    return graphs[0] if graphs else None
