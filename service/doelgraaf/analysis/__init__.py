"""Answers computed from the store: cost, progress, comparisons, listings, descriptions, exports."""
