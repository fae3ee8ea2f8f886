"""Changing one municipality's data behind a SHACL gate.

Every change is computed against an in-memory copy of the municipality's graph, validated with
the change applied (only the nodes it touches and their neighbours, which is where a rule can
newly fail), and written in one transaction only if no sh:Violation results. Otherwise nothing
is written and the violations are returned. Writes to one municipality are serialised in this
process, so two editors never validate against a state the other is about to change.
"""

from __future__ import annotations

import threading
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from doelgraaf.errors import UserError
from doelgraaf.namespaces import DG, ID, RDF, SKOLEM, municipality_graph, slug
from doelgraaf.rdfconvert import to_rdflib, to_triples
from doelgraaf.services.auth import Forbidden, Principal, Unauthenticated
from doelgraaf.services.validation import municipality_data
from doelgraaf.store import Repository
from doelgraaf.validation import ValidationReport, validate
from doelgraaf.validation.rules import validation_background

# Nodes that belong to another node and go with it: an indicator's baseline and target values.
OWNED = (DG.baseline, DG.target)
# Nodes that only qualify others and are deleted with them: a contribution of a deleted measure or goal.
QUALIFYING = (DG.measure, DG.goal)

_locks: dict[str, threading.Lock] = defaultdict(threading.Lock)


@dataclass
class Change:
    delete: set = field(default_factory=set)
    insert: set = field(default_factory=set)
    subject: str | None = None


@dataclass
class EditOutcome:
    ok: bool
    id: str | None
    report: ValidationReport


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
    from doelgraaf.services.ontology import subclasses

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


class _WorkingCopies:
    """Per municipality an in-memory copy of its graph (with the background the rules read), kept between
    edits while the store has seen no other write: copying 4,500 triples into rdflib took longer than
    validating a change. Only for a store that counts its writes (the embedded one, one process)."""

    def __init__(self):
        self.copies: dict[tuple[int, str], tuple[int, Graph]] = {}

    def get(self, repo: Repository, code: str) -> Graph:
        revision = getattr(repo, "revision", None)
        key = (id(repo), code)
        if revision is not None and key in self.copies and self.copies[key][0] == revision:
            return self.copies[key][1]
        graph = municipality_data(repo, code)
        graph += validation_background()
        return graph

    def keep(self, repo: Repository, code: str, graph: Graph) -> None:
        revision = getattr(repo, "revision", None)
        if revision is not None:
            self.copies[(id(repo), code)] = (revision, graph)


_working_copies = _WorkingCopies()


def edit(repo: Repository, code: str, build: Callable[[Graph], Change]) -> EditOutcome:
    """Compute a change on the working copy of the municipality's graph, validate it, and store it only
    if it conforms; a refused change is undone on the copy, so the copy always equals the store."""
    with _locks[code]:
        data = _working_copies.get(repo, code)
        change = build(data)
        touched = _touched(change, code)
        focus = touched | _neighbours(data, touched)
        removed = {t for t in change.delete if t in data}
        added = {t for t in change.insert if t not in data}
        for triple in removed:
            data.remove(triple)
        for triple in added:
            data.add(triple)
        focus |= _neighbours(data, touched)
        report = validate(data, focus_nodes=focus, in_place=True, background_included=True)
        if not report.conforms:
            for triple in added:
                data.remove(triple)
            for triple in removed:
                data.add(triple)
            _working_copies.keep(repo, code, data)
            return EditOutcome(False, change.subject, report)
        graph = ox.NamedNode(str(municipality_graph(code)))
        # what is both deleted and inserted stays: deletes apply first, inserts win
        repo.modify_graph(graph, delete=to_triples(change.delete - change.insert), insert=to_triples(change.insert))
        _refresh(repo, graph, data, {s for s, _, _ in added})
        _working_copies.keep(repo, code, data)
        return EditOutcome(True, change.subject, report)


SUBJECTS = "SELECT ?s ?p ?o WHERE { GRAPH ?graph { ?s ?p ?o } }"


def _refresh(repo: Repository, graph: ox.NamedNode, data: Graph, subjects: set) -> None:
    """Take the written statements back as the store keeps them (it writes 1000.00 as 1000), so the
    working copy stays equal to the store term for term."""
    if not subjects:
        return
    rows = repo.select(SUBJECTS, bindings={"graph": graph}, table=(["s"], [[ox.NamedNode(str(s))] for s in subjects])).rows
    for subject in subjects:
        data.remove((subject, None, None))
    for row in rows:
        data.add(tuple(to_rdflib(term) for term in row))
