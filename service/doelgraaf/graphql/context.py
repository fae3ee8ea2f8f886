"""What every resolver can reach for one request: the store (counted), the loaders, who is asking."""

import asyncio
from dataclasses import dataclass, field

from doelgraaf.graphql.loaders import CountingRepository, Loaders
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

    async def municipalities(self) -> list[listing.MunicipalityRef]:
        """All municipalities, looked up once per request."""
        if self._municipalities is None:
            self._municipalities = await asyncio.to_thread(listing.all_municipalities, self.repository)
        return self._municipalities
