"""Benchmarks: ``make bench`` runs ``python -m bench.run`` and rewrites docs/BENCHMARKS.md."""
