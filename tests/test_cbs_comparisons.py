"""CBS Iv3 import and comparisons, checked against sums computed independently from the CSV files."""

import csv
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache

import pytest
from doelgraaf.analysis import comparisons
from doelgraaf.api.app import create_app
from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.access import TokenRegistry
from doelgraaf.core.errors import UserError
from doelgraaf.core.paths import DATA_DIR, REFERENCE_DIR
from doelgraaf.ingest import cbs_iv3
from doelgraaf.store import open_repository
from fastapi.testclient import TestClient

from tests.conftest import gql

FILES = {(2023, "REALISED"): "iv3_2023_jaarrekening.csv", (2024, "ADOPTED"): "iv3_2024_begroting.csv",
         (2025, "ADOPTED"): "iv3_2025_begroting.csv"}
EXPENSE = "https://w3id.org/doelgraaf/def#Expense"
REVENUE = "https://w3id.org/doelgraaf/def#Revenue"

# on one worker: the store with all three CBS files (20 s to load) is built once, not on each worker
pytestmark = pytest.mark.xdist_group("cbs-comparisons")


@pytest.fixture(scope="module")
def store():
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    for (year, phase), name in FILES.items():
        report = cbs_iv3.import_file(repo, DATA_DIR / "cbs-iv3" / name, year, phase)
        assert report.municipalities == 342
    yield repo
    repo.close()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store, TokenRegistry({}))) as test_client:
        yield test_client


@lru_cache(maxsize=None)
def csv_totals(name: str) -> tuple[dict, dict]:
    """(GM code, taakveld code, 'Lasten'|'Baten') -> k€, and GM code -> inhabitants, straight from the file."""
    codes = {}
    for row in csv.DictReader(open(REFERENCE_DIR / "gemeenten.csv", encoding="utf-8")):
        codes[row["gemeente"]] = row["gm_code"]
        codes[row["naam_in_iv3_data"]] = row["gm_code"]
    sums, inhabitants = defaultdict(Decimal), {}
    for row in csv.DictReader(open(DATA_DIR / "cbs-iv3" / name, encoding="utf-8"), delimiter=";"):
        code = codes.get(row["Gemeenten"])
        if code is None:
            continue
        taakveld = row["Taakveld"].split(" ", 1)[0]
        for column in ("Lasten", "Baten"):
            sums[(code, taakveld, column)] += Decimal(row[column] or "0")
        inhabitants[code] = int(row["Inwonertal"])
    return sums, inhabitants


@pytest.mark.parametrize("year,phase", list(FILES))
@pytest.mark.parametrize("municipality", ["GM0363", "GM0629", "GM0060", "GM0796", "GM0014"])
@pytest.mark.parametrize("taakveld", ["0.10", "0.1", "0.11", "6.1", "7.3", "8.3"])
def test_benchmark_matches_the_csv(store, year, phase, municipality, taakveld):
    sums, inhabitants = csv_totals(FILES[(year, phase)])
    for direction, column in ((EXPENSE, "Lasten"), (REVENUE, "Baten")):
        rows = {r.code: r for r in comparisons.benchmark(store, taakveld, year, phase, direction)}
        assert len(rows) == 342
        expected = sums[(municipality, taakveld, column)] * 1000
        assert rows[municipality].amount == expected, (municipality, taakveld, column)
        assert rows[municipality].inhabitants == inhabitants[municipality]


def test_hoofdtaakveld_sums_its_taakvelden_and_the_sanity_figure(store):
    sums, _ = csv_totals(FILES[(2023, "REALISED")])
    rows = {r.code: r for r in comparisons.benchmark(store, "6", 2023, "REALISED", EXPENSE)}
    assert rows["GM0363"].amount == sum(v for (m, t, c), v in sums.items() if m == "GM0363" and t.startswith("6.") and c == "Lasten") * 1000
    total = sum(next(r.amount for r in comparisons.benchmark(store, str(h), 2023, "REALISED", EXPENSE) if r.code == "GM0363") for h in range(9))
    without_reserves = total - sum(next(r.amount for r in comparisons.benchmark(store, c, 2023, "REALISED", EXPENSE) if r.code == "GM0363")
                                   for c in ("0.10", "0.11"))
    assert without_reserves == Decimal("6395752") * 1000  # Amsterdam 2023 jaarrekening, see data/reference/README.md


def test_per_inhabitant_rank_and_peers(store):
    rows = comparisons.benchmark(store, "6.1", 2024, "ADOPTED", EXPENSE, per_inhabitant=True)
    first = rows[0]
    assert first.rank == 1 and first.per_inhabitant == (first.amount / first.inhabitants).quantize(Decimal("0.01"))
    assert all(a.per_inhabitant >= b.per_inhabitant for a, b in zip(rows, rows[1:]))
    south_holland = [r for r in csv.DictReader(open(REFERENCE_DIR / "gemeenten.csv", encoding="utf-8")) if r["provincie"] == "Zuid-Holland"]
    peers = comparisons.benchmark(store, "6.1", 2024, "ADOPTED", EXPENSE, peers=comparisons.Peers(same_province_as="GM0629"))
    assert {r.code for r in peers} == {r["gm_code"] for r in south_holland}
    same = comparisons.benchmark(store, "6.1", 2024, "ADOPTED", EXPENSE, peers=comparisons.Peers(codes=("GM0629", "GM0363", "GM0060")))
    assert [r.rank for r in same] == [1, 2, 3] and same[0].code == "GM0363"
    summary = comparisons.summary(peers, per_inhabitant=False)
    values = sorted(r.amount for r in peers)
    assert summary.count == len(values) and summary.minimum == values[0] and summary.maximum == values[-1]
    assert summary.lower_quartile <= summary.median <= summary.upper_quartile


def test_across_years_maps_codes_between_iv3_versions(store):
    sums, _ = csv_totals(FILES[(2023, "REALISED")])
    sums25, _ = csv_totals(FILES[(2025, "ADOPTED")])
    group, figures = comparisons.across_years(store, "GM0363", "6.711", EXPENSE)
    assert group.codes == ("6.711", "6.71a") and group.certainty == "zeker"
    by_year = {f.year: f for f in figures}
    assert by_year[2023].codes == ["6.71a"] and by_year[2023].amount == sums[("GM0363", "6.71a", "Lasten")] * 1000
    assert by_year[2025].codes == ["6.711"] and by_year[2025].amount == sums25[("GM0363", "6.711", "Lasten")] * 1000
    group, _ = comparisons.across_years(store, "GM0363", "6.752", EXPENSE)
    assert group.certainty == "onzeker" and {"6.751", "6.752", "6.753", "6.72a"} <= set(group.codes)


def test_a_code_of_another_iv3_version_is_refused_with_its_successors(store):
    with pytest.raises(UserError) as error:
        comparisons.benchmark(store, "6.71a", 2025, "ADOPTED", EXPENSE)
    assert "6.711" in error.value.nl and "6.711" in error.value.en


def test_import_reports_what_it_did_not_take(store, tmp_path):
    text = ("Gemeenten;Taakveld;L1.1 Salarissen;Baten;Lasten;Provincie;Gemeentegrootte;Stedelijkheid;Inwonertal\n"
            "Wassenaar;0.10 Mutaties reserves;;10.0;20.5;;;;27100\n"
            "Nergenshuizen;0.1 Bestuur;;1.0;2.0;;;;100\n"
            "Nederland;0.1 Bestuur;;1.0;2.0;;;;17000000\n"
            "Wassenaar;9.9 Bestaat niet;;1.0;2.0;;;;27100\n")
    _, report = cbs_iv3.read(store, text.encode(), "klein.csv", 2024, "ADOPTED")
    assert report.municipalities == 1 and report.lines == 2
    assert report.unknown_names == {"Nergenshuizen": 1} and report.unknown_codes == {"9.9": 1} and report.national_rows == 1
    assert "Nergenshuizen" in report.as_text("nl") and "9.9" in report.as_text("en")
    with pytest.raises(UserError) as error:
        cbs_iv3.read(store, text.replace("20.5", "twintig").encode(), "klein.csv", 2024, "ADOPTED")
    assert "regel/line 2" in error.value.where and "Lasten" in error.value.where
    with pytest.raises(UserError):
        cbs_iv3.read(store, b"a;b\n1;2\n", "leeg.csv", 2024, "ADOPTED")


def test_graphql_benchmark_contract_and_neighbours(client):
    status, body = gql(client, """{ benchmark(taakveld: "6.1", year: 2024, phase: ADOPTED, direction: EXPENSE, perInhabitant: true) {
        municipality { code name population } amount perInhabitant rank } }""")
    assert status == 200 and "errors" not in body
    rows = body["data"]["benchmark"]
    assert len(rows) == 342 and rows[0]["rank"] == 1
    ameland = next(r for r in rows if r["municipality"]["code"] == "GM0060")
    assert ameland["municipality"]["name"] == "Ameland"
    _, body = gql(client, """{ benchmarkSummary(taakveld: "6", year: 2024, phase: ADOPTED, direction: EXPENSE, perInhabitant: true,
        peers: {sameSizeClassAs: "GM0629"}) { count median lowerQuartile upperQuartile } }""")
    assert body["data"]["benchmarkSummary"]["count"] > 50
    _, body = gql(client, '{ acrossYears(municipality: "GM0629", taakveld: "6.2", direction: EXPENSE) { year phase amount certainty taakvelden { code } } }')
    years = body["data"]["acrossYears"]
    assert [y["year"] for y in years] == [2023, 2024, 2025] and years[2]["taakvelden"][0]["code"] == "6.21"
    assert {y["certainty"] for y in years} == {"PROBABLE"}  # an enum member, not the vocabulary's Dutch "waarschijnlijk"
    status, body = gql(client, '{ benchmark(taakveld: "6.1", year: 2019, phase: ADOPTED, direction: EXPENSE) { rank } }')
    assert "doelgraaf import cbs-iv3" in body["errors"][0]["message"]


def test_the_cli_imports_into_a_store_nothing_was_loaded_into_yet(tmp_path):
    """From a clean clone the README's import comes first: the command brings the vocabularies itself."""
    from tests.conftest import run_cli

    path = tmp_path / "klein.csv"
    path.write_text("Gemeenten;Taakveld;L1.1 Salarissen;Baten;Lasten;Provincie;Gemeentegrootte;Stedelijkheid;Inwonertal\n"
                    "Wassenaar;0.10 Mutaties reserves;;10.0;20.5;;;;27100\n", encoding="utf-8")
    result = run_cli("import", "cbs-iv3", str(path), "--year", "2024", "--phase", "ADOPTED", "--store", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr.decode()
    assert "1" in result.stdout.decode() and "Traceback" not in result.stderr.decode()
