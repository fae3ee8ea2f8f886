"""What every resolver can reach for one request: the repository (its queries counted), the loaders,
who is asking."""

import asyncio
import inspect

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

    def values(self, root, predicate: str, inverse: bool = False):
        """The values of one property of `root` (the subjects pointing at it when `inverse`): a list at once
        from the graph's in-memory index when that is built, otherwise an awaitable through the batching
        loaders. Answering at once spares a coroutine per field, which was most of the time of a nested
        request (docs/architecture.md, section 5)."""
        index = self.ready_index(root.graph)
        if index is not None:
            return (index.incoming if inverse else index.outgoing).get(root.id, {}).get(predicate, [])
        if inverse:
            return self.loaders.referrers.load((root.id, root.graph, predicate))
        return self._property(root, predicate)

    async def _property(self, root, predicate: str) -> list:
        return (await self.loaders.properties.load((root.id, root.graph))).get(predicate, [])

    async def municipalities(self) -> list[listing.MunicipalityRef]:
        """All municipalities, looked up once per request."""
        if self._municipalities is None:
            self._municipalities = await asyncio.to_thread(listing.all_municipalities, self.repository)
        return self._municipalities


def then(result, finish):
    """`finish(result)`, at once for a value, after awaiting it for an awaitable (see Context.values)."""
    if inspect.isawaitable(result):
        async def later():
            value = finish(await result)
            return await value if inspect.isawaitable(value) else value
        return later()
    return finish(result)
