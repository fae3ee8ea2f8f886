"""The /id/… pages for people: the thing's name and kind as heading, Dutch names of properties with English
beside them, links by the names of what they point to and inside the service, what refers to the thing,
money in Dutch notation, accessible HTML; and the same address in RDF, with Vary: Accept on both."""

import re

import pytest

from tests.conftest import SCREENSHOTS, embedded_demo_store, needs_chromium

# the pages do not depend on the back-end
demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker with the other pages that need the live service: it and this module's demo store start once
pytestmark = pytest.mark.xdist_group("live-service")

GOAL = "/id/GM9999/doel/duurzaam-verkeer"
HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def _page(client, path: str) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "Accept" in response.headers["vary"]
    return response.text


def _links(page: str) -> dict[str, str]:
    """href -> link text (without markup)."""
    return {href: re.sub(r"<[^>]+>", "", text) for href, text in re.findall(r"<a href='([^']+)'>(.*?)</a>", page)}


def test_a_goal_reads_as_a_page_for_a_clerk(client):
    page = _page(client, GOAL)
    assert "<h1>Meer fietsen op korte afstanden <span lang='en' class='en'>More cycling over short distances</span></h1>" in page
    assert "<p class='kind'>doel <span lang='en' class='en'>goal</span></p>" in page
    links = _links(page)
    # the owner by its label, not its slug, and on this service
    assert links["/id/GM9999/post/wethouder-duurzaamheid"] == "Wethouder Duurzaamheid en Mobiliteit"
    assert links["/id/GM9999/programma/duurzaamheid-en-mobiliteit"] == "Programma 2: Duurzaamheid en Mobiliteit"
    assert links["/vocab/sdg#sdg-11"] == "11 Duurzame steden en gemeenschappen"
    assert ">wethouder-duurzaamheid<" not in page and "w3id.org/doelgraaf/id/GM9999/post" not in page.replace(
        "<code>https://w3id.org/doelgraaf/id/GM9999/doel/duurzaam-verkeer</code>", "")
    assert not [href for href in links if "w3id.org" in href]
    # properties by their Dutch names, from the ontology and, for reused terms, from our own table
    for name in ("eigenaar (portefeuillehouder) <span lang='en' class='en'>owner (portfolio holder)</span>",
                 "beschrijving <span lang='en' class='en'>description</span>", "soort <span lang='en' class='en'>type</span>",
                 "valt onder programma"):
        assert f">{name}" in page, name
    # Dutch first: the Dutch description comes before the English one, which is marked as English
    assert page.index("Inwoners nemen voor korte ritten") < page.index("<span lang='en' class='en'>Residents cycle")
    # what refers to it: the measures that serve it
    referred = page[page.index("Wordt gebruikt door"):]
    assert ">dient doel <span lang='en' class='en'>serves</span>" in referred
    assert "Snelfietsroute Meerwijk-Stad en fietsstraten" in referred


def test_every_link_on_a_page_answers(client):
    ontology = client.get("/ontology", headers=HTML).text
    sdg = client.get("/vocab/sdg", headers=HTML).text
    for path in (GOAL, "/id/GM9999/begroting/bouwversnellingsteam-2023-primitief-lasten", "/id/taakveld/8.3"):
        for href in _links(_page(client, path)):
            if href.startswith("?"):
                continue
            address, _, fragment = href.partition("#")
            assert client.get(address, headers=HTML).status_code == 200, href
            if fragment:
                document = {"/ontology": ontology, "/vocab/sdg": sdg}.get(address) or client.get(address, headers=HTML).text
                assert f"id=\"{fragment}\"" in document or f"id='{fragment}'" in document, href


def test_money_numbers_and_unnamed_parts(client):
    line = _page(client, "/id/GM9999/begroting/bouwversnellingsteam-2023-primitief-lasten")
    assert "<span class='number'>€ 450.000</span>" in line
    assert _links(line)["/id/taakveld/8.3"] == "8.3 Wonen en bouwen"
    indicator = _page(client, "/id/GM9999/indicator/fietsaandeel")
    # a baseline is an unnamed node: its value and year inline, no link to its generated IRI
    assert "nulmeting <span lang='en' class='en'>baseline</span></th><td><ul><li>waarde <span class='number'>41</span> · jaar 2022" in indicator
    assert ".well-known/genid" not in indicator
    municipality = _page(client, "/id/gemeente/GM9999")
    assert "<h1>Meerwijk</h1>" in municipality and "gemeente <span lang='en' class='en'>municipality</span>" in municipality


def test_the_same_name_twice_is_told_apart(client):
    names = [text for href, text in _links(_page(client, "/id/taakveld/8.3")).items() if "/naam/" in href]
    assert names == ["Wonen en bouwen (2017)", "Wonen en bouwen (2023)", "Wonen en bouwen (2025)"]


def test_accessible_markup(client):
    page = _page(client, GOAL)
    assert page.startswith("<!doctype html><html lang='nl'>") and "<main>" in page
    assert "<th scope='col'>" in page and "<th scope='row'" in page and "<th>" not in page
    css = client.get("/assets/resource.css")
    assert css.status_code == 200 and ":focus-visible" in css.text


@pytest.mark.parametrize("path", [GOAL, "/ontology", "/vocab/sdg", "/sparql"])
def test_html_and_rdf_at_one_address_vary_by_accept(client, path):
    for accept in ("text/html", "text/turtle"):
        response = client.get(path, headers={"accept": accept})
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        assert "Accept" in response.headers["vary"], (path, accept)


def test_unknown_resources_are_404_in_both(client):
    for accept in ("text/html", "text/turtle"):
        assert client.get("/id/GM9999/bestaat-niet", headers={"accept": accept}).status_code == 404


@needs_chromium
def test_a_resource_page_in_a_browser(offline_page, live_service):
    page, elsewhere = offline_page
    page.set_viewport_size({"width": 1100, "height": 1300})
    page.goto(live_service + GOAL)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Meer fietsen op korte afstanden")
    page.get_by_role("link", name="Wethouder Duurzaamheid en Mobiliteit").focus()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "resource-goal.png"), full_page=True)
    page.goto(live_service + "/id/GM9999/begroting/bouwversnellingsteam-2023-primitief-lasten")
    page.screenshot(path=str(SCREENSHOTS / "resource-budget-line.png"), full_page=True)
    assert elsewhere == []
