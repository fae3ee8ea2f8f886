"""Comparing municipalities: CBS Iv3 amounts per taakveld (absolute or per inhabitant, ranked, within a
peer group), one municipality across years and Iv3 versions, BBV policy indicators, and goals that
share an SDG or policy indicator.

Per-inhabitant figures divide by the inhabitants of that year as the same CBS file gives them, and are
rounded to the cent. Rank 1 is the highest figure; equal figures share a rank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

import pyoxigraph as ox

from doelgraaf.catalogue.cbs import PHASES, dataset_name
from doelgraaf.catalogue.taakvelden import Group, taakvelden
from doelgraaf.core.errors import UserError
from doelgraaf.core.namespaces import policy_indicator_iri, sdg_iri, vocabulary_graph
from doelgraaf.queries import load
from doelgraaf.store import Repository, cache, datasets

CENT = Decimal("0.01")
PHASE_NAMES = {"https://w3id.org/doelgraaf/def#AdoptedBudget": "ADOPTED", "https://w3id.org/doelgraaf/def#Realisation": "REALISED",
               "https://w3id.org/doelgraaf/def#AmendedBudget": "AMENDED"}


@dataclass(frozen=True)
class Peers:
    """A peer group; criteria combine (all must hold). Codes are GM codes; province/size class by name or code."""

    codes: tuple[str, ...] = ()
    same_province_as: str | None = None
    same_size_class_as: str | None = None
    province: str | None = None
    size_class: str | None = None


@dataclass
class Row:
    code: str
    amount: Decimal
    inhabitants: int | None
    per_inhabitant: Decimal | None
    rank: int = 0


@dataclass
class Summary:
    count: int
    minimum: Decimal | None
    lower_quartile: Decimal | None
    median: Decimal | None
    upper_quartile: Decimal | None
    maximum: Decimal | None
    mean: Decimal | None


def dataset_graph(repo: Repository, year: int, phase: str) -> ox.NamedNode:
    name = PHASE_NAMES.get(phase, phase)
    if name not in PHASES:
        raise UserError(f"CBS Iv3 kent geen fase {name}: vergelijk met ADOPTED (begroting) of REALISED (jaarrekening)",
                        f"CBS Iv3 has no phase {name}: compare with ADOPTED (budget) or REALISED (annual accounts)", where="phase")
    graph = datasets.current_graph(repo, dataset_name(year, name))
    if graph is None:
        raise UserError(f"geen CBS Iv3-cijfers voor {year} {name}; laad ze met `doelgraaf import cbs-iv3 FILE --year {year} --phase {name}`",
                        f"no CBS Iv3 figures for {year} {name}; load them with `doelgraaf import cbs-iv3 FILE --year {year} --phase {name}`",
                        where="year")
    return graph


def _codes_for_year(repo: Repository, code: str, year: int) -> list[str]:
    vocabulary = taakvelden(repo)
    taakveld = vocabulary.get(code)
    if taakveld.main is not None and not taakveld.valid_in(year):
        group = vocabulary.group(code, [year])
        others = [c for c in group.codes if c != code]
        hint_nl = f"; vergelijkbaar in {year}: {', '.join(others)} ({group.certainty})" if others else ""
        hint_en = f"; comparable in {year}: {', '.join(others)} ({group.certainty})" if others else ""
        raise UserError(f"taakveld {code} bestaat niet in de Iv3-indeling van {year}{hint_nl}",
                        f"taakveld {code} does not exist in the Iv3 scheme of {year}{hint_en}", where="taakveld")
    return [t.code for t in vocabulary.leaves(code)]


def _totals(repo: Repository, graph: ox.NamedNode, codes: list[str], direction: str) -> dict[str, Decimal]:
    """Sums per municipality, kept until the dataset version or the taakvelden (which codes mean which
    concepts) are written."""
    return cache.cached(repo, ("totals", graph.value, tuple(codes), direction), lambda: _compute_totals(repo, graph, codes, direction),
                        graphs=[graph.value, str(vocabulary_graph("taakvelden"))])


def _compute_totals(repo: Repository, graph: ox.NamedNode, codes: list[str], direction: str) -> dict[str, Decimal]:
    vocabulary = taakvelden(repo)
    rows = repo.select(load("benchmark"), bindings={"graph": graph, "direction": ox.NamedNode(direction)},
                       table=(["taakveld"], [[ox.NamedNode(vocabulary.by_code[c].iri)] for c in codes])).rows
    return {municipality.value.rsplit("/", 1)[-1]: Decimal(total.value) for municipality, total in rows}


def _inhabitants(repo: Repository, graph: ox.NamedNode, year: int) -> dict[str, int]:
    """Inhabitants per municipality in a dataset: its universe (a municipality without lines counts as 0)."""
    def compute():
        rows = repo.select(load("populations"), bindings={"graph": graph}).rows
        return {m.value.rsplit("/", 1)[-1]: int(n.value) for _, m, y, n in rows if int(y.value) == year}

    return cache.cached(repo, ("inhabitants", graph.value, year), compute, graphs=[graph.value])


def _classes(repo: Repository) -> dict[str, dict[str, set[str]]]:
    return cache.cached(repo, "classes", lambda: _compute_classes(repo), graphs=[str(vocabulary_graph("gemeenten"))])


def _compute_classes(repo: Repository) -> dict[str, dict[str, set[str]]]:
    rows = repo.select(load("municipality_classes"), bindings={"graph": ox.NamedNode(str(vocabulary_graph("gemeenten")))}).rows
    found = {}
    for code, province, province_code, province_name, size, size_name in rows:
        found[code.value] = {
            "province": {v.value for v in (province, province_code, province_name) if v is not None} | (
                {province.value.rsplit("/", 1)[-1]} if province else set()),
            "size": {v.value for v in (size, size_name) if v is not None} | ({size.value.rsplit("/", 1)[-1]} if size else set()),
        }
    return found


def _select_peers(repo: Repository, universe: set[str], peers: Peers | None) -> set[str]:
    if peers is None:
        return universe
    chosen = set(universe)
    if peers.codes:
        unknown = sorted(set(peers.codes) - universe)
        if unknown:
            raise UserError(f"niet in deze cijfers: {', '.join(unknown)}", f"not in these figures: {', '.join(unknown)}", where="peers.codes")
        chosen &= set(peers.codes)
    classes = _classes(repo)
    for key, reference, value, where in (("province", peers.same_province_as, peers.province, "peers.sameProvinceAs"),
                                         ("size", peers.same_size_class_as, peers.size_class, "peers.sameSizeClassAs")):
        if reference:
            if reference not in classes:
                raise UserError(f"onbekende gemeente {reference}: niet in de CBS-indeling naar provincie en grootte; zie "
                                f"`municipalities {{ code name }}` voor de codes", f"unknown municipality {reference}: not in the CBS "
                                f"classes by province and size; see `municipalities {{ code name }}` for the codes", where=where)
            wanted = classes[reference][key]
            chosen = {c for c in chosen if classes.get(c, {}).get(key, set()) & wanted}
        if value:
            chosen = {c for c in chosen if any(value.lower() == v.lower() for v in classes.get(c, {}).get(key, set()))}
    return chosen


def _rank(rows: list[Row], per_inhabitant: bool) -> list[Row]:
    def measure(row: Row):
        return row.per_inhabitant if per_inhabitant else row.amount

    ordered = sorted(rows, key=lambda r: (measure(r) is None, -(measure(r) or 0), r.code))
    previous, rank = None, 0
    for position, row in enumerate(ordered, start=1):
        if measure(row) != previous:
            rank, previous = position, measure(row)
        row.rank = rank
    return ordered


def benchmark(repo: Repository, taakveld: str, year: int, phase: str, direction: str,
              per_inhabitant: bool = False, peers: Peers | None = None) -> list[Row]:
    graph = dataset_graph(repo, year, phase)
    codes = _codes_for_year(repo, taakveld, year)
    totals = _totals(repo, graph, codes, direction)
    inhabitants = _inhabitants(repo, graph, year)
    chosen = _select_peers(repo, set(inhabitants), peers)
    rows = []
    for code in chosen:
        amount = totals.get(code, Decimal(0))
        people = inhabitants.get(code)
        per_head = (amount / people).quantize(CENT, rounding=ROUND_HALF_EVEN) if people else None
        rows.append(Row(code, amount, people, per_head))
    return _rank(rows, per_inhabitant)


def _quantile(values: list[Decimal], q: Decimal) -> Decimal:
    """Linear interpolation between order statistics (the 'inclusive' method of spreadsheets)."""
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def summary(rows: list[Row], per_inhabitant: bool) -> Summary:
    values = sorted(r.per_inhabitant if per_inhabitant else r.amount for r in rows
                    if (r.per_inhabitant if per_inhabitant else r.amount) is not None)
    if not values:
        return Summary(0, None, None, None, None, None, None)
    quantised = [(v.quantize(CENT)) for v in (values[0], _quantile(values, Decimal("0.25")), _quantile(values, Decimal("0.5")),
                                                _quantile(values, Decimal("0.75")), values[-1], sum(values) / len(values))]
    return Summary(len(values), *quantised)


@dataclass
class YearFigure:
    year: int
    phase: str
    codes: list[str]
    amount: Decimal | None
    inhabitants: int | None
    per_inhabitant: Decimal | None
    certainty: str


def _loaded(repo: Repository) -> list[tuple[int, str, ox.NamedNode]]:
    """(year, phase, current version graph) of every CBS Iv3 dataset in the store, oldest first."""
    available = []
    for dataset, version in sorted(datasets.current_versions(repo).items()):
        year_text, _, kind = dataset.rsplit("dataset/cbs-iv3/", 1)[-1].partition("-")
        available.append((int(year_text), next(p for p, spec in PHASES.items() if spec[0] == kind), ox.NamedNode(version)))
    return available


@dataclass
class LoadedDataset:
    year: int
    phase: str
    codes: list[str]


def loaded_datasets(repo: Repository) -> list[LoadedDataset]:
    """The CBS Iv3 datasets in the store and the municipalities each covers: what a comparison can use."""
    return [LoadedDataset(year, phase, sorted(_inhabitants(repo, graph, year))) for year, phase, graph in _loaded(repo)]


def across_years(repo: Repository, code: str, taakveld: str, direction: str) -> tuple[Group, list[YearFigure]]:
    """One municipality's amounts on a taakveld in every CBS dataset, on the group of codes comparable across
    Iv3 versions (e.g. 6.71a in 2023 beside 6.711 in 2025), never on a code that means something else."""
    vocabulary = taakvelden(repo)
    available = _loaded(repo)
    group = vocabulary.group(taakveld, [year for year, _, _ in available])
    figures = []
    for year, phase, graph in available:
        present = [c for c in group.codes if vocabulary.by_code[c].valid_in(year)]
        totals = _totals(repo, graph, list(group.codes), direction)
        universe = _inhabitants(repo, graph, year)
        people = universe.get(code)
        # 0 only for a municipality these figures cover: one they do not (the demo, a merged one) has no data
        amount = totals[code] if code in totals else Decimal(0) if present and code in universe else None
        per_head = (amount / people).quantize(CENT) if amount is not None and people else None
        figures.append(YearFigure(year, phase, present, amount, people, per_head, group.certainty))
    return group, figures


@dataclass
class IndicatorValue:
    code: str
    value: Decimal
    year: int
    unit: str | None
    rank: int = 0


def indicator_comparison(repo: Repository, number: int, year: int | None) -> list[IndicatorValue]:
    """The latest value (or that of `year`) of a BBV policy indicator in every municipality that reports it."""
    rows = repo.select(load("indicator_observations"), bindings={"shared": ox.NamedNode(str(policy_indicator_iri(number)))}).rows
    best: dict[str, IndicatorValue] = {}
    for graph, value, observed, unit in rows:
        code = graph.value.rsplit("/", 1)[-1]
        found = IndicatorValue(code, Decimal(value.value), int(observed.value), unit.value if unit else None)
        if year is not None and found.year != year:
            continue
        if code not in best or found.year > best[code].year:
            best[code] = found
    ordered = sorted(best.values(), key=lambda v: (-v.value, v.code))
    previous, rank = None, 0
    for position, item in enumerate(ordered, start=1):
        if item.value != previous:
            rank, previous = position, item.value
        item.rank = rank
    return ordered


def linked_goals(repo: Repository, sdg: int | None, indicator: int | None) -> list[tuple[str, str]]:
    """(graph, goal) of every municipality's goals linked to the SDG and/or policy indicator."""
    if sdg is None and indicator is None:
        raise UserError("geef een SDG of een beleidsindicator", "give an SDG or a policy indicator", where="sdg")
    table = (["sdg", "shared"], [[ox.NamedNode(str(sdg_iri(sdg))) if sdg else None,
                                  ox.NamedNode(str(policy_indicator_iri(indicator))) if indicator else None]])
    return [(g.value, goal.value) for g, goal in repo.select(load("goals_linked"), table=table).rows]
