// Doelenboom: opgave → doelen → indicatoren en maatregelen, each goal with its status, owner and cost this
// year; filters by programme, owner and SDG; how far the municipality is at the top.
import { graphql } from "../api.js";
import { escapeHtml, money, number, percent } from "../format.js";
import { t } from "../i18n.js";
import { go } from "../app.js";
import { askedYear, chosenYear, pageOf, select, withParams } from "./shared.js";

const QUERY = `query Tree($code: String!, $lang: String!, $year: Int!) {
  municipality(code: $code) {
    name(lang: $lang)
    budgetYears { year phases }
    completeness { goals goalsWithOwner goalsWithIndicator goalsWithSmartIndicator goalsWithBudget
                   measures measuresServingGoal budgetLinesReachingGoal score }
    programmes { id label(lang: $lang) code }
    challenges { id label(lang: $lang) }
    goals(first: 1000) {
      id label(lang: $lang)
      owner { id label(lang: $lang) }
      programme { id }
      challenges { id }
      sdgs { code label(lang: $lang) }
      cost(year: $year, phase: ADOPTED) { expenses }
      todo { severity blocking message(lang: $lang) }
      indicators { id label(lang: $lang) unit baseline { value year } target { value year } }
      measures { id label(lang: $lang) isPartnerInitiative initiator { label(lang: $lang) } }
    }
  }
}`;

const FRACTIONS = [
  ["goalsWithOwner", "goals"], ["goalsWithIndicator", "goals"], ["goalsWithSmartIndicator", "goals"],
  ["goalsWithBudget", "goals"], ["measuresServingGoal", "measures"],
];

/** green: nothing to do; amber: warnings only; red: a violation (owner, indicator or budget missing, …). */
function status(goal) {
  if (goal.todo.some((f) => f.severity === "VIOLATION")) return ["red", t("statusMissing")];
  if (goal.todo.length) return ["amber", t("statusWarning")];
  return ["green", t("statusComplete")];
}

function completenessBlock(name, completeness) {
  const parts = FRACTIONS.map(([key, of]) => {
    const total = completeness[of];
    const share = total ? completeness[key] / total : 0;
    return `<li><meter min="0" max="1" value="${share}" aria-hidden="true"></meter>
      <span><strong>${completeness[key]}/${total}</strong> ${escapeHtml(t(key))}</span></li>`;
  });
  parts.push(`<li><meter min="0" max="1" value="${completeness.budgetLinesReachingGoal}" aria-hidden="true"></meter>
      <span><strong>${percent(completeness.budgetLinesReachingGoal)}</strong> ${escapeHtml(t("budgetLinesReachingGoal"))}</span></li>`);
  return `<section class="completeness" aria-labelledby="volledigheid">
    <h2 id="volledigheid">${escapeHtml(t("completenessOf", { name }))}</h2>
    <p class="score">${escapeHtml(t("scoreLine", { score: percent(completeness.score) }))}</p>
    <ul>${parts.join("")}</ul></section>`;
}

function value(v) {
  return v ? `${number(v.value)}${v.year ? ` (${v.year})` : ""}` : `<span class="nodata">${escapeHtml(t("noData"))}</span>`;
}

function goalItem(goal, year, index) {
  const [colour, text] = status(goal);
  const tip = `tip-${index}`;
  const messages = goal.todo.length
    ? `<ul>${goal.todo.map((f) => `<li>${escapeHtml(f.message)}</li>`).join("")}</ul>`
    : escapeHtml(t("statusComplete"));
  const cost = goal.cost ? money(goal.cost.expenses) : null;
  const indicators = goal.indicators.map((i) => `<li><a href="${pageOf(i.id)}">${escapeHtml(i.label)}</a>
      <span class="facts">${escapeHtml(t("baseline"))} ${value(i.baseline)} · ${escapeHtml(t("target"))} ${value(i.target)}${i.unit ? ` · ${escapeHtml(i.unit)}` : ""}</span></li>`);
  const measures = goal.measures.map((m) => `<li><a href="${pageOf(m.id)}">${escapeHtml(m.label)}</a>${
    m.isPartnerInitiative ? ` <span class="facts">${escapeHtml(t("initiative", { partner: m.initiator ? m.initiator.label : "?" }))}</span>` : ""}</li>`);
  return `<li class="goal" data-goal="${escapeHtml(goal.id)}">
    <div class="goal-head">
      <button type="button" class="status ${colour}" aria-describedby="${tip}">${escapeHtml(text)}</button>
      <div role="tooltip" id="${tip}" class="tip">${messages}</div>
      <h3><a href="${pageOf(goal.id)}">${escapeHtml(goal.label)}</a></h3>
    </div>
    <p class="facts">${escapeHtml(t("owner"))}: ${goal.owner ? escapeHtml(goal.owner.label) : `<span class="nodata">${escapeHtml(t("noOwner"))}</span>`}
      · ${escapeHtml(t("costThisYear", { year }))}: <span class="amount">${cost ? escapeHtml(cost) : `<span class="nodata">${escapeHtml(t("noBudget"))}</span>`}</span>
      ${goal.sdgs.length ? `· SDG ${goal.sdgs.map((s) => `<abbr title="${escapeHtml(s.label)}">${escapeHtml(s.code)}</abbr>`).join(", ")}` : ""}</p>
    <details>
      <summary>${escapeHtml(t("indicators"))} (${goal.indicators.length}) · ${escapeHtml(t("measures"))} (${goal.measures.length})</summary>
      <div class="parts">
        <div><h4>${escapeHtml(t("indicators"))}</h4>${indicators.length ? `<ul>${indicators.join("")}</ul>` : `<p class="nodata">${escapeHtml(t("none"))}</p>`}</div>
        <div><h4>${escapeHtml(t("measures"))}</h4>${measures.length ? `<ul>${measures.join("")}</ul>` : `<p class="nodata">${escapeHtml(t("none"))}</p>`}</div>
      </div>
    </details>
  </li>`;
}

export default async function tree(main, { code, params }) {
  // one question for the year people expect; asked again only when that year has no adopted budget
  let year = askedYear(params);
  let m = (await graphql(QUERY, { code, year })).municipality;
  const years = m.budgetYears.filter((y) => y.phases.includes("ADOPTED")).map((y) => y.year);
  if (years.length && !years.includes(year)) {
    year = chosenYear(params, years);
    m = (await graphql(QUERY, { code, year })).municipality;
  }
  const chosen = { programme: params.get("programma") || "", owner: params.get("eigenaar") || "", sdg: params.get("sdg") || "" };
  const owners = new Map(m.goals.filter((g) => g.owner).map((g) => [g.owner.id, g.owner.label]));
  const sdgs = new Map(m.goals.flatMap((g) => g.sdgs.map((s) => [s.code, `${s.code} ${s.label}`])));
  const shown = m.goals.filter((g) =>
    (!chosen.programme || (g.programme && g.programme.id === chosen.programme)) &&
    (!chosen.owner || (g.owner && g.owner.id === chosen.owner)) &&
    (!chosen.sdg || g.sdgs.some((s) => s.code === chosen.sdg)));

  const groups = m.challenges.map((c) => [c, shown.filter((g) => g.challenges.some((x) => x.id === c.id))]);
  const loose = shown.filter((g) => !g.challenges.length);
  if (loose.length) groups.push([{ id: "", label: t("withoutChallenge") }, loose]);
  let index = 0;
  const sections = groups.filter(([, goals]) => goals.length).map(([challenge, goals]) => `
    <section class="challenge" aria-label="${escapeHtml(challenge.label)}">
      <h2>${challenge.id ? `<a href="${pageOf(challenge.id)}">${escapeHtml(challenge.label)}</a>` : escapeHtml(challenge.label)}
        <span class="count">${escapeHtml(t("goalCount", { n: goals.length }))}</span></h2>
      <ul class="goals">${goals.map((g) => goalItem(g, year, index++)).join("")}</ul>
    </section>`);

  main.innerHTML = `
    <h1>${escapeHtml(t("treeTitle", { name: m.name }))}</h1>
    <p class="intro">${escapeHtml(t("treeIntro"))}</p>
    ${completenessBlock(m.name, m.completeness)}
    <form class="filters" aria-label="Filters">
      ${select("f-programme", t("filterProgramme"), m.programmes.map((p) => [p.id, p.label]), chosen.programme, { all: t("all") })}
      ${select("f-owner", t("filterOwner"), [...owners].sort((a, b) => a[1].localeCompare(b[1], "nl")), chosen.owner, { all: t("all") })}
      ${select("f-sdg", t("filterSdg"), [...sdgs].sort((a, b) => Number(a[0]) - Number(b[0])), chosen.sdg, { all: t("all") })}
      ${years.length > 1 ? select("f-year", t("year"), years.map((y) => [y, String(y)]), year) : ""}
    </form>
    <p class="hint" role="status">${escapeHtml(t("shownGoals", { n: shown.length, total: m.goals.length }))}</p>
    ${m.goals.length ? sections.join("") : `<p class="nodata">${escapeHtml(t("noGoals"))}</p>`}`;

  const filters = { "f-programme": "programma", "f-owner": "eigenaar", "f-sdg": "sdg", "f-year": "jaar" };
  for (const [id, param] of Object.entries(filters)) {
    const control = main.querySelector(`#${id}`);
    if (control) control.addEventListener("change", () => go(withParams({ [param]: control.value }), { replace: true }));
  }
}
