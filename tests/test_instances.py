"""Two service processes over one Oxigraph server, as behind a load balancer (docs/stores.md): a write through
one is in the other's next answer, and edits of one municipality through both at once all arrive."""

import contextlib
import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.conftest import EDITOR, doelgraaf_serve, endpoint_options, remote_repository, run_cli

pytestmark = pytest.mark.xdist_group("instances")

ID = "https://w3id.org/doelgraaf/id/GM9999/"
GOAL = ID + "doel/duurzaam-verkeer"
DEMO = "data/examples/gm9999-meerwijk.ttl"
CREATE = """mutation($label: String!) { createGoal(input: {
    label: $label, owner: "%spost/wethouder-duurzaamheid", programme: "%sprogramma/duurzaamheid-en-mobiliteit",
    sdgs: ["11"], servedBy: ["%smaatregel/snelfietsroute"],
    indicators: [{kind: EFFECT, label: "Tevredenheid", unit: "rapportcijfer", baseline: {value: "6.1", year: 2022}, target: {value: "7.0", year: 2026}}]
}) { ok id violations { message } } }""" % (ID, ID, ID)


@pytest.fixture(scope="module")
def two_instances(sparql_servers, tmp_path_factory):
    endpoint = sparql_servers("oxigraph")
    remote_repository(endpoint).close()
    assert run_cli("load", DEMO, "--municipality", "GM9999", *endpoint_options(endpoint)).returncode == 0
    tokens = tmp_path_factory.mktemp("instances") / "tokens.json"
    tokens.write_text(json.dumps({EDITOR: "editor:GM9999"}))
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(doelgraaf_serve(*endpoint_options(endpoint), "--tokens", str(tokens))).url for _ in range(2)]


def ask(url: str, query: str, variables: dict | None = None, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(url + "/graphql", json={"query": query, "variables": variables or {}}, headers=headers, timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def label(url: str) -> str:
    return ask(url, '{ node(id: "%s") { ... on Goal { label } } }' % GOAL)["node"]["label"]


def goals(url: str) -> set[str]:
    return {goal["id"] for goal in ask(url, '{ municipality(code: "GM9999") { goals { id } } }')["municipality"]["goals"]}


def test_a_write_through_one_instance_is_in_the_next_answer_of_the_other(two_instances):
    first, second = two_instances
    for writer, reader, text in [(first, second, "Fietsen door A"), (second, first, "Fietsen door B")]:
        assert label(reader) != text  # the reader has the old answer kept
        label(reader)
        result = ask(writer, 'mutation { updateGoal(id: "%s", input: {label: "%s"}) { ok } }' % (GOAL, text), token=EDITOR)
        assert result["updateGoal"]["ok"] is True
        assert label(reader) == text and label(writer) == text


def test_edits_of_one_municipality_through_both_instances_at_once_all_arrive(two_instances):
    before = goals(two_instances[0])
    goals(two_instances[1])  # both keep their working copy of GM9999 from here

    def create(n: int) -> str:
        result = ask(two_instances[n % 2], CREATE, {"label": f"Doel {n} van twee instanties"}, token=EDITOR)["createGoal"]
        assert result["ok"] is True, result["violations"]
        return result["id"]

    with ThreadPoolExecutor(8) as pool:
        created = set(pool.map(create, range(16)))
    assert len(created) == 16
    for url in two_instances:
        assert goals(url) == before | created  # none lost, none twice
