"""The documentation site (`doelgraaf docs`), the class diagram and the vocabulary pages."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from doelgraaf.catalogue.shared_graphs import vocabulary_files
from doelgraaf.core.codes import code_order
from doelgraaf.core.namespaces import DG
from doelgraaf.publishing.diagram import _Diagram, _label_area, _local, _overlap, _place_labels, class_diagram_svg, curie
from doelgraaf.publishing.documentation import DOCS_DIR, build_site, vocabulary_html
from rdflib import Graph

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# elements HTML closes implicitly, as pyLODE and Python-Markdown write them
OPTIONAL_END = {"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody"}


class _Page(HTMLParser):
    """Collects links and ids, and fails on a closing tag that closes nothing."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids, self.open, self.errors = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag not in self.open:
            self.errors.append(f"</{tag}> closes nothing")
            return
        while self.open and self.open[-1] != tag:
            implicit = self.open.pop()
            if implicit not in OPTIONAL_END:
                self.errors.append(f"<{implicit}> not closed before </{tag}>")
        self.open.pop()


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert not page.errors, f"{path.name}: {page.errors[:5]}"
    assert not [t for t in page.open if t not in OPTIONAL_END], f"{path.name}: unclosed {page.open}"
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    return out, build_site(out)


def test_the_site_has_every_page(site):
    out, written = site
    names = {p.relative_to(out).as_posix() for p in written}
    expected = {"index.html", "ontology.html", "diagram.svg", "shapes.html", "context.jsonld"}
    expected |= {f"vocab/{name}.html" for name in vocabulary_files()}
    expected |= {f"guide/{p.stem}.html" for p in DOCS_DIR.glob("*.md")}
    assert expected <= names
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)


def test_every_page_parses_and_every_internal_link_resolves(site):
    out, written = site
    pages = {p: _parse(p) for p in written if p.suffix == ".html"}
    checked = 0
    for page, parsed in pages.items():
        for link in parsed.links:
            if urlparse(link).scheme or link.startswith("//"):
                continue  # an IRI or another site
            target, fragment = urldefrag(link)
            path = (page.parent / unquote(target)).resolve() if target else page
            assert path.is_file(), f"{page.relative_to(out)}: broken link {link}"
            if fragment and path.suffix == ".html":
                assert unquote(fragment) in pages[path].ids, f"{page.relative_to(out)}: no #{fragment} in {path.name}"
            checked += 1
    assert checked > 500
    index = pages[out / "index.html"]
    assert {"ontology.html", "diagram.svg", "shapes.html", "context.jsonld"} <= set(index.links)
    assert {f"vocab/{name}.html" for name in vocabulary_files()} <= set(index.links)
    assert "diagram.svg" in pages[out / "ontology.html"].links


def test_the_diagram_is_a_self_contained_svg_of_the_core_classes(site):
    out, _ = site
    text = (out / "diagram.svg").read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    for name in ("Trend", "SocietalChallenge", "Goal", "Indicator", "Measure", "Contribution", "BudgetLine",
                 "Programme", "Taakveld", "PlanningDocument", "CoalitionAgreement", "AnnualReport", "PortfolioHolder"):
        assert name in text, name
    assert "<image" not in text and "<script" not in text and not re.search(r'href="(?!#)', text)


def test_the_diagram_draws_the_domains_and_ranges_of_the_ontology():
    diagram = _Diagram()

    def name(box):
        return curie(box.cls) if box.cls else "|".join(sorted(curie(m.cls) for m in box.members))

    drawn = {(name(e.source), curie(p), name(e.target)) for e in diagram.edges.values() for p in e.properties}
    expected = {
        ("dg:Trend", "dg:leadsTo", "dg:SocietalChallenge"),
        ("dg:Goal", "dg:addresses", "dg:SocietalChallenge"),
        ("dg:Goal", "dg:hasIndicator", "dg:Indicator"),
        ("dg:Measure", "dg:serves", "dg:Goal"),
        ("dg:Contribution", "dg:measure", "dg:Measure"),
        ("dg:Contribution", "dg:goal", "dg:Goal"),
        ("dg:BudgetLine", "dg:funds", "dg:Measure"),
        ("dg:BudgetLine", "dg:funds", "dg:Goal"),
        ("dg:BudgetLine", "dg:funds", "dg:Programme"),
        ("dg:BudgetLine", "dg:taakveld", "dg:Taakveld"),  # domain from the shapes
        ("dg:Goal", "dg:owner", "foaf:Person|org:Post"),  # a union range: one frame
        ("dg:PlanningDocument", "dg:basedOn", "dg:PlanningDocument"),
    }
    assert expected <= drawn
    boxes = list(diagram.boxes.values())
    for i, a in enumerate(boxes):  # no two boxes overlap
        for b in boxes[i + 1:]:
            assert a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + a.height <= b.y or b.y + b.height <= a.y


def test_the_labels_of_the_lines_cover_no_other_label_and_no_box():
    diagram = _Diagram()
    routes = [(edge, diagram.route(edge)[1]) for edge in diagram.edges.values()]
    places = _place_labels(routes, list(diagram.boxes.values()))
    areas = [_label_area(x, y, [_local(p) for p in edge.properties]) for (edge, _), (x, y) in zip(routes, places)]
    for i, area in enumerate(areas):
        assert not [other for other in areas[i + 1:] if _overlap(area, other)], routes[i][0].properties
        assert not [box.cls for box in diagram.boxes.values() if _overlap(area, box)], routes[i][0].properties


def test_the_service_serves_the_diagram_and_links_it(client):
    response = client.get("/diagram.svg")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert response.text == class_diagram_svg()
    assert 'href="/diagram.svg"' in client.get("/").text and 'href="/context.jsonld"' in client.get("/").text
    assert "src='diagram.svg'" in client.get("/ontology", headers={"accept": "text/html"}).text


def test_taakvelden_page_shows_the_three_schemes_with_version_names_and_successions():
    page = vocabulary_html("taakvelden", Graph().parse(vocabulary_files()["taakvelden"]))
    for year in ("2017", "2023", "2025"):
        assert f"id='{year}-scheme'" in page
    row = re.search(r"<tr id='2017-6.2'.*?</tr>", page).group(0)
    assert "Wijkteams" in row and "2017–2024" in row  # the 2017 name, and the years the code is valid
    row = re.search(r"<tr id='2025-6.711'.*?</tr>", page).group(0)
    assert "← <a href='#2023-6.71a'>6.71a</a>" in row and "vanaf 2025" in row
    row = re.search(r"<tr id='2017-6.72'.*?</tr>", page).group(0)
    assert "→" in row and "geen één-op-één" in row


def test_bbv_order_of_codes():
    codes = ["0.10", "6.21", "0.2", "6.711", "0.61", "0.9", "6.3", "6.72a", "0", "6.60", "0.1", "6.81", "6.72b", "0.11"]
    assert sorted(codes, key=code_order) == [
        "0", "0.1", "0.2", "0.61", "0.9", "0.10", "0.11", "6.21", "6.3", "6.60", "6.711", "6.72a", "6.72b", "6.81"]


def test_every_dg_class_of_the_core_has_a_place_in_the_diagram():
    placed = {curie(box.cls) for box in _Diagram().boxes.values()}
    listed = set(re.findall(r"\((\w+)\)", class_diagram_svg()))  # subclasses named inside their parent
    for cls in (DG.EffectIndicator, DG.OutputIndicator, DG.PartnerInitiative, DG.CollegeProgramme, DG.Council):
        assert curie(cls) in placed or cls.split("#")[-1] in listed


def test_turtle_in_the_guide_is_taken_from_the_demo():
    """Every Turtle piece in docs/ parses with the demo's prefixes and states only what the demo states."""
    from doelgraaf.cli.serve import DEMO_FILE
    from rdflib import BNode, Graph

    text = DEMO_FILE.read_text(encoding="utf-8")
    prefixes = "".join(line + "\n" for line in text.splitlines() if line.startswith("@prefix"))
    demo = Graph().parse(data=text, format="turtle")
    pieces = 0
    for guide in DOCS_DIR.glob("*.md"):
        for block in re.findall(r"```turtle\n(.*?)```", guide.read_text(encoding="utf-8"), flags=re.S):
            piece = Graph().parse(data=prefixes + block, format="turtle")
            foreign = [t for t in piece if not any(isinstance(n, BNode) for n in t) and t not in demo]
            assert not foreign, f"{guide.name}: not in the demo: {foreign[:3]}"
            pieces += 1
    assert pieces >= 8
