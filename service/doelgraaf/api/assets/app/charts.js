// One way to draw a chart: ECharts (vendored, docs/vendored-assets.md) in SVG, so that labels are text a test
// and a screen reader can read, with ECharts' own aria description, and a table beside it for the figures.
import { language } from "./i18n.js";

const charts = new Set();

/** Draw `option` in `node`; `node.drawn` resolves when the first drawing has finished. */
export function chart(node, option, { label } = {}) {
  node.dataset.chart = "";
  node.setAttribute("role", "img");
  if (label) node.setAttribute("aria-label", label);
  const instance = echarts.init(node, null, { renderer: "svg", locale: language() === "en" ? "EN" : "NL" });
  node.drawn = new Promise((resolve) => instance.on("finished", resolve));
  instance.setOption({ animation: false, aria: { enabled: !label }, textStyle: { fontFamily: "system-ui, sans-serif" }, ...option });
  charts.add(instance);
  return instance;
}

/** Charts of a view that is left are disposed, so that the next view starts clean. */
export function disposeCharts() {
  for (const instance of charts) instance.dispose();
  charts.clear();
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
