"""Numbers as a Dutch reader writes them: a decimal comma, points between thousands, euros as € 1.234,50."""

from __future__ import annotations

from decimal import Decimal


def dutch_number(value: Decimal | int, decimals: int | None = None, group_from: int = 10_000) -> str:
    """`value` with a decimal comma, its digits grouped by points from `group_from` on (the Taalunie's
    advice: 10.000, but 2025 stays 2025); `decimals` rounds to that many places."""
    value = Decimal(value)
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    whole, _, fraction = format(abs(value), "f").partition(".")
    if abs(value) >= group_from:
        whole = f"{int(whole):,}".replace(",", ".")
    return ("-" if value < 0 else "") + whole + ("," + fraction if fraction else "")


def euro(amount: Decimal | int) -> str:
    """An amount in euros, always grouped, with cents only when there are any: € 1.234.567, € 282.960,50 (a
    correction: € -1.234). The dashboards write amounts the same way (api/assets/app/format.js)."""
    cents = Decimal(amount).quantize(Decimal("0.01"))
    return "€ " + dutch_number(cents, decimals=0 if cents == cents.to_integral_value() else 2, group_from=1_000)
