"""Changing one municipality's data behind a SHACL gate that only ratchets forward.

Every change is computed against an in-memory copy of the municipality's graph and validated before
and after (only the nodes it touches and their neighbours, which is where a rule can newly fail or be
met). It is written, in one transaction, unless it adds a finding that blocks or a violation that was not
there before: a municipality that starts incomplete can always fix one thing at a time, and no edit makes
it worse. Warnings never refuse. The outcome lists what the change added and what it fixed. Writes to
one municipality are serialised in this process, so two editors never validate against a state the
other is about to change; a write through another service instance in between makes the write a conflict,
and the change is computed again (docs/architecture.md, "What refuses a write", and section 12).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from doelgraaf.catalogue.vocabularies import GRAPHS, Vocabularies, current
from doelgraaf.core.access import Forbidden, Principal, Unauthenticated
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, ID, RDF, SKOLEM, municipality_graph, slug
from doelgraaf.core.terms import to_rdflib, to_triples, triples_to_graph
from doelgraaf.ingest.entailment import partner_types
from doelgraaf.store import Repository, WriteConflict, cache
from doelgraaf.validation import ValidationReport
from doelgraaf.validation.municipality import municipality_triples
from doelgraaf.validation.rules import validation_background
from doelgraaf.validation.validator import validate_store, validation_store

# Nodes that belong to another node and go with it: an indicator's baseline and target values.
OWNED = (DG.baseline, DG.target)
# Nodes that only qualify others and are deleted with them: a contribution of a deleted measure or goal.
QUALIFYING = (DG.measure, DG.goal)

_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
# How often an edit is computed again when another service instance wrote the municipality in between.
ATTEMPTS = 5


@contextlib.contextmanager
def writing(codes):
    """Hold the write locks of these municipalities (in code order, so two writers never wait for each other):
    an edit's working copy must not be overtaken by a load of the same municipality."""
    with contextlib.ExitStack() as stack:
        for code in sorted(set(codes)):
            stack.enter_context(_locks[code])
        yield


@dataclass
class Change:
    delete: set = field(default_factory=set)
    insert: set = field(default_factory=set)
    subject: str | None = None
    # graph IRI -> (delete, insert) in another graph of the same municipality, written in the same transaction
    # and not checked by this gate: an accepted proposal is marked so in the proposals graph (ingest/proposals.py)
    elsewhere: dict = field(default_factory=dict)


@dataclass
class EditOutcome:
    ok: bool
    id: str | None
    report: ValidationReport  # the findings on the nodes the change touched, after it
    added: list = field(default_factory=list)  # findings the change brought (those that refused it, when not ok)
    fixed: list = field(default_factory=list)  # findings that were there before and are gone


def _key(result) -> tuple:
    return str(result.focus_node), str(result.rule), result.path, None if result.value is None else str(result.value)


def compare(before: ValidationReport, after: ValidationReport) -> tuple[list, list]:
    """(added, fixed): the findings of `after` that `before` did not have, and the other way round."""
    old, new = {_key(r) for r in before.results}, {_key(r) for r in after.results}
    return [r for r in after.results if _key(r) not in old], [r for r in before.results if _key(r) not in new]


def refuses(added: list) -> bool:
    """A change is refused when it adds a blocking finding or a violation that was not there before."""
    return any(r.blocking or r.severity == "Violation" for r in added)


def editable_municipality(principal: Principal | None) -> str:
    """The municipality this credential may edit; it never comes from an argument."""
    if principal is None:
        raise Unauthenticated("schrijven vraagt een token (Authorization: Bearer …)", "writing needs a token (Authorization: Bearer …)")
    if principal.role != "editor" or principal.municipality is None:
        raise Forbidden(
            "alleen een redacteur van een gemeente bewerkt losse gegevens; een beheerder laadt hele documenten (importRdf)",
            "only an editor of a municipality edits single items; an admin loads whole documents (importRdf)",
        )
    return principal.municipality


def authorise(principal: Principal | None, code: str) -> None:
    if principal is None:
        raise Unauthenticated("schrijven vraagt een token (Authorization: Bearer …)", "writing needs a token (Authorization: Bearer …)")
    if not principal.may_edit(code):
        raise Forbidden(f"dit token mag {code} niet wijzigen", f"this token may not change {code}")


def mint(code: str, kind: str, label: str | None) -> URIRef:
    """A readable new IRI: …/id/GM9999/doel/schone-wijken-3fa2c1."""
    return ID[f"{code}/{kind}/{slug(label or kind, kind)}-{uuid.uuid4().hex[:6]}"]


def describe(data: Graph, node: Node) -> set:
    """Everything stating something about `node`, with the nodes it owns and the contributions qualifying it."""
    triples = set(data.triples((node, None, None))) | set(data.triples((None, None, node)))
    for prop in OWNED:
        for owned in data.objects(node, prop):
            triples |= set(data.triples((owned, None, None)))
    for prop in QUALIFYING:
        for qualifier in data.subjects(prop, node):
            triples |= set(data.triples((qualifier, None, None))) | set(data.triples((None, None, qualifier)))
    return triples


def require_node(data: Graph, iri: str, cls: URIRef, noun: tuple[str, str]) -> URIRef:
    node = URIRef(iri)
    if not any((node, RDF.type, c) in data for c in _classes(data, cls)):
        raise UserError(f"{noun[0]} <{iri}> bestaat niet in de gegevens van deze gemeente",
                        f"{noun[1]} <{iri}> does not exist in this municipality's data", where="id")
    return node


def _classes(data: Graph, cls: URIRef) -> set:
    from doelgraaf.catalogue.ontology import subclasses

    return {URIRef(c) for c in subclasses(str(cls))}


# The links along which a change can make a rule fail elsewhere: a budget line and what it funds, a
# measure and the goals it serves, contributions, indicators and their values, sub-goals. Following
# every link would pull in hubs (a taakveld or a budget document is referred to by hundreds of lines)
# and made validating one new line take seconds.
RULE_LINKS = (DG.funds, DG.serves, DG.measure, DG.goal, DG.hasIndicator, DG.baseline, DG.target,
              DG.subGoalOf, DG.indicator, DG.initiator, DG.replaces)


def _touched(change: Change, code: str) -> set:
    """The municipality's own nodes a change mentions (shared concepts cannot start to fail a rule)."""
    own = (str(ID[f"{code}/"]), str(SKOLEM), str(ID["gemeente/"]))
    touched = set()
    for s, _, o in change.delete | change.insert:
        for node in (s, o):
            if isinstance(node, URIRef) and str(node).startswith(own):
                touched.add(node)
    return touched


def _neighbours(graph: Graph, nodes: set) -> set:
    found = set()
    for node in nodes:
        for link in RULE_LINKS:
            found.update(o for o in graph.objects(node, link) if isinstance(o, URIRef))
            found.update(graph.subjects(link, node))
    return found


@dataclass
class WorkingCopy:
    """A municipality's graph with the background the rules read, twice: as rdflib graph (for building
    changes and naming nodes in reports) and as in-memory Oxigraph store (for validating them). Both
    change together. `vocabularies` are those the background was taken from."""
    graph: Graph
    store: ox.Store
    vocabularies: Vocabularies
    base: dict[str, int]  # the revision of the municipality's graph the copy equals (Repository, `base`)

    def add(self, triples: set) -> None:
        for triple in triples:
            self.graph.add(triple)
        self.store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in to_triples(triples))

    def remove(self, triples: set) -> None:
        for triple in triples:
            self.graph.remove(triple)
        for t in to_triples(triples):
            self.store.remove(ox.Quad(t.subject, t.predicate, t.object))


def _working_copy(repo: Repository, code: str) -> WorkingCopy:
    """The municipality's working copy, kept between edits in the cache until its graph is written by anyone
    else: copying the graph out of the store took longer than validating a change."""
    found = repo.cache.region("working copies").peek(code)
    if found is not cache.MISSING:
        return found
    base = repo.current_revisions().of([str(municipality_graph(code))])  # before reading: a write meanwhile is a conflict
    triples = municipality_triples(repo, code)
    vocabularies = current(repo)
    graph = triples_to_graph(triples)
    graph += validation_background(vocabularies)
    return WorkingCopy(graph, validation_store(triples, vocabularies=vocabularies), vocabularies, base)


def _keep(repo: Repository, code: str, copy: WorkingCopy) -> None:
    """Keep the copy as of now: it equals the store after this edit's own write."""
    repo.cache.region("working copies").put(code, copy, graphs=[str(municipality_graph(code)), *GRAPHS])


def edit(repo: Repository, code: str, build: Callable[[Graph], Change]) -> EditOutcome:
    """Compute a change on the working copy of the municipality's graph, validate it, and store it only
    if it conforms; a refused change is undone on the copy, so the copy always equals the store."""
    with writing([code]):
        for _ in range(ATTEMPTS):
            copy = _working_copy(repo, code)
            try:
                return _apply(repo, code, copy, build)
            except WriteConflict:
                # another service instance wrote this municipality since the copy was made: the change is
                # computed and checked again on what is there now, so that neither edit is lost
                repo.cache.region("working copies").discard(code)
            except BaseException:
                # the copy may be half changed and no write counted: it must not be taken for the store's graph
                repo.cache.region("working copies").discard(code)
                raise
    raise UserError(f"{code} werd intussen steeds door anderen gewijzigd; probeer het opnieuw",
                    f"{code} kept being changed by others meanwhile; try again")


def _apply(repo: Repository, code: str, copy: WorkingCopy, build: Callable[[Graph], Change]) -> EditOutcome:
    data = copy.graph
    since = repo.current_revisions()  # before build reads other graphs (a proposal's status): their base
    change = build(data)
    change.insert |= partner_types(change.insert, data)
    touched = _touched(change, code)
    removed = {t for t in change.delete if t in data}
    added = {t for t in change.insert if t not in data}
    # the same nodes are checked before and after: those touched and their neighbours in either state
    focus = touched | _neighbours(data, touched)
    copy.remove(removed)
    copy.add(added)
    focus |= _neighbours(data, touched)
    copy.remove(added)
    copy.add(removed)
    before = validate_store(copy.store, lambda: data, focus_nodes=focus, vocabularies=copy.vocabularies)
    copy.remove(removed)
    copy.add(added)
    report = validate_store(copy.store, lambda: data, focus_nodes=focus, vocabularies=copy.vocabularies)
    brought, fixed = compare(before, report)
    if refuses(brought):
        copy.remove(added)
        copy.add(removed)
        _keep(repo, code, copy)
        return EditOutcome(False, change.subject, report, brought, fixed)
    graph = ox.NamedNode(str(municipality_graph(code)))
    # what is both deleted and inserted stays: deletes apply first, inserts win
    writes = {graph: (to_triples(change.delete - change.insert), to_triples(change.insert))}
    writes |= {ox.NamedNode(str(other)): (to_triples(delete), to_triples(insert)) for other, (delete, insert) in change.elsewhere.items()}
    repo.modify_graphs(writes, base={**since.of(str(other) for other in change.elsewhere), **copy.base})
    copy.base = {iri: revision + 1 for iri, revision in copy.base.items()}
    _refresh(repo, graph, copy, {s for s, _, _ in added})
    _keep(repo, code, copy)
    return EditOutcome(True, change.subject, report, brought, fixed)


SUBJECTS = "SELECT ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } }"


def _refresh(repo: Repository, graph: ox.NamedNode, copy: WorkingCopy, subjects: set) -> None:
    """Take the written statements back as the store keeps them (it writes 1000.00 as 1000), so the
    working copy stays equal to the store term for term."""
    if not subjects:
        return
    rows = repo.select(SUBJECTS, bindings={"graph": graph}, table=(["s"], [[ox.NamedNode(str(s))] for s in subjects])).rows
    copy.remove({t for subject in subjects for t in copy.graph.triples((subject, None, None))})
    copy.add({tuple(to_rdflib(term) for term in row) for row in rows})
