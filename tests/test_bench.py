"""The benchmark harness (bench/) still runs end to end: tiny scale, one run, into a temporary directory.

Two small municipalities, one round, two dashboard views, half a second per throughput level at 1, 4 and 8 clients (32 would add
seconds of queued requests, not a different code path), and row 12 on the embedded store and an Oxigraph server (Virtuoso
takes the same path and ten seconds more to start). It checks that every measurement of issue 5 produced a
figure, that query 2's GraphQL and SPARQL answers agree, and that bench/RESULTS.md is left alone. The figures
themselves are not judged here.
"""

from pathlib import Path

from tests.conftest import ROOT


def test_the_harness_runs_end_to_end(tmp_path):
    from bench.run import run

    results = ROOT / "bench" / "RESULTS.md"
    before = results.read_bytes() if results.exists() else None
    report = run(municipalities=2, runs=1, load_runs=1, warmup=0, throughput_seconds=0.5, programme_scale=0.15,
                 clients=(1, 4, 8), dashboard_views=("geld", "vergelijk"), dashboard_demo=False, backends=("embedded", "oxigraph"), out=tmp_path / "out", results=tmp_path / "RESULTS.md", command="python -m bench.run (test)")

    assert report["errors"] == []
    assert report["dataset"]["municipalities"] == 2 and report["dataset"]["triples"] > 0
    assert report["load"][0]["bulk_seconds"] > 0 and report["load"][0]["store_bytes"] > 0
    assert report["load"][-1]["floor"]["quads"] == report["dataset"]["triples"]
    measured = report["inprocess"]
    assert measured["answers_agree"], measured["differences"]
    for key in ("graphql", "graphql_cold", "sparql", "benchmark_6.1", "benchmark_6_cold", "benchmark_graphql_6.1",
                "benchmark_graphql_6_cold", "validate_one", "validate_one_warm", "mutation"):
        assert measured[key]["samples"], key
    assert measured["mutation"]["stored"]
    assert measured["validate_all"]["municipalities"] == 2 and measured["validate_all"]["conforming"] == 2
    for mode in ("levels", "levels_rotating"):
        assert [level["clients"] for level in report["throughput"][mode]] == [1, 4, 8]
    assert report["throughput"]["rss_after"]["VmRSS"] > 0
    assert report["naive"]["answers_agree"]
    assert len(report["sparql_endpoint"]["queries"]) == 3 and report["sparql_endpoint"]["floor"]["samples"]
    assert report["throughput"]["rss_children_after"] > 0
    for figures in report["sparql_endpoint"]["queries"].values():
        assert figures["doelgraaf"]["samples"] and figures["throughput_oxigraph"]["requests"] > 0

    # two views with charts on the national store: the path every view takes (the demo's store only adds set-up time)
    assert set(report["dashboards"]["views"]) == {"geld", "vergelijk"}
    assert all(view["samples"] and view["first"] > 0 for view in report["dashboards"]["views"].values())

    # row 12: both back-ends loaded with the same data, measured in turn, the same answers
    backends = report["backends"]["backends"]
    for kind in ("embedded", "oxigraph"):
        assert backends[kind]["load"]["cbs"] and backends[kind]["measure"]["contract"]["write"]["samples"], kind
    assert backends["oxigraph"]["measure"]["contract_same_answer"] and backends["oxigraph"]["measure"]["benchmark_same_answer"]
    assert backends["oxigraph"]["measure"]["requests"]["contract write"]["per_run"]["http"]["count"] > 0

    text = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    assert "| 12 | vraag 2 via GraphQL" in text and "## Rij 12" in text
    assert "| 1 | bulk load" in text and "ondergrens" in text and "| 7 |" in text and "| 8 | /sparql" in text and "| 11 | `/app/` geld" in text
    assert (results.read_bytes() if results.exists() else None) == before
    assert not any(Path(tmp_path / "out").glob("store-*"))  # the store is removed afterwards


def test_row_12_replaces_only_itself(tmp_path):
    """bench.backends on its own puts its rows and note into RESULTS.md in place of the earlier ones, nothing else."""
    from bench.backends import splice

    results = tmp_path / "RESULTS.md"
    results.write_text("# R\n\n## Resultaten / results\n\n| # | a |\n|---|---|\n| 1 | x |\n| 11 | y |\n\n"
                       "## Omstandigheden / conditions\n\nload\n", encoding="utf-8")
    splice(results, ["| 12 | old |"], "old note")
    splice(results, ["| 12 | new |", "| 12 | new too |"], "new note")
    text = results.read_text(encoding="utf-8")
    assert "old" not in text and text.count("## Rij 12") == 1
    assert "| 11 | y |\n| 12 | new |\n| 12 | new too |\n\n## Rij 12" in text
    assert text.index("new note") < text.index("## Omstandigheden") and text.endswith("load\n")
