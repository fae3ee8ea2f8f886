"""A short load test against the service as `make run` starts it: no errors, no lost writes.
The full run (50 clients, 30 s) is `python -m bench.load_test`; its figures are in bench/LOADTEST.md."""

from bench.load_test import run


def test_concurrent_clients_lose_no_writes():
    summary = run(clients=8, seconds=6, write_share=0.2, results_file=None)
    assert summary["requests"] > 8 and summary["writes_ok"] > 0
    assert summary["errors"] == 0
    assert summary["lost_writes"] == 0
