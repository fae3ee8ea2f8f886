"""Property-based tests (hypothesis): importers answer any input with data or a clear UserError, never a crash."""

import json

from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.errors import UserError
from doelgraaf.ingest import cbs_iv3
from doelgraaf.ingest.municipality_graphs import split_by_municipality
from doelgraaf.ingest.rdf_files import FORMATS, parse_bytes
from doelgraaf.store import open_repository
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = open_repository(memory=True)
shared_graphs.install(REPO)

TURTLE_PIECES = st.sampled_from([
    "<http://example.org/a>", "<https://w3id.org/doelgraaf/id/GM9999/x>", '"tekst"', '"tekst"@nl', "1.5", "[", "]", "(", ")",
    ";", ",", ".", "a", "_:b", "@prefix ex: <http://example.org/> .", "ex:x", "<javascript:x>", '"""lang"""', "\n", " ",
    "<https://w3id.org/doelgraaf/graph/GM0001>", "{", "}", "GRAPH", "<file:///etc/passwd>", '"\\u0000"',
])


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(TURTLE_PIECES, max_size=30), format_name=st.sampled_from(["turtle", "trig", "ntriples", "nquads"]))
def test_rdf_text_is_parsed_or_refused_cleanly(pieces, format_name):
    data = " ".join(pieces).encode()
    try:
        document = parse_bytes(data, format_name, "hypothesis")
    except UserError as error:
        assert error.nl and error.en and error.where
        return
    try:
        split_by_municipality([document], ["GM9999"])
    except UserError as error:
        assert error.nl and error.en


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300), format_name=st.sampled_from(sorted(FORMATS)))
def test_any_bytes_are_parsed_or_refused_cleanly(data, format_name):
    try:
        parse_bytes(data, format_name, "hypothesis")
    except UserError as error:
        assert error.nl and error.en


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.sampled_from(["http://example.org/x", "@id", "@context", "@graph"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["@id", "@context", "@graph", "@type", "@value", "@import", "http://example.org/p", "x"]), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(document=JSON_VALUES)
def test_jsonld_is_parsed_or_refused_cleanly(document):
    try:
        parse_bytes(json.dumps(document).encode(), "jsonld", "hypothesis")
    except UserError as error:
        assert error.nl and error.en


CSV_CELLS = st.sampled_from(["Wassenaar", "Nederland", "Onbekend", "0.10 Mutaties reserves", "6.71a Huishoudelijke hulp", "9.9 X",
                             "", "12.5", "-3", "1e3", "abc", "27100", "x;y", '"'])


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.lists(CSV_CELLS, min_size=5, max_size=5), max_size=6))
def test_cbs_files_are_read_or_refused_cleanly(rows):
    text = "Gemeenten;Taakveld;Baten;Lasten;Inwonertal\n" + "\n".join(";".join(r) for r in rows)
    try:
        triples, report = cbs_iv3.read(REPO, text.encode(), "h.csv", 2024, "ADOPTED")
    except UserError as error:
        assert error.nl and error.en
        return
    assert report.lines * 8 + report.municipalities * 10 == len(triples)
