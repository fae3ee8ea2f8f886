"""Who may write: bearer tokens mapped to a role, configured in a file or the environment.

Reading is open. A token is `reader` (authenticated, may not write), `editor` of exactly one
municipality, `partner` (an organisation of one municipality, that may only propose initiatives and
read its own proposals), or `admin` (any municipality, and the shared vocabularies). The municipality
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
from doelgraaf.core.namespaces import partner_iri

ENVIRONMENT_VARIABLE = "DOELGRAAF_TOKENS"
ROLE = re.compile(r"^(admin|reader|editor:GM[0-9]{4}|partner:GM[0-9]{4}:[a-z0-9][a-z0-9-]{0,49})$")
ROLES_NL = "'admin', 'reader', 'editor:GM0000' of 'partner:GM0000:<sleutel>' (kleine letters, cijfers en '-')"
ROLES_EN = "'admin', 'reader', 'editor:GM0000' or 'partner:GM0000:<key>' (lower-case letters, digits and '-')"


@dataclass(frozen=True)
class Principal:
    role: str  # "admin" | "editor" | "partner" | "reader"
    municipality: str | None = None
    key: str | None = None  # a partner's own key: which organisation of the municipality it is

    def may_edit(self, code: str) -> bool:
        return self.role == "admin" or (self.role == "editor" and self.municipality == code)

    @property
    def organisation(self) -> str | None:
        """The IRI of a partner's organisation, made from municipality and key as the municipality's own
        things are named; None for every other role."""
        if self.role != "partner":
            return None
        return str(partner_iri(self.municipality, self.key))


class Forbidden(UserError):
    """Authenticated, but not allowed to do this (HTTP 403 / GraphQL error FORBIDDEN)."""


class Unauthenticated(UserError):
    """No or an unknown token (HTTP 401)."""


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


class TokenRegistry:
    """token -> role, from JSON `{"<token>": "editor:GM9999", "<token>": "partner:GM9999:buurtkracht", "<token>": "admin"}`."""

    def __init__(self, roles: dict[str, str]):
        self._entries: list[tuple[bytes, Principal]] = []
        for token, role in roles.items():
            if not ROLE.match(role) or len(token) < 16:
                raise UserError(
                    f"ongeldige tokenregel voor rol '{role}': rol moet {ROLES_NL} zijn en het token minstens 16 tekens",
                    f"invalid token entry for role '{role}': role must be {ROLES_EN} and the token at least 16 characters",
                    where=ENVIRONMENT_VARIABLE,
                )
            kind, code, key = (role.split(":") + [None, None])[:3]
            self._entries.append((_digest(token), Principal(kind, code, key)))

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
