"""HTML documentation of the ontology, vocabularies and shapes, and the static documentation site.

The ontology page is pyLODE's (OntPub) with the class diagram added. The vocabularies get pages of
their own: pyLODE's VocPub shows one concept scheme per file and none of the concepts of the three
taakveld schemes, so each scheme here is a table with codes, Dutch and English names, definitions,
validity years and successions. The same pages are served by the service and written by
`doelgraaf docs OUT_DIR` (build_site).
"""

from __future__ import annotations

import html
import logging
import re
import shutil
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from doelgraaf.catalogue.shared_graphs import shape_files, shapes_graph, vocabulary_files
from doelgraaf.core.codes import code_order
from doelgraaf.core.namespaces import DG, DGSH
from doelgraaf.core.numbers import dutch_number
from doelgraaf.core.paths import CONTEXT_FILE, ONTOLOGY_FILE, PROJECT_ROOT
from doelgraaf.publishing.diagram import class_diagram_svg

DOCS_DIR = PROJECT_ROOT / "docs"
DIAGRAM = "diagram.svg"
STYLE = (
    "body{font-family:sans-serif;margin:2em;line-height:1.4}main{max-width:75em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}"
    "th{background:#eef2f8}tr.top td{font-weight:bold;background:#f6f8fb}.en{font-style:italic;color:#444}"
    "code,pre{background:#f4f4f4}pre{padding:.6em;overflow-x:auto}.note{color:#555;font-size:90%}"
    "img.diagram{max-width:100%;border:1px solid #ccc}.nowrap{white-space:nowrap}"
)


def _quiet_pylode():
    # pyLODE logs its progress at INFO on the root logger; keep the service's log readable
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
        f"</head><body><main><h1>{html.escape(title)}</h1>{body}</main></body></html>"
    )


def _diagram_figure() -> str:
    # a relative link: the diagram sits next to the page, both on the service (/diagram.svg) and in the site
    return (
        f"<figure><a href='{DIAGRAM}'><img class='diagram' src='{DIAGRAM}' alt='Kernklassen van de ontologie / "
        "core classes of the ontology'></a><figcaption>Kernklassen en hun eigenschappen, afgeleid uit de ontologie. "
        "<span class='en'>Core classes and their properties, derived from the ontology.</span></figcaption></figure>"
    )


@lru_cache(maxsize=1)
def ontology_anchors() -> dict[str, str]:
    """The fragment of each term's section on the ontology page, by IRI: pyLODE makes them from labels
    in the order it meets them, so they are read from its page rather than computed."""
    sections = re.findall(r'<div class="[^"]*entity" id="([^"]+)">\s*<h3>.*?</h3>\s*<table>\s*<tr>\s*<th>IRI</th>'
                          r'\s*<td>\s*<code>([^<]+)</code>', ontology_html(), re.S)
    return {iri: fragment for fragment, iri in sections}


@lru_cache(maxsize=1)
def ontology_html() -> str:
    from pylode import OntPub

    _quiet_pylode()
    page = OntPub(ontology=str(ONTOLOGY_FILE)).make_html()
    section = (
        "<div class='section' id='diagram'><h2>Diagram van de kernklassen / core class diagram</h2>"
        f"{_diagram_figure()}</div>\n"
    )
    toc = "<li><h4><a href='#diagram'>Diagram</a></h4></li>\n"
    page = page.replace('<div class="section" id="classes">', section + '<div class="section" id="classes">', 1)
    return re.sub(r'(<ul class="first">\s*)', lambda m: m.group(1) + toc, page, count=1)


# ---------------------------------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------------------------------

def _text(graph: Graph, node, prop, lang: str | None) -> str:
    values = [v for v in graph.objects(node, prop) if isinstance(v, Literal)]
    chosen = [v for v in values if v.language == lang] or ([v for v in values if v.language is None] if lang == "nl" else [])
    return "; ".join(sorted(str(v) for v in chosen))


def _both(graph: Graph, node, prop) -> str:
    """Dutch, with English beside it in italics when there is an English text."""
    nl, en = html.escape(_text(graph, node, prop, "nl")), html.escape(_text(graph, node, prop, "en"))
    return nl + (f"<br><span class='en'>{en}</span>" if en and en != nl else "")


def _anchor(scheme: URIRef, code: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", f"{str(scheme).rstrip('/').split('/')[-1]}-{code}")


def _years(graph: Graph, node) -> str:
    start, end = graph.value(node, DG.validFrom), graph.value(node, DG.validUntil)
    if start is None:
        return ""
    text = f"{start}–{end}" if end is not None else f"vanaf {start} <span class='en'>from {start}</span>"
    return f"<span class='nowrap'>{text}</span>"


def _schemes_of(graph: Graph, concept) -> list[URIRef]:
    return sorted(graph.objects(concept, SKOS.inScheme), key=str)


def concept_anchor(graph: Graph, concept, latest: bool = True) -> str | None:
    """The fragment of a concept's row on its vocabulary page (in its latest scheme, or its first); None
    when it is in no scheme."""
    schemes = _schemes_of(graph, concept)
    if not schemes:
        return None
    return _anchor(schemes[-1] if latest else schemes[0], str(graph.value(concept, SKOS.notation) or concept))


def _code_link(graph: Graph, concept, latest: bool = True) -> str:
    code = str(graph.value(concept, SKOS.notation) or concept)
    anchor = concept_anchor(graph, concept, latest)
    return f"<a href='#{anchor}'>{html.escape(code)}</a>" if anchor else html.escape(code)


# dg:certainty takes these Dutch words (see its definition in the ontology)
CERTAINTY_EN = {"zeker": "certain", "waarschijnlijk": "probable", "onzeker": "uncertain"}


def _certainty(graph: Graph, succession) -> str:
    certainty = str(graph.value(succession, DG.certainty) or "")
    english = f" <span class='en'>{CERTAINTY_EN[certainty]}</span>" if certainty in CERTAINTY_EN else ""
    parts = [html.escape(certainty) + english]
    if graph.value(succession, DG.oneToOne) == Literal(False):
        parts.append("geen één-op-één <span class='en'>not one-to-one</span>")
    return "; ".join(p for p in parts if p)


def _successions(graph: Graph, concept) -> str:
    """What became of this code (→) and where it came from (←), with certainty, from dg:Succession."""
    lines = []
    for succession in sorted(graph.subjects(DG.predecessor, concept), key=str):
        successors = sorted(graph.objects(succession, DG.successor), key=lambda c: code_order(str(graph.value(c, SKOS.notation))))
        if successors == [concept]:
            lines.append(f"naam gewijzigd <span class='en'>renamed</span> ({_certainty(graph, succession)})")
        else:
            lines.append(f"→ {', '.join(_code_link(graph, s) for s in successors)} ({_certainty(graph, succession)})")
    # several codes merged into this one: one line per degree of certainty
    predecessors: dict[str, list] = {}
    for succession in graph.subjects(DG.successor, concept):
        if (predecessor := graph.value(succession, DG.predecessor)) != concept:
            predecessors.setdefault(_certainty(graph, succession), []).append(predecessor)
    for certainty, codes in sorted(predecessors.items()):
        codes.sort(key=lambda c: code_order(str(graph.value(c, SKOS.notation))))
        lines.append(f"← {', '.join(_code_link(graph, c, latest=False) for c in codes)} ({certainty})")
    return "<br>".join(lines)


def _name_in(graph: Graph, concept, scheme, lang: str) -> str:
    """A taakveld's name in one Iv3 version (dg:versionName), else its current name."""
    for name in graph.objects(concept, DG.versionName):
        if graph.value(name, DG.inVersion) == scheme:
            return _text(graph, name, SKOS.prefLabel, lang)
    return _text(graph, concept, SKOS.prefLabel, lang)


def _depth(graph: Graph, concept, scheme) -> int:
    depth, seen = 0, {concept}
    while (parent := graph.value(concept, SKOS.broader)) is not None and parent not in seen and (parent, SKOS.inScheme, scheme) in graph:
        depth, concept = depth + 1, parent
        seen.add(parent)
    return depth


# Optional columns: a column appears in a scheme's table when one of its concepts has a value for it.
def _unit(graph, concept, scheme):
    return _both(graph, concept, DG.unit)


def _taakveld(graph, concept, scheme):
    return ", ".join(
        f"<a href='{html.escape(str(t))}'>{html.escape(str(t).split('/')[-1])}</a>" for t in sorted(graph.objects(concept, DG.taakveld), key=str)
    )


def _validity(graph, concept, scheme):
    return _years(graph, concept)


def _history(graph, concept, scheme):
    return _successions(graph, concept)


def _notes(graph, concept, scheme):
    notes = []
    if graph.value(concept, OWL.deprecated) == Literal(True):
        notes.append("<b>vervallen</b> <span class='en'>withdrawn</span>")
    for prop in (SKOS.historyNote, SKOS.editorialNote, SKOS.scopeNote):
        notes += [html.escape(str(n)) for n in sorted(graph.objects(concept, prop), key=str)]
    return "<br>".join(notes)


def _definition(graph, concept, scheme):
    return _both(graph, concept, SKOS.definition)


OPTIONAL_COLUMNS = [
    ("definitie <span class='en'>definition</span>", _definition),
    ("eenheid <span class='en'>unit</span>", _unit),
    ("taakveld", _taakveld),
    ("geldig <span class='en'>valid</span>", _validity),
    ("opvolging <span class='en'>succession</span>", _history),
    ("toelichting <span class='en'>notes</span>", _notes),
]


def _scheme_section(graph: Graph, scheme: URIRef) -> str:
    concepts = sorted(graph.subjects(SKOS.inScheme, scheme), key=lambda c: code_order(str(graph.value(c, SKOS.notation) or "")))
    columns = [(head, cell) for head, cell in OPTIONAL_COLUMNS if any(cell(graph, c, scheme) for c in concepts)]
    header = "".join(f"<th>{h}</th>" for h in ("code", "naam <span class='en'>name</span>", *(h for h, _ in columns)))
    rows = []
    for concept in concepts:
        code = str(graph.value(concept, SKOS.notation) or "")
        depth = _depth(graph, concept, scheme)
        nl, en = html.escape(_name_in(graph, concept, scheme, "nl")), html.escape(_name_in(graph, concept, scheme, "en"))
        name = f"<div style='padding-left:{depth * 1.5}em'>{nl}" + (f"<br><span class='en'>{en}</span>" if en else "") + "</div>"
        cells = [f"<a href='{html.escape(str(concept))}'>{html.escape(code)}</a>", name]
        cells += [cell(graph, concept, scheme) for _, cell in columns]
        top = " class='top'" if depth == 0 and any(graph.subjects(SKOS.broader, concept)) else ""
        rows.append(f"<tr id='{_anchor(scheme, code)}'{top}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    title = _both(graph, scheme, DCTERMS.title) or _both(graph, scheme, SKOS.prefLabel)
    facts = [f"IRI: <a href='{html.escape(str(scheme))}'>{html.escape(str(scheme))}</a>", f"{len(concepts)} begrippen <span class='en'>concepts</span>"]
    if years := _years(graph, scheme):
        facts.append(f"geldig <span class='en'>valid</span> {years}")
    if source := _text(graph, scheme, DCTERMS.source, "nl"):
        facts.append(f"bron <span class='en'>source</span>: {html.escape(source)}")
    return (f"<section id='{_anchor(scheme, 'scheme')}'><h2>{title}</h2><p class='note'>{' · '.join(facts)}</p>"
            f"<table><tr>{header}</tr>{''.join(rows)}</table></section>")


def _municipalities_section(graph: Graph) -> str:
    municipalities = sorted(graph.subjects(RDF.type, DG.Municipality), key=lambda m: str(graph.value(m, DG.cbsCode)))
    if not municipalities:
        return ""

    def concept(node, prop):
        value = graph.value(node, prop)
        return html.escape(_text(graph, value, SKOS.prefLabel, "nl")) if value is not None else ""

    rows = []
    for m in municipalities:
        counts = sorted(((graph.value(c, DG.year), graph.value(c, DG.inhabitants)) for c in graph.objects(m, DG.population)), key=str)
        year, inhabitants = counts[-1] if counts else ("", "")
        rows.append(
            f"<tr id='{html.escape(str(graph.value(m, DG.cbsCode)))}'><td><a href='{html.escape(str(m))}'>{html.escape(str(graph.value(m, DG.cbsCode)))}</a></td>"
            f"<td>{html.escape(_text(graph, m, RDFS.label, 'nl'))}</td><td>{concept(m, DG.province)}</td>"
            f"<td>{concept(m, DG.sizeClass)}</td><td>{concept(m, DG.urbanity)}</td>"
            f"<td>{dutch_number(int(inhabitants)) if inhabitants else ''} ({html.escape(str(year))})</td></tr>"
        )
    return (
        f"<section id='gemeenten'><h2>Gemeenten <span class='en'>municipalities</span></h2>"
        f"<p class='note'>{len(municipalities)} gemeenten <span class='en'>municipalities</span></p><table><tr><th>CBS-code</th>"
        "<th>naam <span class='en'>name</span></th><th>provincie <span class='en'>province</span></th>"
        "<th>grootteklasse <span class='en'>size class</span></th><th>stedelijkheid <span class='en'>urbanity</span></th>"
        "<th>inwoners <span class='en'>inhabitants</span> (jaar <span class='en'>year</span>)</th></tr>"
        + "".join(rows) + "</table></section>"
    )


def vocabulary_html(name: str, graph: Graph) -> str:
    """A vocabulary: one table per concept scheme, Dutch first, with the facts each scheme has."""
    schemes = sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str)
    contents = "".join(f"<li><a href='#{_anchor(s, 'scheme')}'>{html.escape(_text(graph, s, DCTERMS.title, 'nl') or str(s))}</a></li>" for s in schemes)
    municipalities = _municipalities_section(graph)
    if municipalities:
        contents += "<li><a href='#gemeenten'>Gemeenten / municipalities</a></li>"
    body = f"<ul>{contents}</ul>" + "".join(_scheme_section(graph, s) for s in schemes) + municipalities
    return _page(f"Vocabulaire {name} / vocabulary {name}", body)


@lru_cache(maxsize=1)
def shapes_html() -> str:
    """The rules, one row per rule: what is checked and the message a user gets."""
    graph = shapes_graph()
    rows = []
    for rule in sorted({s for s in graph.subjects(SH.message, None)}, key=str):
        messages = {m.language: str(m) for m in graph.objects(rule, SH.message) if isinstance(m, Literal)}
        # a SPARQL constraint has the severity of the shape that holds it, as SHACL says
        owner = next(graph.subjects(SH.sparql, rule), rule)
        severity = graph.value(owner, SH.severity) or SH.Violation
        blocks = "ja / yes" if (rule, DGSH.blocking, Literal(True)) in graph else ""
        rows.append(
            f"<tr><td>{html.escape(str(rule).split('#')[-1])}</td><td>{str(severity).split('#')[-1]}</td><td>{blocks}</td>"
            f"<td>{html.escape(messages.get('nl', ''))}</td><td>{html.escape(messages.get('en', ''))}</td></tr>"
        )
    return _page(
        "Controleregels (SHACL) / validation rules",
        "<p>Een regel die blokkeert weigert elke schrijfactie. Bij een import wordt elke andere bevinding met de gegevens "
        "opgeslagen (met strict weigert elke fout); een wijziging wordt ook geweigerd als ze een fout toevoegt die er nog "
        "niet was. / A rule that blocks refuses every write. An import stores every other finding with the data (with "
        "strict any violation refuses); an edit is also refused when it adds a violation that was not there before.</p>"
        "<table><tr><th>regel / rule</th><th>ernst / severity</th><th>blokkeert / blocks</th><th>melding (nl)</th><th>message (en)</th></tr>"
        + "".join(rows) + "</table>",
    )


# ---------------------------------------------------------------------------------------------------
# The static site
# ---------------------------------------------------------------------------------------------------

def _guide_titles(source: Path) -> tuple[str, str]:
    """The Dutch title of a guide page (its '# ' line) and the English one (the italic line below it)."""
    lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    for i, line in enumerate(lines):
        if line.startswith("# "):
            after = lines[i + 1] if i + 1 < len(lines) else ""
            return line[2:], after.strip("*") if after.startswith("*") and after.endswith("*") else ""
    return source.stem, ""


def _guide_html(source: Path) -> str:
    """A page of docs/ as HTML: links to other pages become .html, linked saved queries are shown below the link."""
    import markdown

    text = source.read_text(encoding="utf-8")
    body = markdown.markdown(text, extensions=["tables", "fenced_code", "toc"])
    body = re.sub(r'href="([^":#]+)\.md(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', body)

    def show_queries(paragraph: re.Match) -> str:
        shown = [
            f"<pre><code>{html.escape((source.parent / href).read_text(encoding='utf-8'))}</code></pre>"
            for href in re.findall(r'href="(queries/[^"]+\.graphql)"', paragraph.group(0))
        ]
        return paragraph.group(0) + "".join(shown)

    body = re.sub(r"<(p|li)>.*?</\1>", show_queries, body, flags=re.S)
    title = _guide_titles(source)[0]
    return (
        "<!doctype html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<p><a href='../index.html'>Doelgraaf-documentatie</a></p>{body}</main></body></html>"
    )


def _index_html(vocabularies: dict[str, tuple[str, str]], guides: list[Path], downloads: list[Path]) -> str:
    def item(href: str, nl: str, en: str) -> str:
        return f"<li><a href='{html.escape(href)}'>{html.escape(nl)}</a> <span class='en'>{html.escape(en)}</span></li>"

    guide_items = "".join(item(f"guide/{p.stem}.html", *_guide_titles(p)) for p in guides)
    vocab_items = "".join(item(f"vocab/{name}.html", nl, en) for name, (nl, en) in vocabularies.items())
    download_items = "".join(f"<li><a href='{html.escape(str(p))}'>{html.escape(str(p))}</a></li>" for p in downloads)
    body = (
        "<p>Doelgraaf maakt doelgericht sturen van gemeenten machineleesbaar: opgaven, doelen, indicatoren, "
        "maatregelen, begroting per taakveld en rollen, door de hele P&amp;C-cyclus. Hier staan de ontologie, de "
        "vocabulaires, de controleregels en de handleiding.</p>"
        "<p class='en'>Doelgraaf makes goal-oriented steering of municipalities machine-readable. This site documents the "
        "ontology, the shared vocabularies, the validation rules and the guide.</p>"
        "<h2>Handleiding <span class='en'>guide</span></h2><ul>" + guide_items + "</ul>"
        "<h2>Model <span class='en'>model</span></h2><ul>"
        + item("ontology.html", "Ontologie (OWL), elke klasse en eigenschap", "the ontology, every class and property")
        + item(DIAGRAM, "Diagram van de kernklassen", "core class diagram")
        + item("shapes.html", "Controleregels (SHACL)", "validation rules")
        + item("context.jsonld", "JSON-LD-context: Doelgraaf-gegevens als JSON", "JSON-LD context: Doelgraaf data as JSON")
        + "</ul><h2>Vocabulaires <span class='en'>vocabularies</span></h2><ul>" + vocab_items + "</ul>"
        + _diagram_figure()
        + "<h2>Bestanden <span class='en'>files</span> (Turtle)</h2><ul>" + download_items + "</ul>"
    )
    return _page("Doelgraaf — documentatie / documentation", body)


def build_site(out_dir: Path) -> list[Path]:
    """Write the static documentation site into out_dir; returns the files written."""
    out_dir = Path(out_dir)
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    def copy(source: Path, relative: str) -> Path:
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        written.append(path)
        return Path(relative)

    write("ontology.html", ontology_html())
    write(DIAGRAM, class_diagram_svg())
    write("shapes.html", shapes_html())
    copy(CONTEXT_FILE, "context.jsonld")
    titles = {}
    for name, path in vocabulary_files().items():
        graph = Graph().parse(path)
        write(f"vocab/{name}.html", vocabulary_html(name, graph))
        schemes = sorted(graph.subjects(RDF.type, SKOS.ConceptScheme), key=str)
        titles[name] = tuple(" · ".join(_text(graph, s, DCTERMS.title, lang) for s in schemes) or name for lang in ("nl", "en"))
    downloads = [copy(ONTOLOGY_FILE, "rdf/doelgraaf.ttl")]
    downloads += [copy(path, f"rdf/vocab/{path.name}") for path in vocabulary_files().values()]
    downloads += [copy(path, f"rdf/shapes/{path.name}") for path in shape_files()]
    # the guide's own order: docs/index.md first, then its pages in the order index.md names them
    contents = (DOCS_DIR / "index.md").read_text(encoding="utf-8") if (DOCS_DIR / "index.md").is_file() else ""
    guides = sorted(DOCS_DIR.glob("*.md"), key=lambda p: (p.stem != "index", contents.find(f"({p.name})") % (len(contents) + 1), p.stem))
    for guide in guides:
        write(f"guide/{guide.stem}.html", _guide_html(guide))
    for query in sorted((DOCS_DIR / "queries").glob("*.graphql")):
        copy(query, f"guide/queries/{query.name}")
    write("index.html", _index_html(titles, guides, downloads))
    return written
