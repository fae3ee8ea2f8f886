// Vergelijk: a taakveld per inhabitant across all municipalities or a peer group, with median and quartiles and
// the chosen municipality highlighted; the same municipality across the years; the completeness comparison.
import { graphql } from "../api.js";
import { chart, COLOURS } from "../charts.js";
import { escapeHtml, money, moneyShort, percent } from "../format.js";
import { t } from "../i18n.js";
import { go } from "../app.js";
import { select, withParams } from "./shared.js";

const SETUP = `query CompareSetup($lang: String!) {
  cbsDatasets { year phase codes }
  municipalities { code name(lang: $lang) }
  completenessComparison { rank municipality { code name(lang: $lang) } completeness { goals score } }
}`;

const TAAKVELDEN = `query Taakvelden($lang: String!, $year: Int) { taakvelden(year: $year) { code label(lang: $lang) } }`;

const BENCHMARK = `query Compare($taakveld: String!, $year: Int!, $phase: Phase!, $direction: Direction!, $peers: PeerGroup, $code: String!, $lang: String!) {
  benchmark(taakveld: $taakveld, year: $year, phase: $phase, direction: $direction, perInhabitant: true, peers: $peers) {
    rank perInhabitant amount municipality { code name(lang: $lang) } }
  benchmarkSummary(taakveld: $taakveld, year: $year, phase: $phase, direction: $direction, perInhabitant: true, peers: $peers) {
    count lowerQuartile median upperQuartile }
  acrossYears(municipality: $code, taakveld: $taakveld, direction: $direction) { year phase amount perInhabitant certainty }
}`;

const GROUPS = ["alle", "provincie", "grootte", "codes"];

function peerGroup(group, code, codes) {
  if (group === "provincie") return { sameProvinceAs: code };
  if (group === "grootte") return { sameSizeClassAs: code };
  if (group === "codes") return { codes: [...new Set([code, ...codes])] };
  return null;
}

function completenessTable(rows) {
  return `<h2 id="volledigheid">${escapeHtml(t("completenessComparison"))}</h2>
    <table aria-labelledby="volledigheid"><thead><tr><th scope="col">${escapeHtml(t("rank"))}</th><th scope="col">${escapeHtml(t("municipality"))}</th>
    <th scope="col">${escapeHtml(t("ownGoals"))}</th><th scope="col">${escapeHtml(t("score"))}</th></tr></thead>
    <tbody>${rows.map((r) => `<tr><td>${r.rank}</td><td><a href="/app/gemeente/${escapeHtml(r.municipality.code)}">${escapeHtml(r.municipality.name)}</a></td>
      <td>${r.completeness.goals}</td><td>${percent(r.completeness.score)}</td></tr>`).join("")}</tbody></table>`;
}

export default async function compare(main, { params }) {
  const setup = await graphql(SETUP);
  const datasets = setup.cbsDatasets;
  if (!datasets.length) {
    main.innerHTML = `<h1>${escapeHtml(t("compareTitle"))}</h1><p class="nodata">${escapeHtml(t("noCbs"))}</p>${completenessTable(setup.completenessComparison)}`;
    return;
  }
  const chosenSet = datasets.find((d) => `${d.year}-${d.phase}` === params.get("dataset")) || datasets[datasets.length - 1];
  const names = new Map(setup.municipalities.map((m) => [m.code, m.name]));
  // without a choice: the furthest municipality with its own data that the CBS figures cover, else the first covered
  const covered = new Set(chosenSet.codes);
  const asked = (params.get("gemeente") || "").toUpperCase();
  const code = names.has(asked) ? asked
    : (setup.completenessComparison.find((r) => covered.has(r.municipality.code)) || {}).municipality?.code || chosenSet.codes[0];
  const group = GROUPS.includes(params.get("groep")) ? params.get("groep") : "alle";
  const codes = (params.get("codes") || "").split(/[ ,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean);
  const direction = params.get("richting") === "REVENUE" ? "REVENUE" : "EXPENSE";
  const taakvelden = (await graphql(TAAKVELDEN, { year: chosenSet.year })).taakvelden;
  const taakveld = taakvelden.some((x) => x.code === params.get("taakveld")) ? params.get("taakveld") : "4";
  const data = await graphql(BENCHMARK, { taakveld, year: chosenSet.year, phase: chosenSet.phase, direction, peers: peerGroup(group, code, codes), code });
  const summary = data.benchmarkSummary;
  const mine = data.benchmark.find((r) => r.municipality.code === code);
  const taakveldName = (taakvelden.find((x) => x.code === taakveld) || {}).label || taakveld;

  main.innerHTML = `
    <h1>${escapeHtml(t("compareTitle"))}</h1>
    <p class="intro">${escapeHtml(t("compareIntro"))}</p>
    <form class="filters" id="keuze" aria-label="Filters">
      <label class="field"><span>${escapeHtml(t("municipality"))}</span>
        <input id="f-gemeente" list="gemeenten" value="${escapeHtml(code)}" autocomplete="off" aria-describedby="f-gemeente-naam">
        <span id="f-gemeente-naam" class="hint">${escapeHtml(names.get(code) || "")}</span></label>
      <datalist id="gemeenten">${setup.municipalities.map((m) => `<option value="${escapeHtml(m.code)}">${escapeHtml(m.name)}</option>`).join("")}</datalist>
      ${select("f-taakveld", t("taakveld"), taakvelden.map((x) => [x.code, `${x.code} ${x.label}`]), taakveld)}
      ${select("f-dataset", "CBS Iv3", datasets.map((d) => [`${d.year}-${d.phase}`, `${d.year} ${t(d.phase)}`]), `${chosenSet.year}-${chosenSet.phase}`)}
      ${select("f-richting", t("direction"), [["EXPENSE", t("EXPENSE")], ["REVENUE", t("REVENUE")]], direction)}
      ${select("f-groep", t("peers"), [["alle", t("peersAll")], ["provincie", t("peersProvince")], ["grootte", t("peersSize")], ["codes", t("peersCodes")]], group)}
      <label class="field"${group === "codes" ? "" : " hidden"}><span>${escapeHtml(t("codes"))}</span><input id="f-codes" value="${escapeHtml(codes.join(", "))}"></label>
      <button type="submit">${escapeHtml(t("show"))}</button>
    </form>
    <h2>${escapeHtml(taakveld)} ${escapeHtml(taakveldName)}, ${escapeHtml(t(direction))} ${escapeHtml(t("perInhabitant"))}, ${chosenSet.year} ${escapeHtml(t(chosenSet.phase))}</h2>
    <p id="spreiding">${escapeHtml(t("spread", { median: money(summary.median) ?? t("noData"), q1: money(summary.lowerQuartile) ?? t("noData"), q3: money(summary.upperQuartile) ?? t("noData"), count: summary.count }))}${
      mine ? ` · <strong>${escapeHtml(names.get(code))}: ${escapeHtml(money(mine.perInhabitant) ?? t("noData"))} (${escapeHtml(t("rank").toLowerCase())} ${mine.rank})</strong>` : ""}</p>
    <div class="chart" id="verdeling"></div>
    <h2>${escapeHtml(t("acrossYears", { name: names.get(code) || code }))}</h2>
    <div class="chart small" id="jaren"></div>
    <table id="door-de-jaren"><thead><tr><th scope="col">${escapeHtml(t("year"))}</th><th scope="col">${escapeHtml(t("phase"))}</th>
      <th scope="col" class="money">${escapeHtml(t("amount"))}</th><th scope="col" class="money">${escapeHtml(t("perInhabitant"))}</th><th scope="col">${escapeHtml(t("certainty"))}</th></tr></thead>
      <tbody>${data.acrossYears.map((y) => `<tr><td>${y.year}</td><td>${escapeHtml(t(y.phase))}</td>
        <td class="money">${escapeHtml(money(y.amount) ?? t("noData"))}</td><td class="money">${escapeHtml(money(y.perInhabitant) ?? t("noData"))}</td>
        <td>${escapeHtml(String(y.certainty).toLowerCase())}</td></tr>`).join("")}</tbody></table>
    ${completenessTable(setup.completenessComparison)}`;

  const form = main.querySelector("#keuze");
  main.querySelector("#f-groep").addEventListener("change", (e) => {
    main.querySelector("#f-codes").closest("label").hidden = e.target.value !== "codes";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = (id) => main.querySelector(id).value;
    go(withParams({ gemeente: value("#f-gemeente").trim().toUpperCase(), taakveld: value("#f-taakveld"), dataset: value("#f-dataset"),
      richting: value("#f-richting"), groep: value("#f-groep"), codes: value("#f-groep") === "codes" ? value("#f-codes") : null }), { replace: true });
  });

  // every municipality of the group, lowest to highest, the chosen one in another colour, quartiles as lines
  const rows = data.benchmark.filter((r) => r.perInhabitant !== null).sort((a, b) => Number(a.perInhabitant) - Number(b.perInhabitant));
  // quartile labels at the start, the median's at the end, so that three close lines keep readable labels
  const line = (value, name, position, type) => (value === null ? [] : [{ yAxis: Number(value), name, lineStyle: { type, color: COLOURS.grey },
    label: { formatter: `${name} ${money(value)}`, position, color: COLOURS.grey } }]);
  const chosenIndex = rows.findIndex((r) => r.municipality.code === code);
  chart(main.querySelector("#verdeling"), {
    tooltip: { trigger: "axis", formatter: (items) => `${escapeHtml(items[0].name)}: ${escapeHtml(money(rows[items[0].dataIndex].perInhabitant))}` },
    grid: { left: 72, right: 24, top: 16, bottom: 24 },
    xAxis: { type: "category", data: rows.map((r) => r.municipality.name), axisLabel: { show: false }, axisTick: { show: false } },
    yAxis: { type: "value", axisLabel: { formatter: moneyShort } },
    series: [{
      type: "bar", barCategoryGap: "10%",
      data: rows.map((r) => ({ value: Number(r.perInhabitant), itemStyle: { color: r.municipality.code === code ? COLOURS.highlight : COLOURS.light } })),
      markLine: { symbol: "none", silent: true, data: [...line(summary.lowerQuartile, t("quartiles"), "insideStartBottom", "dashed"),
        ...line(summary.median, t("median"), "insideEndTop", "solid"), ...line(summary.upperQuartile, t("quartiles"), "insideStartTop", "dashed")] },
      markPoint: chosenIndex < 0 ? undefined : { symbol: "pin", symbolSize: 44, itemStyle: { color: COLOURS.highlight },
        label: { formatter: names.get(code), position: "top", color: COLOURS.highlight, fontWeight: "bold" },
        data: [{ coord: [chosenIndex, Number(rows[chosenIndex].perInhabitant)] }] },
    }],
  }, { label: main.querySelector("#spreiding").textContent });

  chart(main.querySelector("#jaren"), {
    tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined || Number.isNaN(v) ? t("noData") : money(String(v))) },
    grid: { left: 72, right: 24, top: 16, bottom: 28 },
    xAxis: { type: "category", data: data.acrossYears.map((y) => `${y.year} ${t(y.phase)}`) },
    yAxis: { type: "value", axisLabel: { formatter: moneyShort } },
    series: [{ type: "bar", itemStyle: { color: COLOURS.blue }, data: data.acrossYears.map((y) => (y.perInhabitant === null ? null : Number(y.perInhabitant))) }],
  }, { label: t("acrossYears", { name: names.get(code) || code }) });
}
