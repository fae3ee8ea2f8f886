"""Taakvelden as the comparisons need them: which codes exist when, what a hoofdtaakveld holds, and which
codes of different Iv3 versions can only be compared together.

Codes of different years are comparable through the documented successions of the vocabulary, each
with the certainty its source gives (zeker, waarschijnlijk, onzeker). The comparable group of a code
is everything it is connected to through successions, so a comparison across years never silently
puts one year's code beside a different thing in another year; the group's certainty is its weakest link.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import vocabulary_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache

# dg:certainty of a succession, weakest first: its word in English and what it says of comparing the codes
CERTAINTIES = {
    "onzeker": ("uncertain", "de bronnen twijfelen of de codes hetzelfde omvatten; vergelijk met voorbehoud",
                "the sources doubt that the codes cover the same; compare with reservations"),
    "waarschijnlijk": ("probable", "de codes omvatten volgens de bronnen waarschijnlijk hetzelfde",
                       "the codes probably cover the same, the sources say"),
    "zeker": ("certain", "de codes omvatten hetzelfde", "the codes cover the same"),
}
ORDER = tuple(CERTAINTIES)


@dataclass(frozen=True)
class Taakveld:
    iri: str
    code: str
    label: str
    valid_from: int | None
    valid_until: int | None
    main: str | None  # code of the hoofdtaakveld; None for a hoofdtaakveld itself

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or year >= self.valid_from) and (self.valid_until is None or year <= self.valid_until)


@dataclass(frozen=True)
class Group:
    codes: tuple[str, ...]
    certainty: str  # zeker | waarschijnlijk | onzeker


class Taakvelden:
    def __init__(self, repo: Repository):
        graph = ox.NamedNode(str(vocabulary_graph("taakvelden")))
        rows = repo.select(load("taakvelden"), bindings={"graph": graph}).rows
        by_iri = {}
        for iri, code, label, start, end, main in rows:
            by_iri[iri.value] = (code.value, label.value if label else code.value, int(start.value) if start else None,
                                 int(end.value) if end else None, main.value if main else None)
        self.by_code: dict[str, Taakveld] = {
            code: Taakveld(iri, code, label, start, end, by_iri[main][0] if main in by_iri else None)
            for iri, (code, label, start, end, main) in by_iri.items()
        }
        code_of = {t.iri: t.code for t in self.by_code.values()}
        self.links: dict[str, dict[str, str]] = {}
        for source, target, certainty in repo.select(load("taakveld_mappings"), bindings={"graph": graph}).rows:
            if source.value in code_of and target.value in code_of and certainty.value in ORDER:
                a, b = code_of[source.value], code_of[target.value]
                self.links.setdefault(a, {})[b] = certainty.value
                self.links.setdefault(b, {})[a] = certainty.value

    def get(self, code: str) -> Taakveld:
        found = self.by_code.get(code)
        if found is None:
            raise UserError(f"taakveld '{code[:20]}' bestaat niet; gebruik een BBV-code zoals '6.1' of hoofdtaakveld '6' (de codes: GET /vocab/taakvelden)",
                            f"taakveld '{code[:20]}' does not exist; use a BBV code such as '6.1' or main taakveld '6' (the codes: GET /vocab/taakvelden)",
                            where="taakveld")
        return found

    def leaves(self, code: str) -> list[Taakveld]:
        """The codes an amount can be booked on: the code itself, or all codes of a hoofdtaakveld."""
        taakveld = self.get(code)
        if taakveld.main is not None:
            return [taakveld]
        return sorted((t for t in self.by_code.values() if t.main == code), key=lambda t: t.code)

    def group(self, code: str, years: list[int]) -> Group:
        """The codes comparable with `code` in the given years, and how certain that is. The search does
        not pass through codes valid in none of those years, so 6.711 meets its exact predecessor 6.71a
        rather than all of 6.71a-d through their common ancestor 6.71 of 2017."""
        taakveld = self.get(code)
        if taakveld.main is None:
            return Group(tuple(t.code for t in self.leaves(code)), "zeker")
        seen, frontier, weakest = {code}, [code], "zeker"
        while frontier:
            for other, certainty in self.links.get(frontier.pop(), {}).items():
                if other in seen or not any(self.by_code[other].valid_in(y) for y in years):
                    continue
                weakest = min(weakest, certainty, key=ORDER.index)
                seen.add(other)
                frontier.append(other)
        return Group(tuple(sorted(seen)), weakest)


def taakvelden(repo: Repository) -> Taakvelden:
    """Read again after each write to the vocabulary (an admin may replace it)."""
    return cache.cached(repo, "taakvelden", lambda: Taakvelden(repo), graphs=[str(vocabulary_graph("taakvelden"))])
