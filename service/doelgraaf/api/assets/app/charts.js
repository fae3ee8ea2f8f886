// One way to draw a chart: ECharts (vendored, docs/vendored-assets.md) in SVG, so that labels are text a test
// and a screen reader can read, with ECharts' own aria description, and a table beside it for the figures.
import { language } from "./i18n.js";

const charts = new Set();

function script(src) {
  return new Promise((resolve, reject) => {
    const element = Object.assign(document.createElement("script"), { src, async: false });
    element.onload = resolve;
    element.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(element);
  });
}

// ECharts is a megabyte: it loads beside the view's GraphQL answer instead of before it, and views without a
// chart never wait for it (bench/RESULTS.md, row 11)
const library = script("/assets/vendor/echarts/echarts.min.js").then(() => script("/assets/vendor/echarts/langNL.js"));

let later = [];

function draw(node, option, label) {
  if (!node.isConnected) return null;  // the reader went on to another view meanwhile
  const instance = echarts.init(node, null, { renderer: "svg", locale: language() === "en" ? "EN" : "NL" });
  charts.add(instance);
  const drawn = new Promise((resolve) => instance.on("finished", resolve));
  instance.setOption({ animation: false, aria: { enabled: !label }, textStyle: { fontFamily: "system-ui, sans-serif" }, ...option });
  return drawn;
}

/** Draw `option` in `node`. A chart in or near the window is drawn at once and `node.drawn` resolves when it has
finished; one further down waits for `drawLater`, so that many small charts do not hold up the first screen. */
export function chart(node, option, { label } = {}) {
  node.dataset.chart = "";
  node.setAttribute("role", "img");
  if (label) node.setAttribute("aria-label", label);
  if (node.getBoundingClientRect().top < window.innerHeight * 1.5) {
    node.drawn = library.then(() => draw(node, option, label));
  } else {
    later.push(() => draw(node, option, label));
  }
}

/** Draw the charts further down, one at a time between other work; resolves when all are drawn. */
export async function drawLater() {
  const waiting = later;
  later = [];
  await library;
  for (const job of waiting) {
    await new Promise((resolve) => setTimeout(resolve));
    await job();
  }
}

/** Charts of a view that is left are disposed, so that the next view starts clean. */
export function disposeCharts() {
  for (const instance of charts) instance.dispose();
  charts.clear();
  later = [];
}

window.addEventListener("resize", () => {
  for (const instance of charts) instance.resize();
});

/** Colours with at least 4.5:1 contrast on white (WCAG 2.1 AA), for text and lines alike. */
export const COLOURS = {
  blue: "#0b4f8a",
  green: "#1b6e2e",
  amber: "#8a5300",
  red: "#b3261e",
  grey: "#595959",
  highlight: "#c2410c",
  light: "#9fbfdc",
};
