"""The dashboards under /app/ in a real browser (Debian's Chromium, driven by Playwright), offline, on the demo
and on Wassenaar's stored programme budget with the CBS figures: what a person sees equals what GraphQL says,
the keyboard reaches everything, axe-core finds nothing serious, and the pages ask nothing of other hosts."""

import json
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from doelgraaf.core.numbers import euro
from playwright.sync_api import expect

from tests.conftest import EDITOR, PARTNER, SCREENSHOTS, demo_repository, needs_chromium, offline, serving

pytestmark = [needs_chromium, pytest.mark.xdist_group("browser-app")]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WASSENAAR_EDITOR = "editor-token-gm0629-0123456789"
CBS = [("iv3_2024_begroting.csv", 2024, "ADOPTED"), ("iv3_2025_begroting.csv", 2025, "ADOPTED")]
DEMO_VIEWS = {"": "doelenboom", "/geld": "geld", "/voortgang": "voortgang", "/te-doen": "te-doen", "/meedoen": "meedoen"}


@pytest.fixture(scope="session")
def service():
    """Session-wide: xdist may run another module's tests between this module's, which would start it twice."""
    from doelgraaf.core.paths import DATA_DIR, EXAMPLES_DIR
    from doelgraaf.ingest import cbs_iv3
    from doelgraaf.ingest.spreadsheet.importing import import_workbook
    from doelgraaf.store import open_repository

    repo = demo_repository(open_repository(memory=True))
    for name, year, phase in CBS:
        cbs_iv3.import_file(repo, DATA_DIR / "cbs-iv3" / name, year, phase)
    workbook = EXAMPLES_DIR / "wassenaar-2026.xlsx"
    assert import_workbook(repo, workbook.read_bytes(), "GM0629", workbook.name).stored
    with serving(repo, {EDITOR: "editor:GM9999", WASSENAAR_EDITOR: "editor:GM0629", PARTNER: "partner:GM9999:meerwijk-wekt"}) as url:
        yield url
    repo.close()


def graphql(url: str, query: str, variables: dict | None = None) -> dict:
    body = httpx.post(url + "/graphql", json={"query": query, "variables": variables or {}}, timeout=60).json()
    assert "errors" not in body, body
    return body["data"]


def dutch_money(value: str) -> str:
    """What the page shows for a GraphQL amount: the notation of every other page of the service."""
    return euro(Decimal(value))


def test_dutch_money_is_the_notation_people_read():
    assert dutch_money("1234567.00") == "€ 1.234.567"
    assert dutch_money("282960.50") == "€ 282.960,50"
    assert dutch_money("-12.5") == "€ -12,50"


@pytest.fixture
def page(browser, service):
    """A page that may ask only the service, and whose scripts raise no error."""
    with offline(browser, service, {"width": 1280, "height": 900}) as (opened, elsewhere):
        errors = []
        opened.on("pageerror", lambda error: errors.append(str(error)))
        yield opened
    assert not elsewhere, elsewhere
    assert not errors, errors


def visit(page, url: str, ready: str):
    page.goto(url)
    page.wait_for_selector(f'html[data-ready="{ready}"]', timeout=20_000)


def shoot(page, name: str):
    page.wait_for_selector("html[data-complete]", timeout=20_000)  # the charts further down too
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"app-{name}.png"), full_page=True)


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const found = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']});
        return {passes: found.passes.length, violations: found.violations.map(v => ({id: v.id, impact: v.impact,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))};
    }""")
    assert result["passes"] > 10  # axe ran its rules, among them colour contrast, on the drawn page
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def axe_finds_nothing_serious(page):
    """Run axe on the view just visited; a test that opens a view anyway checks it here, right after the visit
    (as test_axe_finds_nothing_serious does for the other views), instead of loading it once more."""
    found = axe_violations(page)
    assert not found, json.dumps(found, indent=1)


def test_start_finds_a_municipality_and_shows_what_data_it_has(page, service):
    visit(page, service + "/app/", "start")
    axe_finds_nothing_serious(page)
    page.wait_for_selector("html[data-complete]")  # the count of how far each one is, filled in after the list
    rows = page.locator("#gemeenten tr")
    assert page.locator("#gevonden").inner_text() == "343 gemeenten gevonden"  # 342 of the CBS and the demo
    page.get_by_label("Zoek een gemeente").fill("wassen")
    assert rows.count() == 1
    row = rows.first.inner_text()
    assert "GM0629" in row and "Wassenaar" in row and "35" in row  # its own goals
    assert "2024 begroot, 2025 begroot" in row
    page.get_by_label("Zoek een gemeente").fill("gm9999")
    assert "Meerwijk" in rows.first.inner_text() and rows.first.locator("td").nth(4).inner_text() == "geen"
    shoot(page, "start")
    page.get_by_role("link", name="Meerwijk").click()
    page.wait_for_selector('html[data-ready="doelenboom"]')
    assert page.url.endswith("/app/gemeente/GM9999")
    assert page.locator("h1").inner_text() == "Doelenboom — Meerwijk"


def test_the_doelenboom_shows_each_goal_with_owner_and_cost_as_graphql_says(page, service):
    data = graphql(service, """{ municipality(code: "GM9999") { completeness { goals goalsWithOwner }
        goals(first: 1000) { id label owner { label } cost(year: 2026, phase: ADOPTED) { expenses } todo { severity } } } }""")["municipality"]
    visit(page, service + "/app/gemeente/GM9999", "doelenboom")
    assert f"{data['completeness']['goalsWithOwner']}/{data['completeness']['goals']}" in page.locator(".completeness").inner_text()
    for goal in data["goals"]:
        card = page.locator(f'li.goal[data-goal="{goal["id"]}"]').first
        assert card.locator("h3").inner_text() == goal["label"]
        facts = card.locator("p.facts").first.inner_text()
        assert goal["owner"]["label"] in facts
        assert card.locator(".amount").inner_text() == dutch_money(goal["cost"]["expenses"])
        severities = {f["severity"] for f in goal["todo"]}
        expected = "ontbreekt iets" if "VIOLATION" in severities else "SMART-waarschuwing" if severities else "compleet"
        assert card.locator(".status").inner_text() == expected
    shoot(page, "doelenboom-demo")


def test_filters_narrow_the_tree_and_can_be_linked(page, service):
    programmes = graphql(service, '{ municipality(code: "GM9999") { programmes { id code goals { id } } } }')["municipality"]["programmes"]
    two = next(p for p in programmes if p["code"] == "2")
    visit(page, service + "/app/gemeente/GM9999", "doelenboom")
    page.get_by_label("Programma").focus()
    page.get_by_label("Programma").select_option(two["id"])
    page.wait_for_selector('html[data-ready="doelenboom"]')
    shown = {page.locator("li.goal").nth(i).get_attribute("data-goal") for i in range(page.locator("li.goal").count())}
    assert shown == {g["id"] for g in two["goals"]}
    assert "programma=" in page.url
    assert page.evaluate("document.activeElement.id") == "f-programme"  # the keyboard stays on the filter
    page.get_by_label("SDG").select_option("16")
    page.wait_for_selector('html[data-ready="doelenboom"]')
    assert page.locator("li.goal").count() == 0 or all("16" in page.locator("li.goal").nth(i).inner_text() for i in range(page.locator("li.goal").count()))


def test_a_red_goal_says_what_is_missing_on_hover_and_on_keyboard_focus(page, service):
    goal = "https://w3id.org/doelgraaf/id/GM0629/doel/P1-D1"
    todo = graphql(service, '{ node(id: "%s") { ... on Goal { todo { message severity } } } }' % goal)["node"]["todo"]
    visit(page, service + "/app/gemeente/GM0629", "doelenboom")
    axe_finds_nothing_serious(page)
    card = page.locator(f'li.goal[data-goal="{goal}"]').first
    status = card.locator("button.status")
    assert status.inner_text() == "ontbreekt iets" and "red" in status.get_attribute("class")
    assert card.locator(".amount").inner_text() == "geen begrotingsregels"  # no budget is not € 0
    tip = card.locator('[role="tooltip"]')
    assert not tip.is_visible()
    status.hover()
    assert tip.is_visible()
    for finding in todo:
        assert finding["message"] in tip.inner_text()
    assert any("eigenaar" in f["message"] for f in todo) and any("budget" in f["message"] for f in todo)
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    status.focus()
    assert tip.is_visible()
    assert page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-describedby')).textContent").strip().startswith(todo[0]["message"][:20])
    shoot(page, "doelenboom-wassenaar")


def test_the_doelenboom_is_usable_with_the_keyboard_alone(page, service):
    visit(page, service + "/app/gemeente/GM9999", "doelenboom")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    seen = []
    for _ in range(60):  # through the filters to the first goal: its status, its page, its parts
        page.keyboard.press("Tab")
        seen.append(page.evaluate("[document.activeElement.tagName, document.activeElement.className, document.activeElement.textContent.trim().slice(0, 40)]"))
        if seen[-1][0] == "SUMMARY":
            break
    kinds = [tag for tag, _, _ in seen]
    assert kinds[:4] == ["SELECT", "SELECT", "SELECT", "SELECT"]  # programme, owner, SDG, year
    assert ["BUTTON", "A", "SUMMARY"] == kinds[-3:]
    assert page.locator(".tip:visible").count() == 0  # left the status: its tooltip closed
    summary = page.locator("li.goal details").first
    page.keyboard.press("Enter")
    assert summary.get_attribute("open") is not None
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused.startswith("/id/GM9999/")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the indicator's own page, inside the service
    assert page.url.startswith(service + "/id/GM9999/")


def test_the_money_flow_reconciles_with_programme_costs(page, service):
    data = graphql(service, """{ municipality(code: "GM9999") { programmes { id label code
        cost(year: 2025, phase: REALISED) { expenses } amended: cost(year: 2025, phase: AMENDED) { expenses } } } }""")["municipality"]
    visit(page, service + "/app/gemeente/GM9999/geld?jaar=2025&fase=REALISED", "geld")
    total = Decimal(0)
    for programme in data["programmes"]:
        expected = dutch_money(programme["cost"]["expenses"])
        assert page.locator(f'#stroom td[data-programme="{programme["id"]}"]').text_content() == expected
        total += Decimal(programme["cost"]["expenses"])
        row = page.locator("#per-programma tr", has=page.get_by_role("link", name=programme["label"]))
        assert row.locator('td[data-phase="REALISED"]').inner_text() == expected
        amended = programme["amended"]["expenses"]
        assert row.locator('td[data-phase="AMENDED"]').inner_text() == (dutch_money(amended) if amended else "geen gegevens")
    assert page.locator("#stroom-totaal").inner_text() == f"Totaal in de stroom: {dutch_money(str(total))}"
    drawn = page.evaluate("[...document.querySelectorAll('#sankey svg text')].map(t => t.textContent).join('\\n')")
    for programme in data["programmes"]:  # each programme's node in the chart is labelled with its total
        assert dutch_money(programme["cost"]["expenses"]) in drawn
    shoot(page, "geld-demo")


def test_no_data_is_shown_as_such_not_as_zero(page, service):
    visit(page, service + "/app/gemeente/GM9999/geld?jaar=2026&fase=ADOPTED", "geld")
    for phase in ("AMENDED", "REALISED"):
        cells = page.locator(f'#per-programma td[data-phase="{phase}"]')
        assert cells.count() == 5 and set(cells.all_inner_texts()) == {"geen gegevens"}
    assert "€ 0" not in page.locator("#per-programma").inner_text()
    assert "gewijzigd (geen gegevens)" in page.get_by_label("Fase").inner_text()


def test_progress_shows_every_indicator_with_its_status(page, service):
    goals = graphql(service, '{ municipality(code: "GM9999") { goals(first: 1000) { indicators { label progress { status } } } } }')["municipality"]["goals"]
    pairs = [i for g in goals for i in g["indicators"]]
    visit(page, service + "/app/gemeente/GM9999/voortgang", "voortgang")
    axe_finds_nothing_serious(page)
    cards = page.locator("article.indicator-card")
    assert cards.count() == len(pairs)
    words = {"ACHIEVED": "bereikt", "ON_TRACK": "op koers", "BEHIND": "achter", "NO_DATA": "geen gegevens"}
    for i, indicator in enumerate(pairs):
        assert cards.nth(i).locator("h2").inner_text() == indicator["label"]
        assert cards.nth(i).locator(".status-text").inner_text() == words[indicator["progress"]["status"]]
    shoot(page, "voortgang-demo")


def test_compare_highlights_the_municipality_among_its_peers(page, service):
    data = graphql(service, """{ benchmarkSummary(taakveld: "4", year: 2025, phase: ADOPTED, direction: EXPENSE, perInhabitant: true,
        peers: {sameProvinceAs: "GM0629"}) { count median lowerQuartile upperQuartile }
        benchmark(taakveld: "4", year: 2025, phase: ADOPTED, direction: EXPENSE, perInhabitant: true, peers: {sameProvinceAs: "GM0629"}) {
        rank perInhabitant municipality { code } } }""")
    visit(page, service + "/app/vergelijk?gemeente=GM0629&taakveld=4&groep=provincie", "vergelijk")
    summary = data["benchmarkSummary"]
    mine = next(r for r in data["benchmark"] if r["municipality"]["code"] == "GM0629")
    spread = page.locator("#spreiding").inner_text()
    assert f"Mediaan {dutch_money(summary['median'])}" in spread and f"{summary['count']} gemeenten" in spread
    assert f"Wassenaar: {dutch_money(mine['perInhabitant'])} (plaats {mine['rank']})" in spread
    years = page.locator("#door-de-jaren tbody tr")
    assert years.count() == 2 and "2024" in years.nth(0).inner_text()
    ranking = page.get_by_role("table", name="Hoe ver is elke gemeente?")
    assert "Meerwijk" in ranking.inner_text() and "Wassenaar" in ranking.inner_text()
    shoot(page, "vergelijk")
    page.get_by_label("Vergelijkingsgroep").select_option("codes")
    page.get_by_label("Codes (komma's ertussen)").fill("GM0518, GM0599")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_selector('html[data-ready="vergelijk"]')
    assert "3 gemeenten" in page.locator("#spreiding").inner_text()


def test_an_editor_fills_in_a_missing_owner_and_sees_what_it_fixed(page, service):
    before = graphql(service, '{ municipality(code: "GM0629") { completeness { goalsWithOwner } } }')["municipality"]["completeness"]["goalsWithOwner"]
    visit(page, service + "/app/gemeente/GM0629/te-doen", "te-doen")
    axe_finds_nothing_serious(page)
    count = page.locator("li.finding").count()
    shoot(page, "te-doen-wassenaar")
    finding = page.locator("li.finding", has_text="geen eigenaar").first
    finding.locator("summary").click()
    finding.get_by_label("of een nieuwe").fill("Wethouder Financiën")
    finding.get_by_role("button", name="Opslaan").click()
    assert "Vul eerst uw token in" in finding.locator(".outcome").inner_text()
    page.get_by_label("Token").fill(WASSENAAR_EDITOR)
    page.get_by_role("button", name="Gebruik token").click()
    page.wait_for_selector('html[data-ready="te-doen"]')
    finding = page.locator("li.finding", has_text="geen eigenaar").first
    finding.locator("summary").click()
    finding.get_by_label("of een nieuwe").fill("Wethouder Financiën")
    finding.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector(".outcome.ok")
    outcome = page.locator(".outcome.ok").inner_text()
    assert outcome.startswith("Opgeslagen.") and "Opgelost:" in outcome and "eigenaar" in outcome
    assert page.evaluate("document.activeElement.classList.contains('outcome')")
    assert page.locator("li.finding").count() == count - 1
    after = graphql(service, '{ municipality(code: "GM0629") { completeness { goalsWithOwner } } }')["municipality"]["completeness"]["goalsWithOwner"]
    assert after == before + 1
    shoot(page, "te-doen-opgeslagen")


def use_token(page, value: str):
    page.get_by_label("Token").fill(value)
    page.get_by_role("button", name="Gebruik token").click()
    page.wait_for_selector('html[data-ready]')


def test_a_partner_proposes_and_the_municipality_accepts_one_and_declines_another(page, service):
    goal = graphql(service, '{ municipality(code: "GM9999") { goals(first: 1) { id label } } }')["municipality"]["goals"][0]
    cost_before = graphql(service, '{ node(id: "%s") { ... on Goal { cost(year: 2026, phase: ADOPTED) { expenses } } } }' % goal["id"])
    visit(page, service + "/app/gemeente/GM9999/meedoen", "meedoen")
    assert page.locator("#voorstel").count() == 0  # no partner token yet: nothing to propose with
    use_token(page, PARTNER)
    cards = page.locator("ol.cards li.card")
    for sent, name in enumerate(("Buurtbatterij De Meerpolder", "Zonnedak op elke school"), start=1):
        page.get_by_label("Doel").select_option(goal["id"])
        page.get_by_label("Naam van het initiatief").fill(name)
        page.get_by_label("Wat gaat u doen?").fill("Samen met de buurt, zonder geld van de gemeente.")
        page.get_by_role("button", name="Verstuur voorstel").click()
        expect(cards).to_have_count(sent)
        assert "Voorstel verstuurd" in page.locator(".outcome.ok").inner_text()
    assert all("open" in cards.nth(i).inner_text() for i in range(2))
    assert page.get_by_role("button", name="Neem over").count() == 0  # a partner does not decide
    shoot(page, "meedoen-partner")

    use_token(page, EDITOR)
    first = page.locator("li.card", has_text="Buurtbatterij De Meerpolder")
    first.get_by_role("button", name="Neem over").click()
    expect(page.locator(".outcome.ok")).to_contain_text("overgenomen: Buurtbatterij De Meerpolder")
    second = page.locator("li.card", has_text="Zonnedak op elke school")
    second.get_by_label("Reden").fill("Past beter bij het doel Woningen verduurzamen.")
    second.get_by_role("button", name="Wijs af").click()
    expect(page.locator(".outcome.ok")).to_contain_text("afgewezen: Zonnedak op elke school")
    assert "afgewezen" in page.locator("li.card", has_text="Zonnedak op elke school").inner_text()
    assert "Past beter bij het doel" in page.locator("li.card", has_text="Zonnedak op elke school").inner_text()
    shoot(page, "meedoen-redacteur")

    visit(page, service + "/app/gemeente/GM9999", "doelenboom")
    card = page.locator(f'li.goal[data-goal="{goal["id"]}"]').first
    card.locator("summary").click()
    parts = card.locator(".parts").inner_text()
    assert "Buurtbatterij De Meerpolder" in parts and "initiatief van Energiecoöperatie Meerwijk Wekt" in parts
    assert "Zonnedak op elke school" not in page.locator("main").inner_text()
    cost_after = graphql(service, '{ node(id: "%s") { ... on Goal { cost(year: 2026, phase: ADOPTED) { expenses } } } }' % goal["id"])
    assert cost_after == cost_before  # a proposal, accepted or not, is not in the budget


def test_english_beside_dutch(page, service):
    visit(page, service + "/app/gemeente/GM9999", "doelenboom")
    axe_finds_nothing_serious(page)  # in Dutch, after the partner's initiative was accepted, as the other views
    page.get_by_role("button", name="English").click()
    page.wait_for_selector('html[lang="en"][data-ready="doelenboom"]')
    assert page.locator("h1").inner_text() == "Goal tree — Meerwijk"
    english = graphql(service, '{ municipality(code: "GM9999") { goals(first: 1) { label(lang: "en") } } }')["municipality"]["goals"][0]["label"]
    assert english in page.locator("main").inner_text()
    page.reload()
    page.wait_for_selector('html[lang="en"][data-ready="doelenboom"]')  # kept in the browser
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_selector('html[lang="nl"][data-ready="doelenboom"]')


# Every view is checked by axe: these by the tests that open them anyway (axe_finds_nothing_serious), the rest below.
AXE_IN_VIEW_TESTS = {
    ("/app/", "start"): test_start_finds_a_municipality_and_shows_what_data_it_has,
    ("/app/gemeente/GM9999", "doelenboom"): test_english_beside_dutch,
    ("/app/gemeente/GM9999/voortgang", "voortgang"): test_progress_shows_every_indicator_with_its_status,
    ("/app/gemeente/GM0629", "doelenboom"): test_a_red_goal_says_what_is_missing_on_hover_and_on_keyboard_focus,
    ("/app/gemeente/GM0629/te-doen", "te-doen"): test_an_editor_fills_in_a_missing_owner_and_sees_what_it_fixed,
}
VIEWS = [
    ("/app/", "start"), ("/app/vergelijk", "vergelijk"),
    *[(f"/app/gemeente/GM9999{sub}", name) for sub, name in DEMO_VIEWS.items()],
    *[(f"/app/gemeente/GM0629{sub}", name) for sub, name in DEMO_VIEWS.items()],
]


def test_every_view_is_checked_by_axe():
    import inspect

    assert set(AXE_IN_VIEW_TESTS) <= set(VIEWS)
    for (address, ready), test in AXE_IN_VIEW_TESTS.items():
        source = inspect.getsource(test)
        assert f'visit(page, service + "{address}", "{ready}")\n    axe_finds_nothing_serious(page)' in source, test.__name__


@pytest.mark.parametrize("address, ready", [view for view in VIEWS if view not in AXE_IN_VIEW_TESTS])
def test_axe_finds_nothing_serious(page, service, address, ready):
    visit(page, service + address, ready)
    axe_finds_nothing_serious(page)


def test_a_mistyped_address_is_a_404_and_a_lowercase_code_is_sent_on(service):
    assert httpx.get(service + "/app/gemeente/GM9999/onzin").status_code == 404
    moved = httpx.get(service + "/app/gemeente/gm9999/geld")
    assert moved.status_code == 308 and moved.headers["location"] == "/app/gemeente/GM9999/geld"
    assert httpx.get(service + "/app").headers["location"] == "/app/"
