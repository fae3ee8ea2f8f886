"""The revisions of the graphs at one moment: what the cache keeps values by and what a write is based on
(docs/architecture.md, section 12)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Revisions:
    """The revisions of the graphs at one moment: `graphs` (IRI -> revision; absent: 0) and `total`, which
    grows with every write to any graph."""

    graphs: Mapping[str, int]
    total: int

    def stamp(self, graphs: Iterable[str] | None = None) -> object:
        """What a value computed from `graphs` (None: from anything) at this moment is valid for: an equal
        stamp later means none of them was written meanwhile."""
        if graphs is None:
            return self.total
        return tuple(self.graphs.get(graph, 0) for graph in graphs)

    def of(self, graphs: Iterable[str]) -> dict[str, int]:
        """The base of a write that was computed from `graphs` at this moment."""
        return {graph: self.graphs.get(graph, 0) for graph in graphs}
