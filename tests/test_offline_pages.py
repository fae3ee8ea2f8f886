"""GraphiQL (/graphql) and Swagger UI (/docs) work without internet: the pages ask only /assets/… of this
service, each of those answers with the right type, and in a real browser with every other host cut off
GraphiQL runs the example query and Swagger UI lists the operations."""

import re

import pytest

from tests.conftest import SCREENSHOTS, embedded_demo_store, gql, needs_chromium

# the pages do not depend on the back-end
demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker with the other pages that need the live service: it and this module's demo store start once
pytestmark = pytest.mark.xdist_group("live-service")

PAGES = {"/graphql": {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}, "/docs": {}}
TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png"}


def _referenced(page: str) -> list[str]:
    return re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)


@pytest.mark.parametrize("path", PAGES)
def test_the_page_asks_only_this_service(client, path):
    page = client.get(path, headers=PAGES[path])
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert not re.findall(r"https?://", page.text), "a URL to another host"
    referenced = _referenced(page.text)
    assert all(url.startswith("/") and not url.startswith("//") for url in referenced), referenced
    assets = [url for url in referenced if url.startswith("/assets/")]
    assert len(assets) >= 3
    for url in assets:
        answer = client.get(url)
        expected = TYPES[url[url.rindex("."):]]
        assert answer.status_code == 200 and expected in answer.headers["content-type"], url


def test_the_graphiql_example_answers(client):
    page = client.get("/graphql", headers={"accept": "text/html"})
    example = re.search(r'<script type="application/graphql" id="example">(.*?)</script>', page.text, re.S).group(1)
    status, body = gql(client, example)
    assert status == 200 and "errors" not in body
    assert body["data"]["municipality"]["name"] == "Meerwijk" and body["data"]["municipality"]["goals"]


def test_only_one_api_documentation(client):
    """ReDoc would be a second copy of the same documentation to vendor and keep up to date."""
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "Doelgraaf"


@needs_chromium
def test_graphiql_runs_a_query_offline(offline_page, live_service):
    page, elsewhere = offline_page
    page.goto(live_service + "/graphql")
    page.locator(".graphiql-execute-button").click(timeout=15_000)
    result = page.locator(".graphiql-response .CodeMirror")
    result.get_by_text('"Meerwijk"').wait_for(timeout=15_000)
    assert "Meer fietsen op korte afstanden" in result.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "graphiql-example.png"))
    page.get_by_role("button", name="Show GraphiQL Explorer").click()
    page.locator(".graphiql-explorer-root").get_by_text("municipality", exact=True).first.wait_for(timeout=10_000)
    page.screenshot(path=str(SCREENSHOTS / "graphiql-explorer.png"))
    assert elsewhere == []


@needs_chromium
def test_swagger_ui_lists_the_operations_offline(offline_page, live_service):
    page, elsewhere = offline_page
    page.goto(live_service + "/docs")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/graphql" in operations and "/sparql" in operations and "/id/{path}" in operations
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "swagger-ui.png"), full_page=True)
    assert elsewhere == []
