// Waar gaat het geld heen: a Sankey programme → maatregelen → doelen for a year and phase, and per programme
// begroot / gewijzigd / gerealiseerd side by side, "geen gegevens" where there is none.
import { graphql } from "../api.js";
import { chart, COLOURS } from "../charts.js";
import { escapeHtml, money, moneyShort } from "../format.js";
import { t } from "../i18n.js";
import { go } from "../app.js";
import { askedYear, chosenYear, pageOf, select, withParams } from "./shared.js";

const PHASES = ["ADOPTED", "AMENDED", "REALISED"];

const QUERY = `query Money($code: String!, $lang: String!, $year: Int!, $phase: Phase!) {
  municipality(code: $code) {
    name(lang: $lang)
    budgetYears { year phases }
    programmes { id label(lang: $lang) code
      adopted: cost(year: $year, phase: ADOPTED) { expenses }
      amended: cost(year: $year, phase: AMENDED) { expenses }
      realised: cost(year: $year, phase: REALISED) { expenses } }
    goals(first: 1000) { id label(lang: $lang) }
    measures(first: 1000) { id label(lang: $lang) }
    moneyFlow(year: $year, phase: $phase) { kind source target amount }
  }
}`;

const NO_PROGRAMME = "geen-programma";

/** The flow as ECharts nodes and links; node names are IRIs (unique), shown by their label. */
function sankey(m, flow) {
  const labels = new Map([...m.programmes, ...m.goals, ...m.measures].map((x) => [x.id, x.label]));
  const depth = new Map();
  const links = flow.map((link) => {
    const source = link.source ?? NO_PROGRAMME;
    const target = link.kind === "PROGRAMME_ITSELF" ? `${link.target}#zelf` : link.target;
    depth.set(source, link.kind === "MEASURE_GOAL" ? 1 : 0);
    depth.set(target, link.kind === "PROGRAMME_MEASURE" ? 1 : 2);
    return { source, target, value: Number(link.amount), amount: link.amount };
  });
  labels.set(NO_PROGRAMME, t("none") + " " + t("programme").toLowerCase());
  for (const p of m.programmes) labels.set(`${p.id}#zelf`, `${p.label}: ${t("onProgramme")}`);
  const nodes = [...depth].map(([name, d]) => ({ name, depth: d }));
  return { nodes, links, labels };
}

/** Sum of what leaves each programme: its cost in that year and phase (analysis/money_flow.py). */
function programmeTotals(flow) {
  const totals = new Map();
  for (const link of flow) {
    if (link.kind === "MEASURE_GOAL") continue;
    const key = link.source ?? NO_PROGRAMME;
    totals.set(key, addDecimal(totals.get(key) || "0", link.amount));
  }
  return totals;
}

/** Decimal strings added exactly, in cents (BigInt), never through a float. */
function addDecimal(a, b) {
  const cents = (x) => {
    const [whole, fraction = ""] = String(x).replace("-", "").split(".");
    const value = BigInt(whole || "0") * 100n + BigInt((fraction + "00").slice(0, 2));
    return String(x).startsWith("-") ? -value : value;
  };
  const sum = cents(a) + cents(b);
  const abs = sum < 0n ? -sum : sum;
  return `${sum < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

export default async function moneyView(main, { code, params }) {
  // one question for the year and phase people expect; asked again only when the data has another
  const askedPhase = PHASES.includes(params.get("fase")) ? params.get("fase") : null;
  let year = askedYear(params);
  let phase = askedPhase || "ADOPTED";
  let m = (await graphql(QUERY, { code, year, phase })).municipality;
  const budgetYears = m.budgetYears;
  const available = budgetYears.map((y) => y.year);
  const phasesIn = (y) => (budgetYears.find((b) => b.year === y) || { phases: [] }).phases;
  if (available.length && (!available.includes(year) || (!askedPhase && !phasesIn(year).includes(phase)))) {
    year = chosenYear(params, available);
    phase = askedPhase || phasesIn(year)[0] || "ADOPTED";
    m = (await graphql(QUERY, { code, year, phase })).municipality;
  }
  const phasesOfYear = phasesIn(year);
  m.programmes.sort(byCode);
  const { nodes, links, labels } = sankey(m, m.moneyFlow);
  const totals = programmeTotals(m.moneyFlow);
  const total = [...totals.values()].reduce(addDecimal, "0");
  const figure = (cost, p) => (phasesOfYear.includes(p) && cost ? money(cost.expenses) : null);

  const rows = m.programmes.map((p) => `<tr><th scope="row"><a href="${pageOf(p.id)}">${escapeHtml(p.label)}</a></th>
      ${[["adopted", "ADOPTED"], ["amended", "AMENDED"], ["realised", "REALISED"]].map(([key, ph]) => {
        const shown = figure(p[key], ph);
        return `<td class="money" data-phase="${ph}">${shown ? escapeHtml(shown) : `<span class="nodata">${escapeHtml(t("noData"))}</span>`}</td>`;
      }).join("")}</tr>`);

  const flowRows = [...totals].map(([id, amount]) => `<tr><th scope="row">${escapeHtml(labels.get(id) || id)}</th>
      <td class="money" data-programme="${escapeHtml(id)}">${escapeHtml(money(amount))}</td></tr>`);

  main.innerHTML = `
    <h1>${escapeHtml(t("moneyTitle", { name: m.name }))}</h1>
    <p class="intro">${escapeHtml(t("moneyIntro"))}</p>
    <form class="filters" aria-label="Filters">
      ${select("f-year", t("year"), budgetYears.map((y) => [y.year, String(y.year)]), year)}
      ${select("f-phase", t("phase"), PHASES.map((p) => [p, t(p) + (phasesOfYear.includes(p) ? "" : ` (${t("noData")})`)]), phase)}
    </form>
    <p class="total" id="stroom-totaal">${links.length ? escapeHtml(t("flowTotal", { amount: money(total) })) : escapeHtml(t("flowNone", { year, phase: t(phase) }))}</p>
    ${links.length ? `<div class="chart" id="sankey"></div>` : ""}
    <details><summary>${escapeHtml(t("flowTable"))}</summary>
      <table id="stroom"><thead><tr><th scope="col">${escapeHtml(t("programme"))}</th><th scope="col" class="money">${escapeHtml(t("amount"))}</th></tr></thead>
      <tbody>${flowRows.join("")}</tbody></table></details>
    <h2>${escapeHtml(t("perProgramme"))} ${year}</h2>
    <div class="chart small" id="fasen"></div>
    <table id="per-programma"><thead><tr><th scope="col">${escapeHtml(t("programme"))}</th>
      ${PHASES.map((p) => `<th scope="col" class="money">${escapeHtml(t(p))}</th>`).join("")}</tr></thead>
      <tbody>${rows.join("")}</tbody></table>`;

  for (const [id, param] of [["f-year", "jaar"], ["f-phase", "fase"]]) {
    const control = main.querySelector(`#${id}`);
    control.addEventListener("change", () => go(withParams({ [param]: control.value }), { replace: true }));
  }

  if (links.length) {
    // room for every label in the fullest column, so that small flows keep a readable name
    const fullest = Math.max(...[0, 1, 2].map((d) => nodes.filter((n) => n.depth === d).length));
    main.querySelector("#sankey").style.height = `${Math.max(512, fullest * 19)}px`;
    const programmeLabel = (name) => labels.get(name) || name;
    // a programme is named by its number in the chart, where room is short; the tooltip and the table name it in full
    const codes = new Map(m.programmes.filter((p) => p.code).map((p) => [p.id, `${t("programme")} ${p.code}`]));
    chart(main.querySelector("#sankey"), {
      tooltip: { trigger: "item", formatter: (p) => p.dataType === "edge"
        ? `${escapeHtml(programmeLabel(p.data.source))} → ${escapeHtml(programmeLabel(p.data.target))}: ${escapeHtml(money(p.data.amount))}`
        : `${escapeHtml(programmeLabel(p.name))}: ${escapeHtml(money(totals.get(p.name) || sumInto(links, p.name)))}` },
      series: [{
        type: "sankey", left: 8, right: 260, top: 8, bottom: 8, nodeGap: 6, layoutIterations: 32, emphasis: { focus: "adjacency" },
        data: nodes, links,
        label: { color: COLOURS.grey, fontSize: 11, width: 250, overflow: "truncate",
          formatter: (p) => totals.has(p.name) ? `${codes.get(p.name) || programmeLabel(p.name)}\n${money(totals.get(p.name))}` : programmeLabel(p.name) },
        lineStyle: { color: "gradient", opacity: 0.35 },
        levels: [{ depth: 0, itemStyle: { color: COLOURS.blue } }, { depth: 1, itemStyle: { color: COLOURS.amber } }, { depth: 2, itemStyle: { color: COLOURS.green } }],
      }],
    }, { label: t("flowTotal", { amount: money(total) }) });
  }

  const present = PHASES.filter((p) => phasesOfYear.includes(p));
  chart(main.querySelector("#fasen"), {
    legend: { top: 0, data: present.map((p) => t(p)) },
    tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? t("noData") : money(String(v))) },
    grid: { left: 90, right: 16, top: 36, bottom: 70 },
    xAxis: { type: "category", data: m.programmes.map((p) => p.code ? `${t("programme")} ${p.code}` : p.label), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: "value", axisLabel: { formatter: moneyShort } },
    series: present.map((p, index) => ({
      name: t(p), type: "bar",
      itemStyle: { color: [COLOURS.blue, COLOURS.amber, COLOURS.green][PHASES.indexOf(p)] },
      data: m.programmes.map((programme) => Number(programme[["adopted", "amended", "realised"][PHASES.indexOf(p)]]?.expenses ?? NaN)),
      z: index,
    })),
  }, { label: t("perProgramme") });
}

const CODES = new Intl.Collator("nl", { numeric: true });

/** Programme 2 before programme 10: codes are text, compared as numbers where they are numbers. */
function byCode(a, b) {
  return CODES.compare(String(a.code ?? a.label), String(b.code ?? b.label));
}

function sumInto(links, name) {
  return links.filter((l) => l.target === name).map((l) => l.amount).reduce(addDecimal, "0");
}
