"""Benchmarks of Doelgraaf at national scale (see bench/README.md); never part of the timed tests."""
