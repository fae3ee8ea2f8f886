"""The /sparql page in a real browser (Debian's Chromium, driven by Playwright), with no internet:
an example runs and its rows appear, a syntax error is shown with its line, nothing is asked elsewhere."""

import pytest

from tests.conftest import SCREENSHOTS, needs_chromium

# on one worker with the other pages that need the live service, which then starts once
pytestmark = [needs_chromium, pytest.mark.xdist_group("live-service")]


def test_the_page_runs_an_example_offline(browser, live_service):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(live_service + "/sparql")
    page.get_by_role("button", name="Doelen van een gemeente met eigenaar en kosten").click()
    page.wait_for_selector(".yasr .dataTable tbody tr", timeout=15_000)
    rows = page.locator(".yasr .dataTable tbody tr")
    assert rows.count() == 16
    assert "Meer fietsen op korte afstanden" in page.locator(".yasr .dataTable").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "sparql-example.png"))
    assert all(url.startswith(live_service) for url in asked), [u for u in asked if not u.startswith(live_service)]
    page.close()


def test_the_page_shows_where_a_query_is_wrong(browser, live_service):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(live_service + "/sparql")
    page.evaluate("window.doelgraafYasgui.getTab().setQuery('SELECT * WHERE {\\n  ?s ?p ?o .\\n  FILTER (?o = )\\n}')")
    page.evaluate("window.doelgraafYasgui.getTab().query()")
    error = page.locator(".yasr .errorResult")
    error.wait_for(timeout=15_000)
    assert "regel 3" in error.inner_text() and "line 3" in error.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "sparql-error.png"))
    page.close()
