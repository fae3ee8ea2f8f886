// Voortgang: per indicator the baseline, the observations and the target over the years, on track or not.
import { graphql } from "../api.js";
import { chart, COLOURS } from "../charts.js";
import { escapeHtml, number, percent } from "../format.js";
import { t } from "../i18n.js";
import { pageOf } from "./shared.js";

const QUERY = `query Progress($code: String!, $lang: String!) {
  municipality(code: $code) {
    name(lang: $lang)
    goals(first: 1000) { id label(lang: $lang)
      indicators { id label(lang: $lang) unit
        baseline { value year } target { value year }
        observations { value year }
        progress { status latestYear latestValue fraction expected } } }
  }
}`;

const STATUS_CLASS = { ACHIEVED: "on-track", ON_TRACK: "on-track", BEHIND: "behind", NO_DATA: "nodata" };

function card(goal, indicator, index) {
  const p = indicator.progress;
  const facts = [
    `${t("baseline")}: ${indicator.baseline ? `${number(indicator.baseline.value)} (${indicator.baseline.year ?? "?"})` : t("noData")}`,
    `${t("target")}: ${indicator.target ? `${number(indicator.target.value)} (${indicator.target.year ?? "?"})` : t("noData")}`,
    `${t("observations")}: ${indicator.observations.length}`,
  ];
  const drawable = indicator.observations.length || indicator.baseline || indicator.target;
  return `<article class="indicator-card" aria-labelledby="ind-${index}">
    <h2 id="ind-${index}"><a href="${pageOf(indicator.id)}">${escapeHtml(indicator.label)}</a></h2>
    <p class="facts">${escapeHtml(t("goal"))}: <a href="${pageOf(goal.id)}">${escapeHtml(goal.label)}</a>${indicator.unit ? ` · ${escapeHtml(t("unit"))}: ${escapeHtml(indicator.unit)}` : ""}</p>
    <p><span class="status-text ${STATUS_CLASS[p.status]}">${escapeHtml(t(p.status))}</span>
      ${p.fraction !== null && p.fraction !== undefined ? ` · ${escapeHtml(t("ofTheWay", { share: percent(p.fraction) }))}` : ""}
      ${p.expected !== null && p.expected !== undefined ? ` (${escapeHtml(t("expectedByNow", { share: percent(p.expected) }))})` : ""}
      · ${escapeHtml(facts.join(" · "))}</p>
    ${drawable ? `<div class="chart small" id="grafiek-${index}"></div>` : ""}
  </article>`;
}

function series(indicator) {
  const points = indicator.observations.map((o) => [String(o.year), Number(o.value)]).sort((a, b) => a[0] - b[0]);
  const years = new Set(points.map((p) => p[0]));
  for (const v of [indicator.baseline, indicator.target]) if (v && v.year) years.add(String(v.year));
  const axis = [...years].sort();
  const path = indicator.baseline && indicator.target && indicator.baseline.year && indicator.target.year
    ? [[String(indicator.baseline.year), Number(indicator.baseline.value)], [String(indicator.target.year), Number(indicator.target.value)]] : [];
  return {
    legend: { top: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v) => (v === undefined || v === null ? t("noData") : number(String(v))) },
    grid: { left: 56, right: 16, top: 32, bottom: 28 },
    xAxis: { type: "category", data: axis },
    yAxis: { type: "value", scale: true, axisLabel: { formatter: (v) => number(String(v)) } },
    series: [
      { name: t("observations"), type: "line", data: points, itemStyle: { color: COLOURS.blue }, symbolSize: 8 },
      { name: `${t("baseline")} → ${t("target")}`, type: "line", data: path, lineStyle: { type: "dashed", color: COLOURS.grey }, itemStyle: { color: COLOURS.grey } },
      { name: t("target"), type: "scatter", data: indicator.target && indicator.target.year ? [[String(indicator.target.year), Number(indicator.target.value)]] : [],
        symbol: "diamond", symbolSize: 14, itemStyle: { color: COLOURS.green } },
    ],
  };
}

export default async function progress(main, { code }) {
  const m = (await graphql(QUERY, { code })).municipality;
  const items = m.goals.flatMap((goal) => goal.indicators.map((indicator) => [goal, indicator]));
  main.innerHTML = `<h1>${escapeHtml(t("progressTitle", { name: m.name }))}</h1>
    <p class="intro">${escapeHtml(t("progressIntro"))}</p>
    ${items.length ? `<div class="indicators">${items.map(([goal, indicator], i) => card(goal, indicator, i)).join("")}</div>` : `<p class="nodata">${escapeHtml(t("noIndicators"))}</p>`}`;
  items.forEach(([, indicator], i) => {
    const node = main.querySelector(`#grafiek-${i}`);
    if (node) chart(node, series(indicator), { label: `${indicator.label}: ${t(indicator.progress.status)}` });
  });
}
