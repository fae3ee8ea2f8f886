// Te doen: the findings of the check, blocking first, each with a form that calls the mutations; the gate's
// answer (what the change fixed or added) is shown in the reader's language.
import { ApiError, graphql, setToken, token } from "../api.js";
import { escapeHtml } from "../format.js";
import { t } from "../i18n.js";
import { go } from "../app.js";
import { pageOf } from "./shared.js";

const QUERY = `query Todo($code: String!, $lang: String!) {
  municipality(code: $code) {
    name(lang: $lang)
    todo { focusNode label(lang: $lang) message(lang: $lang) severity blocking path rule }
    portfolioHolders(first: 1000) { id label(lang: $lang) }
    goals(first: 1000) { id label(lang: $lang) }
  }
}`;

const RESULT = "ok id added { message(lang: $lang) } fixed { message(lang: $lang) } violations { message(lang: $lang) }";

const MUTATIONS = {
  updateGoal: `mutation($id: ID!, $input: GoalInput!, $lang: String!) { result: updateGoal(id: $id, input: $input) { ${RESULT} } }`,
  updateIndicator: `mutation($id: ID!, $input: IndicatorInput!, $lang: String!) { result: updateIndicator(id: $id, input: $input) { ${RESULT} } }`,
  updateMeasure: `mutation($id: ID!, $input: MeasureInput!, $lang: String!) { result: updateMeasure(id: $id, input: $input) { ${RESULT} } }`,
  createBudgetLine: `mutation($input: BudgetLineInput!, $lang: String!) { result: createBudgetLine(input: $input) { ${RESULT} } }`,
  createPortfolioHolder: `mutation($input: PortfolioHolderInput!, $lang: String!) { result: createPortfolioHolder(input: $input) { ${RESULT} } }`,
};

// the outcome of the last change, shown above the list after it is read again
let lastOutcome = null;

function field(name, label, { type = "text", required = true, value = "", attrs = "" } = {}) {
  return `<label class="field"><span>${escapeHtml(label)}</span><input name="${name}" type="${type}"${required ? " required" : ""} value="${escapeHtml(value)}" ${attrs}></label>`;
}

function valueFields(prefix, label) {
  return field(`${prefix}Value`, `${label}: ${t("value")}`, { attrs: 'inputmode="decimal"' }) +
    field(`${prefix}Year`, `${label}: ${t("year").toLowerCase()}`, { type: "number", attrs: 'min="1900" max="2100"' });
}

/** The form that fixes a finding, by the rule it broke; null when this page has none for it. */
function formFor(finding, m) {
  const rule = finding.rule.split("#").pop();
  const thisYear = new Date().getFullYear();
  switch (rule) {
    case "Goal-owner":
      return `<label class="field"><span>${escapeHtml(t("chooseOwner"))}</span><select name="owner">
        <option value="">${escapeHtml(t("newOwnerOption"))}</option>
        ${m.portfolioHolders.map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.label)}</option>`).join("")}</select></label>` +
        field("newOwner", t("newOwner"), { required: false });
    case "Goal-indicatorsRequired":
      return field("label", t("newIndicator")) + field("unit", t("unit"), { required: false }) +
        valueFields("baseline", t("baseline")) + valueFields("target", t("target"));
    case "GoalBudgetShape":
      return field("amount", t("budgetAmount"), { attrs: 'inputmode="decimal"' }) +
        field("fiscalYear", t("budgetYear"), { type: "number", value: String(thisYear), attrs: 'min="1900" max="2100"' }) +
        field("taakveld", t("budgetTaakveld"));
    case "Indicator-unit":
      return field("unit", t("unit"));
    case "Indicator-baseline":
      return valueFields("baseline", t("baseline"));
    case "Indicator-target":
      return valueFields("target", t("target"));
    case "Measure-goalsRequired":
      return `<label class="field"><span>${escapeHtml(t("goal"))}</span><select name="goal" required>
        ${m.goals.map((g) => `<option value="${escapeHtml(g.id)}">${escapeHtml(g.label)}</option>`).join("")}</select></label>`;
    default:
      return null;
  }
}

function point(data, prefix) {
  return data.get(`${prefix}Value`) ? { value: data.get(`${prefix}Value`).trim().replace(",", "."), year: Number(data.get(`${prefix}Year`)) } : null;
}

/** The mutation and variables a filled-in form asks for. */
function change(finding, data) {
  const rule = finding.rule.split("#").pop();
  const id = finding.focusNode;
  switch (rule) {
    case "Goal-owner":
      return ["updateGoal", { id, input: { owner: data.get("owner") } }, data.get("owner") ? null : data.get("newOwner").trim()];
    case "Goal-indicatorsRequired":
      return ["updateGoal", { id, input: { indicators: [{ label: data.get("label"), unit: data.get("unit") || null,
        baseline: point(data, "baseline"), target: point(data, "target") }] } }];
    case "GoalBudgetShape":
      return ["createBudgetLine", { input: { label: `${t("budgetAmount")} ${finding.label}`.slice(0, 200), amount: data.get("amount").trim().replace(",", "."),
        fiscalYear: Number(data.get("fiscalYear")), direction: "EXPENSE", phase: "ADOPTED", taakveld: data.get("taakveld").trim(), funds: id } }];
    case "Indicator-unit":
      return ["updateIndicator", { id, input: { unit: data.get("unit") } }];
    case "Indicator-baseline":
      return ["updateIndicator", { id, input: { baseline: point(data, "baseline") } }];
    case "Indicator-target":
      return ["updateIndicator", { id, input: { target: point(data, "target") } }];
    case "Measure-goalsRequired":
      return ["updateMeasure", { id, input: { goals: [data.get("goal")] } }];
    default:
      throw new Error(rule);
  }
}

function outcomeHtml(outcome) {
  if (outcome.error) return `<div class="outcome refused" role="alert">${escapeHtml(t("refused"))} ${escapeHtml(outcome.error)}</div>`;
  const r = outcome.result;
  const list = (items) => items.map((f) => f.message).join(" · ");
  const parts = [r.ok ? t("saved") : t("refused")];
  if (r.fixed.length) parts.push(t("gateFixed", { list: list(r.fixed) }));
  if (r.added.length) parts.push(t("gateAdded", { list: list(r.added) }));
  return `<div class="outcome ${r.ok ? "ok" : "refused"}" role="${r.ok ? "status" : "alert"}">${parts.map(escapeHtml).join("<br>")}</div>`;
}

export default async function todo(main, { code }) {
  const m = (await graphql(QUERY, { code })).municipality;
  const kept = token();
  // one card per thing (a goal, a measure, …), its findings in the order of the list: blocking first
  const things = new Map();
  m.todo.forEach((f, i) => {
    if (!things.has(f.focusNode)) things.set(f.focusNode, { label: f.label, items: [] });
    things.get(f.focusNode).items.push([f, i]);
  });
  const cards = [...things].map(([node, thing]) => `<li class="finding-group">
    <h3><a href="${pageOf(node)}">${escapeHtml(thing.label)}</a></h3>
    <ul>${thing.items.map(([f, i]) => {
      const form = formFor(f, m);
      return `<li class="finding ${f.severity}" id="bevinding-${i}">
        <p><span class="severity">${escapeHtml(t(f.severity))}${f.blocking ? ` · ${escapeHtml(t("blocking"))}` : ""}</span> ·
          <span class="message">${escapeHtml(f.message)}</span></p>
        ${form ? `<details><summary>${escapeHtml(t("fix"))}</summary><form data-finding="${i}">${form}<button type="submit">${escapeHtml(t("save"))}</button></form></details>`
          : `<p class="hint">${escapeHtml(t("editInGraphql", { rule: f.rule.split("#").pop() }))}</p>`}
      </li>`;
    }).join("")}</ul></li>`);

  main.innerHTML = `
    <h1>${escapeHtml(t("todoTitle", { name: m.name }))}</h1>
    <p class="intro">${escapeHtml(t("todoIntro"))}</p>
    <form class="token" id="token-form">
      <label class="field"><span>${escapeHtml(t("token"))}</span>
        <input id="token" type="password" autocomplete="off" aria-describedby="token-hint" value=""></label>
      <span id="token-hint" class="hint">${escapeHtml(kept ? t("tokenKept") : t("tokenHint"))}</span>
      <button type="submit">${escapeHtml(t("tokenSave"))}</button>
      ${kept ? `<button type="button" class="secondary" id="token-forget">${escapeHtml(t("tokenForget"))}</button>` : ""}
    </form>
    <div id="uitkomst">${lastOutcome ? outcomeHtml(lastOutcome) : ""}</div>
    <h2>${escapeHtml(t("findings", { n: m.todo.length, things: things.size }))}</h2>
    ${m.todo.length ? `<ol class="findings">${cards.join("")}</ol>` : `<p>${escapeHtml(t("nothingToDo"))}</p>`}`;
  const shown = lastOutcome;
  lastOutcome = null;
  if (shown) main.querySelector("#uitkomst .outcome").setAttribute("tabindex", "-1");

  main.querySelector("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    setToken(main.querySelector("#token").value);
    go(location.pathname, { replace: true });
  });
  const forget = main.querySelector("#token-forget");
  if (forget) forget.addEventListener("click", () => { setToken(null); go(location.pathname, { replace: true }); });

  for (const form of main.querySelectorAll("form[data-finding]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const finding = m.todo[Number(form.dataset.finding)];
      const place = form.closest("li.finding");
      if (!token()) {
        place.insertAdjacentHTML("beforeend", `<div class="outcome refused" role="alert">${escapeHtml(t("needToken"))}</div>`);
        return;
      }
      const [name, variables, newOwner] = change(finding, new FormData(form));
      try {
        if (newOwner === "") throw new Error(t("newOwnerMissing"));
        if (newOwner) {
          // a goal needs an owner that exists: the portfolio holder first, then the goal points to it
          const created = (await graphql(MUTATIONS.createPortfolioHolder, { input: { label: newOwner } }, { withToken: true })).result;
          if (!created.ok) {
            place.insertAdjacentHTML("beforeend", outcomeHtml({ result: created }));
            return;
          }
          variables.input.owner = created.id;
        }
        const { result } = await graphql(MUTATIONS[name], variables, { withToken: true });
        if (!result.ok) {
          place.insertAdjacentHTML("beforeend", outcomeHtml({ result }));
          return;
        }
        lastOutcome = { result };
        go(location.pathname, { replace: true });
      } catch (error) {
        place.insertAdjacentHTML("beforeend", outcomeHtml({ error: error instanceof ApiError ? error.message : String(error) }));
      }
    });
  }
}
