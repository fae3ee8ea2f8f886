// The app shell: addresses to views, the menu, the language switch, and what every view shares (a heading
// that takes focus after navigation, a polite announcement, a marker when the last chart is drawn, which the
// browser tests and bench/ wait for).
import { ApiError } from "./api.js";
import { disposeCharts, drawLater } from "./charts.js";
import { escapeHtml } from "./format.js";
import { language, setLanguage, t, translateShell } from "./i18n.js";
import start from "./views/start.js";
import tree from "./views/tree.js";
import money from "./views/money.js";
import progress from "./views/progress.js";
import compare from "./views/compare.js";
import todo from "./views/todo.js";
import join from "./views/join.js";

// the same addresses as api/webapp.py; `name` is what data-ready says when the view is drawn
const MUNICIPALITY_VIEWS = {
  "": [tree, "doelenboom"], geld: [money, "geld"], voortgang: [progress, "voortgang"], "te-doen": [todo, "te-doen"], meedoen: [join, "meedoen"],
};

function route(pathname) {
  const path = pathname.replace(/^\/app\/?/, "").replace(/\/$/, "");
  if (path === "") return { view: start, name: "start" };
  if (path === "vergelijk") return { view: compare, name: "vergelijk" };
  const match = /^gemeente\/(GM\d{4})(?:\/([a-z-]+))?$/i.exec(path);
  if (match && (match[2] || "") in MUNICIPALITY_VIEWS) {
    const [view, name] = MUNICIPALITY_VIEWS[match[2] || ""];
    return { view, name, code: match[1].toUpperCase() };
  }
  return { view: null, name: "niet-gevonden" };
}

function menu(current) {
  const items = [["/app/", "navStart"], ["/app/vergelijk", "navCompare"]];
  if (current.code) {
    const base = `/app/gemeente/${current.code}`;
    items.push([base, "navTree"], [`${base}/geld`, "navMoney"], [`${base}/voortgang`, "navProgress"],
      [`${base}/te-doen`, "navTodo"], [`${base}/meedoen`, "navJoin"]);
  }
  document.getElementById("nav").innerHTML = items.map(([href, key]) => {
    const here = href === location.pathname.replace(/\/$/, "") || (href === "/app/" && location.pathname === "/app/");
    return `<li><a href="${href}"${here ? ' aria-current="page"' : ""}>${escapeHtml(t(key))}</a></li>`;
  }).join("");
}

let generation = 0;
let shownLater;  // what a view fills in after it can be used (a slow count), awaited before data-complete
let shown = null;  // the address of the view on the page, without its #place

async function render({ focus = false } = {}) {
  const mine = ++generation;
  shown = location.pathname + location.search;
  const main = document.getElementById("inhoud");
  const current = route(location.pathname);
  // a filter that re-renders the view keeps the keyboard where it was
  const focused = !focus && document.activeElement && document.activeElement.id;
  disposeCharts();
  translateShell();
  document.getElementById("language").textContent = t("languageButton");
  document.getElementById("language").lang = language() === "en" ? "nl" : "en";
  menu(current);
  main.setAttribute("aria-busy", "true");
  delete document.documentElement.dataset.ready;
  delete document.documentElement.dataset.complete;
  main.innerHTML = `<p>${escapeHtml(t("loading"))}</p>`;
  shownLater = undefined;
  const context = {
    code: current.code,
    params: new URLSearchParams(location.search),
    stale: () => mine !== generation,
  };
  try {
    if (!current.view) {
      main.innerHTML = `<h1>${escapeHtml(t("notFound"))}</h1><p><a href="/app/">${escapeHtml(t("navStart"))}</a></p>`;
    } else {
      shownLater = (await current.view(main, context) || {}).later;
    }
  } catch (error) {
    if (mine !== generation) return;
    const message = error instanceof ApiError ? error.message : String(error && error.message || error);
    main.innerHTML = `<h1>${escapeHtml(t("error"))}</h1><p class="problem" role="alert">${escapeHtml(message)}</p>`;
  }
  if (mine !== generation) return;
  main.setAttribute("aria-busy", "false");
  const heading = main.querySelector("h1");
  document.title = `${heading ? heading.textContent : "Doelgraaf"} · Doelgraaf`;
  document.getElementById("status").textContent = document.title;
  const outcome = main.querySelector(".outcome[tabindex]");
  if (outcome) outcome.focus();
  else if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
  else if (focus && heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
  await chartsDrawn(main);
  if (mine === generation) {
    document.documentElement.dataset.ready = current.name;
    // when a person can use the view: the last chart drawn (bench/dashboards.py reads it)
    performance.mark("doelgraaf-ready", { detail: current.name });
    await Promise.all([drawLater(), shownLater]);
    if (mine === generation) document.documentElement.dataset.complete = current.name;
  }
}

/** Resolves when every chart on the page has finished its first drawing. */
function chartsDrawn(root) {
  const charts = [...root.querySelectorAll("[data-chart]")].map((node) => node.drawn).filter(Boolean);
  return Promise.all(charts);
}

/** Follow a link inside the app without loading the page again. A new page's heading gets the focus; the same
page read again (a filter, a saved change: `replace`) keeps it where it was. */
export function go(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, "", href);
  else history.pushState(null, "", href);
  render({ focus: !replace });
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[href]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith("/app/") && url.pathname !== "/app") return;
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;  // a place on this page: the skip link
  event.preventDefault();
  go(url.pathname + url.search + url.hash);
});

// going back or forward to another view; a #place on the same view (the skip link) is the browser's own business
window.addEventListener("popstate", () => {
  if (location.pathname + location.search !== shown) render({ focus: true });
});

document.getElementById("language").addEventListener("click", () => {
  setLanguage(language() === "en" ? "nl" : "en");
  render({ focus: false });
});

render();
