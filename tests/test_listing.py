"""The lists of a municipality (goals, measures, resources of a kind) are the same whether the .rq files
answer them or the in-memory index of the graph does (only the embedded store keeps such an index)."""

import pyoxigraph as ox
import pytest
from doelgraaf.analysis import graph_index, listing
from doelgraaf.core.namespaces import DG, municipality_graph

from tests.conftest import embedded_demo_store

demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: the module's demo store is built once, not on each worker
pytestmark = pytest.mark.xdist_group("listing")
KINDS = [DG.Programme, DG.Indicator, DG.SocietalChallenge, DG.Trend, DG.Measure, DG.Goal]


def test_lists_from_memory_equal_lists_from_the_store(demo):
    graph = str(municipality_graph("GM9999"))

    def lists():
        return listing.goals(demo, graph), listing.measures(demo, graph), [listing.of_type(demo, graph, str(k)) for k in KINDS]

    demo.modify_graph(ox.NamedNode(graph), delete=[], insert=[])  # any index of the graph is now out of date
    assert graph_index.ready(demo, graph) is None
    from_store = lists()
    assert graph_index.index(demo, graph) is not None
    from_memory = lists()
    assert from_memory == from_store
    goals, measures, kinds = from_memory
    assert len(goals) == 16 and len(measures) >= 34 and all(kinds)
