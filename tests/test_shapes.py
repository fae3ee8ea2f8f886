"""The shapes themselves: well-formed SHACL, bilingual messages and documentation on every rule."""

import pyshacl
import pytest
from doelgraaf.catalogue.shared_graphs import shapes_graph
from rdflib import Literal, URIRef
from rdflib.namespace import SH

CONSTRAINTS = [
    SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["in"], SH.minInclusive, SH.maxInclusive,
    SH.pattern, SH.nodeKind, SH["or"], SH.select,
]


def rules():
    """Every named shape or SPARQL constraint that carries a constraint."""
    g = shapes_graph()
    found = {s for c in CONSTRAINTS for s in g.subjects(c, None) if isinstance(s, URIRef)}
    return sorted(found)


def test_shapes_are_valid_shacl():
    conforms, _, text = pyshacl.validate(shapes_graph(), meta_shacl=True, inference="none")
    assert conforms, text


@pytest.mark.parametrize("rule", rules(), ids=lambda r: r.split("#")[-1])
def test_every_rule_has_a_dutch_and_english_message(rule):
    langs = {m.language for m in shapes_graph().objects(rule, SH.message) if isinstance(m, Literal)}
    assert {"nl", "en"} <= langs


def test_property_shapes_are_named():
    """Named rules let reports, tests and broken examples point at exactly one rule."""
    g = shapes_graph()
    assert not [s for s in g.objects(None, SH.property) if not isinstance(s, URIRef)]


def test_fields_carry_bilingual_descriptions():
    g = shapes_graph()
    missing = [
        str(s) for s in g.subjects(SH.name, None)
        if {d.language for d in g.objects(s, SH.description)} < {"nl", "en"}
    ]
    assert not missing
