// Time charts drawn as SVG: lines for sampled counts, bars for counts per interval. Every point has a tooltip.

import { h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { left: 48, right: 12, top: 10, bottom: 28 };
const MAX_MARKERS = 300;

function svg(tag, attributes, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) element.setAttribute(name, value);
  element.append(...children.flat(Infinity).filter(c => c !== null && c !== undefined));
  return element;
}

/** The smallest 1, 2 or 5 × 10^k at or above `value`, so the axis ends on a round number. */
function roundUp(value) {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map(m => m * power).find(step => step >= value);
}

function timeLabel(date, span) {
  const two = n => String(n).padStart(2, "0");
  const day = `${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  return span > 2 * 86400e3 ? day : span > 86400e3 ? day + " " + time : time;
}

/**
 * A chart of `series` ([{name, color, points: [{t: Date, v: number, until?: Date}]}]) over time; with `bars` each
 * point is a bar from `t` to `until`, the series side by side.
 */
export function timeChart({ id, title, series, bars = false, note }) {
  const points = series.flatMap(s => s.points);
  const legend = h("div", { class: "legend" }, series.map(s =>
    h("span", null, h("i", { style: "background:" + s.color }), s.name)));
  if (!points.length) {
    return h("section", { class: "chart", id }, h("h2", null, title),
      h("p", { class: "muted empty-chart" }, "No samples in this window."));
  }
  let start = Math.min(...points.map(p => p.t));
  let end = Math.max(...points.map(p => (p.until || p.t)));
  if (start === end) { start -= 1800e3; end += 1800e3; }
  const top = roundUp(Math.max(...points.map(p => p.v)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = t => MARGIN.left + ((t - start) / (end - start)) * plotWidth;
  const y = v => MARGIN.top + plotHeight - (v / top) * plotHeight;

  // 2, 20, 200 split in four; 1, 5, 10, 50 in five: whole numbers on the axis.
  const divisions = String(top).startsWith("2") ? 4 : 5;
  const grid = Array.from({ length: divisions + 1 }, (_, i) => i / divisions).map(f => {
    const value = top * f;
    return [svg("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value) }),
      svg("text", { x: MARGIN.left - 6, y: y(value) + 4, "text-anchor": "end" }, String(Math.round(value * 100) / 100))];
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => {
    const t = start + f * (end - start);
    return svg("text", { x: x(t), y: HEIGHT - 8, "text-anchor": f === 0 ? "start" : f === 1 ? "end" : "middle" },
      timeLabel(new Date(t), end - start));
  });
  const tip = (s, p) => svg("title", null, `${s.name}: ${p.v} at ${new Date(p.t).toLocaleString()}`);
  const marks = bars ? barMarks() : series.map(s => [
    svg("polyline", { fill: "none", stroke: s.color, "stroke-width": 2, "data-series": s.name,
      points: s.points.map(p => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ") }),
    s.points.length <= MAX_MARKERS ? s.points.map(p =>
      svg("circle", { cx: x(p.t), cy: y(p.v), r: 3, fill: s.color, "data-series": s.name }, tip(s, p))) : null,
  ]);

  function barMarks() {
    return series.map((s, index) => s.points.map(p => {
      const width = Math.max(1, (x(p.until || p.t) - x(p.t)) / series.length);
      return svg("rect", { x: x(p.t) + index * width, y: y(p.v), width, height: y(0) - y(p.v), fill: s.color,
        "data-series": s.name }, tip(s, p));
    }));
  }

  return h("section", { class: "chart", id }, h("h2", null, title),
    svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": title }, grid, ticks,
      svg("line", { class: "axis", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }), marks),
    legend, note ? h("p", { class: "muted" }, note) : null);
}
