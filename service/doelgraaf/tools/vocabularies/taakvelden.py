"""The BBV/Iv3 taakvelden: one concept per code, in the scheme of every Iv3 version in which the code is valid.

One IRI per code (not per code and version) lets budget lines of different years meet on the same taakveld as long
as the code stays. Where a code was split or replaced, a dg:Succession records it with the certainty the sources give,
and SKOS mapping properties say how comparable the old and new codes are. A name may change while the code stays
(6.2, 6.4, 8.1, hoofdtaakveld 8): that is a name per version on the same IRI, never a mapping between IRIs.
"""

import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from doelgraaf.catalogue.taakvelden import ORDER
from doelgraaf.core.namespaces import DCTERMS, DG, ID, RDF, RDFS, SKOS, XSD, taakveld_iri
from doelgraaf.tools.vocabularies import facts
from doelgraaf.tools.vocabularies.skos import labels, new_graph, scheme


@dataclass(frozen=True)
class Version:
    """One Iv3 version: the reporting years it covers and its scheme."""

    year: int
    until: int | None
    iri: URIRef

    def overlaps(self, start: int, end: int | None) -> bool:
        return (self.until is None or start <= self.until) and (end is None or end >= self.year)


@dataclass
class Name:
    """A name a code had from ``start`` through ``end`` (None: still has), as one fact file row states it."""

    text: str
    start: int
    end: int | None
    hoofdtaakveld: str
    source: str
    notes: list[Literal] = field(default_factory=list)

    @property
    def alternatives(self) -> list[str]:
        """The sources sometimes give two names for one version ('A / B'): the first is used as label."""
        return self.text.split(" / ")


def build() -> Graph:
    graph = new_graph()
    versions = _versions(graph)
    names = _names(versions)
    english = {(r["code"], r["name_nl"]): r["name_en"] for r in facts.read("taakvelden_en.csv")}
    membership = {code: _add_taakveld(graph, code, code_names, versions, english) for code, code_names in names.items()}
    for row in facts.read("taakvelden_historisch.csv"):
        _add_succession(graph, row, versions, membership)
    return graph


def _versions(graph: Graph) -> list[Version]:
    versions = []
    for row in facts.read("taakveldindelingen.csv"):
        version = Version(int(row["geldig_vanaf"]), int(row["geldig_tot_en_met"]) if row["geldig_tot_en_met"] else None,
                          ID[f"taakveldindeling/{row['versie']}"])
        scheme(graph, version.iri, row["naam_nl"], row["naam_en"], row["bron"])
        graph.add((version.iri, RDF.type, DG.Iv3Scheme))
        graph.add((version.iri, DG.validFrom, _year(version.year)))
        if version.until:
            graph.add((version.iri, DG.validUntil, _year(version.until)))
        versions.append(version)
    return sorted(versions, key=lambda v: v.year)


def _names(versions: list[Version]) -> dict[str, list[Name]]:
    """Every code with its names in time order, from the current list and the historic list.

    The current list says since when a code exists, not since when it has its present name; where the historic list
    has an older name, the present name starts the year after that one ends.
    """
    names: dict[str, list[Name]] = {}
    for row in facts.read("taakvelden.csv"):
        since, main = int(row["code_in_use_since"]), row["hoofdtaakveld_code"]
        notes = [Literal(row["opmerking"])] if row["opmerking"] else []
        names[row["code"]] = [Name(row["name_nl"], since, None, main, row["bron"], notes)]
        if main not in names:
            names[main] = [Name(row["hoofdtaakveld_name"], since, None, main, row["bron"])]
        names[main][0].start = min(names[main][0].start, since)  # a hoofdtaakveld exists since its oldest taakveld
    for row in facts.read("taakvelden_historisch.csv"):
        name = row["name_nl"].removesuffix(" (hoofdtaakveld)")  # the code already says it is one
        start, end = int(row["geldig_vanaf_verslagjaar"]), _last_year(row, versions)
        stated_end = row["geldig_tot_en_met_verslagjaar"]
        notes = []
        if row["zekerheid"] != "zeker" or not stated_end.isdigit():
            note = (f"Naam “{name}”, geldig {start} tot en met {stated_end}; "
                    f"zekerheid volgens de bron: {row['zekerheid']}.")
            if not stated_end[:4].isdigit():
                note += f" Aangenomen: tot en met {end}, het einde van die Iv3-versie."
            notes.append(Literal(note, lang="nl"))
        names.setdefault(row["code"], []).append(
            Name(name, start, end, row["hoofdtaakveld_code"], row["bron"], notes))
    for code_names in names.values():
        older = [n.end for n in code_names if n.end is not None]
        for name in code_names:
            if name.end is None and older:
                name.start = max(older) + 1
        code_names.sort(key=lambda n: n.start)
    return names


def _last_year(row: dict[str, str], versions: list[Version]) -> int | None:
    """The last year of a historic row.

    An unknown one is taken as the end of the version the row starts in, because names and codes change with versions.
    """
    if m := re.match(r"\d{4}", row["geldig_tot_en_met_verslagjaar"]):
        return int(m.group())
    start = int(row["geldig_vanaf_verslagjaar"])
    return next(v.until for v in reversed(versions) if v.year <= start)


def _add_taakveld(graph: Graph, code: str, names: list[Name], versions: list[Version],
                  english: dict[tuple[str, str], str]) -> set[URIRef]:
    """Add one code with its name in each version; returns the schemes it is in."""
    iri = taakveld_iri(code)
    latest = names[-1]
    graph.add((iri, RDF.type, DG.Taakveld))
    graph.add((iri, RDF.type, SKOS.Concept))
    graph.add((iri, SKOS.notation, Literal(code)))
    labels(graph, iri, latest.alternatives[0], english[(code, latest.text)])
    for alternative in latest.alternatives[1:]:
        graph.add((iri, SKOS.altLabel, Literal(alternative, lang="nl")))
    if len(latest.alternatives) > 1:
        note = f"De bronnen noemen meer dan één naam: {latest.text}."
        graph.add((iri, SKOS.editorialNote, Literal(note, lang="nl")))
    is_main = "." not in code
    if not is_main:
        graph.add((iri, SKOS.broader, taakveld_iri(latest.hoofdtaakveld)))
    schemes = set()
    for version in versions:
        in_version = [n for n in names if version.overlaps(n.start, n.end)]
        if not in_version:
            continue
        schemes.add(version.iri)
        graph.add((iri, SKOS.inScheme, version.iri))
        if is_main:
            graph.add((iri, SKOS.topConceptOf, version.iri))
            graph.add((version.iri, SKOS.hasTopConcept, iri))
        version_name = ID[f"taakveld/{code}/naam/{version.year}"]
        graph.add((iri, DG.versionName, version_name))
        graph.add((version_name, RDF.type, DG.VersionedName))
        graph.add((version_name, DG.inVersion, version.iri))
        labels(graph, version_name, in_version[0].alternatives[0], english[(code, in_version[0].text)])
    graph.add((iri, DG.validFrom, _year(names[0].start)))
    if all(n.end is not None for n in names):
        graph.add((iri, DG.validUntil, _year(max(n.end for n in names))))
    for name in names:
        graph.add((iri, DCTERMS.source, Literal(name.source)))
        for note in name.notes:
            graph.add((iri, SKOS.editorialNote, note))
    return schemes


def _add_succession(graph: Graph, row: dict[str, str], versions: list[Version],
                    membership: dict[str, set[URIRef]]) -> None:
    """One dg:Succession per row of the historic list, and the SKOS mapping it implies between different codes."""
    predecessor = row["code"]
    successors = [code for part in row["opvolger"].split(";") for code in _expand(part.split()[0])]
    target = next(v for v in versions if v.year > _last_year(row, versions))
    for code in successors:
        if target.iri not in membership.get(code, set()):
            raise ValueError(f"successor {code} of {predecessor} is not a taakveld of Iv3 {target.year}")
    level = certainty(row["zekerheid"])
    rename = successors == [predecessor]
    node = ID[f"taakveld-opvolging/{predecessor}-{target.year}"]
    if (node, RDF.type, DG.Succession) in graph:
        raise ValueError(f"two successions of {predecessor} into Iv3 {target.year}")
    graph.add((node, RDF.type, DG.Succession))
    if rename:
        labels(graph, node, f"Naamswijziging van taakveld {predecessor} ({target.year})",
               f"Renaming of taakveld {predecessor} ({target.year})", RDFS.label)
    else:
        listed = ", ".join(successors)
        labels(graph, node, f"Opvolging van taakveld {predecessor} door {listed} ({target.year})",
               f"Succession of taakveld {predecessor} by {listed} ({target.year})", RDFS.label)
    graph.add((node, DG.predecessor, taakveld_iri(predecessor)))
    for code in successors:
        graph.add((node, DG.successor, taakveld_iri(code)))
    graph.add((node, DG.certainty, Literal(level)))
    graph.add((node, DG.oneToOne, Literal(len(successors) == 1 and (level == "zeker" or rename))))
    graph.add((node, DCTERMS.source, Literal(row["bron"])))
    graph.add((node, SKOS.note, Literal(f"Opvolger volgens de bron: {row['opvolger']}; "
                                        f"zekerheid volgens de bron: {row['zekerheid']}")))
    if rename:
        return
    if level == "onzeker":
        mapping = SKOS.relatedMatch  # comparable only as a group
    elif len(successors) > 1:
        mapping = SKOS.narrowMatch  # split into several codes
    elif level == "zeker":
        mapping = SKOS.exactMatch
    else:
        mapping = SKOS.closeMatch
    for code in successors:
        graph.add((taakveld_iri(predecessor), mapping, taakveld_iri(code)))


def certainty(text: str) -> str:
    """Normalise the certainty text of the historic list to zeker, waarschijnlijk or onzeker.

    The sources qualify name, code, years and succession separately ("naam zeker; opvolger waarschijnlijk"). What
    they say about the succession counts; without that, what they say about code or name, because a doubtful year
    does not make the succession itself doubtful. Of several statements the weakest wins.
    """
    parts = [p.strip() for p in text.split(";")]
    relevant = [p for p in parts if "opvolg" in p] or [p for p in parts if not re.search(r"\bjaa?r", p)]
    found = [next(level for level in ORDER if re.search(rf"\b{level}\b", p)) for p in relevant]
    return min(found, key=ORDER.index)


def _expand(spec: str) -> list[str]:
    """'6.72a-d' -> 6.72a … 6.72d and '6.751-6.753' -> 6.751, 6.752, 6.753; anything else is one code."""
    if m := re.fullmatch(r"(\d+\.\d+)([a-z])-([a-z])", spec):
        return [m[1] + chr(c) for c in range(ord(m[2]), ord(m[3]) + 1)]
    if m := re.fullmatch(r"(\d+)\.(\d+)-\1\.(\d+)", spec):
        if len(m[2]) != len(m[3]):
            raise ValueError(f"cannot expand taakveld range {spec}")
        return [f"{m[1]}.{n:0{len(m[2])}d}" for n in range(int(m[2]), int(m[3]) + 1)]
    return [spec]


def _year(year: int) -> Literal:
    return Literal(str(year), datatype=XSD.gYear)
