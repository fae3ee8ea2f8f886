"""A diagram of the core classes of the ontology, as one self-contained SVG.

The classes and the lines between them come from the ontology: an object property is drawn as an
arrow from each class of its rdfs:domain to each class of its rdfs:range (unions included). Where
the ontology leaves the domain open on purpose (dg:statedIn, dg:taakveld, dg:term are used by
several classes), the SHACL shapes say which classes use the property, and that is drawn.
Datatype properties are listed inside the boxes; named subclasses are listed inside their parent.

Only the place of each class is fixed here (a grid, in the order of the method: trends and
challenges, goals and measures, indicators, money, roles), because no layout program is installed
and a hand-made grid reads better than a computed one for twenty classes. Lines that would cross
a box are bent around it. The names on a line go where they cover no other names and no box: on the
line if they cover no other line there either, else beside it, else where they cover least.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import FOAF, ORG, OWL, RDF, RDFS, SH

from doelgraaf.catalogue.ontology import REUSED_NAMES
from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.core.namespaces import DG
from doelgraaf.core.paths import ONTOLOGY_FILE

# (column, row) of each class on the grid.
GRID: dict[URIRef, tuple[int, int]] = {
    DG.Trend: (0, 0),
    DG.SocietalChallenge: (1, 0),
    DG.PolicyIndicator: (3, 0),
    DG.DataSession: (0, 1),
    DG.Programme: (1, 1),
    DG.Goal: (2, 1),
    DG.Indicator: (3, 1),
    DG.IndicatorValue: (4, 1),
    DG.Municipality: (0, 2),
    DG.Contribution: (1, 2),
    DG.Measure: (2, 2),
    DG.SocietalPartner: (3, 2),
    ORG.Post: (4, 2),
    DG.CouncilTerm: (0, 3),
    DG.PlanningDocument: (1, 3),
    DG.BudgetLine: (2, 3),
    FOAF.Person: (4, 3),
    ORG.OrganizationalUnit: (0, 4),
    DG.Observation: (1, 4),
    DG.Taakveld: (2, 4),
    DG.EconomicCategory: (3, 4),
}

MIN_WIDTH, COLUMN_GAP, ROW_GAP, MARGIN, TOP = 190, 95, 75, 30, 100
LINE, HEADER, CHAR = 15, 40, 6.4  # CHAR: the width of a character at 11 px, to size the boxes
FRAME_PAD = 12
# labels of lines: character width and line height at 11 px, and where along a line to try them, middle first
LABEL_CHAR, LABEL_LINE = 6.2, 13
LABEL_PLACES = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82)
SAMPLES = 100  # points per line, close enough that a label on a line covers some of them
BESIDE = 12  # the cost of a label beside its line instead of on it: about that of crossing two other lines
CURIES = {str(DG): "dg:", str(ORG): "org:", str(FOAF): "foaf:"}


@dataclass(eq=False)
class Box:
    """A class, or (cls None) a frame around the classes of a union that is the range of a property."""

    cls: URIRef | None
    title_nl: str = ""
    title_en: str = ""
    lines: list[str] = field(default_factory=list)
    members: list["Box"] = field(default_factory=list)
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    def contains(self, px: float, py: float, pad: float = 8) -> bool:
        return self.x - pad <= px <= self.x + self.width + pad and self.y - pad <= py <= self.y + self.height + pad


@dataclass
class Edge:
    source: Box
    target: Box
    properties: list[URIRef] = field(default_factory=list)


def curie(iri: URIRef) -> str:
    for namespace, prefix in CURIES.items():
        if str(iri).startswith(namespace):
            return prefix + str(iri)[len(namespace):]
    return str(iri)


def _local(iri: URIRef) -> str:
    return curie(iri).split(":")[-1]


def _label(graph: Graph, node, lang: str) -> str:
    for label in graph.objects(node, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return _local(node)


def _members(graph: Graph, node) -> list[URIRef]:
    """The named classes a domain or range stands for: the class itself, or the members of a union."""
    if isinstance(node, URIRef):
        return [node]
    if isinstance(node, BNode) and (union := graph.value(node, OWL.unionOf)) is not None:
        return [member for member in Collection(graph, union) if isinstance(member, URIRef)]
    return []


def _shape_domains(shapes: Graph) -> dict[URIRef, set[URIRef]]:
    """Classes whose node shape has a property shape on a (direct) path: where the data use the property."""
    used: dict[URIRef, set[URIRef]] = {}
    for shape, cls in shapes.subject_objects(SH.targetClass):
        for prop_shape in shapes.objects(shape, SH.property):
            path = shapes.value(prop_shape, SH.path)
            if isinstance(path, URIRef):
                used.setdefault(path, set()).add(cls)
    return used


def _placed(graph: Graph, cls: URIRef) -> URIRef | None:
    """The class whose box shows a class: itself, or its nearest placed superclass."""
    seen = set()
    while cls not in GRID:
        seen.add(cls)
        parents = [p for p in graph.objects(cls, RDFS.subClassOf) if isinstance(p, URIRef) and p not in seen]
        if not parents:
            return None
        cls = parents[0]
    return cls


class _Diagram:
    def __init__(self) -> None:
        self.ontology = Graph().parse(ONTOLOGY_FILE)
        self.boxes = {
            cls: Box(cls, *REUSED_NAMES.get(cls, (_label(self.ontology, cls, "nl"), _label(self.ontology, cls, "en"))))
            for cls in GRID
        }
        self.frames: dict[frozenset, Box] = {}
        self.edges: dict[tuple[int, int], Edge] = {}
        for box in self.boxes.values():
            box.lines = [
                f"▸ {_label(self.ontology, sub, 'nl')} ({_local(sub)})"
                for sub in sorted(self.ontology.subjects(RDFS.subClassOf, box.cls), key=str)
                if isinstance(sub, URIRef) and sub not in GRID
            ]
        self._connect()
        self._lay_out()

    def _targets(self, prop: URIRef) -> list[Box]:
        targets = []
        for range_ in self.ontology.objects(prop, RDFS.range):
            placed = [p for m in _members(self.ontology, range_) if (p := _placed(self.ontology, m))]
            cells = sorted(GRID[p] for p in placed)
            stacked = len(cells) > 1 and all(c == cells[0][0] for c, _ in cells) and \
                [r for _, r in cells] == list(range(cells[0][1], cells[0][1] + len(cells)))
            if stacked:  # one frame around a union drawn as a column of boxes: one arrow instead of several
                key = frozenset(placed)
                targets.append(self.frames.setdefault(key, Box(None, members=[self.boxes[p] for p in placed])))
            else:
                targets += [self.boxes[p] for p in placed]
        return targets

    def _connect(self) -> None:
        from_shapes = _shape_domains(shapes_graph())
        kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
        for prop in sorted(p for kind in kinds for p in self.ontology.subjects(RDF.type, kind) if str(p).startswith(str(DG))):
            domains = [c for d in self.ontology.objects(prop, RDFS.domain) for c in _members(self.ontology, d)]
            sources = {p for c in domains or from_shapes.get(prop, ()) if (p := _placed(self.ontology, c))}
            targets = self._targets(prop) if (prop, RDF.type, OWL.ObjectProperty) in self.ontology else []
            for source in sorted(sources):
                box = self.boxes[source]
                if not targets:  # a value, or a concept outside the core classes: named in the box
                    box.lines.append(f"· {_local(prop)}")
                for target in targets:
                    self.edges.setdefault((id(box), id(target)), Edge(box, target)).properties.append(prop)

    def _lay_out(self) -> None:
        widths: dict[int, float] = {}
        heights: dict[int, float] = {}
        for cls, box in self.boxes.items():
            column, row = GRID[cls]
            texts = [box.title_nl, f"{box.title_en} · {curie(cls)}", *box.lines]
            box.width = max(MIN_WIDTH, max(len(t) for t in texts) * CHAR + 20)
            box.height = HEADER + (len(box.lines) * LINE + 8 if box.lines else 0)
            widths[column] = max(widths.get(column, 0), box.width)
            heights[row] = max(heights.get(row, 0), box.height)
        lefts = {c: MARGIN + sum(widths[k] + COLUMN_GAP for k in widths if k < c) for c in widths}
        tops = {r: TOP + sum(heights[k] + ROW_GAP for k in heights if k < r) for r in heights}
        for cls, box in self.boxes.items():
            column, row = GRID[cls]
            box.x, box.y = lefts[column], tops[row]
        for frame in self.frames.values():
            frame.x = min(m.x for m in frame.members) - FRAME_PAD
            frame.y = min(m.y for m in frame.members) - FRAME_PAD
            frame.width = max(m.x + m.width for m in frame.members) + FRAME_PAD - frame.x
            frame.height = max(m.y + m.height for m in frame.members) + FRAME_PAD - frame.y
        self.width = max(b.x + b.width for b in self.boxes.values()) + MARGIN
        self.height = max(b.y + b.height for b in self.boxes.values()) + MARGIN

    def route(self, edge: Edge) -> tuple[str, list[tuple[float, float]]]:
        """SVG path data of an edge, bent until it crosses no other box, and points along it from start to end."""
        source, target = edge.source, edge.target
        if source is target:  # a property from a class to itself: a loop over the top right corner
            x, y = source.x + source.width - 30, source.y
            loop = ((x, y), (x, y - 45), (x + 70, y - 10), (x + 30, y + 12))
            return (f"M{x:.0f},{y:.0f} C{x:.0f},{y - 45:.0f} {x + 70:.0f},{y - 10:.0f} {x + 30:.0f},{y + 12:.0f}",
                    [_cubic(*loop, i / SAMPLES) for i in range(SAMPLES + 1)])
        (sx, sy), (tx, ty) = source.centre, target.centre
        length = ((tx - sx) ** 2 + (ty - sy) ** 2) ** 0.5
        normal = (-(ty - sy) / length, (tx - sx) / length)
        others = [b for b in self.boxes.values() if b is not source and b is not target and b not in target.members]

        def curve(bend: float):
            control = ((sx + tx) / 2 + normal[0] * bend, (sy + ty) / 2 + normal[1] * bend)
            start, end = _border_point(source, control), _border_point(target, control)
            samples = [_quadratic(start, control, end, i / 60) for i in range(1, 60)]
            return sum(b.contains(*p) for p in samples for b in others), start, control, end

        # the straightest curve that crosses no box; failing that, the one that crosses least
        bends = sorted((k * 40 for k in range(-8, 9)), key=abs)
        _, start, control, end = min((curve(bend) for bend in bends), key=lambda c: c[0])
        return (f"M{start[0]:.0f},{start[1]:.0f} Q{control[0]:.0f},{control[1]:.0f} {end[0]:.0f},{end[1]:.0f}",
                [_quadratic(start, control, end, i / SAMPLES) for i in range(SAMPLES + 1)])


def _border_point(box: Box, toward: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the centre of a box toward a point leaves the box."""
    cx, cy = box.centre
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(box.width / 2 / abs(dx) if dx else float("inf"), box.height / 2 / abs(dy) if dy else float("inf"))
    return cx + dx * scale, cy + dy * scale


def _quadratic(p0, c, p1, t: float) -> tuple[float, float]:
    return ((1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * c[0] + t * t * p1[0],
            (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * c[1] + t * t * p1[1])


def _cubic(p0, c0, c1, p1, t: float) -> tuple[float, float]:
    return tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c + t ** 3 * d
                 for a, b, c, d in zip(p0, c0, c1, p1))


def _label_area(x: float, y: float, texts: list[str]) -> Box:
    """The space the labels of an edge take, centred on (x, y): as wide as the longest, one line each."""
    width = max(len(t) for t in texts) * LABEL_CHAR + 8
    height = len(texts) * LABEL_LINE + 4
    return Box(None, x=x - width / 2, y=y - height / 2, width=width, height=height)


def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a.x + a.width, b.x + b.width) - max(a.x, b.x)) * max(0.0, min(a.y + a.height, b.y + b.height) - max(a.y, b.y))


def _candidates(points: list[tuple[float, float]], area: Box, loop: bool):
    """Places for the labels along the line, the middle first, each on the line (not on a loop, which it
    would hide) and on either side of it, with a penalty for being beside it."""
    last = len(points) - 1
    for fraction in LABEL_PLACES:
        i = round(fraction * last)
        (ax, ay), (bx, by) = points[max(i - 1, 0)], points[min(i + 1, last)]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5 or 1
        nx, ny = -(by - ay) / length, (bx - ax) / length
        # beside the line: far enough that the label's half-width or half-height clears it
        shift = abs(nx) * area.width / 2 + abs(ny) * area.height / 2 + 3
        x, y = points[i]
        if not loop:
            yield (x, y), 0
        yield (x + nx * shift, y + ny * shift), BESIDE
        yield (x - nx * shift, y - ny * shift), BESIDE


def _place_labels(routes: list[tuple[Edge, list[tuple[float, float]]]], boxes: list[Box]) -> list[tuple[float, float]]:
    """Where the labels of each edge go: the first candidate on its line that covers no box, no label placed
    before and no other line; failing that, the one that costs least. A label never covers another label or
    a box if it can help it; on another line it is still read (its white outline breaks the line), and
    beside its own line it is read a little less surely as that line's."""
    placed: list[Box] = []
    centres = []
    for number, (edge, points) in enumerate(routes):
        texts = [_local(p) for p in edge.properties]
        lines = [p for other, (_, pts) in enumerate(routes) if other != number for p in pts]
        obstacles = [b for b in boxes if b is not edge.source and b is not edge.target]

        def cost(place, penalty):
            area = _label_area(*place, texts)
            covered = sum(_overlap(area, b) for b in [*obstacles, *placed])
            crossed = sum(area.contains(px, py, pad=0) for px, py in lines)
            ends = sum(_overlap(area, b) for b in (edge.source, edge.target))  # on its own boxes: worse than a line
            return covered * 100 + ends * 10 + crossed + penalty

        best = None
        loop = edge.source is edge.target
        for rank, (place, penalty) in enumerate(_candidates(points, _label_area(0, 0, texts), loop)):
            score = cost(place, penalty)
            if score == 0:
                best = (0, rank, place)
                break
            best = min(best or (score, rank, place), (score, rank, place))
        centres.append(best[2])
        placed.append(_label_area(*best[2], texts))
    return centres


@lru_cache(maxsize=1)
def class_diagram_svg() -> str:
    diagram = _Diagram()
    esc = html.escape
    w, h = diagram.width, diagram.height
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0f}" height="{h:.0f}" viewBox="0 0 {w:.0f} {h:.0f}" '
        'font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="12" role="img">',
        "<title>Kernklassen van de Doelgraaf-ontologie / core classes of the Doelgraaf ontology</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#4a5a7a"/></marker></defs>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="{MARGIN}" y="32" font-size="18" font-weight="bold">Kernklassen van de Doelgraaf-ontologie '
        '<tspan font-weight="normal" font-style="italic">/ core classes of the Doelgraaf ontology</tspan></text>',
        f'<text x="{MARGIN}" y="54" fill="#333">Pijl: eigenschap (dg:…) van domein naar bereik · ▸ subklasse · '
        '· eigenschap met een waarde of begrip · gestippeld kader: een van beide</text>',
        f'<text x="{MARGIN}" y="70" fill="#333" font-style="italic">Arrow: property (dg:…) from domain to range · '
        '▸ subclass · · property with a value or concept · dashed frame: either of them</text>',
    ]
    for frame in diagram.frames.values():
        out.append(f'<rect x="{frame.x:.0f}" y="{frame.y:.0f}" width="{frame.width:.0f}" height="{frame.height:.0f}" '
                   'rx="10" fill="none" stroke="#7a8aa8" stroke-dasharray="6 4"/>')
    routes = [(edge, *diagram.route(edge)) for edge in diagram.edges.values()]
    places = _place_labels([(edge, points) for edge, _, points in routes], list(diagram.boxes.values()))
    labels = []
    for (edge, path, _), (lx, ly) in zip(routes, places):
        tooltip = "; ".join(f"{curie(p)}: {_label(diagram.ontology, p, 'nl')} / {_label(diagram.ontology, p, 'en')}"
                            for p in edge.properties)
        out.append(f'<path d="{path}" fill="none" stroke="#4a5a7a" stroke-width="1.3" marker-end="url(#arrow)">'
                   f'<title>{esc(tooltip)}</title></path>')
        for i, prop in enumerate(edge.properties):  # labels last, so that no line covers them
            y = ly + (i - (len(edge.properties) - 1) / 2) * LABEL_LINE + 4
            labels.append(f'<text x="{lx:.0f}" y="{y:.0f}" text-anchor="middle" font-size="11" fill="#1d2b4f" '
                          f'stroke="#ffffff" stroke-width="4" paint-order="stroke">{esc(_local(prop))}</text>')
    for cls, box in diagram.boxes.items():
        x, y = box.x, box.y
        out += [
            f'<g id="{esc(curie(cls).replace(":", "-"))}"><title>{esc(curie(cls))}</title>',
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{box.width:.0f}" height="{box.height:.0f}" rx="6" fill="#f4f7fc" '
            'stroke="#2f4a7a" stroke-width="1.4"/>',
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{box.width:.0f}" height="{HEADER}" rx="6" fill="#dbe5f5" '
            'stroke="#2f4a7a" stroke-width="1.4"/>',
            f'<text x="{x + 8:.0f}" y="{y + 17:.0f}" font-weight="bold">{esc(box.title_nl)}</text>',
            f'<text x="{x + 8:.0f}" y="{y + 33:.0f}" font-size="11" fill="#333"><tspan font-style="italic">'
            f'{esc(box.title_en)}</tspan> · {esc(curie(cls))}</text>',
        ]
        out += [f'<text x="{x + 10:.0f}" y="{y + HEADER + 16 + i * LINE:.0f}" font-size="11">{esc(t)}</text>'
                for i, t in enumerate(box.lines)]
        out.append("</g>")
    out += labels
    out.append("</svg>")
    return "\n".join(out) + "\n"
