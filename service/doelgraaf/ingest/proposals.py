"""Partners' initiative proposals (Meedoen, issue 13): a partner proposes, the municipality decides.

A proposal waits in the municipality's proposals graph (core.namespaces.proposals_graph), beside its data
and not public: the text is the partner's own and nobody has read it yet. Nothing counts it in costs,
completeness or measures. A partner token proposes, for a goal of its own municipality; an editor of
that municipality (or an admin) accepts it, and then it becomes a dg:PartnerInitiative serving the goal,
through the gate of ingest.editing and in the same transaction as the proposal's new status; or declines
it with a reason the partner can read.

Every write holds the municipality's write lock (editing.writing), so a proposal is decided once, and
each is checked against its shape (shapes/proposals.ttl) the way edits are: refused when it adds a
violation the proposal did not have (docs/architecture.md, "Meedoen / co-creation").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from doelgraaf.catalogue.model import model
from doelgraaf.catalogue.ontology import subclasses
from doelgraaf.catalogue.vocabularies import current
from doelgraaf.core.access import Forbidden, Principal, Unauthenticated
from doelgraaf.core.codes import CODE_PATTERN
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DG, ID, municipality_graph, proposals_graph
from doelgraaf.core.terms import named_node, to_rdflib, to_triples
from doelgraaf.ingest import editing
from doelgraaf.ingest.editing import Change, EditOutcome
from doelgraaf.queries import load
from doelgraaf.store import Repository, WriteConflict
from doelgraaf.validation import rules, validate

SLUG = "voorstel"  # …/id/<GM-code>/voorstel/<name>-<hex>
PARTNER_ROLE = ID["rol/maatschappelijke-partner"]  # the role a partner has on the template's sheet Rollen
STATUS_NAMES = {DG.ProposalPending: ("in behandeling", "pending"), DG.ProposalAccepted: ("aangenomen", "accepted"),
                DG.ProposalDeclined: ("afgewezen", "declined")}


@dataclass(frozen=True)
class Texts:
    """What a partner writes: a name in Dutch (required), and optionally in English and a description in each."""

    label: str
    label_en: str | None = None
    description: str | None = None
    description_en: str | None = None

    def literals(self) -> list[tuple[URIRef, Literal]]:
        given = ((RDFS.label, self.label, "nl"), (RDFS.label, self.label_en, "en"),
                 (DCTERMS.description, self.description, "nl"), (DCTERMS.description, self.description_en, "en"))
        return [(prop, Literal(text.strip(), lang=lang)) for prop, text, lang in given if text and text.strip()]


def _now() -> Literal:
    # written as Oxigraph keeps it (Z, whole seconds; rdflib would write +00:00), so that the compiled checks
    # judge what is stored and validation need not fall back to pyshacl (validator.stores_as_given)
    moment = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Literal(moment, datatype=XSD.dateTime, normalize=False)


def _statements(repo: Repository, graph: str, node: URIRef) -> Graph:
    """What one graph says about one node."""
    rows = repo.select(load("resource_properties"), table=(["resource", "graph"], [[ox.NamedNode(str(node)), ox.NamedNode(graph)]])).rows
    found = Graph()
    for _, _, prop, value in rows:
        found.add((node, to_rdflib(prop), to_rdflib(value)))
    return found


def _goal_types(repo: Repository, code: str, goal: URIRef) -> Graph:
    """The goal's types in the municipality's data, as the proposal's shape reads them (sh:class dg:Goal)."""
    rows = repo.select(load("resource_types"), bindings={"resource": ox.NamedNode(str(goal))}).rows
    found = Graph()
    for graph, cls in rows:
        if graph.value == str(municipality_graph(code)):
            found.add((goal, RDF.type, to_rdflib(cls)))
    return found


def _check(repo: Repository, proposal: URIRef, before: Graph, after: Graph) -> None:
    """Refuse a write that adds a violation to the proposal (a name too long, a decline without reason, …);
    what it already had does not refuse a decision, as for edits (ingest.editing)."""
    vocabularies, proposal_rules = current(repo), rules.of_class(str(DG.InitiativeProposal))
    reports = [validate(graph, focus_nodes=[proposal], vocabularies=vocabularies, rule_set=proposal_rules) for graph in (before, after)]
    added, _ = editing.compare(*reports)
    if editing.refuses(added):
        raise UserError(" ".join(r.message("nl") for r in added), " ".join(r.message("en") for r in added), where="proposal")


def _partner(principal: Principal | None) -> tuple[str, URIRef]:
    """(municipality, organisation) of the partner token asking: only a partner proposes."""
    if principal is None:
        raise Unauthenticated("een voorstel vraagt een token (Authorization: Bearer …)", "a proposal needs a token (Authorization: Bearer …)")
    if principal.role != "partner":
        raise Forbidden("alleen een partnertoken (partner:GM0000:<sleutel>) stelt een initiatief voor; de gemeente maakt "
                        "haar eigen maatregelen met createMeasure",
                        "only a partner token (partner:GM0000:<key>) proposes an initiative; the municipality makes its own "
                        "measures with createMeasure")
    return principal.municipality, URIRef(principal.organisation)


def propose(repo: Repository, principal: Principal | None, goal: str, texts: Texts, organisation_name: str | None = None) -> str:
    """Store a partner's proposal for a goal of its municipality (the token's); returns the proposal's IRI.
    The organisation's name is needed once: given now, or already known to the municipality's data or an
    earlier proposal; a name given again replaces the partner's own earlier one, never the municipality's."""
    code, organisation = _partner(principal)
    goal_node = URIRef(named_node(goal, "goal").value)
    if not texts.label.strip():
        raise UserError("geef het initiatief een naam (label)", "give the initiative a name (label)", where="label")
    name = (organisation_name or "").strip()
    graph = str(proposals_graph(code))
    with editing.writing([code]):
        context = _goal_types(repo, code, goal_node)
        if not any(str(cls) in subclasses(str(DG.Goal)) for cls in context.objects(goal_node, RDF.type)):
            raise UserError(f"doel <{goal}> bestaat niet in de gegevens van {code}; een partner van {code} stelt alleen "
                            f"initiatieven voor bij doelen van {code}",
                            f"goal <{goal}> does not exist in the data of {code}; a partner of {code} proposes initiatives "
                            f"only for goals of {code}", where="goal")
        own = _statements(repo, graph, organisation)
        known = own + _statements(repo, str(municipality_graph(code)), organisation)
        if not name and (organisation, RDFS.label, None) not in known:
            raise UserError("geef bij het eerste voorstel de naam van uw organisatie (organisation)",
                            "give the name of your organisation (organisation) with the first proposal", where="organisation")
        proposal = editing.mint(code, SLUG, texts.label)
        insert = {(proposal, RDF.type, DG.InitiativeProposal), (proposal, DG.proposedFor, goal_node),
                  (proposal, DG.proposedBy, organisation), (proposal, DG.proposedOn, _now()),
                  (proposal, DG.proposalStatus, DG.ProposalPending)}
        insert |= {(proposal, prop, literal) for prop, literal in texts.literals()}
        delete = set()
        if name:  # a proper name, without a language, as partners' names are in the template
            delete = set(own.triples((organisation, RDFS.label, None)))
            insert.add((organisation, RDFS.label, Literal(name)))
        after = Graph()
        for triple in (set(own) - delete) | insert | set(context):
            after.add(triple)
        _check(repo, proposal, Graph(), after)
        repo.modify_graph(ox.NamedNode(graph), delete=to_triples(delete), insert=to_triples(insert))
    return str(proposal)


def municipality_of(proposal: str) -> str:
    """The municipality a proposal was made to, from its IRI (…/id/<GM-code>/voorstel/…)."""
    iri = named_node(proposal, "proposal").value
    parts = iri[len(str(ID)):].split("/") if iri.startswith(str(ID)) else []
    if len(parts) < 3 or not CODE_PATTERN.match(parts[0]) or parts[1] != SLUG:
        raise UserError(f"<{iri[:120]}> is geen voorstel ({ID}GM0000/{SLUG}/…)", f"<{iri[:120]}> is no proposal ({ID}GM0000/{SLUG}/…)",
                        where="proposal")
    return parts[0]


def _pending(repo: Repository, code: str, proposal: URIRef) -> Graph:
    """What the proposals graph says about a proposal still waiting for a decision (read under the write lock)."""
    found = _statements(repo, str(proposals_graph(code)), proposal)
    if (proposal, RDF.type, DG.InitiativeProposal) not in found:
        raise UserError(f"voorstel <{proposal}> bestaat niet bij {code}", f"proposal <{proposal}> does not exist at {code}", where="proposal")
    status = found.value(proposal, DG.proposalStatus)
    if status != DG.ProposalPending:
        nl, en = STATUS_NAMES.get(status, ("besloten", "decided"))
        on = found.value(proposal, DG.decidedOn)
        raise UserError(f"voorstel <{proposal}> is al {nl}" + (f" (op {on})" if on else "") + "; alleen een voorstel in behandeling wordt aangenomen of afgewezen",
                        f"proposal <{proposal}> was already {en}" + (f" (on {on})" if on else "") + "; only a pending proposal is accepted or declined",
                        where="proposal")
    return found


def _decided(before: Graph, proposal: URIRef, status: URIRef, more: set) -> tuple[set, set, Graph]:
    """(delete, insert, after) for a decision: the status replaced, the moment and `more` added."""
    delete = {(proposal, DG.proposalStatus, DG.ProposalPending)}
    insert = {(proposal, DG.proposalStatus, status), (proposal, DG.decidedOn, _now())} | more
    after = Graph()
    for triple in (set(before) - delete) | insert:
        after.add(triple)
    return delete, insert, after


def _deciding(principal: Principal | None, proposal: str) -> tuple[str, URIRef]:
    code = municipality_of(proposal)
    editing.authorise(principal, code)  # an editor of that municipality, or an admin; never a partner
    return code, URIRef(proposal)


def accept(repo: Repository, principal: Principal | None, proposal: str) -> EditOutcome:
    """Make a pending proposal a dg:PartnerInitiative serving its goal, with its proposer as initiator (who then
    is a societal partner), behind the gate of ingest.editing; the proposal is marked accepted and linked to the
    initiative in the same transaction. A refused change leaves both as they were."""
    code, node = _deciding(principal, proposal)
    graph = str(proposals_graph(code))

    def build(data: Graph) -> Change:
        before = _pending(repo, code, node)
        goal, organisation = before.value(node, DG.proposedFor), before.value(node, DG.proposedBy)
        name = next((str(text) for text in before.objects(node, RDFS.label) if text.language == "nl"), None)
        initiative = editing.mint(code, model().kinds["Measure"].slug, name)
        change = Change(subject=str(initiative))
        change.insert |= {(initiative, RDF.type, DG.PartnerInitiative), (initiative, DG.serves, goal), (initiative, DG.initiator, organisation)}
        change.insert |= {(initiative, prop, text) for prop in (RDFS.label, DCTERMS.description) for text in before.objects(node, prop)}
        if (organisation, RDF.type, DG.SocietalPartner) not in data:
            change.insert |= {(organisation, RDF.type, DG.SocietalPartner), (organisation, DG.roleType, PARTNER_ROLE)}
        if (organisation, RDFS.label, None) not in data:  # the name the partner gave becomes public only now
            change.insert |= set(_statements(repo, graph, organisation).triples((organisation, RDFS.label, None)))
        delete, insert, after = _decided(before, node, DG.ProposalAccepted, {(node, DG.becameInitiative, initiative)})
        context = Graph()
        for triple in data.triples((goal, RDF.type, None)):
            context.add(triple)
        _check(repo, node, before + context, after + context)
        change.elsewhere[URIRef(graph)] = (delete, insert)
        return change

    return editing.edit(repo, code, build)


def decline(repo: Repository, principal: Principal | None, proposal: str, reason: str) -> str:
    """Decline a pending proposal with a reason the partner reads; returns the proposal's IRI."""
    code, node = _deciding(principal, proposal)
    if not reason.strip():
        raise UserError("geef een reden: de partner moet kunnen lezen waarom het voorstel is afgewezen",
                        "give a reason: the partner must be able to read why the proposal was declined", where="reason")
    graph = str(proposals_graph(code))
    with editing.writing([code]):
        base = repo.current_revisions().of([graph])  # before reading: a decision through another instance meanwhile is a conflict
        before = _pending(repo, code, node)
        context = _goal_types(repo, code, before.value(node, DG.proposedFor))
        delete, insert, after = _decided(before, node, DG.ProposalDeclined, {(node, DG.declineReason, Literal(reason.strip()))})
        _check(repo, node, before + context, after + context)
        try:
            repo.modify_graph(ox.NamedNode(graph), delete=to_triples(delete), insert=to_triples(insert), base=base)
        except WriteConflict:
            raise UserError("over dit voorstel werd intussen elders besloten; laad het opnieuw",
                            "this proposal was decided elsewhere meanwhile; load it again", where="proposal") from None
    return proposal
