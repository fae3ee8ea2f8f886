"""The SKOS vocabularies in ontology/vocab, generated from the fact files in data/reference.

The Turtle files are committed so that reusers need no Python; they are never edited by hand. `python -m
doelgraaf.tools.vocabularies` rewrites them, and a test fails when a file no longer equals a fresh build from the facts.
"""

from doelgraaf.tools.vocabularies import (
    budget_terms,
    document_types,
    economic_categories,
    municipalities,
    policy_indicators,
    roles,
    sdgs,
    taakvelden,
)

VOCABULARIES = {
    "taakvelden.ttl": taakvelden.build,
    "economische-categorieen.ttl": economic_categories.build,
    "beleidsindicatoren.ttl": policy_indicators.build,
    "sdg.ttl": sdgs.build,
    "gemeenten.ttl": municipalities.build,
    "rollen.ttl": roles.build,
    "documentsoorten.ttl": document_types.build,
    "begroting.ttl": budget_terms.build,
}
"""File name in ontology/vocab -> the function that builds its graph."""
