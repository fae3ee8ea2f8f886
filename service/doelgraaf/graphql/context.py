"""What every resolver can reach for one request: the store (counted), the loaders, who is asking."""

import asyncio
from dataclasses import dataclass, field

from doelgraaf.graphql.loaders import CountingRepository, Loaders
from doelgraaf.services import graph_index
from doelgraaf.services import municipalities as listing
from doelgraaf.services.auth import Principal
from doelgraaf.store import Repository


@dataclass
class Context:
    store: Repository
    principal: Principal | None = None
    repository: CountingRepository = field(init=False)
    loaders: Loaders = field(init=False)

    def __post_init__(self):
        self.repository = CountingRepository(self.store)
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
