"""The repository contract, run on the embedded store and on a real remote SPARQL endpoint."""

from decimal import Decimal

import pyoxigraph as ox
import pytest

G1 = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM0001")
G2 = ox.NamedNode("https://w3id.org/doelgraaf/graph/GM0002")
EX = "https://w3id.org/doelgraaf/id/test/"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def t(s, o):
    return ox.Triple(ox.NamedNode(EX + s), LABEL, o if not isinstance(o, str) else ox.Literal(o, language="nl"))


def test_replace_and_read_graphs(repository):
    repository.replace_graphs({G1: [t("a", "A"), t("b", "B")], G2: [t("c", "C")]})
    assert sorted(str(x) for x in repository.graph_triples(G1)) == sorted(str(x) for x in [t("a", "A"), t("b", "B")])
    assert repository.graph_sizes() == {G1.value: 2, G2.value: 1}
    repository.replace_graphs({G1: [t("z", "Z")]})
    assert [str(x) for x in repository.graph_triples(G1)] == [str(t("z", "Z"))]
    assert repository.graph_sizes()[G2.value] == 1


def test_select_binds_values_without_pasting_text(repository):
    evil = ox.Literal('x" } } ; DROP ALL ; INSERT DATA { <http://e/a> <http://e/b> "c" } #', language="nl")
    repository.replace_graphs({G1: [t("a", "A"), t("evil", evil)]})
    query = "SELECT ?s WHERE { GRAPH ?graph { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } }"
    rows = repository.select(query, bindings={"graph": G1, "label": evil}).rows
    assert rows == [(ox.NamedNode(EX + "evil"),)]
    rows = repository.select(query, bindings={"graph": G1}, table=(["label"], [[ox.Literal("A", language="nl")], [evil]])).rows
    assert sorted(r[0].value for r in rows) == [EX + "a", EX + "evil"]
    assert repository.graph_sizes() == {G1.value: 2}


def test_select_limit_stops_reading(repository):
    repository.replace_graphs({G1: [t(str(i), str(i)) for i in range(50)]})
    result = repository.select("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", limit=10)
    assert result.variables == ["s"] and len(result.rows) == 10


def test_construct_and_ask(repository):
    repository.replace_graphs({G1: [t("a", "A")]})
    triples = repository.construct("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": G1})
    assert [str(x) for x in triples] == [str(t("a", "A"))]
    assert repository.ask("ASK { GRAPH ?g { ?s ?p ?o } }", bindings={"g": G1})
    assert not repository.ask("ASK { GRAPH ?g { ?s ?p ?o } }", bindings={"g": G2})


def test_modify_graph(repository):
    repository.replace_graphs({G1: [t("a", "A"), t("b", "B")]})
    repository.modify_graph(G1, delete=[t("a", "A")], insert=[t("a", "A2")])
    assert sorted(str(x) for x in repository.graph_triples(G1)) == sorted(str(x) for x in [t("a", "A2"), t("b", "B")])


def test_writes_are_all_or_nothing(repository):
    repository.replace_graphs({G1: [t("a", "A")]})

    def failing():
        yield t("new", "N")
        raise RuntimeError("input broke off halfway")

    with pytest.raises(RuntimeError):
        repository.replace_graphs({G1: [t("new", "N")], G2: failing()})
    with pytest.raises(RuntimeError):
        repository.modify_graph(G1, delete=[t("a", "A")], insert=failing())
    assert [str(x) for x in repository.graph_triples(G1)] == [str(t("a", "A"))]
    assert G2.value not in repository.graph_sizes()


def test_blank_nodes_of_two_writes_never_merge(repository):
    node = ox.BlankNode("same")
    repository.modify_graph(G1, delete=[], insert=[ox.Triple(node, LABEL, ox.Literal("first"))])
    repository.modify_graph(G1, delete=[], insert=[ox.Triple(node, LABEL, ox.Literal("second"))])
    subjects = {str(x.subject) for x in repository.graph_triples(G1)}
    assert len(subjects) == 2


def test_literals_survive_round_trip(repository):
    odd = [
        ox.Literal("tekst met \"quotes\", \\ backslash en\nnieuwe regel", language="nl"),
        ox.Literal("0.10"),
        ox.Literal("1250000.00", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
        ox.Literal("2025", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")),
    ]
    triples = [t(f"o{i}", lit) for i, lit in enumerate(odd)]
    repository.replace_graphs({G1: triples})
    stored = {x.subject.value: x.object for x in repository.graph_triples(G1)}
    for i, literal in enumerate(odd):
        back = stored[EX + f"o{i}"]
        assert (back.language, back.datatype) == (literal.language, literal.datatype)
        if literal.datatype.value.endswith("#decimal"):  # Oxigraph keeps the canonical form: 1250000
            assert Decimal(back.value) == Decimal(literal.value)
        else:
            assert back.value == literal.value
