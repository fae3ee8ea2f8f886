"""From RDF terms to GraphQL values: language choice for texts, Python values for scalars."""

import datetime
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

LANGUAGE_ORDER = ("nl", "en")


def pick_text(values: list, lang: str) -> str | None:
    """The text in `lang`, else Dutch, else English, else an untagged one (Dutch first)."""
    texts = [v for v in values if isinstance(v, ox.Literal)]
    if not texts:
        return None
    by_lang = {}
    for literal in texts:
        by_lang.setdefault(literal.language or "", literal.value)
    for candidate in (lang, *LANGUAGE_ORDER, ""):
        if candidate in by_lang:
            return by_lang[candidate]
    return texts[0].value


def to_scalar(term, scalar: str):
    if not isinstance(term, ox.Literal):
        return None
    try:
        if scalar == "Decimal":
            return Decimal(term.value)
        if scalar == "Int":
            return int(term.value)
        if scalar == "Date":
            return datetime.date.fromisoformat(term.value)
        if scalar == "Boolean":
            return term.value in ("true", "1")
    except (ValueError, InvalidOperation):
        return None
    return term.value


CENT = Decimal("0.01")
MONEY_PREDICATES = {"https://w3id.org/doelgraaf/def#amount"}


def money(value: Decimal | None) -> Decimal | None:
    """Euros with at least two decimals: the store keeps 12500.50 as 12500.5, a controller reads 12500.50.
    None (no data) stays None."""
    if value is None:
        return None
    return value if value.as_tuple().exponent <= -2 else value.quantize(CENT)
