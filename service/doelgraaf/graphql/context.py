"""What every resolver can reach for one request: the repository (its queries counted), the loaders,
who is asking."""

import asyncio

from doelgraaf.analysis import graph_index, listing
from doelgraaf.core.access import Principal
from doelgraaf.graphql.loaders import CountingRepository, Loaders
from doelgraaf.store import Repository


class Context:
    def __init__(self, repository: Repository, principal: Principal | None = None):
        self.repository = CountingRepository(repository)
        self.principal = principal
        self.loaders = Loaders(self.repository)
        self._municipalities = None
        self._indexes: dict[str, graph_index.GraphIndex] = {}

    def ready_index(self, graph: str) -> graph_index.GraphIndex | None:
        """The in-memory index of `graph` once it is built, then the same one for every field of this request
        (a nested answer reads it a few thousand times)."""
        found = self._indexes.get(graph)
        if found is None:
            found = graph_index.ready(self.repository, graph)
            if found is not None:
                self._indexes[graph] = found
        return found

    async def municipalities(self) -> list[listing.MunicipalityRef]:
        """All municipalities, looked up once per request."""
        if self._municipalities is None:
            self._municipalities = await asyncio.to_thread(listing.all_municipalities, self.repository)
        return self._municipalities
