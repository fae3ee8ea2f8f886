"""Who may write: bearer tokens mapped to a role, configured in a file or the environment.

Reading is open. A token is `reader` (authenticated, may not write), `editor` of exactly one
municipality, or `admin` (any municipality, and the shared vocabularies). The municipality
a write goes to comes from the token, never from an argument. Tokens are kept only as SHA-256
digests and compared in constant time; they are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from doelgraaf.core.errors import UserError

ENVIRONMENT_VARIABLE = "DOELGRAAF_TOKENS"
ROLE = re.compile(r"^(admin|reader|editor:GM[0-9]{4})$")


@dataclass(frozen=True)
class Principal:
    role: str  # "admin" | "editor" | "reader"
    municipality: str | None = None

    def may_edit(self, code: str) -> bool:
        return self.role == "admin" or (self.role == "editor" and self.municipality == code)


class Forbidden(UserError):
    """Authenticated, but not allowed to do this (HTTP 403 / GraphQL error FORBIDDEN)."""


class Unauthenticated(UserError):
    """No or an unknown token (HTTP 401)."""


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


class TokenRegistry:
    """token -> role, from JSON `{"<token>": "editor:GM9999", "<token>": "admin"}`."""

    def __init__(self, roles: dict[str, str]):
        self._entries: list[tuple[bytes, Principal]] = []
        for token, role in roles.items():
            if not ROLE.match(role) or len(token) < 16:
                raise UserError(
                    f"ongeldige tokenregel voor rol '{role}': rol moet 'admin', 'reader' of 'editor:GM0000' zijn en het token minstens 16 tekens",
                    f"invalid token entry for role '{role}': role must be 'admin', 'reader' or 'editor:GM0000' and the token at least 16 characters",
                    where=ENVIRONMENT_VARIABLE,
                )
            kind, _, code = role.partition(":")
            self._entries.append((_digest(token), Principal(kind, code or None)))

    @classmethod
    def from_sources(cls, path: str | Path | None = None) -> "TokenRegistry":
        """Tokens from a JSON file (--tokens FILE) and/or the DOELGRAAF_TOKENS environment variable."""
        roles: dict[str, str] = {}
        sources = []
        if path:
            sources.append((str(path), Path(path).read_text(encoding="utf-8")))
        if os.environ.get(ENVIRONMENT_VARIABLE):
            sources.append((ENVIRONMENT_VARIABLE, os.environ[ENVIRONMENT_VARIABLE]))
        for where, text in sources:
            try:
                loaded = json.loads(text)
            except json.JSONDecodeError as exc:
                raise UserError(f"tokens zijn geen geldige JSON ({exc.msg}, regel {exc.lineno})",
                                f"tokens are not valid JSON ({exc.msg}, line {exc.lineno})", where=where) from None
            if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
                raise UserError('tokens moeten een JSON-object {"token": "rol"} zijn',
                                'tokens must be a JSON object {"token": "role"}', where=where)
            roles.update(loaded)
        return cls(roles)

    def principal(self, authorization: str | None) -> Principal | None:
        """The principal for an `Authorization: Bearer <token>` header; None when absent; raises when unknown."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("gebruik 'Authorization: Bearer <token>'", "use 'Authorization: Bearer <token>'")
        digest = _digest(token.strip())
        found = None
        for known, principal in self._entries:  # compare with every entry: no early exit to time
            if hmac.compare_digest(known, digest):
                found = principal
        if found is None:
            raise Unauthenticated("onbekend token", "unknown token")
        return found

    def valid(self, authorization: str | None) -> bool:
        """Whether the header is absent or names a known token (what every reader may read)."""
        try:
            self.principal(authorization)
        except Unauthenticated:
            return False
        return True
