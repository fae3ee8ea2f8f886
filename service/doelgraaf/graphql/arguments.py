"""What a person types in an argument, made into what the answers need, or an error that says what names
nothing and where the valid values are. An answer of [] or 0 for a typing error looks like a fact.

`where` is always the GraphQL argument (`code`, `peers.codes`, `goals.programme`), never a CLI option.
"""

import asyncio

from strawberry.types import Info

from doelgraaf.analysis import listing
from doelgraaf.core.codes import check_code
from doelgraaf.core.errors import UserError


async def municipality(info: Info, code: str, where: str) -> listing.MunicipalityRef:
    """The municipality a code names, in any case: a CBS municipality or one with data of its own."""
    code = check_code(code, where)
    ref = await asyncio.to_thread(listing.find, info.context.repository, code)
    if ref is None:
        raise UserError(f"onbekende gemeente {code}: geen CBS-gemeente en geen eigen gegevens; zie `municipalities {{ code name }}` voor de codes",
                        f"unknown municipality {code}: not a CBS municipality and no data of its own; see `municipalities {{ code name }}` for the codes",
                        where=where)
    return ref
