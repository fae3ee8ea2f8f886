// Meedoen: a partner proposes an initiative on a goal; the municipality's editors accept it (it becomes a
// partner initiative serving that goal) or decline it with a reason. A proposal is not in budget or costs.
import { ApiError, graphql, setToken, token } from "../api.js";
import { escapeHtml } from "../format.js";
import { t } from "../i18n.js";
import { go } from "../app.js";
import { pageOf } from "./shared.js";

const GOALS = `query JoinGoals($code: String!, $lang: String!) {
  municipality(code: $code) { name(lang: $lang) goals(first: 1000) { id label(lang: $lang) } }
}`;

const PROPOSALS = `query Proposals($code: String!, $lang: String!) {
  caller { role municipality }
  proposals(municipality: $code) { id label(lang: $lang) description(lang: $lang) status declineReason
    goal { id label(lang: $lang) } organisation { name } initiative { id } }
}`;

const PROPOSE = `mutation Propose($goal: ID!, $label: String!, $labelEn: String, $description: String, $organisation: String) {
  proposeInitiative(goal: $goal, label: $label, labelEn: $labelEn, description: $description, organisation: $organisation) { id status }
}`;
const ACCEPT = `mutation Accept($proposal: ID!, $lang: String!) {
  acceptProposal(proposal: $proposal) { proposal { id status } result { ok added { message(lang: $lang) } fixed { message(lang: $lang) } } }
}`;
const DECLINE = `mutation Decline($proposal: ID!, $reason: String!) { declineProposal(proposal: $proposal, reason: $reason) { id status } }`;

let notice = null;

function proposalItem(p, index, canDecide) {
  return `<li class="card" id="voorstel-${index}">
    <p><span class="severity">${escapeHtml(t(p.status))}</span> · <strong>${escapeHtml(p.label)}</strong>
      ${p.organisation.name ? escapeHtml(t("proposedBy", { partner: p.organisation.name })) : ""}</p>
    <p class="facts">${escapeHtml(t("goal"))}: ${p.goal ? `<a href="${pageOf(p.goal.id)}">${escapeHtml(p.goal.label)}</a>` : escapeHtml(t("goalGone"))}</p>
    ${p.description ? `<p>${escapeHtml(p.description)}</p>` : ""}
    ${p.declineReason ? `<p class="facts">${escapeHtml(t("reason"))}: ${escapeHtml(p.declineReason)}</p>` : ""}
    ${p.initiative ? `<p class="facts"><a href="${pageOf(p.initiative.id)}">${escapeHtml(t("ACCEPTED"))}</a></p>` : ""}
    ${canDecide && p.status === "PENDING" ? `<div class="decide">
      <button type="button" data-accept="${index}">${escapeHtml(t("accept"))}</button>
      <form data-decline="${index}" class="token"><label class="field"><span>${escapeHtml(t("reason"))}</span>
        <input name="reason" required></label><button type="submit" class="secondary">${escapeHtml(t("decline"))}</button></form>
    </div>` : ""}
  </li>`;
}

export default async function join(main, { code }) {
  const m = (await graphql(GOALS, { code })).municipality;
  let proposals = null;
  let caller = { role: "anonymous" };
  let problem = null;
  if (token()) {
    try {
      const answer = await graphql(PROPOSALS, { code }, { withToken: true });
      [proposals, caller] = [answer.proposals, answer.caller];
    } catch (error) {
      problem = error instanceof ApiError ? error.message : String(error);
    }
  }
  // what the token may do decides what the page offers: a partner proposes, the municipality's editors decide
  const canDecide = caller.role === "admin" || (caller.role === "editor" && caller.municipality === code);
  const canPropose = caller.role === "partner" && caller.municipality === code;

  main.innerHTML = `
    <h1>${escapeHtml(t("joinTitle", { name: m.name }))}</h1>
    <p class="intro">${escapeHtml(t("joinIntro"))}</p>
    <form class="token" id="token-form">
      <label class="field"><span>${escapeHtml(t("token"))}</span><input id="token" type="password" autocomplete="off" aria-describedby="token-hint"></label>
      <span id="token-hint" class="hint">${escapeHtml(token() ? t("tokenKept") : t("partnerToken"))}</span>
      <button type="submit">${escapeHtml(t("tokenSave"))}</button>
    </form>
    <div id="uitkomst">${notice ? `<div class="outcome ok" role="status" tabindex="-1">${escapeHtml(notice)}</div>` : ""}</div>
    ${canPropose ? `<h2>${escapeHtml(t("propose"))}</h2>
    <form id="voorstel" class="card">
      <label class="field"><span>${escapeHtml(t("goal"))}</span><select name="goal" required>
        ${m.goals.map((g) => `<option value="${escapeHtml(g.id)}">${escapeHtml(g.label)}</option>`).join("")}</select></label>
      <label class="field"><span>${escapeHtml(t("initiativeName"))}</span><input name="label" required></label>
      <label class="field"><span>${escapeHtml(t("initiativeNameEn"))}</span><input name="labelEn"></label>
      <label class="field"><span>${escapeHtml(t("initiativeDescription"))}</span><textarea name="description" rows="3"></textarea></label>
      <label class="field"><span>${escapeHtml(t("organisation"))}</span><input name="organisation"></label>
      <p><button type="submit">${escapeHtml(t("send"))}</button></p>
      <div id="voorstel-uitkomst"></div>
    </form>` : `<p class="hint">${escapeHtml(t("proposeNeedsPartner"))}</p>`}
    <h2>${escapeHtml(t("proposals"))}</h2>
    ${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ""}
    ${proposals === null ? `<p class="hint">${escapeHtml(t("proposalsNeedToken"))}</p>`
      : proposals.length ? `<ol class="cards">${proposals.map((p, i) => proposalItem(p, i, canDecide)).join("")}</ol>` : `<p>${escapeHtml(t("noProposals"))}</p>`}`;
  notice = null;

  main.querySelector("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    setToken(main.querySelector("#token").value);
    go(location.pathname, { replace: true });
  });

  const fail = (place, error) => place.insertAdjacentHTML("beforeend",
    `<div class="outcome refused" role="alert">${escapeHtml(t("refused"))} ${escapeHtml(error instanceof ApiError ? error.message : String(error))}</div>`);

  main.querySelector("#voorstel")?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    const place = main.querySelector("#voorstel-uitkomst");
    if (!token()) return fail(place, t("needToken"));
    const optional = (name) => (data.get(name) || "").trim() || null;
    try {
      await graphql(PROPOSE, { goal: data.get("goal"), label: data.get("label").trim(), labelEn: optional("labelEn"),
        description: optional("description"), organisation: optional("organisation") }, { withToken: true });
      notice = t("proposalSent");
      go(location.pathname, { replace: true });
    } catch (error) {
      fail(place, error);
    }
  });

  for (const button of main.querySelectorAll("[data-accept]")) {
    button.addEventListener("click", async () => {
      const proposal = proposals[Number(button.dataset.accept)];
      try {
        const answer = (await graphql(ACCEPT, { proposal: proposal.id }, { withToken: true })).acceptProposal;
        if (!answer.result.ok) return fail(button.parentElement, answer.result.added.map((f) => f.message).join(" · "));
        notice = [`${t("ACCEPTED")}: ${proposal.label}`, ...answer.result.added.map((f) => t("gateAdded", { list: f.message }))].join(" · ");
        go(location.pathname, { replace: true });
      } catch (error) {
        fail(button.parentElement, error);
      }
    });
  }
  for (const form of main.querySelectorAll("[data-decline]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const proposal = proposals[Number(form.dataset.decline)];
      try {
        await graphql(DECLINE, { proposal: proposal.id, reason: new FormData(form).get("reason").trim() }, { withToken: true });
        notice = `${t("DECLINED")}: ${proposal.label}`;
        go(location.pathname, { replace: true });
      } catch (error) {
        fail(form, error);
      }
    });
  }
}
