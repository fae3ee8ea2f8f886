"""Generate a national-scale Doelgraaf dataset: every municipality a realistic college programme.

All 342 municipalities of data/reference/gemeenten.csv (real CBS codes and inhabitants), each in its
own named graph https://w3id.org/doelgraaf/graph/<GM-code>, modelled on the demo Meerwijk: roles
(council, college, portfolio holders, civil service, societal partners), trends, challenges, the
coalition agreement and college programme for the council term 2022-2026, ~10 programmes, ~60 goals
with 1-3 indicators (baseline, target, observations), ~150 measures serving 1-3 goals (with
dg:Contribution shares that add up exactly to 1), and budget lines 2023-2026 as adopted, amended and
realised (realisations stated in annual reports), booked on a taakveld valid in that year: the Iv3
2023 scheme for 2023-2024 and the 2025 scheme (new social-domain codes) from 2025. No blank nodes.

Deterministic: the data of a municipality depends only on the seed and its code, so a small run
(`--municipalities 3`) gives the same graphs as the first three of a national run.

    .venv/bin/python -m bench.generate [--municipalities N] [--seed S] [--out bench/out/national.nq]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from bench import themes as T

ROOT = Path(__file__).resolve().parents[1]
GEMEENTEN = ROOT / "data" / "reference" / "gemeenten.csv"
TAAKVELDEN = ROOT / "ontology" / "vocab" / "taakvelden.ttl"
DEFAULT_SEED = 20260501

DG = "https://w3id.org/doelgraaf/def#"
ID = "https://w3id.org/doelgraaf/id/"
GRAPH = "https://w3id.org/doelgraaf/graph/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DESCRIPTION = "<http://purl.org/dc/terms/description>"
NOTATION = "<http://www.w3.org/2004/02/skos/core#notation>"
ORG = "http://www.w3.org/ns/org#"
FOAF_PERSON = "<http://xmlns.com/foaf/0.1/Person>"
XSD = "http://www.w3.org/2001/XMLSchema#"
YEARS = (2023, 2024, 2025, 2026)
REALISED_YEARS = (2023, 2024, 2025)  # annual report 2025 adopted July 2026
OBSERVED_YEARS = (2024, 2025)


def d(name: str) -> str:
    return f"<{DG}{name}>"


def iri(value: str) -> str:
    return f"<{value}>"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def lit(text: str, lang: str | None = None) -> str:
    return f'"{_escape(text)}"@{lang}' if lang else f'"{_escape(text)}"'


def typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def gyear(year: int) -> str:
    return typed(str(year), "gYear")


def dec(value: float, decimals: int = 1) -> str:
    return typed(f"{value:.{max(decimals, 1)}f}", "decimal")


def money(euros: int) -> str:
    return typed(f"{euros}.00", "decimal")


def slugify(text: str) -> str:
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60]


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    inhabitants: int


def municipalities(limit: int | None = None) -> list[Municipality]:
    with GEMEENTEN.open(encoding="utf-8") as handle:
        rows = [Municipality(r["gm_code"], r["gemeente"], int(r["inwoners_2025"])) for r in csv.DictReader(handle)]
    rows.sort(key=lambda m: m.code)
    return rows if limit is None else rows[:limit]


def valid_taakvelden() -> dict[int, set[str]]:
    """Year -> the codes of leaf taakvelden valid in that year, from the vocabulary itself."""
    store = ox.Store()
    store.load(path=str(TAAKVELDEN), format=ox.RdfFormat.TURTLE)
    query = """PREFIX dg: <https://w3id.org/doelgraaf/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?code ?from ?until WHERE { ?t a dg:Taakveld ; skos:notation ?code ; skos:broader ?main .
          OPTIONAL { ?t dg:validFrom ?from } OPTIONAL { ?t dg:validUntil ?until } }"""
    valid: dict[int, set[str]] = {year: set() for year in YEARS}
    for row in store.query(query):
        start = int(row["from"].value) if row["from"] else 0
        end = int(row["until"].value) if row["until"] else 9999
        for year in YEARS:
            if start <= year <= end:
                valid[year].add(row["code"].value)
    return valid


def check_themes(valid: dict[int, set[str]]) -> None:
    for theme in T.THEMES:
        for old, new in theme.taakvelden:
            for year in YEARS:
                code = old if year <= 2024 else new
                if code not in valid[year]:
                    raise SystemExit(f"taakveld {code} of theme {theme.key} is not valid in {year}")
    for year in YEARS:
        if "0.4" not in valid[year]:
            raise SystemExit("taakveld 0.4 (overhead) missing")


@dataclass
class Graph:
    """The N-Quads lines of one municipality's graph."""

    code: str
    lines: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.g = f" <{GRAPH}{self.code}> .\n"

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o}{self.g}")


@dataclass
class Goal:
    node: str
    theme: T.Theme
    programme: str
    owner: str
    label: str


@dataclass
class Measure:
    node: str
    theme: T.Theme
    goals: list[Goal]
    start: int
    end: int
    amount: int
    taakveld: tuple[str, str]
    label: str
    revenue: int = 0
    withdrawn: int | None = None
    replaces: "Measure | None" = None


def generate_municipality(m: Municipality, seed: int, scale: float = 1.0) -> Graph:
    """One municipality's graph; `scale` < 1 shrinks its college programme (fewer goals and measures, for quick tests)."""
    rng = random.Random(f"{seed}:{m.code}")
    g = Graph(m.code)
    base = f"{ID}{m.code}/"

    def node(kind: str, name: str) -> str:
        return f"<{base}{kind}/{name}>"

    def doc(name: str) -> str:
        return f"<{base}{name}>"

    gemeente = f"<{ID}gemeente/{m.code}>"
    size = max(0.0, math.log2(max(m.inhabitants, 1000) / 20000))

    # 0. the municipality and its roles
    g.add(gemeente, RDF_TYPE, d("Municipality"))
    g.add(gemeente, LABEL, lit(m.name, "nl"))
    g.add(gemeente, d("cbsCode"), lit(m.code))
    for year in YEARS:
        count = doc(f"inwoners-{year}")
        people = round(m.inhabitants * (1 + 0.006 * (year - 2025)))
        g.add(gemeente, d("population"), count)
        g.add(count, RDF_TYPE, d("PopulationCount"))
        g.add(count, d("year"), gyear(year))
        g.add(count, d("inhabitants"), typed(str(people), "integer"))

    raad, college, ambtelijk = doc("raad"), doc("college"), doc("ambtelijke-organisatie")
    for unit, cls, nl, en, role in ((raad, "Council", "Gemeenteraad van", "Municipal council of", "raad"),
                                    (college, "College", "College van burgemeester en wethouders van", "Municipal executive of", "college")):
        g.add(unit, RDF_TYPE, d(cls))
        g.add(unit, LABEL, lit(f"{nl} {m.name}", "nl"))
        g.add(unit, LABEL, lit(f"{en} {m.name}", "en"))
        g.add(unit, f"<{ORG}unitOf>", gemeente)
        g.add(unit, d("roleType"), f"<{ID}rol/{role}>")
    g.add(ambtelijk, RDF_TYPE, f"<{ORG}OrganizationalUnit>")
    g.add(ambtelijk, LABEL, lit(f"Ambtelijke organisatie {m.name}", "nl"))
    g.add(ambtelijk, f"<{ORG}unitOf>", gemeente)

    # portfolio holders: the mayor holds governance and safety, the aldermen share the other themes
    aldermen = min(7, max(3, 3 + round(size * 0.9)))
    others = [t for t in T.THEMES if t.key not in ("bestuur", "veiligheid")]
    rng.shuffle(others)
    portfolios: dict[str, list[T.Theme]] = {"burgemeester": [t for t in T.THEMES if t.key in ("bestuur", "veiligheid")]}
    for index, theme in enumerate(others):
        portfolios.setdefault(f"wethouder-{index % aldermen + 1}", []).append(theme)
    owner_of: dict[str, str] = {}
    used_names: set[str] = set()
    for key, held in portfolios.items():
        post = node("post", key if key == "burgemeester" else slugify("wethouder " + " ".join(t.key for t in held)))
        title = "Burgemeester" if key == "burgemeester" else "Wethouder " + ", ".join(t.label_nl for t in held)
        title_en = "Mayor" if key == "burgemeester" else "Alderman for " + ", ".join(t.label_en for t in held)
        while True:
            person_name = f"{rng.choice(T.FIRST_NAMES)} {rng.choice(T.LAST_NAMES)}"
            if person_name not in used_names:
                used_names.add(person_name)
                break
        person = node("persoon", slugify(person_name))
        g.add(post, RDF_TYPE, d("PortfolioHolder"))
        g.add(post, LABEL, lit(title, "nl"))
        g.add(post, LABEL, lit(title_en, "en"))
        g.add(post, f"<{ORG}postIn>", college)
        g.add(post, f"<{ORG}heldBy>", person)
        g.add(post, d("roleType"), f"<{ID}rol/portefeuillehouder>")
        g.add(person, RDF_TYPE, FOAF_PERSON)
        g.add(person, LABEL, lit(person_name))
        for theme in held:
            owner_of[theme.key] = post

    def civil_post(key: str, label: str, role: str) -> str:
        post = node("post", key)
        g.add(post, RDF_TYPE, d("CivilServicePost"))
        g.add(post, LABEL, lit(label, "nl"))
        g.add(post, f"<{ORG}postIn>", ambtelijk)
        g.add(post, d("roleType"), f"<{ID}rol/{role}>")
        return post

    directors = {
        "fysiek": civil_post("directeur-fysiek", "Directeur Fysiek Domein", "ambtelijk-opdrachtgever"),
        "sociaal": civil_post("directeur-sociaal", "Directeur Sociaal Domein", "ambtelijk-opdrachtgever"),
        "bedrijf": civil_post("directeur-bedrijfsvoering", "Directeur Veiligheid en Bedrijfsvoering", "ambtelijk-opdrachtgever"),
    }
    director_of = {"wonen": "fysiek", "duurzaamheid": "fysiek", "mobiliteit": "fysiek", "economie": "fysiek",
                   "zorg": "sociaal", "werk": "sociaal", "onderwijs": "sociaal", "sport": "sociaal",
                   "bestuur": "bedrijf", "veiligheid": "bedrijf"}
    team_of = {t.key: civil_post(f"teamleider-{t.key}", t.team_nl, "budgethouder") for t in T.THEMES}
    civil_post("concerncontroller", "Concerncontroller", "budgethouder")

    partner_of: dict[str, str] = {}
    for kind, theme_key in rng.sample(T.PARTNERS, rng.randint(6, 10)):
        partner = node("partner", slugify(f"{kind} {m.name}"))
        g.add(partner, RDF_TYPE, d("SocietalPartner"))
        g.add(partner, LABEL, lit(f"{kind} {m.name}"))
        g.add(partner, d("roleType"), f"<{ID}rol/maatschappelijke-partner>")
        partner_of.setdefault(theme_key, partner)

    # 1-4. trends, challenges, coalition agreement, college programme, the P&C documents
    term, agreement, programme_doc = doc("raadsperiode-2022-2026"), doc("coalitieakkoord-2022-2026"), doc("collegeprogramma-2022-2026")
    g.add(term, RDF_TYPE, d("CouncilTerm"))
    g.add(term, LABEL, lit("Raadsperiode 2022-2026", "nl"))
    g.add(term, d("firstYear"), gyear(2023))
    g.add(term, d("lastYear"), gyear(2026))
    g.add(agreement, RDF_TYPE, d("CoalitionAgreement"))
    g.add(agreement, LABEL, lit(f"Coalitieakkoord 2022-2026 {m.name}", "nl"))
    g.add(agreement, d("term"), term)
    g.add(agreement, d("adoptedOn"), typed(f"2022-05-{rng.randint(10, 31)}", "date"))
    g.add(programme_doc, RDF_TYPE, d("CollegeProgramme"))
    g.add(programme_doc, LABEL, lit("Collegeprogramma 2022-2026", "nl"))
    g.add(programme_doc, d("term"), term)
    g.add(programme_doc, d("basedOn"), agreement)
    g.add(programme_doc, d("adoptedBy"), college)
    g.add(programme_doc, d("adoptedOn"), typed(f"2022-07-{rng.randint(1, 14):02d}", "date"))

    documents: dict[tuple[str, int], str] = {}
    for year in YEARS:
        for kind, cls, label, month, offset in (("kadernota", "FrameworkMemorandum", "Kadernota", 7, -1),
                                                ("programmabegroting", "ProgrammeBudget", "Programmabegroting", 11, -1),
                                                ("bestuursrapportage", "InterimReport", "Bestuursrapportage", 7, 0),
                                                ("jaarstukken", "AnnualReport", "Jaarstukken", 7, 1)):
            if kind == "jaarstukken" and year not in REALISED_YEARS:
                continue
            document = doc(f"{kind}-{year}")
            documents[(kind, year)] = document
            g.add(document, RDF_TYPE, d(cls))
            g.add(document, LABEL, lit(f"{label} {year}", "nl"))
            g.add(document, d("fiscalYear"), gyear(year))
            g.add(document, d("adoptedBy"), raad)
            g.add(document, d("adoptedOn"), typed(f"{year + offset}-{month:02d}-{rng.randint(1, 14):02d}", "date"))
            if kind == "programmabegroting":
                g.add(document, d("basedOn"), documents[("kadernota", year)])
            elif kind == "bestuursrapportage":
                g.add(document, d("basedOn"), documents[("programmabegroting", year)])

    sessions = (doc("datasessie-fysiek"), doc("datasessie-sociaal"))
    for index, (session, title) in enumerate(zip(sessions, ("wonen, ruimte, duurzaamheid en economie", "zorg, jeugd, werk en veiligheid"))):
        g.add(session, RDF_TYPE, d("DataSession"))
        g.add(session, LABEL, lit(f"Datasessie {index + 1}: {title}", "nl"))
        g.add(session, d("sessionDate"), typed(f"2021-{10 + index}-{rng.randint(1, 28):02d}", "date"))
        g.add(session, d("participant"), raad)
    challenge_of = {}
    for key, (nl, en) in T.CHALLENGES.items():
        challenge = node("opgave", slugify(nl))
        challenge_of[key] = challenge
        g.add(challenge, RDF_TYPE, d("SocietalChallenge"))
        g.add(challenge, LABEL, lit(nl, "nl"))
        g.add(challenge, LABEL, lit(en, "en"))
        g.add(challenge, d("statedIn"), agreement)
    for nl, en, keys in rng.sample(T.TRENDS, 8):
        trend = node("trend", slugify(nl))
        g.add(trend, RDF_TYPE, d("Trend"))
        g.add(trend, LABEL, lit(nl, "nl"))
        g.add(trend, LABEL, lit(en, "en"))
        g.add(trend, d("discussedIn"), sessions[0 if keys[0] in ("wonen", "duurzaamheid", "economie", "mobiliteit") else 1])
        for key in keys:
            g.add(trend, d("leadsTo"), challenge_of[key])

    # 5. programmes, goals and indicators
    goal_total = min(76, max(44, round(54 + 4 * math.log2(max(m.inhabitants, 1000) / 20000))))
    goal_total = max(len(T.THEMES), round(goal_total * scale))
    per_programme = [goal_total // len(T.THEMES)] * len(T.THEMES)
    for index in rng.sample(range(len(T.THEMES)), goal_total % len(T.THEMES)):
        per_programme[index] += 1

    goals: list[Goal] = []
    indicators: list[tuple[str, float, float, int, int, int]] = []  # node, baseline, target, target year, better, decimals
    goal_slugs: set[str] = set()

    def indicator(owner: str, template: T.IndicatorTemplate, name: str, output: bool = False) -> None:
        ind = node("indicator", name)
        g.add(owner, d("hasIndicator"), ind)
        g.add(ind, RDF_TYPE, d("OutputIndicator" if output else "EffectIndicator"))
        g.add(ind, LABEL, lit(template.label_nl, "nl"))
        g.add(ind, d("unit"), lit(template.unit, "nl"))
        if template.bbv is not None:
            g.add(ind, d("sharedIndicator"), f"<{ID}beleidsindicator/{template.bbv}>")
        baseline = round(rng.uniform(template.low, template.high), template.decimals)
        change = rng.uniform(0.05, 0.25) * template.better
        target = round(baseline * (1 + change), template.decimals)
        if "%" in template.unit:
            target = min(target, 100.0)
        target_year = 2026 if rng.random() < 0.85 else 2025
        for suffix, cls_value, year in (("nulmeting", baseline, 2022), ("streefwaarde", target, target_year)):
            value_node = node("indicator", f"{name}/{suffix}")
            g.add(ind, d("baseline" if suffix == "nulmeting" else "target"), value_node)
            g.add(value_node, RDF_TYPE, d("IndicatorValue"))
            g.add(value_node, d("value"), dec(cls_value, template.decimals))
            g.add(value_node, d("year"), gyear(year))
        indicators.append((ind, baseline, target, target_year, template.better, template.decimals))

    for number, (theme, count) in enumerate(zip(T.THEMES, per_programme), start=1):
        programme = node("programma", slugify(theme.label_nl))
        g.add(programme, RDF_TYPE, d("Programme"))
        g.add(programme, LABEL, lit(f"Programma {number}: {theme.label_nl}", "nl"))
        g.add(programme, LABEL, lit(f"Programme {number}: {theme.label_en}", "en"))
        g.add(programme, NOTATION, lit(str(number)))
        templates = list(theme.goals)
        rng.shuffle(templates)
        chosen = templates[:count]
        districts = list(T.DISTRICTS)
        rng.shuffle(districts)
        while len(chosen) < count:
            template = rng.choice(theme.goals)
            district = districts.pop()
            chosen.append(T.GoalTemplate(f"{template.label_nl} in {district}", f"{template.label_en} in {district}",
                                         template.description, template.indicators, template.sdgs))
        first_goal = None
        for template in chosen:
            name = slugify(template.label_nl)
            while name in goal_slugs:
                name += "-2"
            goal_slugs.add(name)
            goal = node("doel", name)
            owner = owner_of[theme.key]
            goals.append(Goal(goal, theme, programme, owner, template.label_nl))
            g.add(goal, RDF_TYPE, d("Goal"))
            g.add(goal, LABEL, lit(template.label_nl, "nl"))
            g.add(goal, LABEL, lit(template.label_en, "en"))
            g.add(goal, DESCRIPTION, lit(template.description, "nl"))
            g.add(goal, d("partOfProgramme"), programme)
            g.add(goal, d("addresses"), challenge_of[theme.key])
            g.add(goal, d("owner"), owner)
            g.add(goal, d("officialOwner"), directors[director_of[theme.key]])
            g.add(goal, d("statedIn"), programme_doc)
            for sdg in template.sdgs[: rng.randint(1, len(template.sdgs))]:
                g.add(goal, d("sdg"), f"<http://metadata.un.org/sdg/{sdg}>")
            if theme.key in partner_of and rng.random() < 0.3:
                g.add(goal, d("partner"), partner_of[theme.key])
            if first_goal is not None and rng.random() < 0.12:
                g.add(goal, d("subGoalOf"), first_goal)
            first_goal = first_goal or goal
            pool = list(template.indicators)
            picked = pool[:1] + [t for t in pool[1:] if rng.random() < 0.5]
            if len(picked) == 1 and rng.random() < 0.25:
                picked.append(rng.choice((T.SATISFACTION, T.REACH)))
            for index, ind_template in enumerate(picked):
                indicator(goal, ind_template, f"{name}-{index + 1}")

    # 6. measures: each goal gets at least one serving measure; ~2.5 measures per goal
    by_theme: dict[str, list[Goal]] = {}
    for goal in goals:
        by_theme.setdefault(goal.theme.key, []).append(goal)
    measures: list[Measure] = []
    measure_slugs: set[str] = set()
    per_head = m.inhabitants

    def new_measure(theme: T.Theme, served: list[Goal], start: int, end: int, label: str) -> Measure:
        name = slugify(label)
        while name in measure_slugs:
            name += "-2"
        measure_slugs.add(name)
        amount = max(5000, round(per_head * rng.lognormvariate(math.log(3.0), 1.0) / 100) * 100)
        revenue = round(amount * rng.uniform(0.2, 0.6) / 100) * 100 if rng.random() < 0.12 else 0
        item = Measure(node("maatregel", name), theme, served, start, end, amount, rng.choice(theme.taakvelden), label, revenue)
        measures.append(item)
        return item

    def start_year() -> int:
        return rng.choices(YEARS, weights=(55, 20, 15, 10))[0]

    for theme in T.THEMES:
        theme_goals = by_theme[theme.key]
        labels = list(theme.measures)
        rng.shuffle(labels)
        districts = list(T.DISTRICTS)
        wanted = round(len(theme_goals) * rng.uniform(2.2, 2.8))

        def label() -> str:
            if labels:
                return labels.pop()
            return f"{rng.choice(theme.measures)} {rng.choice(districts)}"

        for index in range(wanted):
            primary = theme_goals[index % len(theme_goals)]
            served = [primary]
            extra = rng.choices((0, 1, 2), weights=(68, 24, 8))[0]
            candidates = [x for x in theme_goals if x is not primary]
            if rng.random() < 0.2:
                candidates = [x for x in goals if x is not primary]
            served += rng.sample(candidates, min(extra, len(candidates)))
            start = start_year()
            duration = rng.choices((1, 2, 3, 4), weights=(25, 30, 25, 20))[0]  # projects run one to four years
            new_measure(theme, served, start, min(2026, start + duration - 1), label())

    # agile measures: a few are withdrawn at an interim report and replaced by another serving the same goals
    for old in rng.sample(measures, max(1, len(measures) // 30)):
        if old.start > 2024:
            continue
        year = rng.choice((2024, 2025))
        old.end = year
        replacement = new_measure(old.theme, list(old.goals), year + 1, 2026, f"{old.label} (nieuwe aanpak)")
        replacement.replaces = old
        old.withdrawn = year

    shares_for = {1: [(1,)], 2: [("0.5", "0.5"), ("0.6", "0.4"), ("0.7", "0.3"), ("0.8", "0.2")],
                  3: [("0.5", "0.3", "0.2"), ("0.4", "0.4", "0.2"), ("0.34", "0.33", "0.33"), ("0.6", "0.2", "0.2")]}
    for measure in measures:
        name = measure.node[len(f"<{base}maatregel/"):-1]
        initiative = measure.theme.key in partner_of and rng.random() < 0.06
        g.add(measure.node, RDF_TYPE, d("PartnerInitiative" if initiative else "Measure"))
        g.add(measure.node, LABEL, lit(measure.label, "nl"))
        for goal in measure.goals:
            g.add(measure.node, d("serves"), goal.node)
        g.add(measure.node, d("owner"), owner_of[measure.theme.key])
        g.add(measure.node, d("budgetHolder"), team_of[measure.theme.key])
        stated = documents[("programmabegroting", measure.start)]
        g.add(measure.node, d("statedIn"), stated)
        if initiative:
            g.add(measure.node, d("initiator"), partner_of[measure.theme.key])
            g.add(measure.node, d("partner"), partner_of[measure.theme.key])
        if measure.withdrawn:
            g.add(measure.node, d("withdrawnIn"), documents[("bestuursrapportage", measure.withdrawn)])
        if measure.replaces:
            g.add(measure.node, d("replaces"), measure.replaces.node)
        if rng.random() < 0.08:
            indicator(measure.node, T.IndicatorTemplate("Deelnemers of bereikte huishoudens", "Participants or households reached",
                                                        "aantal per jaar", None, 20, 900, 1, 0), f"{name}-output", output=True)
        if len(measure.goals) > 1:
            for goal, share in zip(measure.goals, rng.choice(shares_for[len(measure.goals)])):
                contribution = node("bijdrage", f"{name}--{goal.node.rsplit('/', 1)[-1][:-1]}")
                g.add(contribution, RDF_TYPE, d("Contribution"))
                g.add(contribution, d("measure"), measure.node)
                g.add(contribution, d("goal"), goal.node)
                g.add(contribution, d("share"), typed(share, "decimal"))

    # observations in the annual reports
    for ind, baseline, target, target_year, better, decimals in indicators:
        ind_name = ind[len(f"<{base}indicator/"):-1]
        pace = rng.uniform(-0.3, 1.15)
        for year in OBSERVED_YEARS:
            fraction = pace * (year - 2022) / (target_year - 2022)
            value = round(baseline + (target - baseline) * fraction + rng.gauss(0, abs(target - baseline) * 0.05), decimals)
            if value < 0:
                value = 0.0
            observation = node("meting", f"{ind_name}-{year}")
            g.add(observation, RDF_TYPE, d("Observation"))
            g.add(observation, d("indicator"), ind)
            g.add(observation, d("value"), dec(value, decimals))
            g.add(observation, d("year"), gyear(year))
            g.add(observation, d("refArea"), gemeente)
            g.add(observation, d("statedIn"), documents[("jaarstukken", year)])

    # 7-9. budget lines: adopted (programme budget), amended (interim report), realised (annual report)
    phases = {"AdoptedBudget": ("programmabegroting", "primitief"), "AmendedBudget": ("bestuursrapportage", "gewijzigd"),
              "Realisation": ("jaarstukken", "realisatie")}

    def line(funded: str, name: str, year: int, phase: str, direction: str, taakveld: tuple[str, str], amount: int) -> None:
        kind, word = phases[phase]
        budget_line = node("begroting", f"{name}-{year}-{word}-{'lasten' if direction == 'Expense' else 'baten'}")
        code = taakveld[0] if year <= 2024 else taakveld[1]
        g.add(budget_line, RDF_TYPE, d("BudgetLine"))
        g.add(budget_line, d("funds"), funded)
        g.add(budget_line, d("fiscalYear"), gyear(year))
        g.add(budget_line, d("phase"), d(phase))
        g.add(budget_line, d("direction"), d(direction))
        g.add(budget_line, d("taakveld"), f"<{ID}taakveld/{code}>")
        g.add(budget_line, d("amount"), money(amount))
        g.add(budget_line, d("statedIn"), documents[(kind, year)])

    for measure in measures:
        name = measure.node[len(f"<{base}maatregel/"):-1]
        for year in range(measure.start, measure.end + 1):
            indexed = round(measure.amount * 1.03 ** (year - 2023) / 100) * 100
            line(measure.node, name, year, "AdoptedBudget", "Expense", measure.taakveld, indexed)
            if measure.revenue:
                line(measure.node, name, year, "AdoptedBudget", "Revenue", measure.taakveld, measure.revenue)
            if rng.random() < 0.12:
                line(measure.node, name, year, "AmendedBudget", "Expense", measure.taakveld,
                     round(indexed * rng.uniform(0.75, 1.3) / 100) * 100)
            if year in REALISED_YEARS and rng.random() < 0.4:
                line(measure.node, name, year, "Realisation", "Expense", measure.taakveld,
                     round(indexed * rng.uniform(0.8, 1.1) / 100) * 100)
    for number, theme in enumerate(T.THEMES, start=1):
        programme = node("programma", slugify(theme.label_nl))
        overhead = round(m.inhabitants * rng.uniform(15, 40) / 100) * 100
        for year in YEARS:
            line(programme, f"programma-{number}-overhead", year, "AdoptedBudget", "Expense", ("0.4", "0.4"),
                 round(overhead * 1.03 ** (year - 2023) / 100) * 100)
            if year in REALISED_YEARS:
                line(programme, f"programma-{number}-overhead", year, "Realisation", "Expense", ("0.4", "0.4"),
                     round(overhead * 1.03 ** (year - 2023) * rng.uniform(0.95, 1.05) / 100) * 100)
    for goal in goals:
        if rng.random() < 0.08:
            name = "doel-" + goal.node.rsplit("/", 1)[-1][:-1]
            amount = round(m.inhabitants * rng.uniform(1, 6) / 100) * 100
            taakveld = rng.choice(goal.theme.taakvelden)
            for year in YEARS:
                line(goal.node, name, year, "AdoptedBudget", "Expense", taakveld, amount)
    return g


def source_digest() -> str:
    """Identifies the generator's code, so that a dataset built by older code is not reused."""
    digest = hashlib.sha256()
    for path in (Path(__file__), Path(T.__file__), GEMEENTEN, TAAKVELDEN):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def generate(out: Path, count: int | None = None, seed: int = DEFAULT_SEED, quiet: bool = False, scale: float = 1.0) -> dict:
    """Write the dataset as N-Quads to `out` and a manifest beside it (out + '.json'); returns the manifest."""
    started = time.perf_counter()
    valid = valid_taakvelden()
    check_themes(valid)
    chosen = municipalities(count)
    out.parent.mkdir(parents=True, exist_ok=True)
    graphs = {}
    with out.open("w", encoding="utf-8") as handle:
        for m in chosen:
            graph = generate_municipality(m, seed, scale)
            handle.writelines(graph.lines)
            graphs[m.code] = len(graph.lines)
    manifest = {
        "seed": seed,
        "scale": scale,
        "municipalities": len(chosen),
        "triples": sum(graphs.values()),
        "graphs": graphs,
        "bytes": out.stat().st_size,
        "generator": source_digest(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    Path(str(out) + ".json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    if not quiet:
        print(f"{manifest['triples']:,} triples in {len(chosen)} gemeenten / municipalities, "
              f"{manifest['bytes'] / 1e6:.0f} MB N-Quads, {manifest['seconds']:.1f} s -> {out}")
    return manifest


def municipality_quads(path: Path, code: str) -> list[str]:
    """The N-Quads lines of one municipality's graph, read back from a generated file."""
    suffix = f"<{GRAPH}{code}> .\n"
    with path.open(encoding="utf-8") as handle:
        return [line for line in handle if line.endswith(suffix)]


def check(path: Path, codes: list[str]) -> dict[str, object]:
    """Validate generated municipalities against the shapes (doelgraaf.validation.validate)."""
    from doelgraaf.core.terms import triples_to_graph
    from doelgraaf.validation import validate

    outcome = {}
    for code in codes:
        data = "".join(municipality_quads(path, code)).encode("utf-8")
        graph = triples_to_graph(ox.parse(data, format=ox.RdfFormat.N_QUADS))
        report = validate(graph)
        outcome[code] = report
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genereer de landelijke benchmarkdataset / generate the national benchmark dataset")
    parser.add_argument("--municipalities", type=int, default=None, help="alleen de eerste N gemeenten / only the first N municipalities")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--programme-scale", type=float, default=1.0,
                        help="kleinere collegeprogramma's (0-1), voor snelle tests / smaller college programmes, for quick tests")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "national.nq")
    parser.add_argument("--check", type=int, default=0, metavar="K",
                        help="controleer K gegenereerde gemeenten met de SHACL-regels / validate K generated municipalities")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.municipalities, args.seed, scale=args.programme_scale)
    if args.check:
        codes = list(manifest["graphs"])
        step = max(1, len(codes) // args.check)
        failures = 0
        for code, report in check(args.out, codes[::step][: args.check]).items():
            print(f"{code}: {'voldoet / conforms' if report.conforms else 'FOUTEN / VIOLATIONS'} "
                  f"({len(report.violations)} fouten/violations, {len(report.warnings)} waarschuwingen/warnings)")
            for result in report.violations[:10]:
                print("   ", result.message("en"))
            failures += not report.conforms
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
