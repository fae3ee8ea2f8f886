"""A real municipality as it is: Wassenaar's programme budget 2026 goes in with its findings, the costs
reconcile with the document, the completeness shows what is missing, and an editor closes the gaps of one
goal through mutations until that goal has nothing left to do."""

from decimal import Decimal

import pytest
from doelgraaf.api.app import create_app
from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.access import TokenRegistry
from doelgraaf.core.paths import PROJECT_ROOT
from doelgraaf.ingest.spreadsheet.importing import import_workbook
from doelgraaf.store import open_repository
from fastapi.testclient import TestClient

from tests.conftest import gql

WORKBOOK = PROJECT_ROOT / "data" / "examples" / "wassenaar-2026.xlsx"
EDITOR = "editor-token-gm0629-0123456789"
GOAL = "https://w3id.org/doelgraaf/id/GM0629/doel/P1-D1"
COMPLETENESS = ("completeness { goals goalsWithOwner goalsWithIndicator goalsWithSmartIndicator goalsWithBudget measures "
                "measuresServingGoal budgetLinesReachingGoal expenses score }")


@pytest.fixture(scope="module")
def wassenaar():
    repo = open_repository(memory=True)
    shared_graphs.install(repo)
    outcome = import_workbook(repo, WORKBOOK.read_bytes(), "GM0629", WORKBOOK.name)
    with TestClient(create_app(repo, TokenRegistry({EDITOR: "editor:GM0629"}))) as client:
        yield repo, outcome, client
    repo.close()


def _completeness(client) -> dict:
    _, body = gql(client, '{ municipality(code: "GM0629") { %s } }' % COMPLETENESS)
    return body["data"]["municipality"]["completeness"]


def test_the_real_budget_is_stored_with_its_findings(wassenaar):
    repo, outcome, client = wassenaar
    assert outcome.stored and outcome.triples > 1000
    report = outcome.reports["GM0629"]
    assert not report.blocking and len(report.violations) >= 105
    # the one negative expense in the source (6.753, a correction) is a warning to check, not a refusal
    assert any("negatief" in r.message("nl") and "-100000" in r.message("nl") for r in report.warnings)


def test_programme_costs_reconcile_with_the_document(wassenaar):
    _, _, client = wassenaar
    _, body = gql(client, '{ municipality(code: "GM0629") { programmes { code cost(year: 2026, phase: ADOPTED) { expenses revenues } } } }')
    programmes = body["data"]["municipality"]["programmes"]
    assert len(programmes) >= 5
    assert sum(Decimal(p["cost"]["expenses"]) for p in programmes) == Decimal("95520068")
    assert sum(Decimal(p["cost"]["revenues"]) for p in programmes) == Decimal("95107652")


def test_completeness_shows_what_is_missing_and_the_to_do_list_says_what_to_add(wassenaar):
    _, _, client = wassenaar
    figures = _completeness(client)
    assert (figures["goals"], figures["goalsWithOwner"], figures["goalsWithIndicator"], figures["goalsWithBudget"]) == (35, 0, 0, 0)
    assert figures["measures"] == 71 and figures["measuresServingGoal"] == 71
    assert Decimal(figures["budgetLinesReachingGoal"]) == 0 and Decimal(figures["expenses"]) > 0
    assert Decimal(figures["score"]) == Decimal("0.167")  # only "measures serving a goal" is there: 1 of 6
    _, body = gql(client, '{ municipality(code: "GM0629") { todo { focusNode label message(lang: "nl") en: message(lang: "en") severity blocking } } }')
    todo = body["data"]["municipality"]["todo"]
    mine = [t for t in todo if t["focusNode"] == GOAL]
    assert {t["severity"] for t in mine} == {"VIOLATION"} and not any(t["blocking"] for t in mine)
    assert any("eigenaar" in t["message"] for t in mine) and any("owner" in t["en"] for t in mine)


def test_an_editor_closes_the_gaps_of_one_goal_and_the_completeness_moves(wassenaar):
    _, _, client = wassenaar
    before = _completeness(client)

    def mutate(query: str) -> dict:
        status, body = gql(client, "mutation { r: %s { ok id added { message } fixed { message } violations { message } } }" % query, token=EDITOR)
        assert status == 200 and "errors" not in body, body
        return body["data"]["r"]

    holder = mutate('createPortfolioHolder(input: {label: "Wethouder Veiligheid", labelEn: "Alderman for Safety"})')
    assert holder["ok"], holder
    owned = mutate('updateGoal(id: "%s", input: {owner: "%s"})' % (GOAL, holder["id"]))
    assert owned["ok"] and any("eigenaar" in f["message"] for f in owned["fixed"]), owned
    indicator = mutate('createIndicator(input: {of: "%s", kind: EFFECT, label: "Ervaren veiligheid", unit: "rapportcijfer", '
                       'baseline: {value: "6.8", year: 2024}, target: {value: "7.2", year: 2026}})' % GOAL)
    assert indicator["ok"] and any("indicator" in f["message"] for f in indicator["fixed"]), indicator
    measure = mutate('createMeasure(input: {label: "Buurtpreventie uitbreiden", goals: ["%s"], budgetLines: [{label: "Buurtpreventie 2026", '
                     'amount: "45000", fiscalYear: 2026, phase: ADOPTED, direction: EXPENSE, taakveld: "1.2"}]})' % GOAL)
    assert measure["ok"] and any("budget" in f["message"] for f in measure["fixed"]), measure

    _, body = gql(client, '{ node(id: "%s") { ... on Goal { todo { message severity } } } }' % GOAL)
    assert body["data"]["node"]["todo"] == []  # nothing left to do for this goal
    after = _completeness(client)
    assert after["goalsWithOwner"] == before["goalsWithOwner"] + 1
    assert after["goalsWithIndicator"] == before["goalsWithIndicator"] + 1
    assert after["goalsWithSmartIndicator"] == before["goalsWithSmartIndicator"] + 1
    assert after["goalsWithBudget"] == before["goalsWithBudget"] + 1
    assert Decimal(after["score"]) > Decimal(before["score"])


def test_an_edit_that_adds_a_violation_is_refused_and_says_why(wassenaar):
    _, _, client = wassenaar
    status, body = gql(client, 'mutation { r: updateGoal(id: "%s", input: {programme: "https://w3id.org/doelgraaf/id/GM0629/doel/P1-D2"}) '
                               '{ ok added { message blocking } } }' % GOAL, token=EDITOR)
    result = body["data"]["r"]
    assert result["ok"] is False and any("programma" in a["message"] for a in result["added"]), result


def test_the_ranking_lists_the_municipality(wassenaar):
    _, _, client = wassenaar
    _, body = gql(client, '{ completenessComparison { municipality { code name } rank completeness { score goals } } }')
    rows = body["data"]["completenessComparison"]
    assert [r["municipality"]["code"] for r in rows] == ["GM0629"] and rows[0]["rank"] == 1
    assert rows[0]["municipality"]["name"] == "Wassenaar" and rows[0]["completeness"]["goals"] == 35


def test_the_command_line_stores_it_and_strict_refuses(tmp_path, capsys):
    from doelgraaf.cli.commands import main
    from doelgraaf.store.embedded import EmbeddedRepository

    strict_store, store = tmp_path / "strict", tmp_path / "store"
    assert main(["import", "xlsx", str(WORKBOOK), "--municipality", "GM0629", "--strict", "--store", str(strict_store)]) == 1
    assert "niets opgeslagen" in capsys.readouterr().out
    assert main(["import", "xlsx", str(WORKBOOK), "--municipality", "GM0629", "--store", str(store)]) == 0
    out = capsys.readouterr().out
    assert "opgeslagen, met 1" in out and "bevinding(en) om op te lossen" in out
    for path, expected in ((strict_store, 0), (store, 1)):
        repo = EmbeddedRepository(path)
        sizes = repo.graph_sizes()
        repo.close()
        assert (sizes.get("https://w3id.org/doelgraaf/graph/GM0629", 0) > 0) == bool(expected)


def test_every_municipality_with_data_dereferences(wassenaar):
    _, _, client = wassenaar
    page = client.get("/id/gemeente/GM0629", headers={"accept": "text/turtle"})
    assert page.status_code == 200 and "Wassenaar" in page.text
