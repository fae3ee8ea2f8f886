"""bench/RESULTS.md from the figures bench.run collected: one table, every row beside its target of issue 5."""

from __future__ import annotations

from bench.common import timing_from

PASS, FAIL = "✓", "✗"
WARM = "warm: herhaald zonder schrijfactie ertussen, caches van de service mogen antwoorden / repeated without a write in between"
COLD = ("koud: vóór elke meting één schrijfactie in de graaf van deze gemeente, dus haar caches verlopen / cold: one write "
        "to this municipality's graph before each run, so its caches are stale")


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"
    return f"{seconds:.1f} s" if seconds < 100 else f"{seconds:.0f} s"


def _mb(amount: float | None) -> str:
    return "–" if amount is None else f"{amount / 1e6:,.0f} MB"


def _source(report: dict) -> str:
    source = report.get("source") or {}
    start, end = source.get("start") or {}, source.get("end") or {}
    text = f"Gemeten code / code measured: commit `{start.get('head', '?')}`"
    if start.get("changed"):
        text += f", met wijzigingen / with changes in {', '.join(start['changed'][:8])}"
    if end and (end.get("head") != start.get("head") or end.get("changed") != start.get("changed")):
        text += (f". **Tijdens de run veranderd / changed during the run** (einde / end: `{end.get('head')}`"
                 f"{', gewijzigd / changed: ' + ', '.join(end['changed'][:8]) if end.get('changed') else ''}); "
                 "de cijfers kunnen twee versies mengen / the figures may mix two versions")
    return text + "."


def _kinds(level: dict) -> str:
    kinds = level.get("error_kinds") or {}
    return f" ({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))})" if kinds else ""


def _check(ok: bool | None) -> str:
    return "" if ok is None else (PASS if ok else FAIL)


class Table:
    def __init__(self):
        self.rows: list[str] = []

    def add(self, number: str, what: str, n, median: str, p95: str = "", target: str = "–", ok: bool | None = None, note: str = ""):
        self.rows.append(f"| {number} | {what} | {'' if n is None else n} | {median} | {p95} | {target} | {_check(ok)} | {note} |")

    def timed(self, number: str, what: str, data: dict | None, target: str = "–", limit: float | None = None, note: str = "",
              on: str = "median"):
        if not data:
            self.add(number, what, None, "niet gemeten / not measured", target=target, note=note)
            return None
        timing = timing_from(data)
        value = timing.median if on == "median" else timing.p95
        self.add(number, what, timing.n, _time(timing.median), _time(timing.p95), target,
                 None if limit is None else value <= limit, note)
        return timing

    def markdown(self) -> str:
        head = ("| # | meting / measurement | n | mediaan / median | p95 | doel / target | | toelichting / note |\n"
                "|---|---|---:|---:|---:|---|---|---|")
        return head + "\n" + "\n".join(self.rows)


def markdown(report: dict) -> str:
    t = Table()
    dataset = report.get("dataset") or {}
    triples = dataset.get("triples")
    count = dataset.get("municipalities")

    # 1. bulk load
    loads = report.get("load") or []
    if loads:
        bulk = {"samples": [x["bulk_seconds"] for x in loads]}
        install = {"samples": [x["install_seconds"] for x in loads]}
        cbs = {"samples": [sum(c["seconds"] for c in x["cbs"]) for x in loads]}
        total = {"samples": [x["bulk_seconds"] + x["install_seconds"] + sum(c["seconds"] for c in x["cbs"]) + x["close_seconds"]
                             for x in loads]}
        cbs_triples = sum(c["triples"] for c in loads[-1]["cbs"])
        t.timed("1", f"bulk load {triples / 1e6:.2f} M triples ({count} gemeenten / municipalities), N-Quads → Oxigraph op schijf / on disk",
                bulk, "≤ 15 s", 15, "`Store.bulk_load`, één bestand, elke gemeente haar eigen graaf / one file, a graph per municipality")
        floor = next((x["floor"] for x in loads if "floor" in x), None)
        if floor:
            t.add("1", "ondergrens: alleen het bestand lezen / floor: parsing the file alone", 1, _time(floor["parse_seconds"]),
                  note=f"`pyoxigraph.parse`, {floor['quads']:,} quads, niets opgeslagen / nothing stored")
            t.add("1", "ondergrens: dezelfde bulk load in het geheugen / floor: the same bulk load into memory", 1,
                  _time(floor["memory_bulk_seconds"]), note="`Store().bulk_load`, zonder schijf / no disk")
        t.timed("1", "+ ontologie, shapes, vocabulaires / ontology, shapes, vocabularies", install,
                note="`catalogue.install` (SPARQL UPDATE)")
        t.timed("1", f"+ CBS Iv3, {len(loads[-1]['cbs'])} bestanden / files ({cbs_triples / 1e3:,.0f} k triples)", cbs,
                note="`cbs_iv3.import_file`, achter elkaar / one after another")
        t.timed("1", "totaal laden / total load", total)
        peak = max(x["maxrss"] for x in loads)
        bulk_peak = max(x["bulk_maxrss"] for x in loads)
        t.add("1", "piekgeheugen van het laadproces / peak memory of the load process", len(loads), _mb(peak),
              note=f"na alleen de bulk load / after the bulk load alone: {_mb(bulk_peak)} (ru_maxrss, eigen proces / own process)")
        t.add("1", "store op schijf / store on disk", len(loads), _mb(loads[-1]["store_bytes"]))
    else:
        t.add("1", "bulk load", None, "niet gemeten / not measured", target="≤ 15 s")

    inproc = report.get("inprocess") or {}
    if inproc.get("open_seconds") is not None:
        t.add("1", "bestaande store openen / open the existing store", 1, _time(inproc["open_seconds"]))

    # 2. query 2: warm (caches of the service may answer) and cold (after a write)
    code = report.get("code", "?")
    graphql, cold, sparql = inproc.get("graphql"), inproc.get("graphql_cold"), inproc.get("sparql")
    g = t.timed("2", f"vraag 2 via GraphQL, in proces, warm / query 2 through GraphQL, in process, warm ({code})", graphql,
                "p50 ≤ 25 ms", 0.025,
                f"contractquery MUNICIPALITY: {graphql['goals']} doelen/goals, {graphql['measures']} maatregelen/measures, "
                f"{graphql['programmes']} programma's; {graphql['sparql_queries']} SPARQL-queries; {WARM}" if graphql else "")
    gc = t.timed("2", "vraag 2 via GraphQL, in proces, koud / query 2 through GraphQL, in process, cold", cold, "p50 ≤ 25 ms", 0.025,
                 f"{cold['sparql_queries']} SPARQL-queries; {COLD}" if cold else "")
    through = report.get("throughput") or {}
    over_http = None
    for key, nl, en, note in (
            ("levels", "warm", "warm", "zoals een dashboard haar stelt: het antwoord komt uit de antwoordcache van de service tot de volgende "
                               "schrijfactie / as a dashboard asks it: the answer comes from the service's answer cache until the next write"),
            ("levels_rotating", "elk verzoek een andere gemeente", "every request another municipality",
             "geen antwoord uit de cache: index van de graaf, kosten en antwoord worden berekend / no cached answer: the graph's "
             "index, costs and answer are computed")):
        one = next((level for level in through.get(key, []) if level["clients"] == 1 and level.get("latency")), None)
        if one and key == "levels":
            over_http = one["latency"]["median"]
        if one:
            t.add("2", f"vraag 2 via de service over HTTP, 1 client, {nl} / query 2 through the service over HTTP, 1 client, {en}",
                  one["requests"],
                  _time(one["latency"]["median"]), _time(one["latency"]["p95"]), "p50 ≤ 25 ms", one["latency"]["median"] <= 0.025,
                  f"`doelgraaf serve`, loopback; {note}")
    s = t.timed("2", "vraag 2 als één handgeschreven SPARQL-query / query 2 as one hand-written SPARQL query", sparql,
                note=f"`bench/queries/contract.rq`, {sparql['rows']} rijen / rows; zonder caches / no caches" if sparql else "")
    if s:
        agree = inproc.get("answers_agree")
        same = "zelfde antwoord / same answer: " + ("ja / yes" if agree else f"NEE / NO: {'; '.join(inproc.get('differences', [])[:3])}")
        for timing, label in ((g, "in proces / in process, warm"), (gc, "in proces / in process, koud / cold")):
            if timing:
                ratio = timing.median / s.median
                t.add("2", f"verhouding / ratio GraphQL ({label}) / SPARQL", None, f"{ratio:.2f} ×", "", "≤ 1.3 ×", ratio <= 1.3, same)
        if over_http:
            ratio = over_http / s.median
            t.add("2", "verhouding / ratio GraphQL (HTTP, warm) / SPARQL", None, f"{ratio:.3f} ×", "", "≤ 1.3 ×", ratio <= 1.3,
                  "de service tegenover de query op de store zelf / the service against the query on the store itself")

    # 3. benchmark, warm and cold
    for taakveld, kind in (("6.1", "taakveld"), ("6", "hoofdtaakveld / main taakveld")):
        for suffix, label in (("", "warm"), ("_cold", "koud / cold")):
            data = inproc.get(f"benchmark_{taakveld}{suffix}")
            t.timed("3", f"`comparisons.benchmark` {kind} {taakveld}, 2024 begroting, lasten / ADOPTED, expenses; {label}", data,
                    "p50 ≤ 100 ms", 0.1, f"{data['rows']} gemeenten / municipalities" if data else "")
    for taakveld in ("6.1", "6"):
        for suffix, label in (("", "warm"), ("_cold", "koud / cold")):
            data = inproc.get(f"benchmark_graphql_{taakveld}{suffix}")
            t.timed("3", f"GraphQL `benchmark(taakveld: \"{taakveld}\", …)`, in proces; {label}", data, "p50 ≤ 100 ms", 0.1,
                    f"{data['rows']} rijen / rows" if data else "")

    # 4. validation
    one = inproc.get("validate_one")
    t.timed("4", f"één gemeente controleren, koud / validate one municipality, cold ({code})", one, "≤ 1 s", 1.0,
            f"`municipality_report`: {one['triples']:,} triples, {'voldoet / conforms' if one['conforms'] else 'FOUTEN / violations'}; "
            f"{COLD}" if one else "")
    warm = inproc.get("validate_one_warm")
    if warm:
        t.timed("4", "één gemeente controleren, warm / validate one municipality, warm", warm, "≤ 1 s", 1.0,
                "het rapport van de vorige keer, geen schrijfactie ertussen / the previous report, no write in between")
    every = inproc.get("validate_all")
    if every:
        per = every["per_municipality"]
        t.add("4", f"alle {every['municipalities']} controleren / validate all {every['municipalities']}", 1, _time(every["seconds"]), "",
              "≤ 60 s", every["seconds"] <= 60,
              f"{every['workers']} werkprocessen die elk de store alleen-lezen openen / worker processes each opening the store "
              f"read-only (`municipality_report`); per gemeente / per municipality p50 {_time(per['median'])}, "
              f"p95 {_time(per['p95'])}; {every['conforming']} voldoen / conform")
    elif report.get("inprocess") is not None:
        t.add("4", "alle gemeenten controleren / validate all municipalities", None, "niet gemeten / not measured", target="≤ 60 s")

    # 5. mutation
    mutation = inproc.get("mutation")
    t.timed("5", "mutatie met SHACL-poort / mutation behind the SHACL gate (GraphQL `updateGoal`, in proces)", mutation,
            "p50 ≤ 300 ms", 0.3, ("opgeslagen, telkens na de vorige wijziging / stored, each after the previous change"
                                  if mutation["stored"] else "NIET opgeslagen / NOT stored") if mutation else "")

    # 6. throughput and memory
    through = report.get("throughput") or {}
    modes = (("levels", "steeds dezelfde vraag / the same question every time"),
             ("levels_rotating", f"elk verzoek een andere gemeente / every request another municipality "
                                 f"({through.get('rotating_municipalities', '?')} in turn)"))
    for key, mode in modes:
        for level in through.get(key, []):
            latency = level.get("latency") or {}
            clients = level["clients"]
            target, ok = ("≥ 200 /s", level["per_second"] >= 200) if clients == 8 else ("–", None)
            t.add("6", f"doorvoer / throughput vraag 2, {clients} gelijktijdig / concurrent; {mode}", level["requests"],
                  f"{level['per_second']:.1f} /s", "", target, ok,
                  f"latentie / latency p50 {_time(latency.get('median'))}, p95 {_time(latency.get('p95'))}; "
                  f"{level['errors']} fouten / errors{_kinds(level)}; {level['seconds']:.0f} s; {through.get('workers')}")
    if not through.get("levels"):
        t.add("6", "doorvoer / throughput", None, "niet gemeten / not measured", target="≥ 200 /s bij / at 8")
    rss = (through.get("rss_after") or {}).get("VmRSS")
    t.add("6", "geheugen van de service met de landelijke store open / service memory with the national store open", 1 if rss else None,
          _mb(rss), "", "≤ 500 MB", None if rss is None else rss <= 500e6,
          f"VmRSS na de doorvoertests / after the throughput tests (na dezelfde vraag / after the same question: "
          f"{_mb((through.get('rss_after_same') or {}).get('VmRSS'))}); piek / peak VmHWM "
          f"{_mb((through.get('rss_after') or {}).get('VmHWM'))}; opstarten / start-up {_time(through.get('startup_seconds'))}" if rss else "")

    children = through.get("rss_children_after")
    if children is not None:
        t.add("6", "geheugen van de SPARQL-werkprocessen samen / memory of the SPARQL worker processes together", 1, _mb(children),
              "", "–", None, "VmRSS van alle processen onder de service (2 werkprocessen en hun forkserver), naast de service zelf / "
              "of every process below the service, beside the service itself")

    # 7. naive rdflib
    naive = report.get("naive") or {}
    r = t.timed("7", f"vraag 2 met rdflib in het geheugen / query 2 with rdflib in memory ({naive.get('municipalities', '?')} gemeenten)",
                naive.get("rdflib"), note=f"zelfde query / same query; {naive.get('triples', 0):,} triples, laden / load "
                f"{_time(naive.get('rdflib_load_seconds'))}" if naive else "")
    o = t.timed("7", "dezelfde query op Oxigraph in het geheugen / the same query on Oxigraph in memory", naive.get("oxigraph"),
                note=("zelfde antwoord / same answer" if naive.get("answers_agree") else "ANTWOORDEN VERSCHILLEN / answers differ") if naive else "")
    if r and o:
        t.add("7", "versnelling / speed-up rdflib → Oxigraph (zelfde query en gegevens / same query and data)", None, f"{r.median / o.median:,.0f} ×")
    for timing, label in ((g, "warm"), (gc, "koud / cold")):
        if r and timing:
            t.add("7", f"versnelling / speed-up rdflib ({naive.get('municipalities')} gem.) → service GraphQL ({count} gem., {label})", None,
                  f"{r.median / timing.median:,.0f} ×")

    # 8. the public SPARQL endpoint against Oxigraph's server (issue 10)
    endpoint = report.get("sparql_endpoint") or {}
    for name, figures in (endpoint.get("queries") or {}).items():
        ours, theirs = timing_from(figures["doelgraaf"]), timing_from(figures["oxigraph"])
        target, ok = ("p50 ≤ 5 ms", ours.median <= 0.005) if name == "ASK {}" else ("–", None)
        t.add("8", f"/sparql: {name}", ours.n, _time(ours.median), _time(ours.p95), target, ok,
              f"`oxigraph serve-read-only` {_time(theirs.median)} (p95 {_time(theirs.p95)}), zelfde store / same store")
        ratio = figures["ratio_median"]
        t.add("8", f"/sparql ÷ Oxigraph-server / server: {name}", ours.n, f"{ratio:.2f} ×",
              "", "≤ 2 ×", ratio <= 2, f"per paar / pair by pair, min {figures['ratio_min']:.2f}, max {figures['ratio_max']:.2f}")
        mine, other = figures["throughput_doelgraaf"], figures["throughput_oxigraph"]
        share = mine["per_second"] / other["per_second"] if other["per_second"] else 0
        t.add("8", f"/sparql doorvoer / throughput, {endpoint.get('clients')} gelijktijdig / concurrent: {name}", mine["requests"],
              f"{mine['per_second']:.0f} /s", "", "≥ 50 % van / of Oxigraph", share >= 0.5,
              f"Oxigraph-server {other['per_second']:.0f} /s ({share:.0%}); fouten / errors {mine['errors']} / {other['errors']}; "
              f"{endpoint.get('seconds'):g} s")
    floor = endpoint.get("floor")
    if floor:
        t.timed("8", "ondergrens: één verzoek door uvicorn en FastAPI, zonder store / floor: one request through uvicorn and "
                     "FastAPI, no store (`/graphql` met / with `{ __typename }`)", floor,
                note="wat elk antwoord van de service hier minstens kost / what every answer of the service costs here at least")
    if not endpoint.get("queries"):
        t.add("8", "/sparql tegenover / against Oxigraph-server", None, "niet gemeten / not measured", target="≤ 2 ×")

    # 9. completeness over all municipalities, 10. import with findings stored
    first = inproc.get("completeness_first")
    if first:
        t.add("9", "GraphQL `completenessComparison`, eerste antwoord na de start / first answer after start", 1, _time(first["seconds"]),
              target="≤ 10 s", ok=first["seconds"] <= 10,
              note=f"{first['municipalities']} gemeenten / municipalities, vijf queries over alle grafen, naast elkaar / five queries over all graphs, side by side")
    t.timed("9", "GraphQL `completenessComparison`, daarna / after that", inproc.get("completeness_warm"), "p50 ≤ 100 ms", 0.1, WARM)
    t.timed("9", "GraphQL `completenessComparison` na een wijziging in één gemeente / after an edit in one municipality",
            inproc.get("completeness_after_edit"), "≤ 1 s", 1.0, "alleen die gemeente wordt opnieuw geteld / only that one is counted again")
    imported = inproc.get("import")
    t.timed("10", "import van één gemeente van landelijke omvang, opgeslagen met de bevindingen / import of one national-size "
                  "municipality, stored with its findings", imported, "≤ 2 s", 2.0,
            (f"`load_documents`, {imported['triples']:,} triples, {imported['findings']} bevinding(en) / finding(s), "
             + ("opgeslagen / stored" if imported["stored"] else "NIET opgeslagen / NOT stored")) if imported else "")

    # 11. the dashboards in a real browser
    for key, where, limit in (("dashboards_demo", "demo", 1.0), ("dashboards", "landelijk / national", 2.0)):
        measured = report.get(key)
        if not measured:
            t.add("11", f"dashboard, {where}", None, "niet gemeten / not measured", target=f"≤ {limit:g} s")
            continue
        for name, figures in measured["views"].items():
            t.timed("11", f"`/app/` {name} ({where}, {measured['code']}): navigatie tot laatste grafiek / navigation to last chart drawn",
                    figures, f"≤ {limit:g} s", limit, f"eerste keer na de start / first load after the start: {_time(figures['first'])}")

    # 12. the same questions on each back-end (bench/backends.py)
    backends = report.get("backends")
    if backends is not None:
        t.rows += backend_rows(backends)

    versions = report.get("versions", {})
    scale = dataset.get("scale", 1.0)
    scaled = "" if scale == 1.0 else f" (collegeprogramma's verkleind / college programmes scaled × {scale:g})"
    lines = [
        "# Benchmarkresultaten / benchmark results (issue 5)",
        "",
        f"Gemeten / measured: {report.get('date')} · {report.get('cores')} cores · {report.get('machine')} · "
        f"Python {versions.get('python')} · pyoxigraph {versions.get('pyoxigraph')} · rdflib {versions.get('rdflib')} · "
        f"pyshacl {versions.get('pyshacl')} · strawberry-graphql {versions.get('strawberry-graphql')} · uvicorn {versions.get('uvicorn')}",
        "",
        f"Opdracht / command: `.venv/bin/{report.get('command')}` (zie / see `bench/README.md`). "
        f"Gegevens / data: {count} gemeenten / municipalities, {triples:,} triples (per gemeente / per municipality "
        f"{dataset.get('graph_triples', {}).get('min', 0):,}–{dataset.get('graph_triples', {}).get('max', 0):,}, mediaan / median "
        f"{dataset.get('graph_triples', {}).get('median', 0):,.0f}), seed {dataset.get('seed')}, "
        f"{dataset.get('bytes', 0) / 1e6:,.0f} MB N-Quads, gegenereerd in / generated in {_time(dataset.get('seconds'))}"
        f"{scaled}"
        f"{' (hergebruikt / reused)' if dataset.get('reused') else ''}; plus CBS Iv3: {', '.join(report.get('cbs_files', []))}."
        if dataset else "Geen gegevens / no data.",
        "",
        f"Elke tijd is de mediaan en p95 (nearest rank) van n herhalingen na {report.get('warmup', 1)} opwarmronde(s) / every time "
        f"is the median and p95 of n repetitions after {report.get('warmup', 1)} warm-up round(s) (laden / loading: in een "
        f"vers proces en een lege map / in a fresh process and an empty directory). Vraag 2 = de contractquery MUNICIPALITY van `tests/test_graphql_contract.py` voor "
        f"{code} ({report.get('code_triples', 0):,} triples, de gemeente van mediane omvang / the municipality of median size).",
        "",
        _source(report),
        "",
        "## Resultaten / results",
        "",
        t.markdown(),
        "",
        *([HEADING_12, "", backend_note(backends, within_run=True), ""] if backends is not None else []),
        "## Omstandigheden / conditions",
        "",
        "Belasting van de machine (1/5/15 min) voor en na elke fase / machine load average before and after each phase: "
        + "; ".join(f"{name} {v['before'][0]} → {v['after'][0]}" for name, v in report.get("load_average", {}).items())
        + (f". Gewacht op rust / waited for quiet: {report['quiet']['waited_seconds']} s." if report.get("quiet") else "."),
        "",
        "- De doorvoerclients (asyncio, HTTP/1.1 keep-alive, `bench/throughput.py`) draaien op dezelfde 2 cores als de service. / "
        "The throughput clients (asyncio, keep-alive HTTP/1.1) run on the "
        "same 2 cores as the service.",
        "- De service draait zoals `make run` haar start: `doelgraaf serve --store DIR --port P`, één uvicorn-proces. / "
        "The service runs as `make run` starts it: one uvicorn process.",
        "- Onder de landelijke schaal worden de CBS-bestanden ingekort tot de gegenereerde gemeenten. / Below national scale "
        "the CBS files are cut down to the generated municipalities.",
    ]
    if report.get("errors"):
        lines += ["", "## Fouten / errors", ""] + [f"- {e}" for e in report["errors"]]
    if report.get("seconds"):
        lines += ["", f"Duur van de hele run / duration of the whole run: {_time(report['seconds'])}."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------
# row 12: per back-end (bench/backends.py); also spliced into RESULTS.md on its own (bench.backends.splice)

HEADING_12 = "## Rij 12, per achterkant / row 12, per back-end"
BACKEND_NAMES = {"embedded": "ingebouwd / embedded", "oxigraph": "Oxigraph-server / server", "virtuoso": "Virtuoso"}
BACKEND_TARGETS = {"warm": 1.5, "write": 3.0}
MODES = {"warm": "warm", "write": "na een schrijfactie / after a write"}
QUESTIONS = {"contract": "vraag 2 via GraphQL / query 2 through GraphQL",
             "benchmark": 'GraphQL `benchmark(taakveld: "6.1", …)`'}


def _load_total(load: dict) -> float:
    return load["bulk_seconds"] + load["install_seconds"] + sum(c["seconds"] for c in load["cbs"]) + load.get("close_seconds", 0)


def backend_rows(b: dict) -> list[str]:
    """The rows of 12: per back-end its load and CBS import, then each question warm and after a write, the
    remote ones as a multiple of the embedded store (target: warm ≤ 1.5 ×, after a write ≤ 3 ×)."""
    t = Table()
    kinds = b.get("backends") or {}
    count, triples = b.get("municipalities"), b.get("triples")
    embedded = kinds.get("embedded") or {}
    reference_load = embedded.get("load")
    for kind, entry in kinds.items():
        name = BACKEND_NAMES.get(kind, kind)
        load = entry.get("load")
        if not load:
            t.add("12", f"laden / load, {name}", None, "niet gemeten / not measured", note="zie fouten / see errors")
            continue
        if kind == "embedded":
            how = "`Store.bulk_load` van de N-Quads, daarna `catalogue.install` / of the N-Quads, then `catalogue.install`"
        else:
            how = ("`Repository.bulk_insert` per gemeente (Graph Store-POST in stukken van 10.000 triples) / per municipality "
                   "(Graph Store POST in chunks of 10,000 triples)" if load.get("mode") == "bulk" else
                   "`replace_graphs` per gemeente, door het journaal / per municipality, through the journal") + \
                  ", daarna / then `catalogue.install`"
        size = entry.get("store_bytes")
        memory = entry.get("server_rss")
        extra = (f"; op schijf / on disk {_mb(size)}" if size else "") + (f"; server VmRSS {_mb(memory)} na het meten / after measuring" if memory else "")
        t.add("12", f"laden / load, {name}: {count or '?'} gemeenten / municipalities"
              + (f" ({triples / 1e6:.2f} M triples)" if triples else ""), 1, _time(load["bulk_seconds"]),
              note=f"{how} ({_time(load['install_seconds'])}){extra}")
        cbs = sum(c["seconds"] for c in load["cbs"])
        ratio = ""
        if reference_load and kind != "embedded":
            ratio = f"; {cbs / sum(c['seconds'] for c in reference_load['cbs']):.1f} × {BACKEND_NAMES['embedded']}"
        t.add("12", f"CBS Iv3-import, {name}: {len(load['cbs'])} bestanden / files "
              f"({sum(c['triples'] for c in load['cbs']) / 1e3:,.0f} k triples)", 1, _time(cbs),
              note="`cbs_iv3.import_file`, achter elkaar / one after another ("
              + ", ".join(_time(c["seconds"]) for c in load["cbs"]) + f"){ratio}; totaal laden / total load {_time(_load_total(load))}")
    reference = embedded.get("measure")
    code = b.get("code", "?")
    for question, title in QUESTIONS.items():
        for mode, label in MODES.items():
            for kind, entry in kinds.items():
                name = BACKEND_NAMES.get(kind, kind)
                what = f"{title}, {label}, {name}" + (f" ({code})" if question == "contract" else f", {(entry.get('measure') or {}).get('benchmark_rows') or count or '?'} gemeenten / municipalities")
                measured = (entry.get("measure") or {}).get(question)
                if not measured:
                    t.add("12", what, None, "niet gemeten / not measured")
                    continue
                figures = measured[mode]
                per_run = ((entry["measure"].get("requests") or {}).get(f"{question} {mode}") or {}).get("per_run", {})
                http = per_run.get("http", {})
                requests = (f", {http['count']:.0f} HTTP-verzoeken per meting / HTTP requests per run ({_time(http['seconds'])})"
                            if kind != "embedded" and http else "")
                note = f"{figures['sparql_queries']} SPARQL-queries{requests}"
                if kind == "embedded" or not reference:
                    t.timed("12", what, figures, note=note + ("; de maat voor de andere / the measure for the others" if kind == "embedded" else ""))
                    continue
                limit = BACKEND_TARGETS[mode]
                ratio = figures["median"] / reference[question][mode]["median"]
                same = entry["measure"].get(f"{question}_same_answer")
                paired = ((b.get("pairs") or {}).get(kind) or {}).get(f"{question} {mode}")
                t.add("12", what, len(figures["samples"]), _time(figures["median"]), _time(figures["p95"]),
                      f"≤ {limit:g} × {BACKEND_NAMES['embedded']}", ratio <= limit,
                      f"**{ratio:.2f} ×** {BACKEND_NAMES['embedded']} ({_time(reference[question][mode]['median'])})"
                      + (f", per paar / pair by pair {paired:.2f} ×" if paired else "") + f"; {note}; "
                      + ("zelfde antwoord / same answer: " + ("ja / yes" if same else "NEE / NO")))
    return t.rows


def _slowest(entry: dict, label: str, reference: dict | None, count: int = 3) -> str:
    """The costliest requests of one measurement on a remote back-end, each beside what the same query took on
    the embedded store (`reference`, its measurement) when it asked it."""
    def top(measured: dict | None) -> list[dict]:
        return (((measured or {}).get("requests") or {}).get(label) or {}).get("top") or []

    measured = entry.get("measure") or {}
    runs = max(1, measured.get("runs", 1))
    embedded = {item["name"]: item for item in top(reference) if item["layer"] == "service"}
    shown = [item for item in top(measured) if item["layer"] == "http"][:count]
    parts = []
    for item in shown:
        text = f"`{item['name']}` {item['count'] / runs:.2g}× {_time(item['median'])} (max {_time(item['max'])})"
        same = embedded.get(item["name"].split(": ", 1)[-1])
        if same:
            text += f", {BACKEND_NAMES['embedded']} {_time(same['median'])}"
        parts.append(text)
    return "; ".join(parts)


def backend_note(b: dict, within_run: bool = False) -> str:
    """What row 12 is, how it was measured, and which requests took the time on each back-end."""
    versions = b.get("versions") or {}
    lines = []
    if not within_run:
        lines.append(f"Gemeten / measured: {b.get('date')} · {b.get('cores')} cores · opdracht / command: "
                     f"`.venv/bin/{b.get('command')}` · {_source(b)}")
        lines.append("")
    lines.append(
        "Zelfde gegevens, zelfde run / same data, same run: elke achterkant krijgt dezelfde gegenereerde gegevens en de "
        "CBS-bestanden, geladen in een eigen proces; daarna worden ze samen gemeten in één vers proces, meting om meting "
        "om de beurt (zo raakt een wisselende belasting van de machine ze gelijk; *per paar*: de mediaan van de "
        "verhoudingen meting voor meting): GraphQL in proces "
        "(`schema().execute`, elk verzoek in `cache.one_moment()` zoals de middleware van de service, dus een externe "
        f"store wordt per verzoek één keer naar zijn revisies gevraagd), {b.get('runs')} metingen na {b.get('warmup')} "
        "opwarmronde(s); *na een schrijfactie*: vóór elke meting, buiten de klok, één schrijfactie in de graaf van de "
        "gemeente (de *koud* van rij 2 en 3), bij een externe store door het journaal. / Each back-end gets the same "
        "generated data and CBS files, loaded in a process of its own; then all are measured in one fresh process, run by "
        "run in turn (a changing machine load touches them alike; *pair by pair*: the median of the run-by-run ratios), "
        "through GraphQL in process, each request inside `cache.one_moment()` as the service's middleware runs it; *after a write*: one "
        "write to the municipality's graph before each run, outside the clock (the *cold* of rows 2 and 3).")
    lines.append("")
    lines.append(
        f"Servers op dezelfde machine, loopback / servers on the same machine, loopback: `oxigraph serve` "
        f"{versions.get('oxigraph', '')} (standaardinstellingen / defaults), Virtuoso {versions.get('virtuoso', '')} "
        f"(`virtuoso-t`, de instellingen van `tests/servers.py`, met / the settings of tests/servers.py, with "
        f"NumberOfBuffers = {b.get('virtuoso_buffers'):,}: {b.get('virtuoso_buffers', 0) * 8192 / 1e6:,.0f} MB, wat "
        "virtuoso.ini aanraadt bij 2 GB vrij geheugen / what virtuoso.ini advises with 2 GB free); pyoxigraph "
        f"{versions.get('pyoxigraph', '')} in proces / in process.")
    load_average = b.get("load_average") or {}
    if load_average:
        lines.append("")
        lines.append("Belasting van de machine (1 min) voor → na elke achterkant / load average before → after each back-end: "
                     + "; ".join(f"{BACKEND_NAMES.get(k, k)} {v['before'][0]} → {v['after'][0]}" for k, v in load_average.items())
                     + "".join(f"; {label}: gewacht op rust / waited for quiet {b[key]['waited_seconds']} s, daarna / then {b[key]['load'][0]}"
                               for key, label in (("quiet", "bij de start / at the start"), ("quiet_before_measuring", "voor het meten / before measuring"))
                               if b.get(key)) + ".")
    slow = []
    reference = ((b.get("backends") or {}).get("embedded") or {}).get("measure")
    for kind, entry in (b.get("backends") or {}).items():
        if kind == "embedded" or not entry.get("measure"):
            continue
        for question, title in QUESTIONS.items():
            for mode, label in MODES.items():
                found = _slowest(entry, f"{question} {mode}", reference)
                if found:
                    slow.append(f"- {BACKEND_NAMES.get(kind, kind)}, {title}, {label}: {found}")
    if slow:
        lines += ["", "Waar de tijd heen gaat: de duurste verzoeken per meting (aantal per meting, mediaan, max), naast dezelfde "
                      "query op de ingebouwde store; daar lopen de queries van één verzoek naast elkaar in threads van hetzelfde "
                      "proces, dus telt de tijd van één query de andere mee / where the time goes: the costliest requests per run "
                      "(count per run, median, max), beside the same query on the embedded store, where a request's queries run "
                      "side by side in threads of one process, so that one query's time includes the others':", "", *slow]
    if b.get("errors"):
        lines += ["", "Fouten / errors:", "", *(f"- {e}" for e in b["errors"])]
    return "\n".join(lines)
