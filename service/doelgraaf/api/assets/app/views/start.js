// Start: find a municipality by name or code, see what data it has, go to its pages.
import { graphql } from "../api.js";
import { escapeHtml, percent } from "../format.js";
import { t } from "../i18n.js";

const QUERY = `query Start($lang: String!) {
  municipalities { code name(lang: $lang) }
  cbsDatasets { year phase codes }
}`;

// counting how far every municipality is can take seconds after a start: the list is usable before it arrives
const HOW_FAR = `query StartCompleteness { completenessComparison { municipality { code } completeness { goals score } } }`;

const SHOWN = 25;

export default async function start(main) {
  const howFar = graphql(HOW_FAR);
  const data = await graphql(QUERY);
  let own = new Map();
  const datasets = data.cbsDatasets.map((d) => ({ name: `${d.year} ${t(d.phase)}`, codes: new Set(d.codes) }));
  const everyone = data.municipalities;

  main.innerHTML = `
    <h1>${escapeHtml(t("startTitle"))}</h1>
    <p class="intro">${escapeHtml(t("startIntro"))}</p>
    <form class="search" role="search" onsubmit="return false">
      <label for="zoek">${escapeHtml(t("search"))}</label>
      <input id="zoek" type="search" autocomplete="off" aria-describedby="zoek-hint">
      <span id="zoek-hint" class="hint">${escapeHtml(t("searchHint"))}</span>
    </form>
    <p id="gevonden" class="hint" aria-live="polite"></p>
    <table class="list" aria-describedby="gevonden">
      <thead><tr><th scope="col">${escapeHtml(t("code"))}</th><th scope="col">${escapeHtml(t("name"))}</th>
      <th scope="col">${escapeHtml(t("ownGoals"))}</th><th scope="col">${escapeHtml(t("score"))}</th>
      <th scope="col">${escapeHtml(t("cbsFigures"))}</th></tr></thead>
      <tbody id="gemeenten"></tbody>
    </table>
    <p><button type="button" id="meer" class="secondary" hidden></button></p>`;

  const input = main.querySelector("#zoek");
  const body = main.querySelector("#gemeenten");
  const more = main.querySelector("#meer");
  let all = false;
  let counted = false;

  function row(m) {
    const completeness = own.get(m.code);
    return `<tr><td>${escapeHtml(m.code)}</td>
      <td><a href="/app/gemeente/${escapeHtml(m.code)}">${escapeHtml(m.name)}</a></td>
      <td>${completeness ? completeness.goals : counted ? `<span class="nodata">${escapeHtml(t("none"))}</span>` : "…"}</td>
      <td>${completeness ? percent(completeness.score) : ""}</td>
      <td>${escapeHtml(datasets.filter((d) => d.codes.has(m.code)).map((d) => d.name).join(", ")) || `<span class="nodata">${escapeHtml(t("none"))}</span>`}</td></tr>`;
  }

  function show() {
    const asked = input.value.trim().toLowerCase();
    // municipalities with their own data first: they are what most visitors come for
    const matching = everyone
      .filter((m) => !asked || m.code.toLowerCase().includes(asked) || m.name.toLowerCase().includes(asked))
      .sort((a, b) => (own.has(b.code) - own.has(a.code)) || a.name.localeCompare(b.name, "nl"));
    const shown = all || asked ? matching : matching.slice(0, SHOWN);
    body.innerHTML = shown.map(row).join("");
    main.querySelector("#gevonden").textContent = t("found", { n: matching.length });
    more.hidden = shown.length >= matching.length;
    more.textContent = t("showMore", { n: matching.length });
  }

  input.addEventListener("input", show);
  more.addEventListener("click", () => { all = true; show(); });
  show();
  return {
    later: howFar.then((answer) => {
      own = new Map(answer.completenessComparison.map((row) => [row.municipality.code, row.completeness]));
      counted = true;
      show();
    }).catch((error) => {
      main.querySelector("#gevonden").textContent += ` · ${error.message}`;
    }),
  };
}
