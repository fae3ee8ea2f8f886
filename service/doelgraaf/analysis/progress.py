"""Are we on target? An indicator's latest observation against its baseline and target.

Progress is the fraction of the way from baseline to target that has been covered (works for
indicators that should go down as well as up). The indicator is on track when that fraction is
at least the fraction of the time from baseline year to target year that has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Point:
    year: int
    value: Decimal


@dataclass(frozen=True)
class Progress:
    status: str  # ACHIEVED | ON_TRACK | BEHIND | NO_DATA
    latest: Point | None
    fraction: Decimal | None  # 0 at the baseline, 1 at the target
    expected: Decimal | None  # the fraction the calendar asks for at the latest year


def progress(baseline: Point | None, target: Point | None, observations: list[Point], year: int | None = None) -> Progress:
    """Progress up to `year` (default: the latest observation)."""
    usable = sorted((o for o in observations if year is None or o.year <= year), key=lambda o: o.year)
    latest = usable[-1] if usable else None
    if baseline is None or target is None or latest is None or target.value == baseline.value:
        return Progress("NO_DATA", latest, None, None)
    fraction = ((latest.value - baseline.value) / (target.value - baseline.value)).quantize(Decimal("0.0001"))
    span = target.year - baseline.year
    expected = Decimal(1) if span <= 0 else min(Decimal(1), Decimal(latest.year - baseline.year) / Decimal(span)).quantize(Decimal("0.0001"))
    if fraction >= 1:
        status = "ACHIEVED"
    elif fraction >= expected:
        status = "ON_TRACK"
    else:
        status = "BEHIND"
    return Progress(status, latest, fraction, expected)
