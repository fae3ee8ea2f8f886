// Figures as people read them. Money arrives from GraphQL as a decimal string and is formatted from that
// string, never through a float, so that what the page shows is the figure the API gave to the cent.
import { language } from "./i18n.js";

function separators() {
  return language() === "en" ? { group: ",", decimal: "." } : { group: ".", decimal: "," };
}

function grouped(digits, group) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** "1234567.00" → "€ 1.234.567" (nl) or "€ 1,234,567" (en); cents only when there are any; null → null. */
export function money(value) {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = text.replace(/^[-+]/, "").split(".");
  const { group, decimal } = separators();
  const cents = fraction.padEnd(2, "0").slice(0, 2);
  const shown = grouped(whole.replace(/^0+(?=\d)/, ""), group) + (/^0*$/.test(fraction) ? "" : decimal + cents);
  return `€ ${negative ? "-" : ""}${shown}`;
}

/** A number given as a decimal string, in the language's notation, with at most `digits` decimals. */
export function number(value, digits = 2) {
  if (value === null || value === undefined) return null;
  const { group, decimal } = separators();
  const text = String(value);
  const negative = text.startsWith("-");
  let [whole, fraction = ""] = text.replace(/^[-+]/, "").split(".");
  fraction = fraction.slice(0, digits).replace(/0+$/, "");
  return (negative ? "-" : "") + grouped(whole, group) + (fraction ? decimal + fraction : "");
}

/** A share between 0 and 1 as a whole percentage: "0.8333" → "83%". */
export function percent(share) {
  if (share === null || share === undefined) return null;
  return `${Math.round(Number(share) * 100)}%`;
}

const SHORT = { nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }) };
const WHOLE = { nl: new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 0 }), en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }) };

/** Money for chart axes: millions and billions short (€ 1,2 mln / € 1.2 m), smaller amounts whole. Display only:
tooltips and tables show the exact figure. */
export function moneyShort(amount) {
  const en = language() === "en";
  const abs = Math.abs(amount);
  const [unit, size] = abs >= 1e9 ? [en ? "bn" : "mld", 1e9] : abs >= 1e6 ? [en ? "m" : "mln", 1e6] : ["", 1];
  const shown = (unit ? SHORT : WHOLE)[en ? "en" : "nl"].format(amount / size);
  return `€ ${shown}${unit ? " " + unit : ""}`;
}

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
