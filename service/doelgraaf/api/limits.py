"""A limit on request bodies: 413 past it, also for chunked bodies that announce no length."""

from __future__ import annotations

from doelgraaf.api import problems
from doelgraaf.api.problems import Problem

DEFAULT_MAX_BODY = 12_000_000


class BodyLimit:
    """ASGI middleware: counts the bytes actually received, so a missing Content-Length is no way around it."""

    def __init__(self, app, max_bytes: int = DEFAULT_MAX_BODY):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await self._too_large(scope, receive, send)
        received = 0

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except _TooLarge:
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope, receive, send):
        # outside the routers, so made here, in the shape of every other error
        too_large = Problem(413, f"verzoek groter dan {self.max_bytes} bytes; stuur minder of vraag de beheerder "
                                 "de grens (--max-body-mb) te verhogen",
                            f"request larger than {self.max_bytes} bytes; send less or ask the administrator to raise "
                            "the limit (--max-body-mb)", "body")
        await problems.response(too_large)(scope, receive, send)


class _TooLarge(Exception):
    pass
