// What several views share: the municipality's name in headings, links to a thing's own page, selects.
import { escapeHtml } from "../format.js";

const OWN = "https://w3id.org/doelgraaf/";

/** The service's own page of a thing (/id/…), or the IRI itself for things elsewhere. */
export function pageOf(iri) {
  return iri.startsWith(OWN) ? "/" + iri.slice(OWN.length) : iri;
}

/** A labelled <select>; `options` are [value, text]; the empty value means "all". */
export function select(id, label, options, chosen, { all } = {}) {
  const items = (all ? [["", all]] : []).concat(options)
    .map(([value, text]) => `<option value="${escapeHtml(value)}"${String(value) === String(chosen ?? "") ? " selected" : ""}>${escapeHtml(text)}</option>`);
  return `<label class="field"><span>${escapeHtml(label)}</span><select id="${id}">${items.join("")}</select></label>`;
}

/** The URL parameters of the page with `changes` applied (null removes), for filters people can link to. */
export function withParams(changes) {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "" || value === undefined) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url.pathname + url.search;
}

/** The year people mean by "this year" unless the address names one. */
export function chosenYear(params, years) {
  const asked = Number(params.get("jaar"));
  if (asked && years.includes(asked)) return asked;
  const now = new Date().getFullYear();
  return years.includes(now) ? now : years.length ? Math.max(...years) : now;
}

/** The year the address names, else this year: what to ask first, before the data says which years it has. */
export function askedYear(params) {
  return Number(params.get("jaar")) || new Date().getFullYear();
}
