"""Meedoen (co-creation) in GraphQL: a partner proposes an initiative for a goal, the municipality's editors
accept or decline it (ingest/proposals.py); who may read which proposals is decided here.

Proposals are not public. `proposals` answers an editor of the municipality or an admin with all of its
proposals, a partner of the municipality with its own, and anyone else with FORBIDDEN. So the answer
depends on who asks, and the answer cache keeps answers per principal (api/graphql_http.py). A proposal
is no kind of the model (it lives outside the municipality's data, in a graph of its own, and is never
edited like one), so its type is written here rather than derived from the shapes.
"""

import asyncio
import datetime
import typing
from enum import Enum

import pyoxigraph as ox
import strawberry
from strawberry.types import Info

from doelgraaf.analysis import listing
from doelgraaf.catalogue.ontology import subclasses
from doelgraaf.core.access import Forbidden, Principal
from doelgraaf.core.codes import check_code
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import DCTERMS, DG, RDF, RDFS, municipality_graph, proposals_graph
from doelgraaf.graphql.mutations import MutationResult
from doelgraaf.graphql.types import Resource, Types, properties
from doelgraaf.graphql.values import pick_text
from doelgraaf.ingest import proposals
from doelgraaf.ingest.proposals import Texts


@strawberry.enum(description="Hoe ver de gemeente met een voorstel is / Where the municipality is with a proposal.")
class ProposalStatus(Enum):
    PENDING = str(DG.ProposalPending)
    ACCEPTED = str(DG.ProposalAccepted)
    DECLINED = str(DG.ProposalDeclined)


@strawberry.type(description="De organisatie die een voorstel deed / The organisation that made a proposal.")
class ProposingOrganisation:
    id: strawberry.ID = strawberry.field(description="De IRI, …/id/<GM-code>/partner/<sleutel van het token> / The IRI, …/id/<GM-code>/partner/<key of the token>.")
    name: typing.Optional[str] = strawberry.field(description="Naam: zoals de gemeente haar kent, anders zoals de partner haar opgaf / "
                                                              "Name: as the municipality knows it, else as the partner gave it.")


def _municipality_asked(principal: Principal | None, municipality: str | None) -> str:
    """The municipality whose proposals are asked for: the one named, else the token's."""
    if municipality is not None:
        return check_code(municipality, "municipality")
    if principal is None:
        raise Forbidden("voorstellen van partners zijn niet openbaar: een redacteur, een beheerder of de partner zelf leest ze met een token",
                        "partners' proposals are not public: an editor, an admin or the partner itself reads them with a token")
    if principal.municipality is None:
        raise UserError("noem de gemeente (municipality): dit token hoort bij geen gemeente",
                        "name the municipality (municipality): this token belongs to no municipality", where="municipality")
    return principal.municipality


def _readable_by(principal: Principal | None, code: str) -> ox.NamedNode | None:
    """Whose proposals to `code` the principal may read: None for all of them (an editor of `code`, an admin),
    the partner's own organisation for a partner of `code`; FORBIDDEN for anyone else."""
    if principal is not None and principal.may_edit(code):
        return None
    if principal is not None and principal.role == "partner" and principal.municipality == code:
        return ox.NamedNode(principal.organisation)
    raise Forbidden(f"de voorstellen aan {code} zijn niet openbaar: alleen een redacteur van {code}, een beheerder en de partner "
                    "die ze deed (zijn eigen) lezen ze",
                    f"the proposals to {code} are not public: only an editor of {code}, an admin and the partner that made "
                    "them (its own) read them")


def _first(values: list) -> str | None:
    return values[0].value if values else None


def _moment(values: list) -> datetime.datetime | None:
    found = _first(values)
    return datetime.datetime.fromisoformat(found) if found else None


def proposal_api(types: Types) -> tuple[type, type]:
    """The `proposals` query and the proposal mutations of one schema (they share the InitiativeProposal type)."""
    Goal, Measure = types["Goal"], types["Measure"]

    async def _typed(info: Info, iri: str | None, code: str, cls) -> bool:
        """Whether `iri` is (still) of class `cls` in the municipality's data."""
        if iri is None:
            return False
        props = await info.context.loaders.properties.load((iri, str(municipality_graph(code))))
        return any(t.value in subclasses(str(cls)) for t in props.get(str(RDF.type), []))

    @strawberry.type(description="Een initiatief dat een partner voorstelt bij een doel; niet openbaar, geen maatregel tot de gemeente "
                                 "het aanneemt / An initiative a partner proposes for a goal; not public, and no measure until the "
                                 "municipality accepts it.")
    class InitiativeProposal(Resource):
        code: strawberry.Private[str]

        @strawberry.field(description="In behandeling, aangenomen of afgewezen / Pending, accepted or declined.")
        async def status(self, info: Info) -> ProposalStatus:
            return ProposalStatus(_first((await properties(info, self)).get(str(DG.proposalStatus), [])))

        @strawberry.field(description="Naam van het initiatief in de gevraagde taal (nl, anders en) / Name of the initiative in the language asked (nl, else en).")
        async def label(self, info: Info, lang: str = "nl") -> str:
            return pick_text((await properties(info, self)).get(str(RDFS.label), []), lang) or ""

        @strawberry.field(description="Toelichting in de gevraagde taal / Description in the language asked.")
        async def description(self, info: Info, lang: str = "nl") -> typing.Optional[str]:
            return pick_text((await properties(info, self)).get(str(DCTERMS.description), []), lang)

        @strawberry.field(description="Het doel waarbij het is voorgesteld (null als het doel niet meer bestaat) / The goal it was "
                                      "proposed for (null when the goal no longer exists).")
        async def goal(self, info: Info) -> typing.Optional[Goal]:  # type: ignore[valid-type]
            iri = _first((await properties(info, self)).get(str(DG.proposedFor), []))
            return types.make("Goal", iri, str(municipality_graph(self.code))) if await _typed(info, iri, self.code, DG.Goal) else None

        @strawberry.field(description="De organisatie die het voorstelde / The organisation that proposed it.")
        async def organisation(self, info: Info) -> ProposingOrganisation:
            iri = _first((await properties(info, self)).get(str(DG.proposedBy), []))
            public, own = await info.context.loaders.properties.load_many([(iri, str(municipality_graph(self.code))), (iri, self.graph)])
            name = pick_text(public.get(str(RDFS.label), []), "nl") or pick_text(own.get(str(RDFS.label), []), "nl")
            return ProposingOrganisation(id=iri, name=name)

        @strawberry.field(description="Wanneer het voorgesteld is (UTC) / When it was proposed (UTC).")
        async def proposed_on(self, info: Info) -> datetime.datetime:
            return _moment((await properties(info, self)).get(str(DG.proposedOn), []))

        @strawberry.field(description="Wanneer de gemeente besloot (UTC) / When the municipality decided (UTC).")
        async def decided_on(self, info: Info) -> typing.Optional[datetime.datetime]:
            return _moment((await properties(info, self)).get(str(DG.decidedOn), []))

        @strawberry.field(description="Waarom het is afgewezen / Why it was declined.")
        async def decline_reason(self, info: Info) -> typing.Optional[str]:
            return _first((await properties(info, self)).get(str(DG.declineReason), []))

        @strawberry.field(description="Het initiatief van de partner dat ervan gemaakt is, als het is aangenomen / The partner "
                                      "initiative made of it, when it was accepted.")
        async def initiative(self, info: Info) -> typing.Optional[Measure]:  # type: ignore[valid-type]
            iri = _first((await properties(info, self)).get(str(DG.becameInitiative), []))
            return types.make("Measure", iri, str(municipality_graph(self.code))) if await _typed(info, iri, self.code, DG.Measure) else None

    def as_proposal(iri: str) -> InitiativeProposal:
        code = proposals.municipality_of(iri)
        return InitiativeProposal(id=iri, graph=str(proposals_graph(code)), code=code)

    @strawberry.type(description="Uitkomst van het aannemen van een voorstel / Outcome of accepting a proposal.")
    class ProposalAcceptance:
        proposal: InitiativeProposal = strawberry.field(description="Het voorstel: aangenomen, of nog in behandeling als de controle "
                                                                    "het initiatief weigerde / The proposal: accepted, or still pending "
                                                                    "when the check refused the initiative.")
        result: MutationResult = strawberry.field(description="De controle van het nieuwe initiatief, zoals bij elke wijziging; id is het "
                                                              "initiatief / The check of the new initiative, as for every change; id is the initiative.")

    @strawberry.type
    class ProposalQuery:
        @strawberry.field(description="Voorstellen van partners aan een gemeente, oudste eerst; niet openbaar. Een redacteur of beheerder "
                                      "ziet ze alle, een partner alleen de zijne; anders FORBIDDEN. municipality: CBS-code, standaard die "
                                      "van het token (een beheerder geeft haar) / Partners' proposals to a municipality, oldest first; "
                                      "not public. An editor or admin sees all, a partner only its own; otherwise FORBIDDEN. "
                                      "municipality: CBS code, by default the token's (an admin gives it).")
        async def proposals(self, info: Info, status: typing.Optional[ProposalStatus] = None,
                            municipality: typing.Optional[str] = None) -> typing.List[InitiativeProposal]:
            principal = info.context.principal
            code = _municipality_asked(principal, municipality)
            proposer = _readable_by(principal, code)
            iris = await asyncio.to_thread(listing.proposals, info.context.repository, str(proposals_graph(code)),
                                           status=None if status is None else ox.NamedNode(status.value), proposer=proposer)
            return [as_proposal(iri) for iri in iris]

    @strawberry.type
    class ProposalMutation:
        @strawberry.mutation(description="Stel als partner een eigen initiatief voor bij een doel van uw gemeente (die van het token); het "
                                         "wacht op de gemeente en telt nergens mee tot zij het aanneemt. organisation: de naam van uw "
                                         "organisatie, nodig bij het eerste voorstel / As a partner, propose an initiative of your own for a "
                                         "goal of your municipality (the token's); it waits for the municipality and counts nowhere until "
                                         "accepted. organisation: your organisation's name, needed with the first proposal.")
        async def propose_initiative(self, info: Info, goal: strawberry.ID, label: str, label_en: typing.Optional[str] = None,
                                     description: typing.Optional[str] = None, description_en: typing.Optional[str] = None,
                                     organisation: typing.Optional[str] = None) -> InitiativeProposal:
            texts = Texts(label, label_en, description, description_en)
            iri = await asyncio.to_thread(proposals.propose, info.context.repository, info.context.principal, goal, texts, organisation)
            return as_proposal(iri)

        @strawberry.mutation(description="Neem een voorstel aan (redacteur van de gemeente of beheerder): het wordt een initiatief van de "
                                         "partner dat het doel dient, achter dezelfde controle als elke wijziging / Accept a proposal "
                                         "(editor of the municipality or admin): it becomes a partner initiative serving the goal, behind "
                                         "the same check as every change.")
        async def accept_proposal(self, info: Info, proposal: strawberry.ID) -> ProposalAcceptance:
            outcome = await asyncio.to_thread(proposals.accept, info.context.repository, info.context.principal, proposal)
            return ProposalAcceptance(proposal=as_proposal(proposal),
                                      result=MutationResult.of(outcome.ok, outcome.id, [outcome.report], outcome.added, outcome.fixed))

        @strawberry.mutation(description="Wijs een voorstel af met een reden die de partner leest (redacteur van de gemeente of beheerder) / "
                                         "Decline a proposal with a reason the partner reads (editor of the municipality or admin).")
        async def decline_proposal(self, info: Info, proposal: strawberry.ID, reason: str) -> InitiativeProposal:
            iri = await asyncio.to_thread(proposals.decline, info.context.repository, info.context.principal, proposal, reason)
            return as_proposal(iri)

    return ProposalQuery, ProposalMutation
